-- 005: where each article's raw page is kept (WARC, one gzipped file per run), for reprocessing.
ALTER TABLE articles ADD COLUMN warc_file VARCHAR;    -- relative to the archive folder
ALTER TABLE articles ADD COLUMN warc_offset BIGINT;   -- byte offset of the record's gzip member
