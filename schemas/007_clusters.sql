-- 007: event clusters. One row per real-world event: the mentions of it (events rows) across
-- sentences, articles, outlets and runs, grouped by ingest/cluster.py, with the best-supported
-- fields and how widely it was reported. events.cluster_id points here.
-- Syndicated copies (articles.duplicate_of) are not coded again: each copy counts once more
-- for every mention of its original, in num_mentions, num_articles and num_sources.

CREATE TABLE event_clusters (
    cluster_id      VARCHAR PRIMARY KEY,     -- sha1 of the founding mention's event_id, stable
    event_type      VARCHAR NOT NULL,        -- PLOVER type most mentions agree on
    mode            VARCHAR,
    actor_name      VARCHAR,
    actor_country   VARCHAR,                 -- ISO 3166 alpha-3
    actor_sector    VARCHAR,
    target_name     VARCHAR,
    target_country  VARCHAR,
    target_sector   VARCHAR,
    location_name   VARCHAR,                 -- the most specific place named
    admin1          VARCHAR,
    country         VARCHAR,                 -- ISO 3166 alpha-3
    latitude        DOUBLE,
    longitude       DOUBLE,
    geonames_id     BIGINT,
    event_date      DATE,                    -- median date of the most precisely dated mentions
    date_precision  VARCHAR,                 -- day | week | month | year | unknown (dated by publication)
    date_start      DATE,                    -- the span event_date stands for at that precision
    date_end        DATE,
    killed          INTEGER,                 -- the most-cited figure, else the median
    killed_min      INTEGER,
    killed_max      INTEGER,
    injured         INTEGER,
    injured_min     INTEGER,
    injured_max     INTEGER,
    amount_usd      DOUBLE,
    amount_usd_min  DOUBLE,
    amount_usd_max  DOUBLE,
    personnel       INTEGER,
    personnel_min   INTEGER,
    personnel_max   INTEGER,
    cameo_code      VARCHAR,
    acled_event_type VARCHAR,
    evidence        VARCHAR,                 -- the most confident sentence stating it
    confidence      DOUBLE,                  -- the highest mention confidence
    num_events      INTEGER NOT NULL,        -- rows in events (extracted mentions)
    num_mentions    INTEGER NOT NULL,        -- num_events plus one per mention per syndicated copy
    num_articles    INTEGER NOT NULL,        -- distinct articles, copies included
    num_sources     INTEGER NOT NULL,        -- distinct domains, copies included
    first_article_id VARCHAR,                -- the earliest published article reporting it
    first_source_url VARCHAR,
    first_published_at TIMESTAMPTZ,
    first_seen_at   TIMESTAMPTZ,             -- when eventwire first loaded an article reporting it
    last_seen_at    TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- one row per real-world event with its best fields, the first article's title, and its reach
CREATE VIEW v_events AS
SELECT c.cluster_id, c.event_date, c.date_precision, c.event_type, c.mode,
       c.actor_name, c.actor_country, c.actor_sector, c.target_name, c.target_country, c.target_sector,
       c.location_name, c.admin1, c.country, c.latitude, c.longitude, c.geonames_id,
       c.killed, c.killed_min, c.killed_max, c.injured, c.injured_min, c.injured_max,
       c.amount_usd, c.amount_usd_min, c.amount_usd_max, c.personnel, c.personnel_min, c.personnel_max,
       c.cameo_code, c.acled_event_type, c.evidence, c.confidence,
       c.num_mentions, c.num_articles, c.num_sources,
       c.first_seen_at, c.first_source_url, a.title AS first_title, c.first_published_at, c.last_seen_at
FROM event_clusters c
LEFT JOIN articles a ON a.article_id = c.first_article_id
WHERE c.num_events > 0;

-- events per day, country, admin1 and type. Only events dated to the day or by their report's
-- publication date (dated_by_publication counts the latter), since week, month and year dates
-- cannot be put on one day.
CREATE VIEW v_daily_counts AS
SELECT event_date AS day, country, admin1, event_type,
       count(*) AS events,
       count(*) FILTER (WHERE date_precision = 'unknown') AS dated_by_publication,
       sum(num_mentions) AS mentions,
       sum(num_articles) AS articles,
       sum(killed) AS killed,
       sum(injured) AS injured
FROM event_clusters
WHERE num_events > 0 AND event_date IS NOT NULL AND date_precision IN ('day', 'unknown')
GROUP BY ALL;
