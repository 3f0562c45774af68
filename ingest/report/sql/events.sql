-- The events (clusters) the page shows: v_events_all, narrowed by the report's filters.
-- With $asserted_only it is exactly v_events (v_events = v_events_all WHERE modality = 'asserted'),
-- so the page and a user's SQL on the views agree. The other queries read this result, which the
-- library registers as `report_events`. quad is PLOVER's quad class of the type.
SELECT cluster_id, event_date, date_precision, event_type, mode, modality,
       CASE
         WHEN event_type IN ('AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE') THEN 'verbal cooperation'
         WHEN event_type IN ('COOPERATE', 'AID', 'RETREAT') THEN 'material cooperation'
         WHEN event_type IN ('REQUEST', 'ACCUSE', 'REJECT', 'THREATEN') THEN 'verbal conflict'
         ELSE 'material conflict'
       END AS quad,
       actor_name, actor_country, target_name, target_country,
       location_name, admin1, country, latitude, longitude,
       killed, injured, amount_usd, personnel, evidence,
       num_mentions, num_articles, num_sources,
       first_source_url, first_title, first_published_at
FROM v_events_all
WHERE (NOT $asserted_only OR modality = 'asserted')
  AND ($since::DATE IS NULL OR event_date >= $since::DATE)
  AND ($until::DATE IS NULL OR event_date <= $until::DATE)
  AND (len($types::VARCHAR[]) = 0 OR list_contains($types::VARCHAR[], event_type))
  AND (len($countries::VARCHAR[]) = 0 OR list_contains($countries::VARCHAR[], country))
