/** The parcel (地番) at a place and what the counter says about it. Layer ids are bound, never spliced. */

/** The smallest parcel of the layer containing the point. $1 layer, $2 lon, $3 lat. */
export const parcelAtSql = `
  SELECT f.id::text AS id, f.attributes, ST_AsGeoJSON(f.geom, 7)::json AS geometry,
         ST_Area(f.geom::geography) AS area_m2,
         ST_XMin(f.geom) AS min_lon, ST_YMin(f.geom) AS min_lat, ST_XMax(f.geom) AS max_lon, ST_YMax(f.geom) AS max_lat
  FROM feature f
  WHERE f.layer_id = $1 AND f.deleted_at IS NULL
    AND f.geom && ST_SetSRID(ST_MakePoint($2, $3), 4326) AND ST_Intersects(f.geom, ST_SetSRID(ST_MakePoint($2, $3), 4326))
  ORDER BY ST_Area(f.geom) LIMIT 1`;

/**
 * Road ledger segments along the parcel: a ledger line is the road's centreline, so a road fronts the
 * parcel when its line lies within half its width plus $3 metres. frontage_m is the length of the
 * line within that reach. $1 parcel id, $2 road layer, $3 metres. The box filter (degrees, generous
 * for 30 m half-widths) lets the spatial index work before the geodesic test.
 */
export const roadFrontageSql = `
  WITH p AS (SELECT geom, geom::geography AS geog FROM feature WHERE id = $1::bigint),
  r AS (
    SELECT f.id, f.geom, f.attributes, $3::float8 + COALESCE((f.attributes->>'width_max_m')::float8, 0) / 2 AS reach
    FROM feature f, p
    WHERE f.layer_id = $2 AND f.deleted_at IS NULL AND f.geom && ST_Expand(p.geom, ($3::float8 + 30) / 80000.0))
  SELECT r.id::text AS segment_id, r.attributes->>'route_no' AS route_no, r.attributes->>'route_name' AS route_name,
         r.attributes->>'road_class' AS road_class,
         (r.attributes->>'width_min_m')::float8 AS width_min_m, (r.attributes->>'width_max_m')::float8 AS width_max_m,
         ST_Distance(r.geom::geography, p.geog) AS distance_m,
         ST_Length(ST_Intersection(r.geom, ST_Buffer(p.geog, r.reach)::geometry)::geography) AS frontage_m
  FROM r, p
  WHERE ST_DWithin(r.geom::geography, p.geog, r.reach)
  ORDER BY distance_m, r.id`;

/** Boundary determinations (境界確定) touching the parcel (within 0.5 m: survey lines share its edges). $1 parcel, $2 layer. */
export const boundaryRecordsTouchingSql = `
  WITH p AS (SELECT geom, geom::geography AS geog FROM feature WHERE id = $1::bigint)
  SELECT f.id::text AS id, f.attributes->>'record_no' AS record_no, f.attributes->>'determined_on' AS determined_on,
         f.attributes->>'related_route_no' AS related_route_no
  FROM feature f, p
  WHERE f.layer_id = $2 AND f.deleted_at IS NULL
    AND f.geom && ST_Expand(p.geom, 0.00001) AND ST_DWithin(f.geom::geography, p.geog, 0.5)
  ORDER BY f.attributes->>'determined_on' DESC NULLS LAST, f.id`;
