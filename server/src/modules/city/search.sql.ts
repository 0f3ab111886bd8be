import { Params } from '../../db/sql';

export interface FeatureSearchRow {
  id: string;
  label: string | null;
  detail: string | null;
  geometry: object;
  min_lon: number; min_lat: number; max_lon: number; max_lat: number;
}

/** Features of one layer whose number/name fields contain the text; exact matches first. */
export function featureSearchSql(layerId: number, keys: string[], pattern: string, exact: string, limit: number) {
  const p = new Params();
  const k = p.add(keys);
  const sql = `
    SELECT f.id::text AS id, f.attributes->>(${k}::text[])[1] AS label,
           NULLIF(concat_ws(' ', VARIADIC ARRAY(SELECT f.attributes->>key FROM unnest(${k}::text[]) key OFFSET 1)), '') AS detail,
           ST_AsGeoJSON(ST_PointOnSurface(f.geom), 7)::json AS geometry,
           ST_XMin(f.geom) AS min_lon, ST_YMin(f.geom) AS min_lat, ST_XMax(f.geom) AS max_lon, ST_YMax(f.geom) AS max_lat
    FROM feature f
    WHERE f.layer_id = ${p.add(layerId)} AND f.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM unnest(${k}::text[]) key WHERE f.attributes->>key ILIKE ${p.add(pattern)})
    ORDER BY EXISTS (SELECT 1 FROM unnest(${k}::text[]) key WHERE f.attributes->>key = ${p.add(exact)}) DESC, f.id
    LIMIT ${p.add(limit)}`;
  return { sql, values: p.values };
}
