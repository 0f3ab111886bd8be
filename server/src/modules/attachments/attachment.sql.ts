export const insertAttachmentSql = `
  INSERT INTO attachment (feature_id, filename, content_type, size_bytes, sha256, data, uploaded_by)
  VALUES ($1::bigint, $2, $3, $4, $5, $6, $7)
  RETURNING id::text AS id, filename, content_type, size_bytes, sha256, uploaded_at`;

export const listAttachmentsSql = `
  SELECT a.id::text AS id, a.feature_id::text AS feature_id, a.filename, a.content_type, a.size_bytes, a.sha256, a.uploaded_at,
         u.display_name AS uploaded_by
  FROM attachment a LEFT JOIN app_user u ON u.id = a.uploaded_by
  WHERE a.feature_id = $1::bigint AND a.deleted_at IS NULL ORDER BY a.uploaded_at, a.id`;

export const attachmentDataSql = `
  SELECT a.id::text AS id, a.feature_id::text AS feature_id, a.filename, a.content_type, a.size_bytes, a.sha256, a.data
  FROM attachment a WHERE a.id = $1::bigint AND a.deleted_at IS NULL`;

export const attachmentMetaSql = `
  SELECT a.id::text AS id, a.feature_id::text AS feature_id FROM attachment a WHERE a.id = $1::bigint AND a.deleted_at IS NULL`;

export const deleteAttachmentSql = 'UPDATE attachment SET deleted_at = now() WHERE id = $1::bigint AND deleted_at IS NULL';

export const featureLayerSql = 'SELECT layer_id, deleted_at, attributes FROM feature WHERE id = $1::bigint';
