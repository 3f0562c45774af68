-- The most recent runs with their stage counts (or the one run $run_id names).
SELECT run_id, flow, status, started_at, finished_at, candidates, skipped_known, fetched, fetch_errors,
       extracted, extract_errors, duplicates, articles_new, events_new, error
FROM runs
WHERE $run_id::VARCHAR IS NULL OR run_id = $run_id::VARCHAR
ORDER BY started_at DESC
LIMIT $limit
