/** City tables to count (PostGIS's own spatial_ref_sys comes with the extension). */
export const tablesSql = `
  SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys' ORDER BY tablename`;

/** Order-independent fingerprints of the features and their history: ids, versions, attributes, geometry, deletion. */
export const checksumsSql = `
  SELECT
    (SELECT md5(COALESCE(string_agg(concat_ws(':', id, layer_id, version, md5(attributes::text), md5(ST_AsEWKB(geom)),
       extract(epoch FROM deleted_at)), ',' ORDER BY id), '')) FROM feature) AS feature,
    (SELECT md5(COALESCE(string_agg(concat_ws(':', id, feature_id, version, operation, md5(attributes::text), md5(ST_AsEWKB(geom))),
       ',' ORDER BY id), '')) FROM feature_history) AS feature_history,
    (SELECT md5(COALESCE(string_agg(concat_ws(':', feature_id, seq, x_northing, y_easting, srid), ',' ORDER BY feature_id, seq), ''))
       FROM boundary_point) AS boundary_point`;

/** Each attachment with the sha256 of its stored bytes (recomputed, not the recorded column). */
export const attachmentDigestsSql = `
  SELECT id::text AS id, encode(sha256(data), 'hex') AS sha256, sha256 AS recorded FROM attachment ORDER BY id`;

/** A restore goes into an empty database only. */
export const hasChizuTablesSql = `SELECT to_regclass('public.feature') IS NOT NULL AS present`;
