-- Chizu core schema. PostGIS columns, GiST indexes and the history guard are plain SQL
-- because Prisma cannot express them; prisma/schema.prisma mirrors the plain tables.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Departments own layers (道路管理課, 環境政策課, ...).
CREATE TABLE department (
  key        TEXT PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{1,40}$'),
  name_ja    TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE layer (
  id             SERIAL PRIMARY KEY,
  key            TEXT NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{1,62}$'),
  name_ja        TEXT NOT NULL,
  name_en        TEXT NOT NULL,
  department_key TEXT NOT NULL REFERENCES department(key),
  geometry_types TEXT[] NOT NULL CHECK (cardinality(geometry_types) > 0),
  -- Ordered field definitions: [{key, label, labelEn, type, required, options, min, max, maxLength, unit, computed}]
  fields         JSONB NOT NULL DEFAULT '[]',
  -- Display style: {color, circle?, line?, fill?} with MapLibre paint properties.
  style          JSONB NOT NULL DEFAULT '{}',
  label_field    TEXT,
  sort_order     INTEGER NOT NULL DEFAULT 0,
  -- Bumped by every edit of the layer's features, so tile caches never show stale data.
  data_version   INTEGER NOT NULL DEFAULT 1,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id             SERIAL PRIMARY KEY,
  username       TEXT NOT NULL UNIQUE CHECK (username ~ '^[a-zA-Z0-9_.-]{2,40}$'),
  display_name   TEXT NOT NULL,
  department_key TEXT REFERENCES department(key),
  role           TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  password_hash  TEXT NOT NULL,
  disabled       BOOLEAN NOT NULL DEFAULT false,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Extra layers an admin lets an editor change beyond its own department's.
CREATE TABLE user_layer_grant (
  user_id  INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  layer_id INTEGER NOT NULL REFERENCES layer(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, layer_id)
);

CREATE TABLE user_session (
  token_hash TEXT PRIMARY KEY,           -- sha256 of the token; the token itself is never stored
  user_id    INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE login_attempt (
  id           BIGSERIAL PRIMARY KEY,
  username     TEXT NOT NULL,
  succeeded    BOOLEAN NOT NULL,
  attempted_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_name_time_idx ON login_attempt (username, attempted_at);

CREATE TABLE feature (
  id         BIGSERIAL PRIMARY KEY,
  layer_id   INTEGER NOT NULL REFERENCES layer(id),
  geom       geometry(Geometry, 4326) NOT NULL,
  attributes JSONB NOT NULL DEFAULT '{}',
  version    INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES app_user(id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_by INTEGER REFERENCES app_user(id),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at TIMESTAMPTZ,
  deleted_by INTEGER REFERENCES app_user(id)
);
-- One GiST index on (layer, geometry) serves "this layer inside this box" (btree_gist supplies the integer opclass).
CREATE INDEX feature_layer_geom_idx ON feature USING gist (layer_id, geom) WHERE deleted_at IS NULL;
CREATE INDEX feature_layer_id_idx ON feature (layer_id, id) WHERE deleted_at IS NULL;
CREATE INDEX feature_deleted_idx ON feature (layer_id, deleted_at) WHERE deleted_at IS NOT NULL;

-- One immutable row per change: the state after the change.
CREATE TABLE feature_history (
  id         BIGSERIAL PRIMARY KEY,
  feature_id BIGINT NOT NULL REFERENCES feature(id),
  layer_id   INTEGER NOT NULL REFERENCES layer(id),
  version    INTEGER NOT NULL,
  operation  TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete', 'restore')),
  attributes JSONB NOT NULL,
  geom       geometry(Geometry, 4326) NOT NULL,
  changed_by INTEGER REFERENCES app_user(id),
  changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (feature_id, version)
);
CREATE INDEX feature_history_time_idx ON feature_history (changed_at DESC);
CREATE INDEX feature_history_layer_time_idx ON feature_history (layer_id, changed_at DESC);

CREATE FUNCTION feature_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'feature_history is append-only';
END $$;
CREATE TRIGGER feature_history_append_only BEFORE UPDATE OR DELETE ON feature_history
  FOR EACH ROW EXECUTE FUNCTION feature_history_is_append_only();

-- Reference geography of the city: its boundary (service area) and its towns (町丁目).
CREATE TABLE city_boundary (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL
);

CREATE TABLE town (
  id    SERIAL PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE,
  kana  TEXT,
  point geometry(Point, 4326) NOT NULL,
  -- Approximate area: Voronoi cell of the representative point clipped to the city boundary.
  area  geometry(MultiPolygon, 4326)
);
CREATE INDEX town_point_idx ON town USING gist (point);
CREATE INDEX town_area_idx ON town USING gist (area);
