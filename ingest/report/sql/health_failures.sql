-- What failed after fetching in one run (failures: extract, events, load), by stage and class,
-- with one example URL and message.
SELECT stage, error, count(*) AS n, min(url) AS example_url, any_value(error_message) AS example_message
FROM failures
WHERE run_id = $run_id
GROUP BY stage, error
ORDER BY n DESC, stage, error
