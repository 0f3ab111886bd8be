// Most test files start from the same seeded demo city. Seeding it (migrations, reference data, demo
// features) is most of a test file's start-up, so each test run seeds it once per backend and options,
// and every later file gets a copy: PGlite from a dump of its data directory, PostgreSQL from a
// template database. A copy holds exactly what a new seed would (the seed is deterministic).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Config } from '../../server/src/config';
import { prepareDatabase } from '../../server/src/bootstrap';
import { Database, openDatabase } from '../../server/src/db/database';
import { seedDemo } from '../../server/src/seed/demo';
import { databaseUrl, snapshotDir, TEMPLATE_PREFIX, TEST_RUN, testDatabaseUrl, withAdmin } from './test-env';

const seed = (db: Database, config: Config, scale: number) => seedDemo(db, { scale, users: true, config });

function keyOf(scale: number, env: Record<string, string>): string {
  const sorted = Object.entries(env).filter(([k]) => k !== 'DATABASE_URL').sort(([a], [b]) => a.localeCompare(b));
  return crypto.createHash('sha256').update(JSON.stringify([scale, sorted])).digest('hex').slice(0, 12);
}

/** An in-memory PGlite holding the seeded demo city. */
export async function seededPglite(config: Config, scale: number, env: Record<string, string>): Promise<Database> {
  const embedded = { ...config, dataDir: undefined as unknown as string };
  const run = process.env[TEST_RUN];
  const file = run ? path.join(snapshotDir(run), `${keyOf(scale, env)}.tar.gz`) : undefined;
  if (file && fs.existsSync(file)) {
    return openDatabase({ loadDataDir: new Blob([fs.readFileSync(file)]), statementTimeoutMs: config.abuse.statementTimeoutMs,
      queueTimeoutMs: config.abuse.databaseQueueTimeoutMs });
  }
  const db = await prepareDatabase(embedded, () => undefined);
  await seed(db, config, scale);
  if (file) {
    // Written aside and renamed, so that another worker never reads half a file.
    const dump = Buffer.from(await (await db.dumpDataDir!()).arrayBuffer());
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, dump);
    fs.renameSync(partial, file);
  }
  return db;
}

/**
 * Creates `dbName` on the test server holding the seeded demo city, copied from the run's template
 * (built once, under an advisory lock, as `<template>_building` and renamed when complete).
 */
export async function seededPostgis(dbName: string, config: Config, scale: number, env: Record<string, string>): Promise<void> {
  const run = process.env[TEST_RUN];
  const create = async (name: string) => {
    await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    const db = await prepareDatabase({ ...config, databaseUrl: databaseUrl(testDatabaseUrl, name) }, () => undefined);
    try { await seed(db, config, scale); } finally { await db.close(); }
  };
  if (!run) return create(dbName);
  const template = `${TEMPLATE_PREFIX}${run}_${keyOf(scale, env)}`;
  await withAdmin(async (c) => {
    await c.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      if (!(await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount) {
        await c.query(`DROP DATABASE IF EXISTS ${template}_building WITH (FORCE)`);
        await create(`${template}_building`);
        await c.query(`ALTER DATABASE ${template}_building RENAME TO ${template}`);
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
    // A backend of the seeding pool may still be closing: copying needs the template without sessions.
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${dbName} TEMPLATE ${template}`);
        return;
      } catch (e) {
        if (attempt >= 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  });
}
