// npm run bench:fastpath [-- --database NAME] [-- --runs N]
// The `features` fast path against normal graphql-js execution, side by side in one interleaved run: two
// built servers on one bench database, one with FEATURES_FAST_PATH=false, both sent the web client's own
// Features query (GET, as the client sends it) for a ~2k-feature viewport, at c1 and c8. The answers are
// checked identical first. Seeds the database (scale 4, as `npm run bench -- --quick`) when it is missing.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { FeaturesDocument } from '../../web/src/api/generated/graphql';
import { ident } from '../../server/src/db/sql';
import { benchDatabaseUrl, databaseUrl, NO_REQUEST_BUDGET } from '../helpers/test-env';
import { bboxCountSql, layerIdSql } from './bench.sql';
import { Child, freePort, log } from './child';
import { runInterleaved } from './load';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const LAYER = 'street_lights';
const CENTRE = { lon: 140.168, lat: 35.669 };
const QUERY = FeaturesDocument.toString();

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

async function ensureDatabase(name: string, url: string) {
  const admin = new pg.Client({ connectionString: benchDatabaseUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (!exists) {
    log(`creating database ${name} with the demo city at scale 4`);
    await admin.query(`CREATE DATABASE ${ident(name)}`);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server', 'seed', 'main.js'), '--scale', '4', '--users'],
        { cwd: repoRoot, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding failed (${code})`))));
    });
    await admin.query(`COMMENT ON DATABASE ${ident(name)} IS 'chizu-bench scale=4'`);
  }
  await admin.end();
}

/** A square viewport around the centre holding about `target` features of the layer. */
async function viewportFor(pool: pg.Pool, layerId: number, target: number) {
  const cos = Math.cos((CENTRE.lat * Math.PI) / 180);
  const box = (half: number) => [CENTRE.lon - half / cos, CENTRE.lat - half, CENTRE.lon + half / cos, CENTRE.lat + half].map((v) => Math.round(v * 1e6) / 1e6);
  let lo = 0.0001;
  let hi = 0.05;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    const n = (await pool.query(bboxCountSql, [layerId, ...box(mid)])).rows[0].n as number;
    if (Math.abs(n - target) / target < 0.01) return { bbox: box(mid), count: n };
    if (n < target) lo = mid; else hi = mid;
  }
  throw new Error(`no viewport of about ${target} features`);
}

async function main() {
  const name = arg('--database', 'chizu_bench_fastpath');
  const runs = Number(arg('--runs', '40'));
  const url = databaseUrl(benchDatabaseUrl, name);
  await ensureDatabase(name, url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const layerId = (await pool.query(layerIdSql, [LAYER])).rows[0].id as number;
  const { bbox, count } = await viewportFor(pool, layerId, 2000);
  await pool.end();

  const servers: Record<string, { child: Child; url: string; token?: string }> = {};
  for (const [mode, on] of [['fast', 'true'], ['normal', 'false']] as const) {
    const port = await freePort();
    const child = new Child(`fastpath-${mode}`, [path.join(__dirname, 'serve.js')], {
      DATABASE_URL: url, PORT: String(port), SEED_DEMO: 'false', NODE_ENV: 'production', FEATURES_FAST_PATH: on, ...NO_REQUEST_BUDGET,
    });
    servers[mode] = { child, url: `http://127.0.0.1:${port}` };
    process.on('exit', () => child.process.kill('SIGKILL'));
    await child.waitFor(async () => (await fetch(`${servers[mode].url}/api/health`)).ok);
    const res = await fetch(`${servers[mode].url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "counter", password: "chizu-demo") { token } }' }) });
    servers[mode].token = ((await res.json()) as any).data.login.token;
  }
  const params = new URLSearchParams({ query: QUERY, variables: JSON.stringify({ layer: LAYER, bbox, first: 5000 }) }).toString();
  const viewport = async (mode: string) => {
    const s = servers[mode];
    const res = await fetch(`${s.url}/graphql?${params}`, { headers: { authorization: `Bearer ${s.token}`, 'apollo-require-preflight': 'true', accept: 'application/json' } });
    const text = await res.text();
    const page = JSON.parse(text); // the client's parse, paid by both
    if (page.data.features.edges.length !== count) throw new Error(`${mode}: ${page.data.features.edges.length} features, expected ${count}`);
    return text;
  };
  const [fast, normal] = [await viewport('fast'), await viewport('normal')];
  if (fast !== normal) throw new Error('the two modes answered differently');
  log(`viewport ${bbox.join(',')}: ${count} features, ${(fast.length / 1024).toFixed(0)} KiB, identical answers`);
  for (let i = 0; i < 5; i++) { await viewport('fast'); await viewport('normal'); } // warm-up
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  for (const c of [1, 8]) {
    const before = load();
    const stats = await runInterleaved({ fast: () => viewport('fast'), normal: () => viewport('normal') }, c === 1 ? runs : runs * 3, c, 8);
    for (const [mode, st] of Object.entries(stats)) {
      log(`2k c${c} ${mode}: p50 ${st.p50.toFixed(1)} ms, p95 ${st.p95.toFixed(1)} ms, ${st.throughput.toFixed(1)} viewports/s`);
    }
    log(`2k c${c}: fast/normal p50 ${(stats.fast.p50 / stats.normal.p50).toFixed(2)}×, throughput ${(stats.fast.throughput / stats.normal.throughput).toFixed(2)}×; load average ${before} → ${load()}`);
  }
  await Promise.all(Object.values(servers).map((s) => s.child.stop()));
}

main().catch((err) => { console.error(err); process.exit(1); });
