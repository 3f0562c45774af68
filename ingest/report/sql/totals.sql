-- Headline counts of the filtered events, and how many of them the map and timeline can show.
SELECT count(*) AS events,
       count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL) AS located,
       count(*) FILTER (WHERE event_date IS NOT NULL AND date_precision IN ('day', 'unknown')) AS on_timeline,
       count(*) FILTER (WHERE date_precision = 'unknown') AS dated_by_publication,
       coalesce(sum(num_mentions), 0) AS mentions,
       coalesce(sum(killed), 0) AS killed,
       coalesce(sum(injured), 0) AS injured,
       strftime(min(event_date), '%Y-%m-%d') AS first_day,
       strftime(max(event_date), '%Y-%m-%d') AS last_day
FROM report_events
