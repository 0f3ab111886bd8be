/** Active administrators, locked: two admins demoting each other concurrently cannot both succeed. */
export const lockActiveAdminsSql = `SELECT id FROM app_user WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`;

/** The user of a live session with its extra layer grants, in one round trip (runs on every request). */
export const sessionUserSql = `
  SELECT u.id, u.username, u.display_name, u.role, u.department_key,
         COALESCE(array_agg(g.layer_id) FILTER (WHERE g.layer_id IS NOT NULL), '{}') AS granted_layer_ids
  FROM user_session s JOIN app_user u ON u.id = s.user_id LEFT JOIN user_layer_grant g ON g.user_id = u.id
  WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled
  GROUP BY u.id`;
