-- Every server process keeps the layer catalogue and the sessions in memory (server/src/db/change-feed.ts).
-- A change to what they hold, by any process or by hand in SQL, is announced on the channel chizu_changes
-- (delivered at commit) with the topic as payload: 'layers' or 'users'. One notification per statement.
CREATE FUNCTION chizu_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('chizu_changes', TG_ARGV[0]);
  RETURN NULL;
END $$;

CREATE TRIGGER layer_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON layer
  FOR EACH STATEMENT EXECUTE FUNCTION chizu_notify_change('layers');
CREATE TRIGGER department_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON department
  FOR EACH STATEMENT EXECUTE FUNCTION chizu_notify_change('layers');

CREATE TRIGGER app_user_changed AFTER UPDATE OR DELETE OR TRUNCATE ON app_user
  FOR EACH STATEMENT EXECUTE FUNCTION chizu_notify_change('users');
CREATE TRIGGER user_layer_grant_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_layer_grant
  FOR EACH STATEMENT EXECUTE FUNCTION chizu_notify_change('users');
-- A new session or token is not cached before it is used: only ending one matters (not last_used_at).
CREATE TRIGGER user_session_ended AFTER UPDATE OF revoked_at, expires_at OR DELETE OR TRUNCATE ON user_session
  FOR EACH STATEMENT EXECUTE FUNCTION chizu_notify_change('users');
CREATE TRIGGER access_token_ended AFTER UPDATE OF revoked_at, expires_at, read_only, layer_ids, user_id OR DELETE OR TRUNCATE ON access_token
  FOR EACH STATEMENT EXECUTE FUNCTION chizu_notify_change('users');
