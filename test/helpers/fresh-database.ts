import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Config, loadConfig } from '../../server/src/config';
import { BackendKind } from './backends';
import { adminUrl } from './postgis';

/** An empty database that outlives a close and reopen: a new PostGIS database, or PGlite in a temporary directory. */
export interface FreshDatabase {
  config: Config;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(kind: BackendKind, env: Record<string, string> = {}): Promise<FreshDatabase> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-test-'));
    return {
      config: { ...loadConfig(env), dataDir },
      async drop() { fs.rmSync(dataDir, { recursive: true, force: true }); },
    };
  }
  const name = `chizu_test_${crypto.randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: loadConfig({ ...env, DATABASE_URL: url.toString() }),
    async drop() { await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)); },
  };
}
