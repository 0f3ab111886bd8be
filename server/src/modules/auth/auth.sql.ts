/** Active administrators, locked: two admins demoting each other concurrently cannot both succeed. */
export const lockActiveAdminsSql = `SELECT id FROM app_user WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`;

/** The user of a live session with its extra layer grants, in one round trip (a request whose session is not in memory: session-cache.ts). */
export const sessionUserSql = `
  SELECT u.id, u.username, u.display_name, u.role, u.department_key, s.expires_at,
         COALESCE(array_agg(g.layer_id) FILTER (WHERE g.layer_id IS NOT NULL), '{}') AS granted_layer_ids
  FROM user_session s JOIN app_user u ON u.id = s.user_id LEFT JOIN user_layer_grant g ON g.user_id = u.id
  WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled
  GROUP BY u.id, s.expires_at`;

/**
 * An expired session presented again: closed (revoked at its expiry) so that its expiry is logged once; the user or none.
 */
export const closeExpiredSessionSql = `
  UPDATE user_session s SET revoked_at = s.expires_at FROM app_user u
  WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at <= now() AND u.id = s.user_id
  RETURNING u.id, u.username`;

/**
 * Login throttling. One client address's attempts are serialised by an advisory lock (held to the
 * end of the transaction), so parallel attempts are counted one after another: $1 address key.
 */
export const lockLoginAddressSql = `SELECT pg_advisory_xact_lock(hashtext('chizu-login:' || $1))`;

/**
 * Failures since the window start ($3) that were not cleared by an administrator: for the pair
 * (user name $1, address $2) since its last success, and for the address over all user names.
 */
export const loginFailuresSql = `
  SELECT
    count(*) FILTER (WHERE username = $1 AND attempted_at > COALESCE(
      (SELECT max(attempted_at) FROM login_attempt WHERE username = $1 AND client_address = $2 AND succeeded), $3))::int AS pair,
    count(*)::int AS address
  FROM login_attempt
  WHERE client_address = $2 AND attempted_at >= $3 AND NOT succeeded AND cleared_at IS NULL`;

/** An attempt is recorded as failed before the password is checked, and turned into a success after. */
export const insertLoginAttemptSql = `
  INSERT INTO login_attempt (username, client_address, succeeded) VALUES ($1, $2, false) RETURNING id`;
export const loginSucceededSql = `UPDATE login_attempt SET succeeded = true WHERE id = $1`;

/** Admin unlock: the user name's recent failures no longer count (they stay as a record). */
export const clearLoginFailuresSql = `
  UPDATE login_attempt SET cleared_at = now() WHERE username = $1 AND NOT succeeded AND cleared_at IS NULL`;
