-- The events the page lists in full: the most widely reported first, at most $top.
SELECT cluster_id, event_type, quad, mode, modality, actor_name, actor_country, target_name, target_country,
       location_name, admin1, country, latitude, longitude,
       strftime(event_date, '%Y-%m-%d') AS event_date, date_precision,
       num_mentions, num_articles, num_sources, killed, injured, amount_usd, personnel,
       first_title, first_source_url
FROM report_events
ORDER BY num_sources DESC, num_mentions DESC, coalesce(killed, 0) DESC, event_date DESC NULLS LAST, cluster_id
LIMIT $top
