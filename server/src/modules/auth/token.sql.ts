/** Personal access tokens (migration 0011): only the SHA-256 of a token is stored. */

export const insertTokenSql = `
  INSERT INTO access_token (user_id, name, token_hash, token_prefix, read_only, layer_ids, expires_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  RETURNING id, name, token_prefix, read_only, layer_ids, created_at, expires_at, last_used_at, last_used_address, revoked_at`;

/** A user's tokens, newest first (revoked and expired ones too: the owner sees what happened to them). */
export const userTokensSql = `
  SELECT id, name, token_prefix, read_only, layer_ids, created_at, expires_at, last_used_at, last_used_address, revoked_at
  FROM access_token WHERE user_id = $1 ORDER BY id DESC`;

/** Revokes a token of user $2 (any user's when $2 is NULL: administrators); the row before, or none. */
export const revokeTokenSql = `
  UPDATE access_token SET revoked_at = now()
  WHERE id = $1 AND ($2::int IS NULL OR user_id = $2) AND revoked_at IS NULL
  RETURNING id, user_id, name`;

/** The user behind a live token with its grants and the token's scope, in one round trip (a request whose token is not in memory: session-cache.ts). */
export const tokenUserSql = `
  SELECT t.id AS token_id, t.read_only, t.layer_ids, t.expires_at,
         u.id, u.username, u.display_name, u.role, u.department_key,
         COALESCE(array_agg(g.layer_id) FILTER (WHERE g.layer_id IS NOT NULL), '{}') AS granted_layer_ids
  FROM access_token t JOIN app_user u ON u.id = t.user_id LEFT JOIN user_layer_grant g ON g.user_id = u.id
  WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND NOT u.disabled
  GROUP BY t.id, u.id`;

/**
 * Marks a use ($2 address). Only the first use in a minute (or from a new address) writes, and
 * returns the row: that use is the one the audit log records, so a desktop GIS drawing tiles does
 * not write a row per tile.
 */
export const markTokenUsedSql = `
  UPDATE access_token SET last_used_at = now(), last_used_address = $2
  WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute' OR last_used_address IS DISTINCT FROM $2)
  RETURNING id`;
