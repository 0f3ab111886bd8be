/** Live features of a layer (by key) inside a plane rectangle, as GeoJSON in that plane SRID ($2). $3–$6: west, south, east, north. */
export const featuresInPlaneBoxSql = `
  SELECT ST_AsGeoJSON(ST_Transform(f.geom, $2::int), 3) AS geom
  FROM feature f JOIN layer l ON l.id = f.layer_id
  WHERE l.key = $1 AND f.deleted_at IS NULL
    AND f.geom && ST_Transform(ST_MakeEnvelope($3, $4, $5, $6, $2::int), 4326)`;

export const adminUserSql = `SELECT id, username, display_name, department_key FROM app_user WHERE role = 'admin' AND NOT disabled ORDER BY id LIMIT 1`;
