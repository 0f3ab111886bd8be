// What users wait for beside reading (issue 16 goals 5 and 6), against a real server child:
// - live: 20 maps subscribed to /api/events while one editor saves; how long from the save until
//   each map has the event;
// - print: an A4 窓口案内図 PDF, cold (Chromium and its page start) and then warm, with the parts the
//   server reports in Server-Timing.
import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './load';

function post(url: string, body: unknown, token?: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'identity', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: any; errors?: unknown };
        if (json.errors) reject(new Error(`GraphQL error: ${JSON.stringify(json.errors).slice(0, 500)}`));
        else resolve(json.data);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

export const loginAs = async (url: string, username: string): Promise<string> =>
  (await post(`${url}/graphql`, { query: 'mutation($u: String!) { login(username: $u, password: "chizu-demo") { token } }', variables: { u: username } })).login.token;

export interface Stats { count: number; p50: number; p95: number; max: number }
function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? NaN };
}

/** One open map's event stream: the time each (feature, version) arrived. */
class EventStream {
  readonly seen = new Map<string, number>();
  private readonly waiters = new Map<string, () => void>();
  private req?: http.ClientRequest;
  opened!: Promise<void>;

  constructor(url: string, token: string) {
    this.opened = new Promise((resolve, reject) => {
      this.req = http.get(`${url}/api/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) { reject(new Error(`events: HTTP ${res.statusCode}`)); return; }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith('retry:')) resolve();
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (!/^event: edit$/m.test(block) || !data) continue;
            const event = JSON.parse(data.slice(6)) as { featureId: string; version: number };
            const key = `${event.featureId}@${event.version}`;
            this.seen.set(key, at);
            this.waiters.get(key)?.();
          }
        });
      });
      this.req.on('error', reject);
    });
  }

  /** Resolves when the event has arrived (or after `timeoutMs`, then without it). */
  arrival(key: string, timeoutMs: number): Promise<number | null> {
    if (this.seen.has(key)) return Promise.resolve(this.seen.get(key)!);
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.waiters.delete(key); resolve(null); }, timeoutMs);
      this.waiters.set(key, () => { clearTimeout(timer); this.waiters.delete(key); resolve(this.seen.get(key)!); });
    });
  }

  close() { this.req?.destroy(); }
}

const UPDATE = `mutation($id: ID!, $v: Int!, $attributes: JSONObject) {
  updateFeature(id: $id, expectedVersion: $v, attributes: $attributes) { id version } }`;

export interface LiveResult {
  clients: number;
  saves: number;
  /** From sending the save until a map has the event (what a user waits for). */
  saveToSeen: Stats;
  /** From the save's answer reaching the editor until a map has the event (negative: before it). */
  answerToSeen: Stats;
  /** The save itself (request to answer). */
  save: Stats;
  missed: number;
}

/**
 * `clients` maps (viewer sessions) hold /api/events open; an editor saves `saves` street lights one
 * after another; each save's event is awaited on every map before the next save.
 */
export async function benchLive(o: { url: string; clients: number; saves: number; log: (m: string) => void }): Promise<LiveResult> {
  const streams: EventStream[] = [];
  try {
    for (let i = 0; i < o.clients; i++) streams.push(new EventStream(o.url, await loginAs(o.url, 'counter')));
    await Promise.all(streams.map((s) => s.opened));
    const editor = await loginAs(o.url, 'community');
    const page = (await post(`${o.url}/graphql`, { query: '{ features(layer: "street_lights", first: 20) { edges { node { id version } } } }' }, editor)).features.edges as { node: { id: string; version: number } }[];
    if (!page.length) throw new Error('live: no street lights');
    const versions = new Map(page.map((e) => [e.node.id, e.node.version]));
    const saveToSeen: number[] = [];
    const answerToSeen: number[] = [];
    const save: number[] = [];
    let missed = 0;
    for (let i = -3; i < o.saves; i++) { // 3 warm-up saves
      const id = page[((i % page.length) + page.length) % page.length].node.id;
      const sent = performance.now();
      const written = (await post(`${o.url}/graphql`, { query: UPDATE, variables: { id, v: versions.get(id), attributes: { watts: 20 } } }, editor)).updateFeature;
      const answered = performance.now();
      versions.set(id, written.version);
      const arrivals = await Promise.all(streams.map((s) => s.arrival(`${written.id}@${written.version}`, 10_000)));
      if (i < 0) continue;
      save.push(answered - sent);
      for (const at of arrivals) {
        if (at === null) { missed++; continue; }
        saveToSeen.push(at - sent);
        answerToSeen.push(at - answered);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const result = { clients: o.clients, saves: o.saves, saveToSeen: stats(saveToSeen), answerToSeen: stats(answerToSeen), save: stats(save), missed };
    o.log(`live (${o.clients} maps, ${o.saves} saves): save → seen p50 ${result.saveToSeen.p50.toFixed(1)} ms p95 ${result.saveToSeen.p95.toFixed(1)} ms `
      + `max ${result.saveToSeen.max.toFixed(1)} ms; answer → seen p95 ${result.answerToSeen.p95.toFixed(1)} ms; save p95 ${result.save.p95.toFixed(1)} ms; missed ${missed}`);
    return result;
  } finally {
    for (const s of streams) s.close();
  }
}

/** CPU seconds used so far by a process (`self`) and by all its descendants still running (`children`: Chromium). Linux. */
function cpuOfTree(pid: number): { self: number; children: number } {
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[1] is ppid; fields[11], fields[12] are utime, stime in clock ticks (100 a second).
      stats.set(Number(entry), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // gone meanwhile
    }
  }
  let children = 0;
  const below = [pid];
  while (below.length) {
    const parent = below.pop()!;
    for (const [child, st] of stats) if (st.ppid === parent) { children += st.cpu; below.push(child); }
  }
  return { self: stats.get(pid)?.cpu ?? NaN, children };
}

export const PRINT_PARTS = ['queue', 'browser', 'page', 'data', 'map', 'settle', 'output'] as const;
type Parts = Record<(typeof PRINT_PARTS)[number], number>;

export interface PrintResult {
  cold: { ms: number; parts: Parts };
  warm: Stats;
  /** Median of each part over the warm sheets. */
  warmParts: Parts;
  warmPages: number;
  /** CPU seconds per warm sheet: the server process, and Chromium (its child processes). */
  cpuPerSheet: { server: number; chromium: number };
}

function printOnce(url: string, token: string, i: number): Promise<{ ms: number; parts: Parts; warm: boolean }> {
  // A different place each time (about 30 m apart), so that no sheet is a copy of the last.
  const lon = (140.1676 + (i % 7) * 0.0003).toFixed(6);
  const lat = (35.6698 + Math.floor(i / 7) * 0.0003).toFixed(6);
  const t = performance.now();
  return new Promise((resolve, reject) => {
    http.get(`${url}/api/print/enquiry.pdf?lon=${lon}&lat=${lat}&scale=1000&paper=A4-portrait&date=2026-11-24`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200 || body.subarray(0, 5).toString() !== '%PDF-') { reject(new Error(`print: HTTP ${res.statusCode} ${body.toString('utf8', 0, 300)}`)); return; }
        const timing = String(res.headers['server-timing'] ?? '');
        const parts = Object.fromEntries(PRINT_PARTS.map((p) => [p, Number(new RegExp(`(?:^|, )${p};dur=([0-9.]+)`).exec(timing)?.[1] ?? NaN)])) as Parts;
        resolve({ ms: performance.now() - t, parts, warm: /warm;desc="yes"/.test(timing) });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** One cold sheet (the server's first), then `runs` warm ones, one at a time. */
export async function benchPrint(o: { url: string; serverPid: number; runs: number; log: (m: string) => void }): Promise<PrintResult> {
  const token = await loginAs(o.url, 'counter');
  const cold = await printOnce(o.url, token, 0);
  const warm: { ms: number; parts: Parts; warm: boolean }[] = [];
  const cpuBefore = cpuOfTree(o.serverPid);
  for (let i = 1; i <= o.runs; i++) warm.push(await printOnce(o.url, token, i));
  const cpuAfter = cpuOfTree(o.serverPid);
  // Chromium's processes may change (a renderer replaced): the sum over the live tree is a close estimate.
  const cpuPerSheet = { server: (cpuAfter.self - cpuBefore.self) / o.runs, chromium: Math.max(0, cpuAfter.children - cpuBefore.children) / o.runs };
  const median = (p: (typeof PRINT_PARTS)[number]) => percentile([...warm.map((w) => w.parts[p])].sort((a, b) => a - b), 50);
  const result = {
    cold: { ms: cold.ms, parts: cold.parts }, warm: stats(warm.map((w) => w.ms)),
    warmParts: Object.fromEntries(PRINT_PARTS.map((p) => [p, median(p)])) as Parts, warmPages: warm.filter((w) => w.warm).length, cpuPerSheet,
  };
  const partsText = (p: Parts) => PRINT_PARTS.map((k) => `${k} ${Math.round(p[k])}`).join(', ');
  o.log(`print A4 enquiry PDF: cold ${(cold.ms / 1000).toFixed(1)} s (${partsText(cold.parts)}); warm (${warm.length}, ${result.warmPages} in a warm page) `
    + `p50 ${(result.warm.p50 / 1000).toFixed(2)} s p95 ${(result.warm.p95 / 1000).toFixed(2)} s; median parts ms: ${partsText(result.warmParts)}; CPU per warm sheet: server ${cpuPerSheet.server.toFixed(2)} s, Chromium ${cpuPerSheet.chromium.toFixed(2)} s`);
  return result;
}
