// The test databases and backends, read from the environment in this one place: jest's global
// setup, the integration helpers and the bench all take them from here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type BackendKind = 'pglite' | 'postgis';
const BACKEND_KINDS: readonly BackendKind[] = ['pglite', 'postgis'];

/**
 * The PostgreSQL server used for throw-away test databases: TEST_DATABASE_URL must name a database
 * of a user allowed to CREATE DATABASE.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The bench's server: BENCH_DATABASE_URL, else the tests'. */
export const benchDatabaseUrl = process.env.BENCH_DATABASE_URL || testDatabaseUrl;

/** The backends asked for: both by default; TEST_BACKENDS=pglite (or postgis) narrows it. */
export function wantedBackends(): BackendKind[] {
  const wanted = (process.env.TEST_BACKENDS || BACKEND_KINDS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((k) => !BACKEND_KINDS.includes(k as BackendKind));
  if (unknown.length) throw new Error(`TEST_BACKENDS: unknown backend ${unknown.join(', ')} (use ${BACKEND_KINDS.join(', ')})`);
  return wanted as BackendKind[];
}

/** Set by the global setup, inherited by the workers: '0' when PostGIS was not reachable (outside CI). */
const POSTGIS_AVAILABLE = 'CHIZU_POSTGIS_AVAILABLE';

export function setPostgisAvailable(ok: boolean): void {
  process.env[POSTGIS_AVAILABLE] = ok ? '1' : '0';
}

/** The backends to test: those asked for, without PostGIS when the global setup found none (outside CI). */
export function backends(): BackendKind[] {
  return wantedBackends().filter((k) => k !== 'postgis' || process.env[POSTGIS_AVAILABLE] !== '0');
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs fn with a connection to the server's admin database (serverUrl: the tests' by default). */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>, serverUrl = testDatabaseUrl): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Integration tests call the API in tight loops from one account: the per-caller request and cost
 * budgets are off for them, and on in their own tests (rate-limit.test.ts, cost-budget.test.ts) and in
 * the browser tests (the defaults).
 */
export const NO_REQUEST_BUDGET: Record<string, string> = { API_REQUESTS_PER_SECOND: '0', TILE_REQUESTS_PER_SECOND: '0', COST_BUDGET_POINTS: '0' };

// Seeded copies (seeded-copies.ts): named per run here, so that jest's global setup and teardown need no server code.
/** Set by jest's global setup for the run (a base-36 timestamp); without it every database is seeded afresh. */
export const TEST_RUN = 'CHIZU_TEST_RUN';
export const TEMPLATE_PREFIX = 'chizu_tpl_';

export function snapshotDir(run: string): string {
  return path.join(os.tmpdir(), `chizu-seeded-${run}`);
}

/** Removes the run's copies' sources, and templates left by runs that ended without cleaning up (older than 6 h). */
export async function removeSeededCopies(run: string | undefined, postgis: boolean): Promise<void> {
  if (run) fs.rmSync(snapshotDir(run), { recursive: true, force: true });
  if (!postgis) return;
  const stale = (name: string) => {
    const id = name.slice(TEMPLATE_PREFIX.length).split('_')[0];
    return id === run || Date.now() - parseInt(id, 36) > 6 * 3600_000;
  };
  await withAdmin(async (c) => {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${TEMPLATE_PREFIX}%`]);
    for (const { datname } of rows.filter((r) => stale(r.datname))) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}
