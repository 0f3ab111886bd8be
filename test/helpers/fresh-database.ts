import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Config, loadConfig } from '../../server/src/config';
import { BackendKind, databaseUrl, NO_REQUEST_BUDGET, testDatabaseUrl, withAdmin } from './test-env';

/** An empty database that outlives a close and reopen: a new PostGIS database, or PGlite in a temporary directory. */
export interface FreshDatabase {
  config: Config;
  drop(): Promise<void>;
}

export async function freshDatabase(kind: BackendKind, wanted: Record<string, string> = {}): Promise<FreshDatabase> {
  const env = { ...NO_REQUEST_BUDGET, ...wanted };
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-test-'));
    return {
      config: { ...loadConfig(env), dataDir },
      async drop() { fs.rmSync(dataDir, { recursive: true, force: true }); },
    };
  }
  const name = `chizu_test_${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    config: loadConfig({ ...env, DATABASE_URL: databaseUrl(testDatabaseUrl, name) }),
    async drop() { await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)); },
  };
}
