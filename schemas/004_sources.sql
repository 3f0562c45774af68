-- 004: what each feed / sitemap said last time, for conditional GET (If-None-Match /
-- If-Modified-Since). One row per source URL, updated every run that asks it.
-- Validators are only *used* when the run that stored them completed (see
-- ingest.load.source_states), so a crashed run never hides a feed's items behind a 304.

CREATE TABLE sources (
    url           VARCHAR PRIMARY KEY,       -- feed / sitemap URL, or a robots.txt read for Sitemap: lines
    kind          VARCHAR NOT NULL,          -- feed | sitemap | robots
    parent        VARCHAR,                   -- the sitemap index or robots.txt that listed it
    etag          VARCHAR,                   -- the server's ETag, verbatim
    last_modified VARCHAR,                   -- the server's Last-Modified, verbatim
    last_status   INTEGER,                   -- 200, 304, 404, …; NULL when no response came
    last_error    VARCHAR,                   -- error class of the last attempt, NULL when it worked
    items         INTEGER,                   -- candidates (or child sitemaps) when last read
    checked_at    TIMESTAMPTZ,               -- last asked
    changed_at    TIMESTAMPTZ,               -- last answered with a body (not 304)
    run_id        VARCHAR                    -- the run that last asked
);
