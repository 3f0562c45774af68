-- One mark per located event, the most reported first, at most $cap of them (the page says
-- when the cap cut some). Short keys: the page embeds one object per mark.
SELECT cluster_id AS id, round(latitude, 4) AS lat, round(longitude, 4) AS lon,
       event_type AS t, quad AS q, country AS c, strftime(event_date, '%Y-%m-%d') AS d,
       num_mentions AS m, num_sources AS s, location_name AS p, killed AS k, injured AS i
FROM report_events
WHERE latitude IS NOT NULL AND longitude IS NOT NULL
ORDER BY num_mentions DESC, num_sources DESC, cluster_id
LIMIT $cap
