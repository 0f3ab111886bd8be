// npm run bench:raster [-- --dpi 400]
//
// The raster rows of the benchmark (issue 19): a synthetic 1/500 road-ledger sheet scanned at --dpi
// (400 → about 12,900 × 9,750 px, an A1 sheet) is uploaded, placed by its four corners and tiled on
// the embedded database, as a clerk does; then the warm raster tile p95 over the HTTP server.
// Prints seconds, the process's peak RSS (VmHWM) and the tile latencies.
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const server = path.resolve(__dirname, '..', '..', '..', 'server');
/* eslint-disable @typescript-eslint/no-require-imports */
const { loadConfig } = require(path.join(server, 'config')) as typeof import('../../server/src/config');
const { prepareDatabase } = require(path.join(server, 'bootstrap')) as typeof import('../../server/src/bootstrap');
const { createServer } = require(path.join(server, 'app')) as typeof import('../../server/src/app');
const { seedDemo } = require(path.join(server, 'seed', 'demo')) as typeof import('../../server/src/seed/demo');
const { syntheticRoadSheet } = require(path.join(server, 'seed', 'rasters')) as typeof import('../../server/src/seed/rasters');
const { LayerCatalog, SYSTEM_READER } = require(path.join(server, 'modules', 'layers', 'layer.service')) as typeof import('../../server/src/modules/layers/layer.service');

const vmHwmMb = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
/** Resets the kernel's peak-RSS mark to the current RSS (Linux ≥ 4.0), so the next peak is the placement's own. */
const resetHwm = () => fs.writeFileSync('/proc/self/clear_refs', '5');

/**
 * Samples where the memory is while placing: the JavaScript heap, ArrayBuffers (the embedded
 * database's WebAssembly memory is one) and the rest of the RSS (libvips, the raw band, tiles).
 */
function memorySampler() {
  const peak = { rss: 0, heapUsed: 0, arrayBuffers: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss); peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed); peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  };
  const timer = setInterval(sample, 100);
  return { stop: () => { clearInterval(timer); sample(); return Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v / 1048576)])); } };
}

async function main() {
  const at = process.argv.indexOf('--dpi');
  const dpi = at >= 0 ? Number(process.argv[at + 1]) : 400;
  const rasterDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-bench-raster-'));
  const config = { ...loadConfig({ RASTER_DIR: rasterDir }), seedDemoOnFirstStart: false, webDist: '/nonexistent' };
  const db = await prepareDatabase({ ...config, dataDir: undefined as unknown as string }, () => undefined);
  try {
    await seedDemo(db, { scale: 0.05, users: true });
    await db.prisma.layer.create({ data: { key: 'bench_scans', nameJa: '道路台帳図', nameEn: 'Scans', departmentKey: 'roads', kind: 'raster', geometryTypes: [], fields: [], style: {} } });
    // The sheet is drawn by a child process, so that drawing (librsvg) does not count in the peak RSS.
    const sheetFile = path.join(os.tmpdir(), `chizu-bench-sheet-${dpi}.png`);
    if (process.argv.includes('--draw')) {
      const sheet = await syntheticRoadSheet(db, config.planeSrid, { dpi });
      fs.writeFileSync(sheetFile, sheet.png);
      fs.writeFileSync(`${sheetFile}.json`, JSON.stringify({ width: sheet.width, height: sheet.height, corners: sheet.corners }));
      return;
    }
    const t0 = performance.now();
    if (!fs.existsSync(`${sheetFile}.json`)) {
      require('node:child_process').execFileSync(process.execPath, [__filename, '--dpi', String(dpi), '--draw'], { stdio: 'inherit' });
    }
    const drawS = (performance.now() - t0) / 1000;
    const sheet = { ...JSON.parse(fs.readFileSync(`${sheetFile}.json`, 'utf8')), pngBytes: fs.statSync(sheetFile).size } as
      { width: number; height: number; corners: import('../../server/src/domain/georef').ControlPoint[]; pngBytes: number };
    const app = await createServer(db, config, () => undefined);
    const admin = (await db.prisma.appUser.findUniqueOrThrow({ where: { username: 'admin' } }));
    const user = { id: admin.id, username: admin.username, displayName: admin.displayName, role: 'admin' as const, departmentKey: null, grantedLayerIds: [] };
    const catalog = new LayerCatalog(app.services.layers, SYSTEM_READER);
    const hwmBefore = vmHwmMb();
    global.gc?.();
    const start = process.memoryUsage();
    resetHwm();
    const sampler = memorySampler();
    const t1 = performance.now();
    const uploaded = await app.services.rasters.upload(catalog, user, 'bench_scans', fs.createReadStream(sheetFile), { fileName: 'bench.png' });
    const uploadS = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    const placed = await app.services.rasters.place(catalog, user, uploaded.id, { method: 'CORNERS' as never, transform: 'PROJECTIVE' as never, controlPoints: sheet.corners });
    const placeS = (performance.now() - t2) / 1000;
    const tiles = (await db.pool.query('SELECT count(*)::int AS n, sum(length(png))::bigint AS bytes FROM raster_tile')).rows[0];
    const hwmAfter = vmHwmMb();
    const peaks = sampler.stop();

    // Warm tile latency over HTTP: every tile of the two highest zooms, fetched once to warm, then 5 rounds.
    const port = await app.listen(0);
    const token = (await (await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "admin", password: "chizu-demo") { token } }' }),
    })).json() as { data: { login: { token: string } } }).data.login.token;
    const addresses = (await db.pool.query('SELECT z, x, y FROM raster_tile ORDER BY z, x, y')).rows
      .filter((_, i) => i % 3 === 0).slice(0, 300);
    const get = async (t: { z: number; x: number; y: number }) => {
      const s = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/tiles/raster/bench_scans/${t.z}/${t.x}/${t.y}.png`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`tile ${res.status}`);
      return performance.now() - s;
    };
    for (const t of addresses) await get(t);
    const times: number[] = [];
    for (let round = 0; round < 5; round++) for (const t of addresses) times.push(await get(t));
    // The floor: the same tile's SQL through the pool in this process (no HTTP, no session, no cache).
    const { layerTileSql } = require(path.join(server, 'modules', 'rasters', 'raster.sql')) as typeof import('../../server/src/modules/rasters/raster.sql');
    const layerId = (await db.pool.query('SELECT id FROM layer WHERE key = $1', ['bench_scans'])).rows[0].id as number;
    const floor: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const t of addresses) {
        const s = performance.now();
        await db.pool.query(layerTileSql, [layerId, t.z, t.x, t.y]);
        floor.push(performance.now() - s);
      }
    }
    floor.sort((a, b) => a - b);
    times.sort((a, b) => a - b);
    const p = (q: number, list = times) => list[Math.min(list.length - 1, Math.floor(q * list.length))];
    await app.stop();
    const result = {
      widthPx: sheet.width, heightPx: sheet.height, pngMb: Number((sheet.pngBytes / 1048576).toFixed(1)), drawSeconds: Number(drawS.toFixed(1)),
      uploadSeconds: Number(uploadS.toFixed(1)), placeAndTileSeconds: Number(placeS.toFixed(1)), tiles: tiles.n, tileMb: Number((Number(tiles.bytes) / 1048576).toFixed(1)),
      zooms: `${placed.status} ${JSON.stringify((await db.pool.query('SELECT min_zoom, max_zoom FROM raster_sheet')).rows[0])}`,
      peakRssMbBeforeUpload: Math.round(hwmBefore), rssMbAtUpload: Math.round(start.rss / 1048576),
      peakRssMbDuringUploadAndPlace: Math.round(hwmAfter), placeRssGrowthMb: Math.round(hwmAfter - start.rss / 1048576),
      arrayBuffersMbAtUpload: Math.round(start.arrayBuffers / 1048576), peaksDuringPlaceMb: peaks,
      warmTileP50Ms: Number(p(0.5).toFixed(2)), warmTileP95Ms: Number(p(0.95).toFixed(2)), tileRequests: times.length,
      floorTileSqlP50Ms: Number(p(0.5, floor).toFixed(2)), floorTileSqlP95Ms: Number(p(0.95, floor).toFixed(2)), loadAverage1m: Number(os.loadavg()[0].toFixed(1)),
    };
    console.log(`[bench] raster ${JSON.stringify(result)}`);
  } finally {
    await db.close();
    fs.rmSync(rasterDir, { recursive: true, force: true });
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
