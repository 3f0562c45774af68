-- 006: which process runs a run, so a run killed mid-way can be told from one still going.
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host VARCHAR;
