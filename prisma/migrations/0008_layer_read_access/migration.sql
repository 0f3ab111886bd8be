-- Who may read a layer: NULL = all staff; otherwise {"departments": [...], "users": [...]}.
-- Editors of the layer and administrators always read it (server/src/modules/auth/permissions.ts).
ALTER TABLE layer ADD COLUMN read_access JSONB;
