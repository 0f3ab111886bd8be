export const deletePointsSql = 'DELETE FROM boundary_point WHERE feature_id = $1::bigint';

/**
 * Points as entered (numeric text) plus their geometry, transformed from the plane zone to 4326, and
 * the same points recorded for the feature's current version (restoring that version restores them).
 * $1 feature, $2 srid, $3 [{ seq, name, marker, x, y, surveyed }].
 */
export const insertPointsSql = `
  WITH p AS (SELECT * FROM json_to_recordset($3::json) AS p(seq int, name text, marker text, x text, y text, surveyed boolean)),
  recorded AS (
    INSERT INTO boundary_point_history (feature_id, version, srid, points)
    SELECT $1::bigint, f.version, $2::int, $3::json::jsonb FROM feature f WHERE f.id = $1::bigint
    ON CONFLICT (feature_id, version) DO UPDATE SET srid = EXCLUDED.srid, points = EXCLUDED.points)
  INSERT INTO boundary_point (feature_id, seq, name, marker_type, x_northing, y_easting, srid, surveyed, geom)
  SELECT $1::bigint, p.seq, p.name, p.marker, p.x::numeric, p.y::numeric, $2::int, COALESCE(p.surveyed, true),
         ST_Transform(ST_SetSRID(ST_MakePoint(p.y::float8, p.x::float8), $2::int), 4326)
  FROM p`;

export const pointsSql = `
  SELECT bp.seq, bp.name, bp.marker_type, bp.x_northing::text AS x, bp.y_easting::text AS y, bp.srid, bp.surveyed,
         ST_X(bp.geom) AS lon, ST_Y(bp.geom) AS lat
  FROM boundary_point bp WHERE bp.feature_id = $1::bigint ORDER BY bp.seq`;

/**
 * The one area of a record with surveyed points: the plane area of its points (shoelace, 座標求積),
 * null without points. Used by the 座標一覧 and by the feature's areaM2, so both show the same number.
 */
export const pointsPlaneAreaSql = (featureId: string) => `(
  SELECT abs(sum(s.x * s.ny - s.nx * s.y)) / 2 FROM (
    SELECT bp.x_northing::float8 AS x, bp.y_easting::float8 AS y,
           COALESCE(lead(bp.x_northing) OVER w, first_value(bp.x_northing) OVER w)::float8 AS nx,
           COALESCE(lead(bp.y_easting) OVER w, first_value(bp.y_easting) OVER w)::float8 AS ny
    FROM boundary_point bp WHERE bp.feature_id = ${featureId} WINDOW w AS (ORDER BY bp.seq)) s)`;

export const pointsAreaSql = `SELECT ${pointsPlaneAreaSql('$1::bigint')} AS area_m2`;

/**
 * The vertices, in their points' plane zone rounded to the mm, of those features that have boundary
 * points (a polygon's closing vertex is not a point of its own), with the points as they are now.
 */
export const verticesOfSurveyedSql = `
  WITH f AS MATERIALIZED (
    SELECT f.id, f.geom, ST_Dimension(f.geom) AS dim, s.srid
    FROM feature f JOIN LATERAL (SELECT bp.srid FROM boundary_point bp WHERE bp.feature_id = f.id ORDER BY bp.seq LIMIT 1) s ON true
    WHERE f.id = ANY($1::bigint[])),
  d AS (
    SELECT f.id, f.srid, f.dim, dp.path, round(ST_Y(dp.geom)::numeric, 3)::text AS x, round(ST_X(dp.geom)::numeric, 3)::text AS y,
           row_number() OVER (PARTITION BY f.id, dp.path[1:array_length(dp.path, 1) - 1] ORDER BY dp.path[array_length(dp.path, 1)] DESC) AS from_end
    FROM f, LATERAL ST_DumpPoints(ST_Transform(f.geom, f.srid)) AS dp)
  SELECT d.id::text AS feature_id, d.srid, json_agg(json_build_object('x', d.x, 'y', d.y) ORDER BY d.path) AS vertices,
         (SELECT json_agg(json_build_object('seq', bp.seq, 'name', bp.name, 'marker', bp.marker_type, 'x', bp.x_northing::text,
                 'y', bp.y_easting::text, 'surveyed', bp.surveyed) ORDER BY bp.seq) FROM boundary_point bp WHERE bp.feature_id = d.id) AS points
  FROM d WHERE d.dim < 2 OR d.from_end > 1 GROUP BY d.id, d.srid`;

/**
 * Which of the given features have boundary points: a cheap first step, since most edits touch none
 * (the vertices query is planned with ST_DumpPoints' large default row estimate, which JIT-compiles).
 */
export const featuresWithPointsSql = 'SELECT DISTINCT feature_id::text AS id FROM boundary_point WHERE feature_id = ANY($1::bigint[])';

/** The points recorded for a version of a feature (null when that version predates point history). */
export const recordedPointsSql = 'SELECT points FROM boundary_point_history WHERE feature_id = $1::bigint AND version = $2';

/** Whether the feature's stored geometry is a closed ring (polygon). */
export const featureShapeSql = `
  SELECT f.id::text AS id, l.key AS layer_key, ST_Dimension(f.geom) = 2 AS closed, f.deleted_at,
         f.attributes->>'record_no' AS record_no
  FROM feature f JOIN layer l ON l.id = f.layer_id WHERE f.id = $1::bigint`;

/**
 * Demo data: boundary points read off the records' own vertices in the plane zone, rounded to the mm
 * as a survey would state them (a polygon's closing vertex is not a point of its own), and recorded
 * for the records' current versions (as insertPointsSql does).
 */
export const pointsFromGeometrySql = `
  WITH inserted AS (
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
  WHERE v.dim < 2 OR v.seq < v.n
  RETURNING feature_id, seq, name, marker_type, x_northing, y_easting, srid)
  INSERT INTO boundary_point_history (feature_id, version, srid, points)
  SELECT i.feature_id, f.version, min(i.srid), jsonb_agg(jsonb_build_object('seq', i.seq, 'name', i.name, 'marker', i.marker_type,
           'x', i.x_northing::text, 'y', i.y_easting::text, 'surveyed', true) ORDER BY i.seq)
  FROM inserted i JOIN feature f ON f.id = i.feature_id GROUP BY i.feature_id, f.version`;
