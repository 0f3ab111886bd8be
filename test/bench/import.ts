// npm run bench:import [-- --rows 20000,100000] [--backend postgis|pglite|both] [--via cli|server]
// (the PostGIS measurement is also a row of `npm run bench`)
//
// The import row of the benchmark: a UTF-8 CSV of N curve mirrors with lon/lat columns, imported by
// `npm run import` in a child process (read → check → one batch through the edit path, in chunks),
// whose peak RSS is read from /proc. Each size runs on a fresh database, and the peak RSS of the
// largest over the smallest says whether memory stays flat. On PostGIS (a database of its own, the
// demo city at scale 0.05, so the benchmark's seeded city is not touched) the floor inserts the same
// rows as set-based SQL with a history row each; on the embedded PGlite the database runs in the
// import's own process, so its memory is part of the peak.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { benchDatabaseUrl, databaseUrl } from '../helpers/test-env';
import { importFloorSql, layerIdSql, userIdSql } from './bench.sql';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const DATABASE = 'chizu_bench_import';

export interface ImportMeasurement {
  backend: ImportBackend;
  rows: number;
  fileMb: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  /** The set-based floor: PostGIS only. */
  floorSeconds: number | null;
  floorRowsPerSecond: number | null;
  output: string;
}

/** Peak resident memory (VmHWM) of a running process, in MB; NaN once it has gone. */
function peakRss(pid: number): number {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function runNode(args: string[], env: NodeJS.ProcessEnv, onPid?: (pid: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    onPid?.(child.pid!);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(args[0])} exited with ${code}: ${out.slice(-2000)}`))));
  });
}

/** A deterministic spread of curve mirrors over the centre of the city. */
function mirrorsCsv(rows: number): { text: string; lons: number[]; lats: number[]; attributes: object[] } {
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const lines = ['管理番号,路線名,鏡面サイズ,最終点検日,経度,緯度'];
  const lons: number[] = [];
  const lats: number[] = [];
  const attributes: object[] = [];
  for (let i = 0; i < rows; i++) {
    const lon = Number((140.155 + random() * 0.03).toFixed(7));
    const lat = Number((35.66 + random() * 0.02).toFixed(7));
    const no = `B-${String(i).padStart(6, '0')}`;
    lines.push(`${no},市道${i % 50},600,H27.4.1,${lon},${lat}`);
    lons.push(lon);
    lats.push(lat);
    attributes.push({ mirror_no: `F-${no}`, route_name: `市道${i % 50}`, mirror_size_mm: 600, last_inspected_on: '2015-04-01' });
  }
  return { text: `${lines.join('\n')}\n`, lons, lats, attributes };
}

/** Where the import runs: PostGIS out of process, or the embedded PGlite in the import's own process. */
export type ImportBackend = 'postgis' | 'pglite';

/**
 * Peak RSS of the larger import over the smaller one's at which memory still counts as flat: 5× the
 * rows within 15 %. An import that kept something per row (a key map, the refused rows, the parsed
 * file) grows with the rows; 15 % leaves room for when V8 happens to collect garbage.
 */
export const FLAT_RSS_RATIO = 1.15;

/**
 * Where the import runs: `cli` is `npm run import` (its process's peak RSS); `server` uploads the file
 * to a started server and commits it there (the server's peak RSS: the import runs in its worker thread).
 */
export type ImportVia = 'cli' | 'server';

/** Uploads the file to a freshly started server, commits it with the key field, and returns the output line. */
async function importThroughServer(file: string, env: NodeJS.ProcessEnv, onPid: (pid: number) => void): Promise<string> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server', 'main.js')], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, PORT: '0', WEB_DIST: '/nonexistent', SEED_DEMO: 'false', API_REQUESTS_PER_SECOND: '0', TILE_REQUESTS_PER_SECOND: '0', COST_BUDGET_POINTS: '0' },
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', () => { const m = /Map:\s+http:\/\/localhost:(\d+)\//.exec(output); if (m) resolve(Number(m[1])); });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output.slice(-2000)}`)));
    });
    onPid(child.pid!);
    const base = `http://127.0.0.1:${port}`;
    const gql = async (query: string, variables: object, token?: string) => (await (await fetch(`${base}/graphql`, {
      method: 'POST', body: JSON.stringify({ query, variables }), headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    })).json()) as { data?: any; errors?: unknown[] };
    const token = (await gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: 'roads', p: 'chizu-demo' })).data.login.token;
    const up = await fetch(`${base}/api/imports?${new URLSearchParams({ filename: path.basename(file), layer: 'curve_mirrors' })}`, {
      method: 'POST', body: fs.createReadStream(file) as never, duplex: 'half', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    } as RequestInit);
    const { id } = (await up.json()) as { id: string };
    const r = await gql('mutation($id: ID!, $o: JSONObject) { commitImport(id: $id, options: $o) { create update unchanged refused } }', { id, o: { keyField: 'mirror_no' } }, token);
    if (!r.data) throw new Error(`commit failed: ${JSON.stringify(r.errors).slice(0, 500)}`);
    const s = r.data.commitImport;
    return `Imported: create ${s.create}, update ${s.update}, unchanged ${s.unchanged}, refused ${s.refused}`;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** Imports `rows` CSV rows (`npm run import`, or through a server) on a fresh database of the backend and measures it. */
export async function measureImport(rows: number, adminUrl = benchDatabaseUrl, log: (m: string) => void = () => undefined,
  backend: ImportBackend = 'postgis', via: ImportVia = 'cli'): Promise<ImportMeasurement> {
  const dist = path.join(repoRoot, 'dist', 'server');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-bench-import-'));
  let url: string | undefined;
  let dbEnv: NodeJS.ProcessEnv;
  if (backend === 'postgis') {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    url = databaseUrl(adminUrl, DATABASE);
    dbEnv = { DATABASE_URL: url, DEMO_RASTERS: 'false' };
  } else {
    // The embedded database lives in the import's own process (a worker thread): its memory is counted.
    dbEnv = { DATABASE_URL: '', DATA_DIR: path.join(work, 'data'), DEMO_RASTERS: 'false' };
  }
  try {
    log(`import (${backend}): seeding ${backend === 'postgis' ? DATABASE : 'an embedded database'} (scale 0.05)`);
    await runNode([path.join(dist, 'seed', 'main.js'), '--scale', '0.05', '--users'], dbEnv);

    const csv = mirrorsCsv(rows);
    const file = path.join(work, 'mirrors.csv');
    fs.writeFileSync(file, csv.text);
    const env = { ...dbEnv, IMPORT_DIR: path.join(work, 'imports'), NODE_ENV: 'production' };
    let peak = 0;
    let timer: NodeJS.Timeout | undefined;
    const t0 = performance.now();
    const sample = (pid: number) => { timer = setInterval(() => { const v = peakRss(pid); if (Number.isFinite(v)) peak = Math.max(peak, v); }, 100); };
    const output = via === 'server'
      ? await importThroughServer(file, env, sample)
      : await runNode([path.join(dist, 'modules', 'imports', 'import-cli.js'), file, '--layer', 'curve_mirrors', '--key', 'mirror_no', '--user', 'roads'], env, sample);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    log(`import (${backend}, ${via}, ${rows}): ${output.trim().split('\n')[0]}`);
    const floorSeconds = url ? await floor(url, rows, csv) : null;
    return {
      backend, rows, fileMb: Number((csv.text.length / 1024 / 1024).toFixed(1)), seconds: Number(seconds.toFixed(1)), rowsPerSecond: Math.round(rows / seconds),
      peakRssMb: Math.round(peak), floorSeconds: floorSeconds === null ? null : Number(floorSeconds.toFixed(1)),
      floorRowsPerSecond: floorSeconds === null ? null : Math.round(rows / floorSeconds), output,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The same rows as one set-based INSERT with a history row each (PostGIS only); seconds. */
async function floor(url: string, rows: number, csv: ReturnType<typeof mirrorsCsv>): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const client = await pool.connect();
  const f0 = performance.now();
  try {
    const layerId = (await client.query(layerIdSql, ['curve_mirrors'])).rows[0].id;
    const userId = (await client.query(userIdSql, ['roads'])).rows[0].id;
    await client.query('BEGIN');
    const r = await client.query(importFloorSql, [layerId, csv.lons, csv.lats, csv.attributes.map((a) => JSON.stringify(a)), userId]);
    await client.query('COMMIT');
    if (r.rowCount !== rows) throw new Error(`floor wrote ${r.rowCount} of ${rows}`);
  } finally {
    client.release();
    await pool.end();
  }
  return (performance.now() - f0) / 1000;
}

/** The larger import's peak RSS over the smaller one's, and whether that is flat (≤ FLAT_RSS_RATIO). */
export function rssGrowth(small: ImportMeasurement, large: ImportMeasurement): { ratio: number; flat: boolean } {
  const ratio = Number((large.peakRssMb / small.peakRssMb).toFixed(3));
  return { ratio, flat: ratio <= FLAT_RSS_RATIO };
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

// npm run bench:import [-- --rows 20000,100000] [--backend postgis|pglite|both]: each size on a fresh
// database, one after the other, then the peak RSS of the largest over that of the smallest.
if (require.main === module) {
  const sizes = option('--rows', '20000,100000').split(',').map(Number).sort((a, b) => a - b);
  const chosen = option('--backend', 'postgis');
  const via = option('--via', 'cli') as ImportVia;
  const backends: ImportBackend[] = chosen === 'both' ? ['postgis', 'pglite'] : [chosen as ImportBackend];
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || backends.some((b) => b !== 'postgis' && b !== 'pglite') || !['cli', 'server'].includes(via)) {
    console.error('usage: npm run bench:import [-- --rows 20000,100000] [--backend postgis|pglite|both] [--via cli|server]');
    process.exit(2);
  }
  (async () => {
    const results: ImportMeasurement[] = [];
    for (const backend of backends) {
      for (const rows of sizes) {
        const m = await measureImport(rows, benchDatabaseUrl, (s) => console.log(`[bench] ${s}`), backend, via);
        const { output: _, ...result } = m;
        console.log(`[bench] import ${JSON.stringify({ ...result, via, loadAverage1m: os.loadavg()[0] })}`);
        results.push(m);
      }
    }
    console.log('[bench] backend   rows      seconds  rows/s  peak RSS MB  floor rows/s');
    for (const m of results) {
      console.log(`[bench] ${m.backend.padEnd(9)} ${String(m.rows).padEnd(9)} ${String(m.seconds).padStart(7)} ${String(m.rowsPerSecond).padStart(7)} `
        + `${String(m.peakRssMb).padStart(12)} ${String(m.floorRowsPerSecond ?? '–').padStart(13)}`);
    }
    for (const backend of backends) {
      const mine = results.filter((m) => m.backend === backend);
      if (mine.length < 2) continue;
      const [small, large] = [mine[0], mine[mine.length - 1]];
      const g = rssGrowth(small, large);
      console.log(`[bench] ${backend}: peak RSS ${small.rows} → ${large.rows} rows: ${small.peakRssMb} → ${large.peakRssMb} MB, ×${g.ratio} `
        + `(${g.flat ? 'flat' : 'NOT flat'}: flat is ≤ ×${FLAT_RSS_RATIO})`);
    }
  })().catch((err) => { console.error(err); process.exit(1); });
}
