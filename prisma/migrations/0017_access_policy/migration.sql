-- Issue 14, the rest of access: the public map's chosen fields, the password policy (no reuse, optional
-- expiry) and the session lifetime as settings an administrator edits.

-- Which unrestricted fields the public map shows; NULL = all of them (restricted fields are never shown).
ALTER TABLE layer ADD COLUMN published_fields TEXT[];

-- When the password was last set: the expiry (security_settings.password_max_age_days) counts from here.
ALTER TABLE app_user ADD COLUMN password_changed_at TIMESTAMPTZ NOT NULL DEFAULT now();
-- An administrator asked the user to set a new password at the next login (cleared when it is set).
ALTER TABLE app_user ADD COLUMN password_must_change BOOLEAN NOT NULL DEFAULT false;

-- Earlier password hashes of each user, newest first by set_at: a new password may not be one of the last N.
CREATE TABLE password_history (
  id BIGSERIAL PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  password_hash TEXT NOT NULL,
  set_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX password_history_user_idx ON password_history (user_id, set_at DESC);

-- The security settings: one row. NULL session lifetime = SESSION_TTL_HOURS from the environment.
CREATE TABLE security_settings (
  id INTEGER PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  password_history_count INTEGER NOT NULL DEFAULT 5 CHECK (password_history_count BETWEEN 0 AND 24),
  password_max_age_days INTEGER NOT NULL DEFAULT 0 CHECK (password_max_age_days BETWEEN 0 AND 3650),
  session_lifetime_hours INTEGER CHECK (session_lifetime_hours BETWEEN 1 AND 720),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO security_settings (id) VALUES (1);
