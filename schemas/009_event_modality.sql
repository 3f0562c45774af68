-- 009: what the event coder knew and used to throw away (issue 13).
-- events.modality says whether the text asserts the act happened or reports a plan, a claim or
-- a denial: asserted | future | claimed | denied. Hypothetical, conditional, negated and
-- questioned acts are not coded at all. intended_type is the type a future act would have
-- (a pledge to send aid is coded AGREE with intended_type AID, PLOVER's rule); date_end closes
-- a date span ("between 3 and 5 June"); currency is the ISO 4217 code of an amount stated in
-- another currency (amount_usd stays NULL then); geo_precision says what the place is:
-- city | admin1 | country (NULL with no place).
ALTER TABLE events ADD COLUMN modality VARCHAR DEFAULT 'asserted';
ALTER TABLE events ADD COLUMN intended_type VARCHAR;
ALTER TABLE events ADD COLUMN date_end DATE;
ALTER TABLE events ADD COLUMN currency VARCHAR;
ALTER TABLE events ADD COLUMN amount DOUBLE;
ALTER TABLE events ADD COLUMN geo_precision VARCHAR;

-- the page's own section (article:section, JSON-LD articleSection, breadcrumbs, URL path) and,
-- when the article gate kept its events out, why ("section: sport", "topic: lifestyle", ...)
ALTER TABLE articles ADD COLUMN section VARCHAR;
ALTER TABLE articles ADD COLUMN events_gate VARCHAR;

-- a cluster's modality: the mentions of one cluster share it (a pledge and the act it promises
-- are different events)
ALTER TABLE event_clusters ADD COLUMN modality VARCHAR DEFAULT 'asserted';

-- v_events: what happened (asserted), as users expect from a table of events;
-- v_events_all: every modality, with the column to filter on.
CREATE OR REPLACE VIEW v_events_all AS
SELECT c.cluster_id, c.event_date, c.date_precision, c.event_type, c.mode, c.modality,
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

CREATE OR REPLACE VIEW v_events AS
SELECT * EXCLUDE (modality) FROM v_events_all WHERE modality = 'asserted';

-- daily counts are of what happened
CREATE OR REPLACE VIEW v_daily_counts AS
SELECT event_date AS day, country, admin1, event_type,
       count(*) AS events,
       count(*) FILTER (WHERE date_precision = 'unknown') AS dated_by_publication,
       sum(num_mentions) AS mentions,
       sum(num_articles) AS articles,
       sum(killed) AS killed,
       sum(injured) AS injured
FROM event_clusters
WHERE num_events > 0 AND event_date IS NOT NULL AND date_precision IN ('day', 'unknown')
  AND modality = 'asserted'
GROUP BY ALL;
