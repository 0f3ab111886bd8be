// npm run bench:import [-- --rows N]   (the same measurement is a row of `npm run bench`)
//
// The import row of the benchmark: a UTF-8 CSV of N curve mirrors (default 100,000) with lon/lat
// columns, imported on PostGIS by `npm run import` in a child process (read → check → one batch
// through the edit path, in chunks), whose peak RSS is read from /proc. The floor inserts the same
// rows as set-based SQL with a history row each. A database of its own (the demo city at scale 0.05),
// so the benchmark's seeded city is not touched.
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
  rows: number;
  fileMb: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  floorSeconds: number;
  floorRowsPerSecond: number;
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

export async function measureImport(rows: number, adminUrl = benchDatabaseUrl, log: (m: string) => void = () => undefined): Promise<ImportMeasurement> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const url = databaseUrl(adminUrl, DATABASE);
  const dist = path.join(repoRoot, 'dist', 'server');
  log(`import: seeding ${DATABASE} (scale 0.05)`);
  await runNode([path.join(dist, 'seed', 'main.js'), '--scale', '0.05', '--users'], { DATABASE_URL: url });

  const csv = mirrorsCsv(rows);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-bench-import-')), 'mirrors.csv');
  fs.writeFileSync(file, csv.text);
  const env = { DATABASE_URL: url, IMPORT_DIR: path.dirname(file), NODE_ENV: 'production' };
  let peak = 0;
  let timer: NodeJS.Timeout | undefined;
  const t0 = performance.now();
  const output = await runNode([path.join(dist, 'modules', 'imports', 'import-cli.js'), file, '--layer', 'curve_mirrors', '--key', 'mirror_no', '--user', 'roads'], env,
    (pid) => { timer = setInterval(() => { const v = peakRss(pid); if (Number.isFinite(v)) peak = Math.max(peak, v); }, 100); });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  log(`import: ${output.trim().split('\n')[0]}`);

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
  const floorSeconds = (performance.now() - f0) / 1000;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return {
    rows, fileMb: Number((csv.text.length / 1024 / 1024).toFixed(1)), seconds: Number(seconds.toFixed(1)), rowsPerSecond: Math.round(rows / seconds),
    peakRssMb: Math.round(peak), floorSeconds: Number(floorSeconds.toFixed(1)), floorRowsPerSecond: Math.round(rows / floorSeconds), output,
  };
}

if (require.main === module) {
  const at = process.argv.indexOf('--rows');
  const rows = at >= 0 ? Number(process.argv[at + 1]) : 100_000;
  measureImport(rows, benchDatabaseUrl, (m) => console.log(`[bench] ${m}`)).then((m) => {
    const { output: _, ...result } = m;
    console.log(`[bench] import ${JSON.stringify({ ...result, loadAverage1m: os.loadavg()[0] })}`);
  }).catch((err) => { console.error(err); process.exit(1); });
}
