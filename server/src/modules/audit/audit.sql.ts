/** The audit log (migration 0011): rows are only ever inserted; the retention purge is the one delete. */

export const insertAuditSql = `
  INSERT INTO audit_log (kind, user_id, username, client_address, target, layer_key, row_count, details)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`;

/** Many rows in one statement, each with the time it happened ($1), in the columns' order (AuditBuffer). */
export const insertAuditRowsSql = `
  INSERT INTO audit_log (at, kind, user_id, username, client_address, target, layer_key, row_count, details)
  SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::jsonb[])`;

/**
 * One page of the log, newest first, keyset-paged by id ($5: entries older than this id; NULL = from the newest).
 * Filters are optional: $1 user name, $2 kind (a prefix such as 'login' matches 'login.failed'), $3 from, $4 until; $6 limit.
 */
const auditWhere = `
  WHERE ($1::text IS NULL OR username = $1)
    AND ($2::text IS NULL OR kind = $2 OR kind LIKE $2 || '.%')
    AND ($3::timestamptz IS NULL OR at >= $3)
    AND ($4::timestamptz IS NULL OR at < $4)`;

export const auditPageSql = `
  SELECT id::text, at, kind, user_id, username, client_address, target, layer_key, row_count, details
  FROM audit_log ${auditWhere} AND ($5::bigint IS NULL OR id < $5)
  ORDER BY audit_log.id DESC LIMIT $6`;

export const auditCountSql = `SELECT count(*)::int AS n FROM audit_log ${auditWhere}`;

/** The whole filtered log for the CSV export, oldest first, in batches (keyset by id, $5 = after this id). */
export const auditBatchSql = `
  SELECT id::text, at, kind, user_id, username, client_address, target, layer_key, row_count, details
  FROM audit_log ${auditWhere} AND id > $5
  ORDER BY audit_log.id LIMIT $6`;

/** The retention purge: allowed by the append-only trigger only with chizu.audit_purge set in this transaction. */
export const allowAuditPurgeSql = `SELECT set_config('chizu.audit_purge', 'on', true)`;
export const purgeAuditSql = `DELETE FROM audit_log WHERE at < $1`;

/** A layer's definition as the audit log records it before and after an admin change. */
export const layerSnapshotSql = `
  SELECT key, name_ja, name_en, department_key, geometry_types, fields, style, label_field, sort_order, read_access, published, published_fields
  FROM layer WHERE id = $1`;
