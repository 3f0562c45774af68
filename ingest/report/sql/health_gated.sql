-- Articles of one run whose events the article gate kept out, by reason (articles.events_gate).
SELECT events_gate AS reason, count(*) AS articles, min(title) AS example_title
FROM articles
WHERE run_id = $run_id AND events_gate IS NOT NULL
GROUP BY events_gate
ORDER BY articles DESC, reason
