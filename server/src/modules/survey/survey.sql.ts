export const deletePointsSql = 'DELETE FROM boundary_point WHERE feature_id = $1::bigint';

/** Points as entered (numeric text) plus their geometry, transformed from the plane zone to 4326. */
export const insertPointsSql = `
  INSERT INTO boundary_point (feature_id, seq, name, marker_type, x_northing, y_easting, srid, geom)
  SELECT $1::bigint, p.seq, p.name, p.marker, p.x::numeric, p.y::numeric, $2::int,
         ST_Transform(ST_SetSRID(ST_MakePoint(p.y::float8, p.x::float8), $2::int), 4326)
  FROM json_to_recordset($3::json) AS p(seq int, name text, marker text, x text, y text)`;

export const pointsSql = `
  SELECT bp.seq, bp.name, bp.marker_type, bp.x_northing::text AS x, bp.y_easting::text AS y, bp.srid,
         ST_X(bp.geom) AS lon, ST_Y(bp.geom) AS lat
  FROM boundary_point bp WHERE bp.feature_id = $1::bigint ORDER BY bp.seq`;

/** Whether the feature's stored geometry is a closed ring (polygon). */
export const featureShapeSql = `
  SELECT f.id::text AS id, l.key AS layer_key, ST_Dimension(f.geom) = 2 AS closed, f.deleted_at,
         f.attributes->>'record_no' AS record_no
  FROM feature f JOIN layer l ON l.id = f.layer_id WHERE f.id = $1::bigint`;

/**
 * Demo data: boundary points read off the records' own vertices in the plane zone, rounded to the mm
 * as a survey would state them (a polygon's closing vertex is not a point of its own).
 */
export const pointsFromGeometrySql = `
  INSERT INTO boundary_point (feature_id, seq, name, marker_type, x_northing, y_easting, srid, geom)
  SELECT v.feature_id, v.seq, 'K' || v.seq,
         (ARRAY['コンクリート杭', '金属標', '鋲', 'プラスチック杭'])[1 + (v.feature_id + v.seq) % 4],
         round(v.x::numeric, 3), round(v.y::numeric, 3), $2::int,
         ST_Transform(ST_SetSRID(ST_MakePoint(round(v.y::numeric, 3)::float8, round(v.x::numeric, 3)::float8), $2::int), 4326)
  FROM (
    SELECT f.id AS feature_id, (d).path[array_length((d).path, 1)] AS seq,
           ST_Y((d).geom) AS x, ST_X((d).geom) AS y, ST_Dimension(f.geom) AS dim, ST_NPoints(f.geom) AS n
    FROM feature f, LATERAL ST_DumpPoints(ST_Transform(f.geom, $2::int)) AS d
    WHERE f.layer_id = $1 AND NOT EXISTS (SELECT 1 FROM boundary_point bp WHERE bp.feature_id = f.id)
  ) v
  WHERE v.dim < 2 OR v.seq < v.n`;
