-- Written in the same transaction as the demo seed: a database with features but no row here was
-- seeded by an interrupted start (before the seed was one transaction) and is refused at start-up.
CREATE TABLE seed_state (
  id           INTEGER PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  scale        DOUBLE PRECISION NOT NULL,
  completed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
