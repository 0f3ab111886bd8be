// npm run bench [-- --quick] [-- --scale N] [-- --reuse] [-- --database NAME]   (or -- --abuse: the abuse soak, test/bench/abuse.ts;
// -- --hotpath: only the in-memory hot path rows, into their own section of results.md;
// -- --interactive [--demo-scale S] [--prints N]: live edits seen by 20 maps and warm prints, their own section)
//
// Measures Chizu against the floors (the same SQL through pg, no server; for the viewport also a bare
// node:http server on that SQL, floor.ts) and a peer (PostGraphile 5 on the same table), in one run, on one
// machine and one database. Not part of the test suite.
// Writes test/bench/results.json and test/bench/results.md; the last line printed is the summary.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DEFAULT_TILE_OPTIONS, fullDetailZoom, tilePropertyKeys } from '../../server/src/modules/tiles/tile.service';
import { mvtTileSql, tileLayerSql, TileLayerRow, tileValues } from '../../server/src/modules/tiles/tile.sql';
import {
  bboxCountSql, benchMarkerSql, cityExtentSql, featureCountSql, insideCitySql, layerIdSql, peerSchemaSql,
  postgisVersionSql, quoteLiteral, userIdSql, writeFloorSql, writeTargetsSql,
} from './bench.sql';
import { percentile, prng, runInterleaved, runLoad } from './load';
import type { ClientResult } from './client.phase';
import { normalizeSearchText } from '../../server/src/domain/normalize';
import { featureHitsSql, likePattern } from '../../server/src/modules/city/search.sql';
import { CANDIDATES_PER_RESULT } from '../../server/src/modules/city/search.service';
import { runAbuseSoak } from './abuse';
import { FLAT_RSS_RATIO, measureImport, rssGrowth } from './import';
import { ident } from '../../server/src/db/sql';
import { benchDatabaseUrl, databaseUrl, NO_REQUEST_BUDGET } from '../helpers/test-env';
import { benchRasters } from './raster.phase';
import { Child, freePort, log, MemorySampler } from './child';
import { benchEmbedded, benchWarmTiles } from './hotpath.phase';
import { benchLive, benchPrint, PRINT_PARTS } from './interactive.phase';
import { featurePageJson, floorPageRows } from './floor.page';
import { clientViewport, clientViewportBodies } from './web-client';
import { MAX_PAGE } from '../../web/src/api/queries';
import { FeaturesDocument } from '../../web/src/api/generated/graphql';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const LAYER = 'street_lights';
const PAGE = MAX_PAGE; // the web client's page when it reads a whole viewport: FEATURES_PAGE_MAX, the largest our API serves
const CENTRE = { lon: 140.168, lat: 35.669 }; // Yotsukaido station: the densest part of the demo city
const WRITE_ATTRIBUTES = { watts: 20 };
/** Search texts as citizens say them: towns, readings, management numbers in other widths, lots, facilities, an address. */
const SEARCH_TEXTS = ['四街道1丁目', '旭ヶ丘', 'しかわたし', 'Ｇ－１４５１', 'G1451', 'sl-00123', 'ＣＭ００４２', '1-01', '鹿渡353-14',
  '鹿渡字東933番地の1', '四街道駅', '市役所', 'よつかいどう', '四街道一丁目2番3号', '和良比',
  '四街道えき']; // a typo: found only by the similar-spelling tier (pg_trgm), which the floor does not run

interface Options { quick: boolean; scale: number; reuse: boolean; adminUrl: string; database: string }

function parseOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const at = argv.indexOf('--scale');
  // Scale 72 gives just over 1,000,000 features (72 × 14,200); --quick a small city for a smoke run.
  const scale = at >= 0 ? Number(argv[at + 1]) : quick ? 4 : 72;
  if (!Number.isFinite(scale) || scale <= 0) throw new Error('--scale needs a positive number');
  // The quick run has a database of its own, so it never throws away the seeded full-size city.
  // --database NAME: a bench database of one's own (e.g. a seeded copy kept beside another's).
  const named = argv.indexOf('--database');
  const database = named >= 0 ? argv[named + 1] : quick ? 'chizu_bench_quick' : 'chizu_bench';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database ?? '')) throw new Error('--database needs a lower-case database name');
  return { quick, scale, reuse: argv.includes('--reuse'), adminUrl: benchDatabaseUrl, database };
}

/** How many tasks each measurement runs (after its warm-up). */
function plan(quick: boolean) {
  return quick
    ? { viewport: { 2000: { c1: 10, c8: 24 }, 19800: { c1: 3, c8: 8 } }, tiles: 60, writes: 2000, warmup: 2 }
    : { viewport: { 2000: { c1: 40, c8: 160 }, 19800: { c1: 10, c8: 40 } }, tiles: 300, writes: 10_000, warmup: 3 };
}



function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0])} exited with ${code}`))));
  });
}

/**
 * Every request asks for uncompressed bodies: on loopback compression only costs, and the peer has
 * none; the cost of gzip is reported as a measurement of its own.
 */
const acceptEncoding = 'identity';

async function postJson(url: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': acceptEncoding, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: any; errors?: unknown };
  if (json.errors) throw new Error(`GraphQL error from ${url}: ${JSON.stringify(json.errors).slice(0, 500)}`);
  return json.data;
}

type BBox = [number, number, number, number];

/** A square viewport around the centre holding about `target` features of the layer. */
async function viewportFor(pool: pg.Pool, layerId: number, target: number): Promise<{ bbox: BBox; count: number }> {
  const cos = Math.cos((CENTRE.lat * Math.PI) / 180);
  // Rounded to 1e-6° (about 10 cm) so the bbox reads well in the results; counted as rounded.
  const box = (half: number): BBox => [CENTRE.lon - half / cos, CENTRE.lat - half, CENTRE.lon + half / cos, CENTRE.lat + half]
    .map((v) => Math.round(v * 1e6) / 1e6) as BBox;
  const count = async (half: number) => (await pool.query(bboxCountSql, [layerId, ...box(half)])).rows[0].n as number;
  let lo = 0.0001;
  let hi = 0.05;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    const n = await count(mid);
    if (Math.abs(n - target) / target < 0.01) return { bbox: box(mid), count: n };
    if (n < target) lo = mid; else hi = mid;
  }
  const half = (lo + hi) / 2;
  return { bbox: box(half), count: await count(half) };
}

function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const latR = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(latR) + 1 / Math.cos(latR)) / Math.PI) / 2) * n) };
}

interface Measurement {
  name: string;
  unit: string;
  better: 'lower' | 'higher';
  ours: number;
  /** The viewport rows' HTTP floor: a bare node:http server on the same SQL, the same JSON (floor.ts). */
  httpFloor: number | null;
  /** The same SQL through pg in the bench process, no HTTP. */
  floor: number | null;
  peer: number | null;
  /** ours ÷ HTTP floor, ours ÷ floor and ours ÷ peer, in the unit's own sense (see `better`). */
  ratios: { httpFloor: number | null; floor: number | null; peer: number | null };
  note?: string;
}

const round = (v: number, digits = 2) => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : v);

function measurement(
  name: string, unit: string, better: 'lower' | 'higher', ours: number, floor: number | null, peer: number | null, note?: string, httpFloor: number | null = null,
): Measurement {
  const value = (v: number | null) => (v === null ? null : round(v));
  const ratioTo = (v: number | null) => (v ? round(ours / v, 3) : null);
  return {
    name, unit, better, ours: round(ours), httpFloor: value(httpFloor), floor: value(floor), peer: value(peer),
    ratios: { httpFloor: ratioTo(httpFloor), floor: ratioTo(floor), peer: ratioTo(peer) }, ...(note ? { note } : {}),
  };
}

/** The bench database with the demo city at the chosen scale (kept between runs with --reuse). */
async function ensureDatabase(options: Options, url: string): Promise<void> {
  const marker = `chizu-bench scale=${options.scale}`;
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  const existing = (await admin.query(benchMarkerSql(options.database))).rows[0]?.marker;
  if (options.reuse && existing === marker) {
    log(`reusing database ${options.database} (${marker})`);
  } else {
    log(`creating database ${options.database} with the demo city at scale ${options.scale}`);
    await admin.query(`DROP DATABASE IF EXISTS ${ident(options.database)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${ident(options.database)}`);
    const seedStart = Date.now();
    await run(process.execPath, [path.join(repoRoot, 'dist', 'server', 'seed', 'main.js'), '--scale', String(options.scale), '--users'], { DATABASE_URL: url });
    log(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`);
    await admin.query(`COMMENT ON DATABASE ${ident(options.database)} IS ${quoteLiteral(marker)}`);
  }
  await admin.end();

}

/** A fixed random set of z12–z16 tiles inside the city. */
async function benchTiles(pool: pg.Pool, count: number) {
  const extent = (await pool.query(cityExtentSql)).rows[0];
  const random = prng(12228);
  const candidates = Array.from({ length: count * 3 }, () => ({
    lon: extent.min_lon + random() * (extent.max_lon - extent.min_lon),
    lat: extent.min_lat + random() * (extent.max_lat - extent.min_lat),
    z: 12 + Math.floor(random() * 5),
  }));
  const inside = new Set((await pool.query(insideCitySql, [candidates.map((p) => p.lon), candidates.map((p) => p.lat)])).rows.map((r) => Number(r.i) - 1));
  return candidates.filter((_, i) => inside.has(i)).slice(0, count).map((p) => tileOf(p.lon, p.lat, p.z));
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const counts = plan(options.quick);
  const url = databaseUrl(options.adminUrl, options.database);
  const serverMain = path.join(repoRoot, 'dist', 'server', 'main.js');
  if (!fs.existsSync(serverMain)) throw new Error('dist/server/main.js is missing: run through `npm run bench`, which builds it');
  const t0 = Date.now();
  // The machine may be shared: the load before and after says how quiet the run was.
  const loadBefore = os.loadavg()[0];

  // 1. The database: the demo city at the chosen scale (kept between runs with --reuse).
  await ensureDatabase(options, url);

  // The floors' connections are set up as the server's (db/database.ts): no JIT.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c jit=off' });
  await pool.query('VACUUM ANALYZE feature');
  const totalFeatures = (await pool.query(featureCountSql)).rows[0].n as number;
  const versions = (await pool.query(postgisVersionSql)).rows[0];
  const layerId = (await pool.query(layerIdSql, [LAYER])).rows[0].id as number;
  const layerFeatures = (await pool.query('SELECT count(*)::int AS n FROM feature WHERE layer_id = $1 AND deleted_at IS NULL', [layerId])).rows[0].n as number;
  await pool.query(peerSchemaSql);
  log(`${totalFeatures.toLocaleString('en')} features, ${layerFeatures.toLocaleString('en')} in ${LAYER}; PostgreSQL ${versions.postgres}, PostGIS ${versions.postgis}`);

  // 2. The servers, as child processes, so their memory can be read from /proc: ours, the peer, and the
  // HTTP floor of the viewport rows (floor.ts).
  const oursPort = await freePort();
  // Both servers in production mode (NODE_ENV for express and graphql-js, GRAPHILE_ENV for PostGraphile).
  const ours = new Child('chizu', [path.join(__dirname, 'serve.js')], {
    DATABASE_URL: url, PORT: String(oursPort), SEED_DEMO: 'false', ALLOW_ANONYMOUS_READ: 'false', NODE_ENV: 'production',
    ...NO_REQUEST_BUDGET, // the load rows measure throughput with one account: the budget would measure itself
  });
  const oursUrl = `http://127.0.0.1:${oursPort}`;
  const peerPort = await freePort();
  const peer = new Child('postgraphile', [path.join(__dirname, 'peer.js'), String(peerPort), url], { GRAPHILE_ENV: 'production' });
  const peerUrl = `http://127.0.0.1:${peerPort}/graphql`;
  const floorPort = await freePort();
  const httpFloor = new Child('floor', [path.join(__dirname, 'floor.js'), String(floorPort), url], { NODE_ENV: 'production' });
  const floorUrl = `http://127.0.0.1:${floorPort}`;
  const children = [ours, peer, httpFloor];
  process.on('exit', () => children.forEach((c) => c.process.kill('SIGKILL')));
  await ours.waitFor(async () => (await fetch(`${oursUrl}/api/health`)).ok);
  await peer.waitFor(async () => !!(await postJson(peerUrl, { query: '{ __typename }' })));
  await httpFloor.waitFor(async () => (await fetch(`${floorUrl}/`)).status === 404);
  const oursMemory = new MemorySampler(ours.pid).start();
  const peerMemory = new MemorySampler(peer.pid).start();
  const login = async (username: string) =>
    (await postJson(`${oursUrl}/graphql`, { query: 'mutation($u: String!) { login(username: $u, password: "chizu-demo") { token } }', variables: { u: username } })).login.token as string;
  const reader = await login('counter');
  const editor = await login('community'); // 自治振興課 keeps the street lights
  log(`servers up: chizu pid ${ours.pid} on ${oursPort}, PostGraphile pid ${peer.pid} on ${peerPort}, HTTP floor pid ${httpFloor.pid} on ${floorPort}`);

  const results: Measurement[] = [];
  const details: Record<string, unknown> = {};

  // 3. Viewport: a bbox query of one layer, all pages of PAGE, id order, read as the web client reads it.
  // Ours and the HTTP floor are read by the client's own code (web-client.ts: the `Features` document with
  // FeatureFields, GET, JSON.parse of every page); the in-process floor runs the same SQL through pg and
  // builds and parses the same JSON; the peer is asked for the same fields. Every variant parses its bodies.
  const identity = { 'accept-encoding': 'identity' };
  const asReader = { authorization: `Bearer ${reader}` };
  const clientOurs = clientViewport(oursUrl, { ...asReader, ...identity });
  const clientOursGzip = clientViewport(oursUrl, { ...asReader, 'accept-encoding': 'gzip' });
  const clientFloor = clientViewport(floorUrl, identity);
  const viewportOurs = (bbox: BBox) => clientOurs(LAYER, bbox);
  const viewportOursGzip = (bbox: BBox) => clientOursGzip(LAYER, bbox);
  const viewportHttpFloor = (bbox: BBox) => clientFloor(LAYER, bbox);
  const viewportFloor = async (bbox: BBox) => {
    let n = 0;
    let after: string | null = null;
    do {
      const rows = await floorPageRows(pool, layerId, { layer: LAYER, bbox, first: PAGE, after });
      const page: any = JSON.parse([...featurePageJson(rows)].join('')).data.features;
      n += page.edges.length;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return n;
  };
  // FeatureFields as PostGraphile names them: the table's columns and the computed columns of bench.sql.ts.
  const PEER_Q = `query($layer: Int, $a: Float, $b: Float, $c: Float, $d: Float, $after: Cursor) {
    featuresInBbox(layer: $layer, minLon: $a, minLat: $b, maxLon: $c, maxLat: $d, first: ${PAGE}, after: $after) {
      totalCount
      edges { cursor node { rowId layerKey geojson attributes version updatedAt updatedByName lengthM areaM2 deletedAt } }
      pageInfo { hasNextPage endCursor } } }`;
  const viewportPeer = async (bbox: BBox) => {
    let n = 0;
    let after: string | null = null;
    do {
      const page: any = (await postJson(peerUrl, { query: PEER_Q, variables: { layer: layerId, a: bbox[0], b: bbox[1], c: bbox[2], d: bbox[3], after } })).featuresInBbox;
      n += page.edges.length;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return n;
  };

  // Whether our server compresses a viewport page when gzip is accepted (as a browser asks).
  const compresses = async (bbox: BBox) => {
    const res = await fetch(`${oursUrl}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip', ...asReader },
      body: JSON.stringify({ query: FeaturesDocument.toString(), variables: { layer: LAYER, bbox, first: PAGE, after: null } }),
    });
    await res.arrayBuffer();
    return res.headers.get('content-encoding') === 'gzip';
  };

  oursMemory.phase = peerMemory.phase = 'viewport';
  // ~20k is aimed just below 20,000 so that it is four full pages.
  for (const target of [2000, 19800] as const) {
    const { bbox, count } = await viewportFor(pool, layerId, target);
    log(`viewport ~${target}: bbox ${bbox.join(',')} holds ${count} features (${Math.ceil(count / PAGE)} page(s) of ${PAGE})`);
    // The HTTP floor must answer what our server answers, byte for byte (else it is not a floor of the same work).
    const [oursBodies, floorBodies] = [await clientViewportBodies(oursUrl, { ...asReader, ...identity }, LAYER, bbox), await clientViewportBodies(floorUrl, identity, LAYER, bbox)];
    const differs = oursBodies.findIndex((body, i) => body !== floorBodies[i]);
    if (differs >= 0 || oursBodies.length !== floorBodies.length) {
      const [a, b] = [oursBodies[Math.max(differs, 0)] ?? '', floorBodies[Math.max(differs, 0)] ?? ''];
      let at = 0;
      while (at < a.length && a[at] === b[at]) at++;
      throw new Error(`the HTTP floor's page ${differs + 1} differs from ours at character ${at}: ours …${a.slice(Math.max(0, at - 80), at + 80)}… floor …${b.slice(Math.max(0, at - 80), at + 80)}…`);
    }
    const pageKiB = oursBodies.map((b) => round(Buffer.byteLength(b) / 1024, 1));
    details[`viewport_${target}`] = { bbox, features: count, pages: oursBodies.length, pageKiB };
    log(`viewport ~${target}: ours and the HTTP floor answer the same ${oursBodies.length} page(s) byte for byte (${pageKiB.join(', ')} KiB)`);
    const variants = { ours: viewportOurs, httpFloor: viewportHttpFloor, floor: viewportFloor, peer: viewportPeer };
    for (const [name, fn] of Object.entries(variants)) {
      const n = await fn(bbox);
      if (n !== count) throw new Error(`${name} returned ${n} features for the ~${target} viewport, expected ${count}`);
      for (let i = 1; i < counts.warmup; i++) await fn(bbox);
    }
    // At 2k c1 the gzip row runs in the same rounds as the plain one.
    const withGzip = target === 2000 && await compresses(bbox);
    if (withGzip) for (let i = 0; i < counts.warmup; i++) await viewportOursGzip(bbox);
    for (const c of [1, 8] as const) {
      const runs = counts.viewport[target][`c${c}`];
      const tasks: Record<string, () => Promise<number>> = Object.fromEntries(Object.entries(variants).map(([name, fn]) => [name, () => fn(bbox)]));
      if (withGzip && c === 1) tasks.oursGzip = () => viewportOursGzip(bbox);
      const stats = await runInterleaved(tasks, runs, c);
      for (const [name, st] of Object.entries(stats)) {
        log(`viewport ~${target} c${c} ${name}: p50 ${st.p50.toFixed(1)} ms, p95 ${st.p95.toFixed(1)} ms, ${st.throughput.toFixed(2)}/s`);
      }
      const label = `viewport ${target >= 10000 ? '20k' : '2k'} (${count} features) c${c}`;
      const row = (suffix: string, key: 'p50' | 'p95' | 'throughput', note?: string) => measurement(`${label} ${suffix}`, key === 'throughput' ? 'viewports/s' : 'ms',
        key === 'throughput' ? 'higher' : 'lower', stats.ours[key], stats.floor[key], stats.peer[key], note, stats.httpFloor[key]);
      results.push(
        row('p50', 'p50', c === 1 ? 'target (issue 16 goal 2): ours ≤ 1.25× the HTTP floor' : undefined),
        row('p95', 'p95'),
        row('throughput', 'throughput', c === 8 ? 'target (issue 16 goal 2): ours ≥ 1.5× the peer' : undefined),
      );
      if (stats.oursGzip) {
        results.push(measurement(`${label} p50 with gzip`, 'ms', 'lower', stats.oursGzip.p50, stats.floor.p50, stats.peer.p50,
          'the same request with Accept-Encoding: gzip, as a browser sends it, in the same rounds as the plain one; the server compresses, '
          + `the client decompresses; the floors and the peer do not compress (plain p50 in this run ${fmt(stats.ours.p50, 'ms')} ms)`, stats.httpFloor.p50));
      }
    }
    if (target === 2000) {
      // OGC API items: the same viewport as a desktop GIS reads it (GeoJSON pages of PAGE, following
      // the next links), against the same SQL (the floor) and against our own GraphQL.
      const ogcOurs = async () => {
        let url: string | undefined = `${oursUrl}/ogc/collections/${LAYER}/items?bbox=${bbox.join(',')}&limit=${PAGE}`;
        let n = 0;
        while (url) {
          const res = await fetch(url, { headers: { ...asReader, accept: 'application/geo+json', ...identity } });
          if (res.status !== 200) throw new Error(`OGC items: HTTP ${res.status}`);
          const body = await res.json() as { features: unknown[]; links: { rel: string; href: string }[] };
          n += body.features.length;
          url = body.links.find((l) => l.rel === 'next')?.href;
        }
        return n;
      };
      const ogcCount = await ogcOurs();
      if (ogcCount !== count) throw new Error(`OGC items returned ${ogcCount} features for the ~2k viewport, expected ${count}`);
      const ogc = await runInterleaved({ ogc: ogcOurs, graphql: () => viewportOurs(bbox), floor: () => viewportFloor(bbox) }, counts.viewport[2000].c1, 1);
      log(`OGC items 2k c1: p50 ${ogc.ogc.p50.toFixed(1)} ms, GraphQL ${ogc.graphql.p50.toFixed(1)} ms, floor ${ogc.floor.p50.toFixed(1)} ms`);
      results.push(measurement(`OGC API items 2k (${count} features) c1 p50`, 'ms', 'lower', ogc.ogc.p50, ogc.floor.p50, null,
        `GeoJSON pages as GDAL/QGIS read them; ${(ogc.ogc.p50 / ogc.graphql.p50).toFixed(2)}× our GraphQL viewport (the web client's query) measured in the same run (target ≤ 1.2×); `
        + 'floor: the GraphQL page\'s SQL and JSON in process'));
      details.ogcItems2k = { p50: ogc.ogc.p50, p95: ogc.ogc.p95, graphqlP50: ogc.graphql.p50, floorP50: ogc.floor.p50, ratioToGraphql: ogc.ogc.p50 / ogc.graphql.p50 };
      oursMemory.phase = 'viewport-20k';
    }
  }
  const rssAfterViewports = oursMemory.rssMb();

  // 4. Tiles: a fixed random set of z12–z16 tiles inside the city, ours over HTTP vs the same SQL through pg.
  oursMemory.phase = peerMemory.phase = 'tiles';
  const tiles = await benchTiles(pool, counts.tiles);
  const layerRow = (await pool.query<TileLayerRow>(tileLayerSql, [LAYER])).rows[0];
  const propertyKeys = tilePropertyKeys(layerRow);
  // The statement the server runs for a zoom (generalised below the layer's full-detail zoom), and the
  // raw ST_AsMVT statement of every feature (capped) that it replaces at low zooms.
  const detailZoom = fullDetailZoom(layerRow.style, DEFAULT_TILE_OPTIONS.fullDetailZoom);
  const ourSql = { full: mvtTileSql(propertyKeys.length, 'full'), generalised: mvtTileSql(propertyKeys.length, 'generalised') };
  const rawSql = ourSql.full;
  const tileValuesOf = (t: { z: number; x: number; y: number }) =>
    [...tileValues({ ...t, layerId, maxFeatures: DEFAULT_TILE_OPTIONS.maxFeatures, propertyKeys }), LAYER];
  const tileSqlOurs = async (i: number) => {
    const t = tiles[i % tiles.length];
    return (await pool.query<{ tile: Buffer }>(t.z >= detailZoom ? ourSql.full : ourSql.generalised, tileValuesOf(t))).rows[0].tile;
  };
  const tileSqlRaw = async (i: number) => (await pool.query<{ tile: Buffer }>(rawSql, tileValuesOf(tiles[i % tiles.length]))).rows[0].tile;
  const tileOurs = async (i: number) => {
    const t = tiles[i % tiles.length];
    const res = await fetch(`${oursUrl}/tiles/${LAYER}/${t.z}/${t.x}/${t.y}.mvt`, { headers: { authorization: `Bearer ${reader}`, 'accept-encoding': acceptEncoding } });
    if (res.status !== 200) throw new Error(`tile ${t.z}/${t.x}/${t.y}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  const tileFloor = tileSqlOurs;
  for (let i = 0; i < Math.min(tiles.length, 10); i++) {
    const [a, b] = [await tileOurs(i), await tileFloor(i)];
    if (!a.equals(b)) throw new Error(`tile ${JSON.stringify(tiles[i])}: the server's tile differs from the SQL's`);
  }
  // Sizes (uncompressed MVT), ours against the raw statement, per tile; this also warms PostgreSQL's buffers for both.
  const sizes = { ours: [] as number[], raw: [] as number[] };
  for (let i = 0; i < tiles.length; i++) {
    sizes.ours.push((await tileSqlOurs(i)).length);
    sizes.raw.push((await tileSqlRaw(i)).length);
  }
  const kib = (bytes: number) => bytes / 1024;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const byZoom = Object.fromEntries([12, 13, 14, 15, 16].map((z) => {
    const at = tiles.map((t, i) => (t.z === z ? i : -1)).filter((i) => i >= 0);
    return [`z${z}`, { tiles: at.length, meanKiB: round(kib(mean(at.map((i) => sizes.ours[i])))), rawMeanKiB: round(kib(mean(at.map((i) => sizes.raw[i])))) }];
  }));
  details.tiles = {
    count: tiles.length, zooms: '12-16', layer: LAYER, fullDetailZoom: detailZoom, meanBytes: Math.round(mean(sizes.ours)), rawMeanBytes: Math.round(mean(sizes.raw)),
    maxBytes: Math.max(...sizes.ours), rawMaxBytes: Math.max(...sizes.raw), byZoom, maxFeaturesPerTile: DEFAULT_TILE_OPTIONS.maxFeatures,
  };
  log(`tiles: ${tiles.length} tiles, mean ${kib(mean(sizes.ours)).toFixed(1)} KiB (raw ${kib(mean(sizes.raw)).toFixed(1)} KiB), max ${kib(Math.max(...sizes.ours)).toFixed(1)} KiB (raw ${kib(Math.max(...sizes.raw)).toFixed(1)} KiB)`);
  results.push(
    measurement('tile size z12-16 mean', 'KiB', 'lower', kib(mean(sizes.ours)), kib(mean(sizes.raw)), null,
      `uncompressed MVT of ${LAYER}; floor column: the raw ST_AsMVT statement (every feature, at most ${DEFAULT_TILE_OPTIONS.maxFeatures.toLocaleString('en')}); `
      + `ours: generalised below z${detailZoom} (points clustered with point_count). Targets: mean ≤ 100 KiB, max ≤ 500 KiB`),
    measurement('tile size z12-16 max', 'KiB', 'lower', kib(Math.max(...sizes.ours)), kib(Math.max(...sizes.raw)), null),
  );
  // Cold tiles (what a tile cache miss costs in SQL): our statement against the raw one, same tiles, interleaved.
  // "Small" tiles: the raw tile is at most 64 KiB, where generalising has little to save.
  const small = tiles.map((_, i) => i).filter((i) => sizes.raw[i] <= 64 * 1024);
  const cold = await runInterleaved({ ours: tileSqlOurs, floor: tileSqlRaw }, tiles.length, 1);
  results.push(measurement('tile cold SQL z12-16 c1 p50', 'ms', 'lower', cold.ours.p50, cold.floor.p50, null,
    'ours: the statement the server runs on a cache miss; floor: the raw ST_AsMVT statement; both through pg, same tiles, interleaved'));
  if (small.length) {
    const coldSmall = await runInterleaved({ ours: (i: number) => tileSqlOurs(small[i % small.length]), floor: (i: number) => tileSqlRaw(small[i % small.length]) }, small.length * 2, 1);
    results.push(measurement(`tile cold SQL small tiles (${small.length} ≤ 64 KiB raw) c1 p50`, 'ms', 'lower', coldSmall.ours.p50, coldSmall.floor.p50, null, 'target ≤ 1.3×'));
  }
  for (const c of [1, 8] as const) {
    const { ours: o, floor: f } = await runInterleaved({ ours: tileOurs, floor: tileFloor }, tiles.length, c);
    log(`tiles c${c}: ours ${o.throughput.toFixed(1)}/s p95 ${o.p95.toFixed(1)} ms; floor ${f.throughput.toFixed(1)}/s p95 ${f.p95.toFixed(1)} ms`);
    results.push(
      measurement(`tiles z12-16 c${c} throughput`, 'tiles/s', 'higher', o.throughput, f.throughput, null,
        c === 1 ? 'floor: the same ST_AsMVT statement through pg, same tiles; PostGraphile serves no tiles' : undefined),
      measurement(`tiles z12-16 c${c} p95`, 'ms', 'lower', o.p95, f.p95, null),
    );
  }
  results.push(...warmTileRows(await benchWarmTiles({ url: oursUrl, token: reader, layer: LAYER, tiles, count: counts.tiles * 20, log })));

  // 4a. Raster tiles (issue 19): a scanned sheet uploaded and placed over HTTP, then its warm tiles vs their SQL.
  oursMemory.phase = peerMemory.phase = 'rasters';
  const rssBeforeRasters = oursMemory.rssMb();
  const raster = await benchRasters({ url: oursUrl, pool, token: await login('admin'), tiles: counts.tiles, centre: CENTRE, log });
  const rasterPeak = Math.max(...oursMemory.samples.filter((m) => m.phase === 'rasters').map((m) => m.rssMb).filter(Number.isFinite), rssBeforeRasters);
  details.rasters = { ...raster.details, serverRssBeforeMb: round(rssBeforeRasters, 1), serverRssPeakMb: round(rasterPeak, 1) };
  results.push(
    measurement(`raster tile warm c1 p50`, 'ms', 'lower', raster.warm.ours.p50, raster.warm.floor.p50, null,
      'ours: GET /tiles/raster over HTTP (session, read check, ETag, cache hit); floor: the tile\'s SELECT through pg (no HTTP, no session)'),
    measurement(`raster tile warm c1 p95`, 'ms', 'lower', raster.warm.ours.p95, raster.warm.floor.p95, null),
    measurement(`raster tile warm c8 throughput`, 'tiles/s', 'higher', raster.warm8.ours.throughput, raster.warm8.floor.throughput, null),
    measurement(`raster place ${raster.details.widthPx}×${raster.details.heightPx} sheet`, 's', 'lower', raster.placeSeconds, null, null,
      'upload + placeRasterSheet (CORNERS, projective) over HTTP until PLACED; the 13k×10k sheet is measured by npm run bench:raster'),
    measurement('server RSS growth while placing a sheet', 'MB', 'lower', rasterPeak - rssBeforeRasters, null, null,
      'peak resident memory of the server during the raster phase minus before it (database out of process)'),
  );

  // 4b. Search: what clerks type (towns, readings, management numbers in odd widths, lot numbers,
  // facilities), through the search query vs the feature part of its SQL through pg.
  oursMemory.phase = peerMemory.phase = 'search';
  const searchLayerIds = (await pool.query('SELECT id FROM layer')).rows.map((r) => r.id as number);
  const SEARCH_Q = 'query($t: String!) { search(text: $t, first: 20) { kind label featureId match } }';
  const searchOurs = async (i: number) => (await postJson(`${oursUrl}/graphql`, { query: SEARCH_Q, variables: { t: SEARCH_TEXTS[i % SEARCH_TEXTS.length] } }, reader)).search;
  const searchFloor = async (i: number) => {
    const q = normalizeSearchText(SEARCH_TEXTS[i % SEARCH_TEXTS.length]);
    return (await pool.query(featureHitsSql,
      [searchLayerIds, likePattern('%|', q, '|%'), likePattern('%|', q, '%'), likePattern('%', q, '%'), 20 * CANDIDATES_PER_RESULT])).rows;
  };
  for (let i = 0; i < SEARCH_TEXTS.length; i++) await Promise.all([searchOurs(i), searchFloor(i)]); // warm-up, and every text parses
  const runsPerText = options.quick ? 4 : 20;
  for (const c of [1, 8] as const) {
    const st = await runInterleaved({ ours: searchOurs, floor: searchFloor }, SEARCH_TEXTS.length * runsPerText, c);
    log(`search c${c}: ours p50 ${st.ours.p50.toFixed(1)} ms p95 ${st.ours.p95.toFixed(1)} ms; floor p95 ${st.floor.p95.toFixed(1)} ms`);
    results.push(
      measurement(`search c${c} p50`, 'ms', 'lower', st.ours.p50, st.floor.p50, null,
        c === 1 ? `${SEARCH_TEXTS.length} texts as clerks type them (${SEARCH_TEXTS.join(' ')}); floor: the feature search SQL alone through pg; PostGraphile has no such search` : undefined),
      measurement(`search c${c} p95`, 'ms', 'lower', st.ours.p95, st.floor.p95, null),
    );
  }

  // 5. Writes: the same attribute change on the first N street lights, each way after a warm-up batch of
  // its own (the first batch of a path pays for cold code and plans): ours, the set-based floor, PostGraphile's
  // bulk custom mutation (bench.sql.ts update_features, the same effect as the floor) and its generated
  // per-row update mutation.
  oursMemory.phase = peerMemory.phase = 'writes';
  const editorId = (await pool.query(userIdSql, ['community'])).rows[0].id as number;
  const targets = async (n: number) => (await pool.query(writeTargetsSql, [layerId, n])).rows as Array<{ id: string; version: number; attributes: object }>;
  const warmupWrites = Math.max(1, Math.min(500, Math.floor(counts.writes / 4)));
  /** Features written per second: a warm-up batch, then the measured one (each on the targets' current versions). */
  const writeRate = async (write: (batch: Awaited<ReturnType<typeof targets>>) => Promise<number>) => {
    await write(await targets(warmupWrites));
    const batch = await targets(counts.writes);
    const started = performance.now();
    const n = await write(batch);
    if (n !== batch.length) throw new Error(`wrote ${n} of ${batch.length}`);
    return batch.length / ((performance.now() - started) / 1000);
  };
  const oursWrite = await writeRate(async (batch) => (await postJson(`${oursUrl}/graphql`, {
    query: 'mutation($changes: [FeatureChangeInput!]!) { applyChanges(changes: $changes) { id version } }',
    variables: { changes: batch.map((t) => ({ op: 'UPDATE', id: t.id, expectedVersion: t.version, attributes: WRITE_ATTRIBUTES })) },
  }, editor)).applyChanges.length);
  const floorWrite = await writeRate(async (batch) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const r = await client.query(writeFloorSql[0], [batch.map((t) => t.id), batch.map((t) => t.version), JSON.stringify(WRITE_ATTRIBUTES), editorId]);
      await client.query(writeFloorSql[1], [layerId]);
      await client.query('COMMIT');
      return r.rowCount ?? 0;
    } finally {
      client.release();
    }
  });
  // PostGraphile's bulk style: one request, one custom mutation (a VOLATILE SQL function) for the whole batch.
  const peerWrite = await writeRate(async (batch) => (await postJson(peerUrl, {
    query: `mutation($ids: [BigInt], $versions: [Int], $patch: JSON, $editor: Int) {
      updateFeatures(input: { ids: $ids, versions: $versions, patch: $patch, editor: $editor }) { result { rowId version } } }`,
    variables: { ids: batch.map((t) => t.id), versions: batch.map((t) => t.version), patch: WRITE_ATTRIBUTES, editor: editorId },
  })).updateFeatures.result.length);
  // PostGraphile's generated update mutation (which replaces the whole attributes object, so the client
  // merges), 100 per request as aliases, 8 requests in flight.
  const PER_REQUEST = 100;
  const peerCrudWrite = await writeRate(async (batch) => {
    let n = 0;
    await runLoad(async (i) => {
      const slice = batch.slice(i * PER_REQUEST, (i + 1) * PER_REQUEST);
      const fields = slice.map((t, k) => `u${k}: updatePublicFeatureByRowId(input: { rowId: "${t.id}", publicFeaturePatch: { version: ${t.version + 1}, attributes: $p${k} } }) { clientMutationId }`);
      const variables = Object.fromEntries(slice.map((t, k) => [`p${k}`, { ...t.attributes, ...WRITE_ATTRIBUTES }]));
      const data = await postJson(peerUrl, { query: `mutation(${slice.map((_, k) => `$p${k}: JSON`).join(', ')}) { ${fields.join('\n')} }`, variables });
      n += Object.keys(data).length;
    }, Math.ceil(batch.length / PER_REQUEST), 8);
    return n;
  });
  log(`writes (${counts.writes}, after ${warmupWrites} to warm up): ours ${oursWrite.toFixed(0)}/s, floor ${floorWrite.toFixed(0)}/s, `
    + `PostGraphile bulk ${peerWrite.toFixed(0)}/s, generated mutations ${peerCrudWrite.toFixed(0)}/s`);
  results.push(
    measurement(`write ${counts.writes} updates`, 'features/s', 'higher', oursWrite, floorWrite, peerWrite,
      `each after a warm-up batch of ${warmupWrites}; ours: one applyChanges request (validated, version-checked, one history row each); floor: the same effect as set-based SQL; `
      + 'peer: PostGraphile\'s bulk style, one request of a custom mutation (a SQL function doing what the floor does: version check, history, data version; no attribute validation) '
      + '(issue 16 goal 7: ours ≥ 0.5× the floor)'),
    measurement(`write ${counts.writes} updates, peer by its generated mutations`, 'features/s', 'higher', oursWrite, null, peerCrudWrite,
      `peer: PostGraphile's generated updatePublicFeatureByRowId, ${PER_REQUEST} per request as aliases, 8 requests in flight, no validation, version check or history`),
  );

  // 6. Import: 100,000 CSV rows through `npm run import` (a child process of its own, on a database
  // of its own), beside the set-based INSERT floor; the CLI's peak RSS beside that of a 20,000-row
  // import (on a fresh database too) says whether memory stays flat.
  const importRows = 100_000; // the issue's target is for 100,000 rows, so --quick measures them too (about a minute)
  const smallImport = await measureImport(importRows / 5, options.adminUrl, log);
  const imported = await measureImport(importRows, options.adminUrl, log);
  const growth = rssGrowth(smallImport, imported);
  log(`import (${importRows}): ours ${imported.rowsPerSecond}/s in ${imported.seconds} s, peak RSS ${imported.peakRssMb} MB `
    + `(${smallImport.peakRssMb} MB for ${smallImport.rows}: ×${growth.ratio}, ${growth.flat ? 'flat' : 'NOT flat'}); floor ${imported.floorRowsPerSecond}/s`);
  results.push(
    measurement(`import ${importRows.toLocaleString('en')} CSV rows`, 'rows/s', 'higher', imported.rowsPerSecond, imported.floorRowsPerSecond, null,
      `ours: npm run import (read in chunks, coerced, checked in PostGIS, written through the edit path with history, each chunk as one INSERT while the next is read) took ${imported.seconds} s; `
      + 'floor: the same rows as one set-based INSERT with history rows, no parsing or checks'),
    measurement(`import ${importRows.toLocaleString('en')} CSV rows peak RSS (VmHWM)`, 'MB', 'lower', imported.peakRssMb, null, null,
      `the import process as a whole (Node, the database client, one chunk of rows); file ${imported.fileMb} MB`),
    measurement(`import peak RSS, ${importRows.toLocaleString('en')} over ${smallImport.rows.toLocaleString('en')} rows`, 'ratio', 'lower', growth.ratio, null, null,
      `${smallImport.peakRssMb} → ${imported.peakRssMb} MB; flat when ≤ ${FLAT_RSS_RATIO} (5× the rows within 15 %)`),
  );
  details.import = { ...imported, output: imported.output.trim().split('\n').slice(0, 3), peakRssMbAt20k: smallImport.peakRssMb, rssRatio: growth.ratio };
  // The same files uploaded to a started server and committed there (in its import worker): the server's own peak.
  const smallServerImport = await measureImport(importRows / 5, options.adminUrl, log, 'postgis', 'server');
  const serverImport = await measureImport(importRows, options.adminUrl, log, 'postgis', 'server');
  const serverGrowth = rssGrowth(smallServerImport, serverImport);
  results.push(
    measurement(`import ${importRows.toLocaleString('en')} CSV rows through the server, server peak RSS`, 'MB', 'lower', serverImport.peakRssMb, null, null,
      `uploaded and committed in ${serverImport.seconds} s (${serverImport.rowsPerSecond} rows/s); the server process as a whole, its import worker included`),
    measurement(`server import peak RSS, ${importRows.toLocaleString('en')} over ${smallServerImport.rows.toLocaleString('en')} rows`, 'ratio', 'lower', serverGrowth.ratio, null, null,
      `${smallServerImport.peakRssMb} → ${serverImport.peakRssMb} MB; flat when ≤ ${FLAT_RSS_RATIO}`),
  );

  // 6b. The embedded default (PGlite): `layers` alone and under 8 viewports. A failure (e.g. the browser part) is reported, not fatal.
  results.push(...await benchEmbedded({ port: await freePort(), scale: 1, runs: options.quick ? 40 : 100, clientRuns: options.quick ? 2 : 5, log }).then(embeddedRows, (err: Error) => {
    log(`embedded phase failed: ${err.message}`);
    return [measurement('embedded (PGlite) layers alone p95', 'ms', 'lower', NaN, null, null, `failed: ${err.message.slice(0, 300)}`)];
  }));

  // 7. Memory: the server's peak resident set, and how much it grew after the first phase.
  const peakOurs = oursMemory.peakMb();
  const peakPeer = peerMemory.peakMb();
  const endRss = oursMemory.rssMb();
  oursMemory.stop();
  peerMemory.stop();
  results.push(
    measurement('server peak RSS (VmHWM)', 'MB', 'lower', peakOurs, null, peakPeer),
    measurement('server RSS growth after the viewport phase', 'MB', 'lower', endRss - rssAfterViewports, null, null,
      'resident memory at the end minus after the viewport phase; near 0 = flat'),
  );
  details.memory = {
    samples: oursMemory.samples.length,
    rssByPhase: Object.fromEntries([...new Set(oursMemory.samples.map((s) => s.phase))].map((phase) => {
      const rss = oursMemory.samples.filter((s) => s.phase === phase).map((s) => s.rssMb).filter(Number.isFinite);
      return [phase, { min: round(Math.min(...rss), 1), max: round(Math.max(...rss), 1) }];
    })),
  };

  await Promise.all(children.map((c) => c.stop()));
  await pool.end();

  const environment = {
    date: new Date().toISOString(), quick: options.quick, scale: options.scale, features: totalFeatures, layer: LAYER, layerFeatures,
    postgres: versions.postgres, postgis: versions.postgis, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30), durationS: Math.round((Date.now() - t0) / 1000),
    loadAverage1m: { before: round(loadBefore), after: round(os.loadavg()[0]) },
  };
  writeResults(results, environment, details);
}

function warmTileRows({ c1, c8 }: Awaited<ReturnType<typeof benchWarmTiles>>): Measurement[] {
  return [
    measurement('vector tile warm (cache hit) c1 p95', 'ms', 'lower', c1.p95, null, null,
      'GET /tiles over HTTP answered from memory: session, read check, layer and tile (X-Tile-Cache: hit), gzip; no database (issue 16 goal 3: ≥ 3,000 tiles/s at c8)'),
    measurement('vector tile warm (cache hit) c8 throughput', 'tiles/s', 'higher', c8.throughput, null, null),
    measurement('vector tile warm (cache hit) c8 p95', 'ms', 'lower', c8.p95, null, null),
  ];
}

function embeddedRows(e: Awaited<ReturnType<typeof benchEmbedded>>): Measurement[] {
  return [
    measurement('embedded (PGlite) layers alone p95', 'ms', 'lower', e.layersAlone.p95, null, null,
      `the web client's Layers query (all layer definitions, feature counts, extents, me) on the embedded default, demo city scale 1 (issue 16 goal 4: ≤ 50 ms under 8 viewports)`),
    measurement('embedded (PGlite) layers under 8 viewports p95', 'ms', 'lower', e.layersUnderLoad.p95, null, null,
      `8 clients read every page of the street lights of the whole city (${e.viewportFeatures} features, ${round(e.viewportsPerSecond)} viewports/s) meanwhile`),
    measurement('embedded (PGlite) /api/health under 8 viewports p95', 'ms', 'lower', e.healthUnderLoad.p95, null, null,
      `the same load; an answer from memory with no database and no GraphQL (p50 ${round(e.healthUnderLoad.p50)} ms): what every request waits for the server's busy event loop`),
    measurement('embedded (PGlite) server peak RSS (VmHWM)', 'MB', 'lower', e.peakRssMb, null, null, 'the server process with PGlite inside it'),
    ...clientRows(e.client),
  ];
}

function clientRows(c: ClientResult): Measurement[] {
  const p50 = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
  const kib = (bytes: number) => bytes / 1024;
  return [
    measurement('client login → map idle, all demo layers, p50', 'ms', 'lower', p50(c.loginToIdleMs), null, null,
      `headless Chromium, a fresh profile each of ${c.loginToIdleMs.length} runs, the counter user on the demo city at scale 1 (issue 16 goal 8: ≤ 2,500 ms)`),
    measurement('client warm reload → map idle, p50', 'ms', 'lower', p50(c.reloadToIdleMs), null, null),
    measurement('client warm reload transferred', 'KiB', 'lower', kib(c.reloadBytes.total), null, null,
      `headers and bodies on the wire, the worst run (GraphQL ${round(kib(c.reloadBytes.graphql))} KiB, tiles ${round(kib(c.reloadBytes.tiles))} KiB, `
        + `other ${round(kib(c.reloadBytes.other))} KiB); read queries are revalidated GETs answered 304 when unchanged (goal 8: ≤ 50 KiB)`),
  ];
}

/**
 * `--hotpath`: only the rows of the in-memory hot path (warm vector tiles, warm raster tiles, the
 * embedded `layers`), written into their own section of results.md; the rest of the file stays.
 */
async function hotpathOnly() {
  const options = parseOptions(process.argv.slice(2));
  const counts = plan(options.quick);
  const url = databaseUrl(options.adminUrl, options.database);
  const t0 = Date.now();
  const loadBefore = os.loadavg()[0];
  await ensureDatabase(options, url);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const oursPort = await freePort();
  const ours = new Child('chizu', [path.join(__dirname, 'serve.js')], {
    DATABASE_URL: url, PORT: String(oursPort), SEED_DEMO: 'false', ALLOW_ANONYMOUS_READ: 'false', NODE_ENV: 'production', ...NO_REQUEST_BUDGET,
  });
  process.on('exit', () => ours.process.kill('SIGKILL'));
  const oursUrl = `http://127.0.0.1:${oursPort}`;
  await ours.waitFor(async () => (await fetch(`${oursUrl}/api/health`)).ok);
  const login = async (username: string) =>
    (await postJson(`${oursUrl}/graphql`, { query: 'mutation($u: String!) { login(username: $u, password: "chizu-demo") { token } }', variables: { u: username } })).login.token as string;
  const results: Measurement[] = [];
  const tiles = await benchTiles(pool, counts.tiles);
  results.push(...warmTileRows(await benchWarmTiles({ url: oursUrl, token: await login('counter'), layer: LAYER, tiles, count: counts.tiles * 20, log })));
  const raster = await benchRasters({ url: oursUrl, pool, token: await login('admin'), tiles: counts.tiles, centre: CENTRE, log });
  results.push(
    measurement('raster tile warm c1 p50', 'ms', 'lower', raster.warm.ours.p50, raster.warm.floor.p50, null,
      'ours: GET /tiles/raster over HTTP (session, read check, ETag, cache hit), all from memory; floor: the tile\'s SELECT through pg (issue 19: p95 ≤ 10 ms)'),
    measurement('raster tile warm c1 p95', 'ms', 'lower', raster.warm.ours.p95, raster.warm.floor.p95, null),
  );
  await ours.stop();
  await pool.end();
  results.push(...embeddedRows(await benchEmbedded({ port: await freePort(), scale: 1, runs: options.quick ? 40 : 100, clientRuns: options.quick ? 2 : 5, log })));
  const loadAfter = os.loadavg()[0];
  writeSection('hotpath', 'Hot path (`npm run bench -- --hotpath`)',
    `Run ${new Date().toISOString()} (database scale ${options.scale}, embedded demo city scale 1), ${Math.round((Date.now() - t0) / 1000)} s; `
      + `1-minute load average ${round(loadBefore)} before, ${round(loadAfter)} after, on ${os.cpus().length} CPUs shared with other work.`,
    results, true);
  console.log(`SUMMARY ${results.map((m) => `${m.name} ${fmt(m.ours, m.unit)} ${m.unit}`).join(' | ')}`);
}

/**
 * `--interactive`: what users wait for beside reading (issue 16 goals 5 and 6), on the embedded
 * default and on PostGIS, each a server child with a small demo city of its own: 20 maps see an
 * editor's saves (/api/events), and an A4 窓口案内図 printed cold, then warm. Written into their own
 * section of results.md.
 */
async function interactiveOnly() {
  const argv = process.argv.slice(2);
  const arg = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const demoScale = arg('--demo-scale', 0.05);
  const prints = arg('--prints', 10);
  const t0 = Date.now();
  const loadBefore = os.loadavg()[0];
  const results: Measurement[] = [];
  const database = 'chizu_bench_interactive';
  for (const backend of ['embedded', 'postgis'] as const) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-bench-interactive-'));
    const admin = new pg.Client({ connectionString: benchDatabaseUrl });
    if (backend === 'postgis') {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${ident(database)}`);
    }
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = new Child(`chizu-interactive-${backend}`, [path.join(__dirname, 'serve.js')], {
      DATABASE_URL: backend === 'postgis' ? databaseUrl(benchDatabaseUrl, database) : '', DATA_DIR: dataDir, SEED_DEMO: 'true',
      DEMO_SCALE: String(demoScale), DEMO_REFERENCE_SCALE: String(Math.min(demoScale, 0.05)), DEMO_RASTERS: 'false',
      PORT: String(port), NODE_ENV: 'production', ALLOW_ANONYMOUS_READ: 'false', ...NO_REQUEST_BUDGET,
    });
    process.on('exit', () => child.process.kill('SIGKILL'));
    try {
      await child.waitFor(async () => (await fetch(`${url}/api/health`)).ok, 900_000);
      log(`${backend}: started with the demo city at scale ${demoScale}`);
      const live = await benchLive({ url, clients: 20, saves: 30, log: (m) => log(`${backend} ${m}`) });
      results.push(
        measurement(`live ${backend}: save → 20 maps see it p50`, 'ms', 'lower', live.saveToSeen.p50, null, null,
          `${live.clients} maps hold /api/events open, one editor saves ${live.saves} street lights one after another (updateFeature); from sending the save `
          + `until each map has the event (issue 16 goal 5: ≤ 1 s p95); the save itself p95 ${round(live.save.p95, 1)} ms; `
          + `from the save's answer to the event p95 ${round(live.answerToSeen.p95, 1)} ms; events missed ${live.missed}`),
        measurement(`live ${backend}: save → 20 maps see it p95`, 'ms', 'lower', live.saveToSeen.p95, null, null),
      );
      // A print that fails (e.g. beyond the render timeout on a crowded machine) is reported, not fatal.
      const print = prints > 0 ? await benchPrint({ url, serverPid: child.pid, runs: prints, log: (m) => log(`${backend} ${m}`) }).catch((err: Error) => {
        log(`${backend} print failed: ${err.message}`);
        results.push(measurement(`print ${backend}: A4 窓口案内図 PDF warm p50`, 'ms', 'lower', NaN, null, null, `failed: ${err.message.slice(0, 300)}`));
        return null;
      }) : null;
      if (print) {
        const parts = (p: Record<string, number>) => PRINT_PARTS.map((k) => `${k} ${Math.round(p[k])}`).join(', ');
        results.push(
          measurement(`print ${backend}: A4 窓口案内図 PDF warm p50`, 'ms', 'lower', print.warm.p50, null, null,
            `GET /api/print/enquiry.pdf, one at a time, a new place each time, after one cold sheet (${round(print.cold.ms / 1000, 1)} s: ${parts(print.cold.parts)}); `
            + `${print.warmPages} of ${print.warm.count} drawn in a warm page; median parts of the warm sheets in ms (Server-Timing): ${parts(print.warmParts)}; `
            + `CPU per warm sheet ${round(print.cpuPerSheet.chromium, 2)} s in Chromium and ${round(print.cpuPerSheet.server, 2)} s in the server (what the sheet costs when the machine is not shared) (issue 16 goal 6: ≤ 3 s)`),
          measurement(`print ${backend}: A4 窓口案内図 PDF warm p95`, 'ms', 'lower', print.warm.p95, null, null),
        );
      }
    } finally {
      await child.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (backend === 'postgis') {
        await admin.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
        await admin.end();
      }
    }
  }
  const loadAfter = os.loadavg()[0];
  writeSection('interactive', 'Live edits and prints (`npm run bench -- --interactive`)',
    `Run ${new Date().toISOString()} (demo city scale ${demoScale} on each backend), ${Math.round((Date.now() - t0) / 1000)} s; `
      + `1-minute load average ${round(loadBefore)} before, ${round(loadAfter)} after, on ${os.cpus().length} CPUs shared with other work.`,
    results, false);
  console.log(`SUMMARY ${results.map((m) => `${m.name} ${fmt(m.ours, m.unit)} ${m.unit}`).join(' | ')}`);
}

/**
 * Replaces one marked section of results.md (`<!-- name -->` … `<!-- /name -->`) and keeps the rest of the file:
 * the partial runs (--hotpath, --interactive) each own one.
 */
function writeSection(name: string, heading: string, runLine: string, results: Measurement[], withFloor: boolean) {
  const section = [
    `<!-- ${name} -->`,
    `## ${heading}`,
    '',
    runLine,
    '',
    withFloor ? '| measurement | unit | ours | floor | ours/floor |' : '| measurement | unit | ours |',
    withFloor ? '| --- | --- | ---: | ---: | ---: |' : '| --- | --- | ---: |',
    ...results.map((m) => `| ${m.name} | ${m.unit} (${m.better} is better) | ${fmt(m.ours, m.unit)} |`
      + (withFloor ? ` ${fmt(m.floor, m.unit)} | ${ratio(m.ratios.floor)} |` : '')),
    '',
    ...results.filter((m) => m.note).map((m) => `- **${m.name}**: ${m.note}`),
    `<!-- /${name} -->`,
  ].join('\n');
  const file = path.join(repoRoot, 'test', 'bench', 'results.md');
  const kept = fs.readFileSync(file, 'utf8').replace(new RegExp(`\\n?<!-- ${name} -->[\\s\\S]*<!-- /${name} -->\\n?`), '\n');
  fs.writeFileSync(file, `${kept.trimEnd()}\n\n${section}\n`);
}

function fmt(v: number | null, unit?: string) {
  if (v === null || !Number.isFinite(v)) return '—';
  const digits = unit === 'ms' || unit === 'MB' ? 1 : Math.abs(v) >= 100 ? 0 : 2;
  return v.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
const ratio = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}×`);

function writeResults(results: Measurement[], environment: Record<string, unknown>, details: Record<string, unknown>) {
  const dir = path.join(repoRoot, 'test', 'bench');
  fs.writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify({ environment, details, measurements: results }, null, 2)}\n`);
  const rows = results.map((m) => `| ${m.name} | ${m.unit} (${m.better} is better) | ${fmt(m.ours, m.unit)} | ${fmt(m.httpFloor, m.unit)} | ${fmt(m.floor, m.unit)} | `
    + `${fmt(m.peer, m.unit)} | ${ratio(m.ratios.httpFloor)} | ${ratio(m.ratios.floor)} | ${ratio(m.ratios.peer)} |`);
  const notes = results.filter((m) => m.note).map((m) => `- **${m.name}**: ${m.note}`);
  const md = [
    '# Benchmark results',
    '',
    `Run ${environment.date} with \`npm run bench${environment.quick ? ' -- --quick' : ''}\` (scale ${environment.scale}): ${Number(environment.features).toLocaleString('en')} features, `
      + `${Number(environment.layerFeatures).toLocaleString('en')} of them in \`${environment.layer}\`; PostgreSQL ${environment.postgres}, PostGIS ${environment.postgis}, `
      + `Node ${environment.node}, ${environment.cpus} CPU (${environment.cpuModel}), ${environment.memoryGb} GB; ${environment.durationS} s in all; `
      + `1-minute load average ${(environment.loadAverage1m as { before: number }).before} before, ${(environment.loadAverage1m as { after: number }).after} after.`,
    '',
    '*ours*: Chizu over HTTP (GraphQL `features`, `/tiles`, `applyChanges`); the viewport rows read every page as the web client does, with its own code '
      + '(`fetchAllFeatures`: the `Features` document with `FeatureFields`, GET, `JSON.parse` of each body). '
      + '*HTTP floor* (viewport rows): a bare `node:http` server in a child process that runs the server\'s page SQL (page and `totalCount`) '
      + 'and streams the same JSON, byte for byte (checked before measuring), read by the same client code: the limit for an HTTP JSON API on this stack. '
      + '*floor*: the same SQL through `pg` in the bench process, no HTTP (for the viewport it also builds and parses the same JSON). '
      + '*peer*: PostGraphile 5 on the same table (a bbox function and computed columns for the same fields, parsed alike). '
      + 'Ratios are ours ÷ each; for latency lower is better, for throughput higher.',
    '',
    '| measurement | unit | ours | HTTP floor | floor | peer | ours/HTTP floor | ours/floor | ours/peer |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    ...notes,
    '',
    '```json',
    JSON.stringify(details, null, 2),
    '```',
    '',
  ].join('\n');
  // The sections of the partial runs (--hotpath, --interactive: writeSection) stay.
  const previous = fs.existsSync(path.join(dir, 'results.md')) ? fs.readFileSync(path.join(dir, 'results.md'), 'utf8') : '';
  const sections = previous.match(/<!-- ([a-z]+) -->[\s\S]*?<!-- \/\1 -->/g) ?? [];
  fs.writeFileSync(path.join(dir, 'results.md'), sections.length ? `${md.trimEnd()}\n\n${sections.join('\n\n')}\n` : md);
  const parts: Array<[string, Measurement | undefined]> = [
    ['viewport 2k c1 p50', results.find((m) => /^viewport 2k .* c1 p50$/.test(m.name))],
    ['viewport 20k c1 p50', results.find((m) => /^viewport 20k .* c1 p50$/.test(m.name))],
    ['viewport 2k c8 throughput', results.find((m) => /^viewport 2k .* c8 throughput$/.test(m.name))],
    ['viewport 20k c8 throughput', results.find((m) => /^viewport 20k .* c8 throughput$/.test(m.name))],
    ['tiles c8 throughput', results.find((m) => m.name === 'tiles z12-16 c8 throughput')],
    ['writes', results.find((m) => m.name.startsWith('write'))],
    ['import', results.find((m) => /^import [0-9,]+ CSV rows$/.test(m.name))],
  ];
  const summary = parts.map(([label, m]) => (m
    ? `${label}${m.ratios.httpFloor !== null ? ` ${ratio(m.ratios.httpFloor)} HTTP floor` : ''} ${ratio(m.ratios.floor)} floor${m.ratios.peer !== null ? ` ${ratio(m.ratios.peer)} peer` : ''}`
    : `${label} —`));
  const peak = results.find((m) => m.name.startsWith('server peak'));
  console.log(`[bench] wrote test/bench/results.json and test/bench/results.md`);
  console.log(`SUMMARY ${summary.join(' | ')} | peak RSS ${fmt(peak?.ours ?? null, 'MB')} MB (peer ${fmt(peak?.peer ?? null, 'MB')} MB)`);
}

const mode = process.argv.includes('--abuse') ? () => runAbuseSoak(process.argv.slice(2))
  : process.argv.includes('--hotpath') ? hotpathOnly : process.argv.includes('--interactive') ? interactiveOnly : main;
mode().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
