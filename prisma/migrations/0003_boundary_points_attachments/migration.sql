-- 境界点: the surveyed points of a boundary determination record, kept exactly as entered
-- (JGD2011 plane rectangular X northing / Y easting in metres, to the millimetre) and as geometry.
CREATE TABLE boundary_point (
  id          BIGSERIAL PRIMARY KEY,
  feature_id  BIGINT NOT NULL REFERENCES feature(id),
  seq         INTEGER NOT NULL CHECK (seq > 0),       -- survey order
  name        TEXT NOT NULL,                          -- point name/number, e.g. "K1"
  marker_type TEXT,                                   -- コンクリート杭, 金属標, 鋲, ...
  x_northing  NUMERIC(12, 3) NOT NULL,
  y_easting   NUMERIC(12, 3) NOT NULL,
  srid        INTEGER NOT NULL CHECK (srid BETWEEN 6669 AND 6687),
  geom        geometry(Point, 4326) NOT NULL,
  UNIQUE (feature_id, seq)
);
CREATE INDEX boundary_point_feature_idx ON boundary_point (feature_id);

-- Files attached to features (scanned 境界確定図, photos). Stored in the database with a checksum.
CREATE TABLE attachment (
  id           BIGSERIAL PRIMARY KEY,
  feature_id   BIGINT NOT NULL REFERENCES feature(id),
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes   INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  data         BYTEA NOT NULL,
  uploaded_by  INTEGER REFERENCES app_user(id),
  uploaded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at   TIMESTAMPTZ
);
CREATE INDEX attachment_feature_idx ON attachment (feature_id) WHERE deleted_at IS NULL;
