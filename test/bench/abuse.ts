// npm run bench -- --abuse [--seconds N] [--backend pglite|postgis] [--scale S] [--attacks aliases,where,bigBody,login,csrf,print]
//                         [--data-dir DIR] [--cpu-prof DIR] [--attacker-nice N]
//
// The abuse soak: replays the request-level attacks of issue 12 against a freshly started server
// for a bounded time (loopback only, bounded loops) while a normal user's requests are measured.
// Reports the normal user's p95 idle and under attack, and the peak RSS of the server's process
// group (Chromium included). Not part of the test suite.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { percentile } from './load';
import { benchDatabaseUrl, databaseUrl } from '../helpers/test-env';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const log = (m: string) => console.log(`[abuse] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PASSWORD = 'chizu-demo';
/** What the soak must hold (issue 12): the normal user's p95 under attack within this multiple of idle... */
const P95_RATIO_TARGET = 3;
/** ...and the server with its Chromium grown by at most this much over idle (two renders, their warm pages, the queue). */
const RSS_GROWTH_BOUND_MB = 512;

interface SoakOptions {
  seconds: number; backend: 'pglite' | 'postgis'; scale: number; adminUrl: string; attacks?: string[];
  /** pglite: an embedded database directory kept between runs (seeded on the first), instead of a fresh one. */
  dataDir?: string;
  /** The server's CPU profile (node --cpu-prof) is written into this directory when it stops. */
  cpuProfDir?: string;
  /** The attacking process's nice value: on a machine of 2 cores its unpaced loops would otherwise take the server's CPU. */
  attackerNice: number;
}

function options(argv: string[]): SoakOptions {
  const value = (name: string, fallback: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback; };
  const seconds = Number(value('--seconds', argv.includes('--quick') ? '15' : '60'));
  const backend = value('--backend', 'pglite') as SoakOptions['backend'];
  const scale = Number(value('--scale', '0.5'));
  if (!(seconds > 0 && seconds <= 600) || !(scale > 0 && scale <= 10) || !['pglite', 'postgis'].includes(backend)) {
    throw new Error('--seconds 1..600, --scale 0..10, --backend pglite|postgis');
  }
  const attacks = argv.includes('--attacks') ? value('--attacks', '').split(',').filter(Boolean) : undefined;
  const dataDir = argv.includes('--data-dir') ? path.resolve(value('--data-dir', '')) : undefined;
  const cpuProfDir = argv.includes('--cpu-prof') ? path.resolve(value('--cpu-prof', '')) : undefined;
  const attackerNice = Number(value('--attacker-nice', '19'));
  if (!(Number.isInteger(attackerNice) && attackerNice >= 0 && attackerNice <= 19)) throw new Error('--attacker-nice 0..19');
  return { seconds, backend, scale, adminUrl: benchDatabaseUrl, attacks, dataDir, cpuProfDir, attackerNice };
}

/** Resident memory of a process group in MB (the server and the Chromium it started). */
function groupRssMb(pgid: number): number {
  try {
    return execFileSync('ps', ['-o', 'rss=', '-g', String(pgid)], { encoding: 'utf8' })
      .split('\n').filter(Boolean).reduce((sum, kb) => sum + Number(kb), 0) / 1024;
  } catch { return NaN; }
}

/** `body` as a string is sent as it is (the attacks' bodies are written once: the client's work is not the server's). */
async function post(base: string, body: unknown, token?: string): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

/** A declared-large body of which only a little is sent: the server must answer without reading it. */
function hugeAnonymousBody(base: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const req = http.request({ hostname, port, path: '/graphql', method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': 19 * 1024 * 1024 } }, (res) => {
      res.resume();
      res.on('end', () => { resolve(res.statusCode ?? 0); req.destroy(); });
    });
    req.setTimeout(15_000, () => { req.destroy(); resolve(0); });
    req.on('error', () => resolve(0));
    req.write(Buffer.alloc(256 * 1024, 0x20));
  });
}

/**
 * The attacking process: every chosen attack in two unpaced loops until the deadline; prints how
 * each was answered (status or error code) as JSON on stdout.
 */
async function runAttacker(spec: { base: string; token: string; seconds: number; attacks?: string[] }): Promise<void> {
  const { base, token: attacker } = spec;
  const deadline = Date.now() + spec.seconds * 1000;
  const statuses: Record<string, Record<string, number>> = {};
  const count = (attack: string, status: number | string) => { (statuses[attack] ??= {})[status] = (statuses[attack][status] ?? 0) + 1; };
  const aliases = JSON.stringify({ query: `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: features(layer: "street_lights", first: 5000) { edges { node { id geometry attributes } } }`).join(' ')} }` });
  const where = JSON.stringify({ query: 'query($w: [AttributeFilter!]) { features(layer: "street_lights", where: $w) { totalCount } }',
    variables: { w: Array.from({ length: 10_000 }, (_, i) => ({ field: 'watts', ne: i })) } });
  const attacks: Record<string, () => Promise<number | string>> = {
    aliases: async () => { const r = await post(base, aliases, attacker); return r.json?.errors?.[0]?.extensions?.code ?? r.status; },
    where: async () => { const r = await post(base, where, attacker); return r.json?.errors?.[0]?.extensions?.code ?? r.status; },
    bigBody: () => hugeAnonymousBody(base),
    login: async () => { const r = await post(base, { query: 'mutation { login(username: "admin", password: "guess") { token } }' }); return r.json?.errors?.[0]?.extensions?.code ?? r.status; },
    csrf: async () => (await fetch(`${base}/api/features/1/attachments?filename=x.pdf`, { method: 'POST', body: '%PDF-1.4', headers: { 'content-type': 'text/plain', cookie: `chizu_session=${attacker}` } })).status,
    print: async () => (await fetch(`${base}/api/print/enquiry.png?lon=140.168&lat=35.67&scale=1000&date=2026-11-24`, { headers: { authorization: `Bearer ${attacker}` } })).status,
  };
  const chosen = Object.entries(attacks).filter(([name]) => !spec.attacks || spec.attacks.includes(name));
  await Promise.all(chosen.flatMap(([name, attack]) => [0, 1].map(async () => {
    while (Date.now() < deadline) count(name, await attack().catch((e) => `error:${(e as Error).message.slice(0, 40)}`));
  })));
  process.stdout.write(JSON.stringify({ statuses, chosen: chosen.map(([name]) => name) }));
}

export async function runAbuseSoak(argv: string[]): Promise<void> {
  const o = options(argv);
  const serverMain = path.join(repoRoot, 'dist', 'server', 'main.js');
  const port = 4400 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  const dataDir = o.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-abuse-'));
  const dbName = `chizu_abuse_${process.pid}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DEMO_SCALE: String(o.scale), SEED_DEMO: 'true', DATA_DIR: dataDir, DATABASE_URL: '' };
  if (o.backend === 'postgis') {
    const admin = new pg.Client({ connectionString: o.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    env.DATABASE_URL = databaseUrl(o.adminUrl, dbName);
  }
  const logFile = path.join(os.tmpdir(), 'chizu-abuse-server.log');
  const out = fs.openSync(logFile, 'w');
  // Its own process group, so that Chromium's memory is counted with the server's.
  const nodeArgs = o.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProfDir] : [];
  const server: ChildProcess = spawn(process.execPath, [...nodeArgs, serverMain], { cwd: repoRoot, env, stdio: ['ignore', out, out], detached: true });
  const pgid = server.pid!;
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, groupRssMb(pgid) || 0); }, 250);
  try {
    const until = Date.now() + 300_000;
    while (!(await fetch(`${base}/api/health`).then((r) => r.ok, () => false))) {
      if (server.exitCode !== null || Date.now() > until) throw new Error(`server did not start; see ${logFile}`);
      await sleep(500);
    }
    const login = async (u: string) => (await post(base, { query: `mutation { login(username: "${u}", password: "${PASSWORD}") { token } }` })).json.data.login.token as string;
    const normal = await login('roads');
    log(`server up (${o.backend}, scale ${o.scale}); RSS ${groupRssMb(pgid).toFixed(0)} MB`);

    const probe = async () => {
      const t0 = performance.now();
      const r = await post(base, { query: '{ features(layer: "street_lights", bbox: [140.16, 35.66, 140.18, 35.68], first: 100) { edges { node { id attributes } } } }' }, normal);
      if (r.status !== 200 || r.json?.errors) throw new Error(`normal request failed: ${JSON.stringify(r.json?.errors ?? r.status)}`);
      return performance.now() - t0;
    };
    const measure = async (ms: number) => {
      const latencies: number[] = [];
      const end = Date.now() + ms;
      while (Date.now() < end) { latencies.push(await probe()); await sleep(100); }
      return latencies.sort((a, b) => a - b);
    };
    for (let i = 0; i < 5; i++) await probe(); // warm-up
    const idle = await measure(Math.min(20, o.seconds) * 1000);
    const idleRss = peakRss;
    log(`idle: ${idle.length} requests, p95 ${percentile(idle, 95).toFixed(1)} ms`);

    // The attacks run in a process of their own, as they would from another machine: the probe's
    // event loop is not the attacker's, and (unless --attacker-nice 0) the attacker's loops yield the
    // CPU. Its own session is its own scheduling group (Linux autogroup), whose nice value is what
    // counts against the server's group: a nice process inside the bench's group would still take a
    // core of the two from the server.
    const attacker = await login('counter');
    const attack = spawn(process.execPath, [__filename, '--attacker', JSON.stringify({ base, token: attacker, seconds: o.seconds, attacks: o.attacks })],
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    if (o.attackerNice) {
      os.setPriority(attack.pid!, o.attackerNice);
      try { fs.writeFileSync(`/proc/${attack.pid}/autogroup`, String(o.attackerNice)); } catch { /* no autogroup: the nice value alone */ }
    }
    let report = '';
    attack.stdout!.on('data', (d) => { report += d; });
    const attackDone = new Promise<void>((resolve) => attack.on('exit', () => resolve()));
    const underAttack = await measure(o.seconds * 1000);
    await attackDone;
    const { statuses, chosen } = JSON.parse(report) as { statuses: Record<string, Record<string, number>>; chosen: string[] };

    const idleP95 = percentile(idle, 95);
    const attackP95 = percentile(underAttack, 95);
    log(`under attack: ${underAttack.length} requests, p95 ${attackP95.toFixed(1)} ms`);
    for (const [name, byStatus] of Object.entries(statuses)) log(`  ${name}: ${Object.entries(byStatus).map(([s, n]) => `${s}×${n}`).join(', ')}`);
    const ratio = attackP95 / idleP95;
    const held = ratio <= P95_RATIO_TARGET && peakRss <= idleRss + RSS_GROWTH_BOUND_MB;
    console.log(`abuse soak (${o.backend}, ${o.seconds} s, ${chosen.join('+')}, attacker at nice ${o.attackerNice}; load ${os.loadavg()[0].toFixed(1)}): normal p95 idle ${idleP95.toFixed(1)} ms, under attack ${attackP95.toFixed(1)} ms `
      + `(${ratio.toFixed(2)}×); peak RSS ${peakRss.toFixed(0)} MB (idle ${idleRss.toFixed(0)} MB); `
      + `${held ? 'held' : 'NOT held'} (p95 ≤ ${P95_RATIO_TARGET}× idle, RSS ≤ idle + ${RSS_GROWTH_BOUND_MB} MB)`);
    if (!held) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
    // A clean stop (the CPU profile is written on exit), then whatever is left of the group.
    const stopBy = Date.now() + 15_000;
    while (server.exitCode === null && server.signalCode === null && Date.now() < stopBy) await sleep(200);
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
    if (!o.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (o.backend === 'postgis') {
      const admin = new pg.Client({ connectionString: o.adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

if (require.main === module && process.argv[2] === '--attacker') {
  runAttacker(JSON.parse(process.argv[3])).catch((err) => { console.error(err); process.exit(1); });
}
