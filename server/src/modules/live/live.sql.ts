/**
 * What other maps need to know about written features, read inside the edit's transaction:
 * layer, version, whether deleted, the lon/lat bbox, who and when.
 */
export const editedFeaturesSql = `
  SELECT f.id::text AS id, l.key AS layer, f.version, f.deleted_at IS NOT NULL AS deleted,
         ARRAY[ST_XMin(f.geom), ST_YMin(f.geom), ST_XMax(f.geom), ST_YMax(f.geom)]::float8[] AS bbox,
         f.updated_at, (SELECT display_name FROM app_user u WHERE u.id = f.updated_by) AS changed_by
  FROM feature f JOIN layer l ON l.id = f.layer_id
  WHERE f.id = ANY($1::bigint[])`;

/** A large batch is announced per layer: its extent and count, not every feature. */
export const editedLayersSql = `
  SELECT l.key AS layer, b.count, ARRAY[ST_XMin(b.extent), ST_YMin(b.extent), ST_XMax(b.extent), ST_YMax(b.extent)]::float8[] AS bbox,
         b.updated_at
  FROM (SELECT layer_id, count(*)::int AS count, ST_Extent(geom) AS extent, max(updated_at) AS updated_at
        FROM feature WHERE id = ANY($1::bigint[]) GROUP BY layer_id) b
  JOIN layer l ON l.id = b.layer_id`;
