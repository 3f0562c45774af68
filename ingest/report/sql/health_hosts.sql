-- Per host, for one run: URLs requested, how many ended well or failed (by their last attempt),
-- all requests including retries, and the error classes seen.
WITH attempts AS (
    SELECT regexp_extract(url, '^[a-z]+://([^/?#]+)', 1) AS host, url, error, status_code,
           row_number() OVER (PARTITION BY url ORDER BY attempt DESC NULLS LAST, fetched_at DESC) AS latest
    FROM fetches
    WHERE run_id = $run_id
)
SELECT host,
       count(DISTINCT url) AS urls,
       count(*) FILTER (WHERE latest = 1 AND error IS NULL) AS ok,
       count(*) FILTER (WHERE latest = 1 AND error IS NOT NULL) AS failed,
       count(*) AS requests,
       string_agg(DISTINCT error, ', ' ORDER BY error) AS errors
FROM attempts
GROUP BY host
ORDER BY failed DESC, urls DESC, host
