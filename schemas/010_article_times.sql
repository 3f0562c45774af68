-- 010: when the page says it was last changed (issue 14). published_at is the publication
-- time, chosen among every date the page states (JSON-LD, meta tags, <time>, visible
-- "Published ..." text) and checked against the others; modified_at is the page's own
-- modification time (JSON-LD dateModified, article:modified_time, "Updated ..."), NULL when
-- it states none. A date that had to be guessed is stored as neither.
ALTER TABLE articles ADD COLUMN modified_at TIMESTAMPTZ;
