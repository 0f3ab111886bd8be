-- What an import knows about every row is kept here rather than in the importing process, so that
-- process's memory does not grow with the file (server/src/modules/imports/import.service.ts, check).

-- The keys read so far by one check (a dry run or a commit): a key twice in one file is refused, naming
-- the line it is first on. Scratch data: emptied when the check ends (a commit's with its transaction),
-- left-overs of a stopped process removed by the stale-import purge; UNLOGGED, as nothing of it needs
-- to survive a crash. Keys as md5 digests, so a key of any length fits the index.
CREATE UNLOGGED TABLE import_key (
  run        uuid NOT NULL,
  digest     uuid NOT NULL,
  line       integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run, digest)
);

-- The version of each feature a dry run would update, as the user saw it: the commit is checked
-- against it (CONFLICT when a feature changed since). Replaced by the next dry run, removed at commit.
CREATE TABLE import_version (
  job_id     bigint NOT NULL REFERENCES import_job(id) ON DELETE CASCADE,
  feature_id bigint NOT NULL,
  version    integer NOT NULL,
  PRIMARY KEY (job_id, feature_id)
);
