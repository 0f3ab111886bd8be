-- The points follow the record's geometry: a point whose vertex a map edit moved is no longer the
-- surveyed one (surveyed = false) until the survey is entered again.
ALTER TABLE boundary_point ADD COLUMN surveyed BOOLEAN NOT NULL DEFAULT true;

-- The points of each version of a boundary record, so that restoring a version restores its points.
CREATE TABLE boundary_point_history (
  feature_id BIGINT NOT NULL REFERENCES feature(id),
  version    INTEGER NOT NULL,
  srid       INTEGER NOT NULL,
  points     JSONB NOT NULL,   -- [{ seq, name, marker, x, y, surveyed }] with x, y as entered (text, mm)
  PRIMARY KEY (feature_id, version)
);
