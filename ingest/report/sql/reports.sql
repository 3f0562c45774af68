-- The articles that report each listed event (registered as `report_top`): those whose sentences
-- were coded, and their syndicated copies (articles.duplicate_of), which are not coded again but
-- count in num_articles and num_sources. Earliest first, at most $per_cluster per event.
WITH coded AS (
    SELECT DISTINCT cluster_id, article_id FROM events
    WHERE cluster_id IN (SELECT cluster_id FROM report_top)
), reporting AS (
    SELECT c.cluster_id, a.url, a.domain, a.published_at, a.duplicate_of IS NOT NULL AS copy
    FROM coded c
    JOIN articles a ON a.article_id = c.article_id OR a.duplicate_of = c.article_id
), ranked AS (
    SELECT DISTINCT ON (cluster_id, url) * FROM reporting ORDER BY cluster_id, url, copy
)
SELECT cluster_id, url, domain, copy, strftime(published_at, '%Y-%m-%d') AS published
FROM ranked
QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY published_at NULLS LAST, copy, url) <= $per_cluster
ORDER BY cluster_id, published_at NULLS LAST, copy, url
