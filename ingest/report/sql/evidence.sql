-- The sentences behind each listed event (registered as `report_top`), one row per distinct
-- sentence with the earliest article that states it, at most $per_cluster per event;
-- `sentences` is how many distinct ones there are in all.
WITH mentions AS (
    SELECT e.cluster_id, e.evidence, a.url, a.title, a.domain, a.published_at,
           row_number() OVER (PARTITION BY e.cluster_id, e.evidence
                              ORDER BY a.published_at NULLS LAST, a.url) AS copy
    FROM events e
    JOIN articles a USING (article_id)
    WHERE e.cluster_id IN (SELECT cluster_id FROM report_top) AND e.evidence IS NOT NULL
), sentences AS (
    SELECT *, row_number() OVER (PARTITION BY cluster_id ORDER BY published_at NULLS LAST, url, evidence) AS n,
           count(*) OVER (PARTITION BY cluster_id) AS sentences
    FROM mentions WHERE copy = 1
)
SELECT cluster_id, evidence, url, title, domain, strftime(published_at, '%Y-%m-%d') AS published, sentences
FROM sentences
WHERE n <= $per_cluster
ORDER BY cluster_id, n
