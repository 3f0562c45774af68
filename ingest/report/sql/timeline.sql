-- Events per day, type and country: v_daily_counts' rule (only events dated to the day, or by
-- their report's publication), over the filtered events. Casualties where stated.
SELECT strftime(event_date, '%Y-%m-%d') AS d, event_type AS t, country AS c,
       count(*) AS n,
       count(*) FILTER (WHERE date_precision = 'unknown') AS u,
       sum(num_mentions) AS m,
       sum(killed) AS k,
       sum(injured) AS i
FROM report_events
WHERE event_date IS NOT NULL AND date_precision IN ('day', 'unknown')
GROUP BY ALL
ORDER BY d, t, c
