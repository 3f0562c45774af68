-- 008: how many feeds/sitemaps answered 304 Not Modified in a run (conditional GET).
ALTER TABLE runs ADD COLUMN sources_unchanged INTEGER DEFAULT 0
