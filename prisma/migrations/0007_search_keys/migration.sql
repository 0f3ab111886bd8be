-- Search: a normalised search key per feature and per town, written by the application (the
-- normalisation is TypeScript: server/src/domain/normalize.ts) as '|value|value|…|'. NULL means
-- "not computed yet" (rows loaded in bulk; filled at start-up), '' means "nothing to search".
-- Trigram indexes make exact, prefix and substring matches on the key fast on both backends.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE feature ADD COLUMN search_key TEXT;
-- fastupdate off: every search would otherwise also read the pending list of recent writes.
CREATE INDEX feature_search_key_trgm_idx ON feature USING gin (search_key gin_trgm_ops) WITH (fastupdate = off)
  WHERE deleted_at IS NULL AND search_key <> '';
-- Finds the rows still to be keyed without a scan.
CREATE INDEX feature_search_key_missing_idx ON feature (id) WHERE search_key IS NULL;

ALTER TABLE town ADD COLUMN search_key TEXT;
