import crypto from 'node:crypto';
import { Config, loadConfig } from '../../server/src/config';
import { createServer, ChizuServer } from '../../server/src/app';
import { Database, openDatabase } from '../../server/src/db/database';
import { DEMO_PASSWORD } from '../../server/src/seed/demo';
import { seededPglite, seededPostgis } from './seeded-copies';
import { backends, BackendKind, databaseUrl, NO_REQUEST_BUDGET, testDatabaseUrl, withAdmin } from './test-env';

export { backends, type BackendKind };

export interface TestBackend {
  kind: BackendKind;
  db: Database;
  config: Config;
  close(): Promise<void>;
}

export interface BackendOptions {
  /** Demo city scale; 0 = no demo features (users are still created). */
  scale?: number;
  env?: Record<string, string>;
}

/** A fresh, migrated database on the given backend with the demo users and a small demo city (a copy: seeded-copies.ts). */
export async function openBackend(kind: BackendKind, options: BackendOptions = {}): Promise<TestBackend> {
  let dbName: string | undefined;
  let env: Record<string, string> = { ...NO_REQUEST_BUDGET, ...options.env };
  const scale = options.scale ?? 0.05;
  if (kind === 'postgis') {
    dbName = `chizu_test_${crypto.randomBytes(6).toString('hex')}`;
    env = { ...env, DATABASE_URL: databaseUrl(testDatabaseUrl, dbName) };
  }
  const config: Config = { ...loadConfig({ ...env }), seedDemoOnFirstStart: false };
  let db: Database;
  if (dbName) {
    await seededPostgis(dbName, config, scale, env);
    db = await openDatabase({ databaseUrl: config.databaseUrl, statementTimeoutMs: config.abuse.statementTimeoutMs, queueTimeoutMs: config.abuse.databaseQueueTimeoutMs });
  } else {
    db = await seededPglite(config, scale, env);
  }
  return {
    kind, db, config,
    async close() {
      await db.close();
      if (dbName) {
        await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
      }
    },
  };
}

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; [k: string]: unknown }; path?: string[] }>;
}

/** A running server on a free port with a small GraphQL client. */
export interface TestServer extends TestBackend {
  url: string;
  server: ChizuServer;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  login(username: string, password?: string): Promise<string>;
}

/** A GraphQL request to the server at `url` (one this test started, or a built one it runs). */
export async function gqlAt<T = any>(url: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResponse<T>;
}

/** Logs in at the server at `url` and returns the session token. */
export async function loginAt(url: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await gqlAt(url, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: password });
  if (!r.data) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
  return r.data.login.token;
}

export async function startServer(kind: BackendKind, options: BackendOptions = {}): Promise<TestServer> {
  const backend = await openBackend(kind, options);
  // Internal errors are printed: a test that hits one should show why.
  const server = await createServer(backend.db, { ...backend.config, webDist: '/nonexistent' }, (m) => { if (m.startsWith('internal')) console.error(m); });
  const port = await server.listen(0);
  const url = `http://127.0.0.1:${port}`;
  return {
    ...backend, url, server,
    gql: (query, variables, token) => gqlAt(url, query, variables, token),
    login: (username, password) => loginAt(url, username, password),
    async close() {
      await server.stop();
      await backend.close();
    },
  };
}

/** describe() once per backend, each with its own fresh database and server. */
export function describeBackends(name: string, fn: (get: () => TestServer, kind: BackendKind) => void, options: BackendOptions = {}) {
  for (const kind of backends()) {
    describe(`${name} [${kind}]`, () => {
      let server: TestServer | undefined;
      beforeAll(async () => { server = await startServer(kind, options); });
      afterAll(async () => { await server?.close(); });
      fn(() => server!, kind);
    });
  }
}
