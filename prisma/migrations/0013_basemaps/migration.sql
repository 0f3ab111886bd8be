-- Base maps the city hosts on its own network (issue 11), managed by administrators and offered in the
-- base map switcher after the built-in 標準 and 白地図. The Content-Security-Policy allows the origins of
-- the enabled rows' URLs, and nothing else from outside: with no rows the browser loads only from us.
CREATE TABLE basemap (
  id          SERIAL PRIMARY KEY,
  name_ja     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  -- 'style': a MapLibre style JSON URL; 'raster': an XYZ tile URL template with {z}, {x} and {y}
  kind        TEXT NOT NULL CHECK (kind IN ('style', 'raster')),
  url         TEXT NOT NULL,
  attribution TEXT,
  -- the switcher's choice for a browser that has made none (none marked: the built-in 標準)
  is_default  BOOLEAN NOT NULL DEFAULT false,
  sort_order  INTEGER NOT NULL DEFAULT 0,
  enabled     BOOLEAN NOT NULL DEFAULT true,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- At most one default.
CREATE UNIQUE INDEX basemap_one_default ON basemap (is_default) WHERE is_default;
