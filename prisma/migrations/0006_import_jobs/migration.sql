-- Imports of department files (CSV, Excel, Shapefile, GeoPackage, SIMA): one job per file, one
-- atomic batch of edits per commit. The uploaded file is kept until the job is committed.
CREATE TABLE import_job (
  id          BIGSERIAL PRIMARY KEY,
  layer_id    INTEGER REFERENCES layer(id),
  filename    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('uploaded', 'committed', 'undone')),
  options     JSONB NOT NULL DEFAULT '{}',
  summary     JSONB,
  data        BYTEA,
  created_by  INTEGER REFERENCES app_user(id),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  committed_at TIMESTAMPTZ,
  undone_at   TIMESTAMPTZ
);

-- The import a history row was written by. The edit path sets chizu.import_id for the batch's
-- transaction (set_config(..., true)), so every writer of history rows names it without knowing.
ALTER TABLE feature_history ADD COLUMN import_id BIGINT REFERENCES import_job(id)
  DEFAULT NULLIF(current_setting('chizu.import_id', true), '')::bigint;
CREATE INDEX feature_history_import_idx ON feature_history (import_id) WHERE import_id IS NOT NULL;

-- 確定番号 identifies a boundary record: unique from now on, where stored records already allow it.
UPDATE layer l SET fields = (
    SELECT jsonb_agg(CASE WHEN e.f->>'key' = 'record_no' THEN e.f || '{"unique": true}'::jsonb ELSE e.f END ORDER BY e.i)
    FROM jsonb_array_elements(l.fields) WITH ORDINALITY AS e(f, i))
  WHERE l.key = 'boundary_records' AND NOT EXISTS (
    SELECT 1 FROM feature x WHERE x.layer_id = l.id AND x.deleted_at IS NULL
    GROUP BY x.attributes->>'record_no' HAVING count(*) > 1);
