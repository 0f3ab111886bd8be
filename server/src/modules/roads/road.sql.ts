// The road ledger is the layer playing the role 'road_ledger' (layer.roles.ts), whatever its key;
// the attribute keys are the ones that role requires.

/** The road ledger grouped by route (路線): a route is all ledger segments sharing route_no. */
const routeAggregate = `
  SELECT f.attributes->>'route_no' AS route_no,
         min(f.attributes->>'route_name') AS route_name,
         min(f.attributes->>'road_class') AS road_class,
         min(f.attributes->>'certified_on') AS certified_on,
         min(f.attributes->>'start_point') AS start_point,
         min(f.attributes->>'end_point') AS end_point,
         sum(ST_Length(f.geom::geography)) AS length_m,
         min((f.attributes->>'width_min_m')::numeric) AS width_min_m,
         max((f.attributes->>'width_max_m')::numeric) AS width_max_m,
         count(*)::int AS segment_count,
         array_agg(f.id::text ORDER BY (f.attributes->>'segment_no')::int NULLS LAST, f.id) AS segment_ids,
         ST_AsGeoJSON(ST_Multi(ST_LineMerge(ST_Collect(f.geom))), 7)::json AS geometry,
         ST_XMin(ST_Extent(f.geom)) AS min_lon, ST_YMin(ST_Extent(f.geom)) AS min_lat,
         ST_XMax(ST_Extent(f.geom)) AS max_lon, ST_YMax(ST_Extent(f.geom)) AS max_lat
  FROM feature f JOIN layer l ON l.id = f.layer_id
  WHERE l.role = 'road_ledger' AND f.deleted_at IS NULL`;

export const routeByNoSql = `${routeAggregate} AND f.attributes->>'route_no' = $1 GROUP BY 1`;

export const routeSearchSql = `${routeAggregate}
    AND (f.attributes->>'route_no' ILIKE $1 OR f.attributes->>'route_name' ILIKE $1)
  GROUP BY 1 ORDER BY (f.attributes->>'route_no' = $2 OR min(f.attributes->>'route_name') = $2) DESC, 1 LIMIT $3`;

/** The route of the road segment nearest to a point, within a tolerance (metres). */
export const routeNoAtSql = `
  SELECT f.attributes->>'route_no' AS route_no
  FROM feature f JOIN layer l ON l.id = f.layer_id
  WHERE l.role = 'road_ledger' AND f.deleted_at IS NULL
    AND f.geom && ST_Expand(ST_SetSRID(ST_MakePoint($1, $2), 4326), $4)
    AND ST_DWithin(f.geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)
  ORDER BY ST_Distance(f.geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography)
  LIMIT 1`;
