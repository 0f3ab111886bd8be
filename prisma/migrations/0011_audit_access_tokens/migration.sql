-- Audit trail (issue 14): one append-only log of logins, admin changes, exports and downloads, tokens.
-- user_id/username are copies, not foreign keys: a row must outlive any change to the user it names.
CREATE TABLE audit_log (
  id             BIGSERIAL PRIMARY KEY,
  at             TIMESTAMPTZ NOT NULL DEFAULT now(),
  kind           TEXT NOT NULL,
  user_id        INTEGER,
  username       TEXT,
  client_address TEXT,
  -- what the entry is about: a layer key, a user name, an attachment or token id
  target         TEXT,
  layer_key      TEXT,
  row_count      INTEGER,
  -- before/after of admin changes, export format and restricted fields, token name …
  details        JSONB NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_username_idx ON audit_log (username, id DESC);
CREATE INDEX audit_log_kind_idx ON audit_log (kind, id DESC);

-- Append-only: rows are never changed; only the retention purge (which sets chizu.audit_purge for
-- its own transaction, and is itself logged) may delete rows older than the retention period.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('chizu.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Personal access tokens for desktop GIS and scripts (issue 15); only the SHA-256 of the token is kept.
CREATE TABLE access_token (
  id                SERIAL PRIMARY KEY,
  user_id           INTEGER NOT NULL REFERENCES app_user(id),
  name              TEXT NOT NULL,
  token_hash        TEXT NOT NULL UNIQUE,
  -- the first characters of the token, so its owner can tell tokens apart in the list
  token_prefix      TEXT NOT NULL,
  read_only         BOOLEAN NOT NULL,
  -- NULL = every layer the user may use; otherwise only these
  layer_ids         INTEGER[],
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at        TIMESTAMPTZ NOT NULL,
  last_used_at      TIMESTAMPTZ,
  last_used_address TEXT,
  revoked_at        TIMESTAMPTZ
);
CREATE INDEX access_token_user_idx ON access_token (user_id, id);
