-- 001: the core tables. Applied once, in one transaction with its schema_migrations row.

CREATE TABLE runs (
    run_id        VARCHAR PRIMARY KEY,
    flow          VARCHAR NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR NOT NULL,          -- running | completed | failed
    candidates    INTEGER DEFAULT 0,         -- URLs discovered
    skipped_known INTEGER DEFAULT 0,         -- already loaded, not fetched again
    fetched       INTEGER DEFAULT 0,         -- requests that returned a body
    fetch_errors  INTEGER DEFAULT 0,
    extracted     INTEGER DEFAULT 0,
    extract_errors INTEGER DEFAULT 0,
    duplicates    INTEGER DEFAULT 0,         -- new rows that are copies of another story
    articles_new  INTEGER DEFAULT 0,
    events_new    INTEGER DEFAULT 0,
    error         VARCHAR,                   -- why a failed run failed
    parameters    JSON
);

CREATE TABLE fetches (
    run_id        VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    final_url     VARCHAR,
    status_code   INTEGER,
    content_type  VARCHAR,
    bytes         BIGINT,
    elapsed_ms    DOUBLE,
    attempt       INTEGER,
    error         VARCHAR,                   -- error class, e.g. ConnectFailed, HTTPStatusError
    error_message VARCHAR,
    fetched_at    TIMESTAMPTZ NOT NULL,
    source        VARCHAR                    -- the feed / sitemap / list the URL came from
);

-- what failed after fetching (extraction, events), so a run keeps a record of every loss
CREATE TABLE failures (
    run_id        VARCHAR NOT NULL,
    stage         VARCHAR NOT NULL,          -- extract | events | load
    url           VARCHAR,
    error         VARCHAR NOT NULL,          -- error class
    error_message VARCHAR,
    failed_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE articles (
    article_id    VARCHAR PRIMARY KEY,       -- sha1(canonical_url)[:16]
    url           VARCHAR NOT NULL,
    canonical_url VARCHAR NOT NULL,
    domain        VARCHAR,
    title         VARCHAR,
    author        VARCHAR,
    published_at  TIMESTAMPTZ,
    date_method   VARCHAR,                   -- page | feed | NULL
    language      VARCHAR,
    description   VARCHAR,
    site_name     VARCHAR,
    text          VARCHAR NOT NULL,
    text_hash     VARCHAR NOT NULL,
    word_count    INTEGER NOT NULL,
    duplicate_of  VARCHAR,                   -- article_id of the first-seen copy, or NULL
    first_seen_at TIMESTAMPTZ NOT NULL,
    run_id        VARCHAR NOT NULL,
    extractor_version VARCHAR
);
CREATE INDEX articles_text_hash ON articles (text_hash);
CREATE INDEX articles_published ON articles (published_at);

CREATE TABLE events (
    event_id       VARCHAR PRIMARY KEY,      -- sha1(article_id, sentence, type, trigger)[:16]
    article_id     VARCHAR NOT NULL,
    event_type     VARCHAR NOT NULL,         -- one of the 16 PLOVER types
    mode           VARCHAR,
    actor_name     VARCHAR,
    actor_country  VARCHAR,                  -- ISO 3166 alpha-3
    actor_sector   VARCHAR,
    target_name    VARCHAR,
    target_country VARCHAR,
    target_sector  VARCHAR,
    location_name  VARCHAR,
    admin1         VARCHAR,
    country        VARCHAR,                  -- ISO 3166 alpha-3
    latitude       DOUBLE,
    longitude      DOUBLE,
    geonames_id    BIGINT,
    event_date     DATE,
    date_precision VARCHAR,                  -- day | week | month | year | unknown
    killed         INTEGER,
    injured        INTEGER,
    amount_usd     DOUBLE,
    personnel      INTEGER,
    evidence       VARCHAR NOT NULL,
    confidence     DOUBLE,
    cameo_code     VARCHAR,
    acled_event_type VARCHAR,
    trigger        VARCHAR,
    sentence_index INTEGER,
    cluster_id     VARCHAR,
    extractor_version VARCHAR,
    run_id         VARCHAR
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_type_date ON events (event_type, event_date);
