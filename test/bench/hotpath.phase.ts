// The hot path of `npm run bench` (issue 16 goal 4, issue 19): requests the in-memory layer catalogue
// and session cache answer without the database — a warm vector tile, and `layers` on the embedded
// default (PGlite, one connection) while 8 viewports keep that connection busy.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { NO_REQUEST_BUDGET } from '../helpers/test-env';
import { Child, MemorySampler } from './child';
import { benchClient, type ClientResult, ensureWebBuilt } from './client.phase';
import { LoadStats, runLoad, statsOf } from './load';

// Plain http with keep-alive: at thousands of tiles a second fetch() itself would be what is measured.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

function request(url: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function gql(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const r = await request(`${url}/graphql`, {
    'content-type': 'application/json', 'accept-encoding': 'identity', ...(token ? { authorization: `Bearer ${token}` } : {}),
  }, JSON.stringify({ query, variables }));
  const json = JSON.parse(r.body.toString('utf8')) as { data?: any; errors?: unknown };
  if (json.errors) throw new Error(`GraphQL error from ${url}: ${JSON.stringify(json.errors).slice(0, 500)}`);
  return json.data;
}

/** What the web client asks on opening the map (web/src/api/model.ts LayerFields, the Layers query). */
const LAYERS_Q = `query Layers { layers {
  key nameJa nameEn kind basemap published labelField geometryTypes featureCount extent style role
  readAccess { departments users } department { key nameJa nameEn } fields { key label labelEn type required options unit unique }
} me { editableLayers } }`;

/** A viewport as the web client reads one: every page of a layer in a bbox. */
const VIEWPORT_Q = `query($layer: String!, $bbox: [Float!], $after: String) { features(layer: $layer, bbox: $bbox, first: 5000, after: $after) {
  totalCount edges { cursor node { id layerKey geometry attributes version updatedAt lengthM areaM2 } } pageInfo { hasNextPage endCursor } } }`;

interface Tile { z: number; x: number; y: number }

/**
 * Warm vector tiles: each tile fetched until the server says `X-Tile-Cache: hit`, then fetched over
 * and over — the session, the read check and the layer all come from memory.
 */
export async function benchWarmTiles(o: { url: string; token: string; layer: string; tiles: Tile[]; count: number; log: (m: string) => void }) {
  const headers = { authorization: `Bearer ${o.token}`, 'accept-encoding': 'gzip' };
  const get = async (i: number) => {
    const t = o.tiles[i % o.tiles.length];
    const r = await request(`${o.url}/tiles/${o.layer}/${t.z}/${t.x}/${t.y}.mvt`, headers);
    if (r.status !== 200) throw new Error(`tile ${t.z}/${t.x}/${t.y}: HTTP ${r.status}`);
    return r;
  };
  for (let i = 0; i < o.tiles.length; i++) {
    await get(i);
    const again = await get(i);
    if (again.headers['x-tile-cache'] !== 'hit') throw new Error(`tile ${JSON.stringify(o.tiles[i])} is not served from the cache the second time`);
  }
  const c1 = await runLoad(get, Math.min(o.count, 1000), 1);
  const c8 = await runLoad(get, o.count, 8);
  o.log(`warm tiles: c1 p50 ${c1.p50.toFixed(2)} ms p95 ${c1.p95.toFixed(2)} ms; c8 ${c8.throughput.toFixed(0)}/s p95 ${c8.p95.toFixed(2)} ms`);
  return { c1, c8 };
}

interface EmbeddedResult {
  layersAlone: LoadStats;
  layersUnderLoad: LoadStats;
  /** GET /api/health (no database, no GraphQL) under the same load: what any request waits for the event loop. */
  healthUnderLoad: LoadStats;
  viewportsPerSecond: number;
  viewportFeatures: number;
  peakRssMb: number;
  startSeconds: number;
  /** The web client in Chromium against the same server, before the load (goal 8). */
  client: ClientResult;
}

/**
 * The embedded default (no DATABASE_URL: PGlite in the server process) with the demo city at `scale`:
 * `layers` p95 alone, then while 8 clients read the street lights of the whole city page by page.
 */
export async function benchEmbedded(o: { port: number; scale: number; runs: number; clientRuns: number; log: (m: string) => void }): Promise<EmbeddedResult> {
  ensureWebBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-bench-embedded-'));
  const serve = path.join(__dirname, 'serve.js');
  const url = `http://127.0.0.1:${o.port}`;
  const t0 = performance.now();
  const child = new Child('chizu-embedded', [serve], {
    DATABASE_URL: '', DATA_DIR: dataDir, SEED_DEMO: 'true', DEMO_SCALE: String(o.scale), PORT: String(o.port),
    NODE_ENV: 'production', ALLOW_ANONYMOUS_READ: 'false', ...NO_REQUEST_BUDGET,
  });
  try {
    await child.waitFor(async () => (await request(`${url}/api/health`, {})).status === 200, 900_000);
    const startSeconds = (performance.now() - t0) / 1000;
    const client = await benchClient({ url, runs: o.clientRuns, log: o.log });
    const memory = new MemorySampler(child.pid).start();
    const token = (await gql(url, undefined, 'mutation { login(username: "counter", password: "chizu-demo") { token } }')).login.token as string;
    const layers = async () => {
      const data = await gql(url, token, LAYERS_Q);
      if (!data.layers.length) throw new Error('layers: none');
    };
    for (let i = 0; i < 5; i++) await layers();
    const layersAlone = await runLoad(layers, o.runs, 1);

    const extent = (await gql(url, token, '{ layer(key: "street_lights") { extent featureCount } }')).layer;
    const bbox = extent.extent as number[];
    let viewportFeatures = 0;
    const viewport = async () => {
      let after: string | null = null;
      let n = 0;
      do {
        const page: any = (await gql(url, token, VIEWPORT_Q, { layer: 'street_lights', bbox, after })).features;
        n += page.edges.length;
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      viewportFeatures = n;
    };
    await viewport();
    let stop = false;
    let viewports = 0;
    const started = performance.now();
    const clients = Array.from({ length: 8 }, async () => {
      while (!stop) { await viewport(); viewports++; }
    });
    // Spaced like a user's clicks, so that each request meets the viewports mid-flight rather than queueing behind itself.
    const spaced = async (call: () => Promise<unknown>): Promise<LoadStats> => {
      const latencies: number[] = [];
      for (let i = 0; i < o.runs; i++) {
        await new Promise((r) => setTimeout(r, 20));
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
      }
      return statsOf(latencies, 1, NaN); // spaced requests: no throughput
    };
    const layersUnderLoad = await spaced(layers);
    const healthUnderLoad = await spaced(async () => {
      if ((await request(`${url}/api/health`, {})).status !== 200) throw new Error('health: not 200');
    });
    stop = true;
    await Promise.all(clients);
    const viewportsPerSecond = viewports / ((performance.now() - started) / 1000);
    const peakRssMb = memory.peakMb();
    memory.stop();
    o.log(`embedded: started (seeded scale ${o.scale}) in ${startSeconds.toFixed(0)} s; layers alone p50 ${layersAlone.p50.toFixed(1)} ms p95 ${layersAlone.p95.toFixed(1)} ms, `
      + `under 8 viewports (${viewportFeatures} features each, ${viewportsPerSecond.toFixed(2)}/s) p50 ${layersUnderLoad.p50.toFixed(1)} ms p95 ${layersUnderLoad.p95.toFixed(1)} ms (/api/health p50 ${healthUnderLoad.p50.toFixed(1)} ms p95 ${healthUnderLoad.p95.toFixed(1)} ms); peak RSS ${peakRssMb.toFixed(0)} MB`);
    return { layersAlone, layersUnderLoad, healthUnderLoad, viewportsPerSecond, viewportFeatures, peakRssMb, startSeconds, client };
  } finally {
    await child.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
