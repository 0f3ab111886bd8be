-- Raster layers (issue 19): scanned sheets (道路台帳図, 境界確定図) and orthophotos placed on the map.
-- A raster layer is a row of the layer table (same read access and department ownership) without fields or geometry.
ALTER TABLE layer ADD COLUMN kind TEXT NOT NULL DEFAULT 'vector' CHECK (kind IN ('vector', 'raster'));
-- An orthophoto layer offered in the base map switcher.
ALTER TABLE layer ADD COLUMN basemap BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE layer DROP CONSTRAINT IF EXISTS layer_geometry_types_check;
ALTER TABLE layer ADD CONSTRAINT layer_geometry_types_check CHECK (kind = 'raster' OR cardinality(geometry_types) > 0);

-- One image of a raster layer. The original file lives under RASTER_DIR (named by id); its tiles below.
CREATE TABLE raster_sheet (
  id                SERIAL PRIMARY KEY,
  layer_id          INTEGER NOT NULL REFERENCES layer(id) ON DELETE CASCADE,
  name              TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  file_name         TEXT NOT NULL,
  format            TEXT NOT NULL CHECK (format IN ('png', 'jpeg', 'tiff')),
  status            TEXT NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'placing', 'placed', 'failed')),
  -- 0–1 while placing, for the web to show.
  progress          REAL NOT NULL DEFAULT 0,
  width_px          INTEGER NOT NULL CHECK (width_px > 0),
  height_px         INTEGER NOT NULL CHECK (height_px > 0),
  size_bytes        BIGINT NOT NULL,
  checksum          TEXT NOT NULL,
  scale_denominator INTEGER,
  survey_date       TEXT,
  -- {method, transform, controlPoints: [{col,row,x,y}], srid}; refitted on read (georef.ts is deterministic).
  placement         JSONB,
  -- The placed sheet's outline (the image edge through the fit), for the sheet index (図郭割).
  outline           geometry(Polygon, 4326),
  -- Tile zooms generated for the sheet.
  min_zoom          INTEGER,
  max_zoom          INTEGER,
  problem           TEXT,
  warning           TEXT,
  version           INTEGER NOT NULL DEFAULT 1,
  created_by        INTEGER REFERENCES app_user(id),
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX raster_sheet_layer_idx ON raster_sheet (layer_id, id);

-- Web Mercator PNG tiles of placed sheets, in the database so that both backends and the backup hold them.
-- Keyed per sheet: a layer's tile is its sheets' tiles composited (most layers have one sheet per tile).
CREATE TABLE raster_tile (
  sheet_id INTEGER NOT NULL REFERENCES raster_sheet(id) ON DELETE CASCADE,
  z        SMALLINT NOT NULL,
  x        INTEGER NOT NULL,
  y        INTEGER NOT NULL,
  png      BYTEA NOT NULL,
  PRIMARY KEY (sheet_id, z, x, y)
);
CREATE INDEX raster_tile_zxy_idx ON raster_tile (z, x, y);
