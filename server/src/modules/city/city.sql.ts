/** Reference geography of the city: boundary (service area) and towns (町丁目). */

export const insertBoundarySql = `
  INSERT INTO city_boundary (id, name, geom)
  VALUES (1, $1, ST_Multi(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))))
  ON CONFLICT (id) DO NOTHING`;

export const insertTownsSql = `
  INSERT INTO town (name, point)
  SELECT t.name, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)
  FROM json_to_recordset($1::json) AS t(name text, lon float8, lat float8)
  ON CONFLICT (name) DO NOTHING`;

/** Approximate town areas: Voronoi cells of the representative points, clipped to the boundary. */
export const computeTownAreasSql = `
  WITH b AS (SELECT geom FROM city_boundary WHERE id = 1),
  cells AS (
    SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(point), 0, (SELECT ST_Expand(geom, 0.05) FROM b)))).geom AS cell FROM town)
  UPDATE town t SET area = ST_Multi(ST_CollectionExtract(ST_Intersection(c.cell, b.geom), 3))
  FROM cells c, b WHERE ST_Intersects(c.cell, t.point)`;

export const townCountSql = 'SELECT count(*)::int AS count FROM town';

export const boundaryGeoJSONSql = `SELECT name, ST_AsGeoJSON(geom, 6)::json AS geometry FROM city_boundary WHERE id = 1`;

export const townsSql = `
  SELECT id, name, ST_AsGeoJSON(point, 6)::json AS point, ST_AsGeoJSON(area, 6)::json AS area,
         ST_XMin(area) AS min_lon, ST_YMin(area) AS min_lat, ST_XMax(area) AS max_lon, ST_YMax(area) AS max_lat
  FROM town ORDER BY id`;

/** Town whose area contains the point, else the nearest town point. */
export const townAtSql = `
  SELECT name FROM town
  ORDER BY (area IS NOT NULL AND ST_Contains(area, ST_SetSRID(ST_MakePoint($1, $2), 4326))) DESC,
           point <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)
  LIMIT 1`;

/** Road ledger lines for the basemap (the layer playing the road_ledger role). */
export const basemapRoadsSql = `
  SELECT ST_AsGeoJSON(f.geom, 6)::json AS geometry, f.attributes->>'route_no' AS route_no,
         f.attributes->>'route_name' AS route_name, f.attributes->>'road_class' AS road_class
  FROM feature f JOIN layer l ON l.id = f.layer_id
  WHERE l.role = 'road_ledger' AND f.deleted_at IS NULL`;
