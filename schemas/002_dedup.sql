-- 002: near-duplicate detection that spans runs (see ingest/neardup.py).
-- Every new article's MinHash signature is kept, with the story it belongs to, and its
-- LSH band keys, so a copy is caught in a later run than its original.

CREATE TABLE article_minhash (
    article_id    VARCHAR PRIMARY KEY,       -- articles.article_id
    story_id      VARCHAR NOT NULL,          -- article_id of the story's first-seen copy (itself if first)
    signature     BLOB NOT NULL,             -- 128 little-endian uint32 MinHash values
    params        VARCHAR NOT NULL,          -- shingling/MinHash/banding parameters, e.g. minhash-1:w5:p128:b32x4:affine32:s1
    first_seen_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE article_lsh_bands (
    band_key      BIGINT NOT NULL,           -- hash of (band number, the band's signature values)
    article_id    VARCHAR NOT NULL
);
