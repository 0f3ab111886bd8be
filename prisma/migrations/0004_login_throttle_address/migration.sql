-- Login throttling per (user name, client address) and per client address, with an admin unlock.
ALTER TABLE login_attempt ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
ALTER TABLE login_attempt ADD COLUMN cleared_at TIMESTAMPTZ; -- set when an administrator unlocks the user name
CREATE INDEX login_attempt_address_idx ON login_attempt (client_address, attempted_at);
