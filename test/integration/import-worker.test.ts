import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureServerBuilt, repoRoot } from '../e2e/support/server';
import { backends, BackendKind, gqlAt as gql, loginAt as login } from '../helpers/backends';
import { seededPostgis } from '../helpers/seeded-copies';
import { databaseUrl, NO_REQUEST_BUDGET, testDatabaseUrl, withAdmin } from '../helpers/test-env';
import { loadConfig } from '../../server/src/config';

/**
 * The built server runs dry runs and commits in a worker thread with a capped heap (IMPORT_HEAP_MB,
 * import.worker.ts): from the sources, which the other tests run, imports stay in the test's thread.
 * Here the build runs on each backend: an import is checked, committed (its progress, its features
 * and the layer's data version seen by the server) and undone through the worker, and an import
 * whose worker runs out of its heap is refused with a coded error, writes nothing, and leaves the
 * server answering.
 */
interface Built { url: string; stop(): Promise<void> }

async function startBuilt(env: NodeJS.ProcessEnv): Promise<Built> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-import-worker-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server', 'main.js')], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...NO_REQUEST_BUDGET, PORT: '0', DATA_DIR: dataDir, WEB_DIST: '/nonexistent', DEMO_SCALE: '0.01', DEMO_REFERENCE_SCALE: '0.01', DEMO_RASTERS: 'false', ...env },
  });
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 240_000);
    child.stdout!.on('data', () => {
      const m = /Map:\s+http:\/\/localhost:(\d+)\//.exec(output);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000).unref())]);
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const CSV = '管理番号,路線名,経度,緯度\nWK-1,市道1,140.1681,35.6701\nWK-2,市道2,140.1682,35.6702\n';
const DRY_RUN = 'mutation($id: ID!) { importDryRun(id: $id) { create update refused } }';
const COMMIT = 'mutation($id: ID!) { commitImport(id: $id) { create refused } }';
const MIRRORS = '{ features(layer: "curve_mirrors", where: [{ field: "mirror_no", in: ["WK-1", "WK-2"] }]) { totalCount } }';
const DATA_VERSION = '{ layer(key: "curve_mirrors") { dataVersion } }';

async function upload(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/api/imports?${new URLSearchParams({ filename: 'mirrors.csv', layer: 'curve_mirrors' })}`,
    { method: 'POST', body: CSV, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const run = backends().length ? describe : describe.skip;
run.each(backends())('Imports in the built server\'s worker thread (%s)', (kind: BackendKind) => {
  let dbName: string | undefined;
  const env: NodeJS.ProcessEnv = { DATABASE_URL: '' };
  const started: Built[] = [];

  beforeAll(async () => {
    ensureServerBuilt();
    if (kind === 'postgis') {
      dbName = `chizu_test_${crypto.randomBytes(6).toString('hex')}`;
      env.DATABASE_URL = databaseUrl(testDatabaseUrl, dbName);
      await seededPostgis(dbName, { ...loadConfig({ ...NO_REQUEST_BUDGET, DATABASE_URL: env.DATABASE_URL }), seedDemoOnFirstStart: false }, 0.01, {});
    }
  });
  afterAll(async () => {
    for (const s of started) await s.stop();
    if (dbName) await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  });

  test('a preview, a dry run, a commit and an undo through the worker; the server sees the new features at once', async () => {
    const server = await startBuilt(env);
    started.push(server);
    const roads = await login(server.url, 'roads');
    const before = (await gql(server.url, DATA_VERSION, {}, roads)).data.layer.dataVersion;
    const id = await upload(server.url, roads);
    const preview = (await gql(server.url, `{ importPreview(id: "${id}") }`, {}, roads)).data.importPreview;
    expect([preview.rowCount, preview.columns]).toEqual([2, ['管理番号', '路線名', '経度', '緯度']]);
    expect((await gql(server.url, DRY_RUN, { id }, roads)).data.importDryRun).toEqual({ create: 2, update: 0, refused: 0 });
    expect((await gql(server.url, COMMIT, { id }, roads)).data.commitImport).toEqual({ create: 2, refused: 0 });
    // The progress the worker posted, and the catalogue the server reloaded (the tiles' cache key).
    const job = (await gql(server.url, `{ importJob(id: "${id}") { status progress { phase rowsRead rowsWritten } } }`, {}, roads)).data.importJob;
    expect(job).toEqual({ status: 'committed', progress: { phase: 'done', rowsRead: 2, rowsWritten: 2 } });
    expect((await gql(server.url, DATA_VERSION, {}, roads)).data.layer.dataVersion).toBeGreaterThan(before);
    expect((await gql(server.url, MIRRORS, {}, roads)).data.features.totalCount).toBe(2);
    expect((await gql(server.url, `mutation { undoImport(id: "${id}") }`, {}, roads)).data.undoImport).toBe(2);
    expect((await gql(server.url, MIRRORS, {}, roads)).data.features.totalCount).toBe(0);
  });

  test('a worker that runs out of its heap: a coded error, nothing written, the server still answers', async () => {
    const server = await startBuilt({ ...env, IMPORT_HEAP_MB: '4' });
    started.push(server);
    const roads = await login(server.url, 'roads');
    const id = await upload(server.url, roads);
    const r = await gql(server.url, COMMIT, { id }, roads);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'importOutOfMemory' });
    expect(r.errors?.[0]?.message).toContain('IMPORT_HEAP_MB');
    expect((await gql(server.url, MIRRORS, {}, roads)).data.features.totalCount).toBe(0);
    // The job says its commit failed (the wizard stops waiting) and can be tried again.
    const job = (await gql(server.url, `{ importJob(id: "${id}") { status progress { phase rowsWritten } } }`, {}, roads)).data.importJob;
    expect(job).toEqual({ status: 'uploaded', progress: { phase: 'failed', rowsWritten: 0 } });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
