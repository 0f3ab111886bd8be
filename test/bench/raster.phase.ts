// The raster phase of `npm run bench` (issue 19): a synthetic scanned sheet is uploaded and placed by its
// four corners over HTTP, as the web does, then its tiles are fetched warm (each once before) and compared
// with their SQL through pg. The full-size sheet (13k × 10k px) is measured by `npm run bench:raster`.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import proj4 from 'proj4';
import sharp from 'sharp';
import { planeProjDef } from '../../server/src/domain/planeZones';
import { layerTileSql } from '../../server/src/modules/rasters/raster.sql';
import { LoadStats, runInterleaved } from './load';

const LAYER = 'bench_scans';
const WIDTH = 4000, HEIGHT = 3000, GROUND_M = 0.1; // 400 m × 300 m at 10 cm a pixel

interface Options { url: string; pool: pg.Pool; token: string; tiles: number; centre: { lon: number; lat: number }; log: (m: string) => void }

async function gql(o: Options, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${o.url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` }, body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: any; errors?: unknown };
  if (json.errors) throw new Error(`GraphQL error: ${JSON.stringify(json.errors).slice(0, 500)}`);
  return json.data;
}

/** A sheet-like image: a grey paper with a grid of dark lines and some noise (compresses like a scan). */
async function syntheticScan(): Promise<Buffer> {
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 7;
  for (let r = 0; r < HEIGHT; r++) {
    for (let c = 0; c < WIDTH; c++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const line = r % 100 < 3 || c % 100 < 3;
      const v = line ? 40 : 225 + (seed % 20);
      raw.fill(v, (r * WIDTH + c) * 3, (r * WIDTH + c) * 3 + 3);
    }
  }
  return sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).png().toBuffer();
}

export async function benchRasters(o: Options): Promise<{
  warm: Record<'ours' | 'floor', LoadStats>; warm8: Record<'ours' | 'floor', LoadStats>; placeSeconds: number; details: Record<string, number | string>;
}> {
  const srid = 6677; // the bench's server runs with the default PLANE_SRID (zone IX)
  const existing = (await o.pool.query('SELECT id FROM layer WHERE key = $1', [LAYER])).rows[0];
  if (existing) await o.pool.query('DELETE FROM raster_sheet WHERE layer_id = $1', [existing.id]); // --reuse: a fresh sheet each run
  else {
    await gql(o, `mutation { createLayer(input: { key: "${LAYER}", nameJa: "ベンチ図面", nameEn: "Bench scans", departmentKey: "roads",
      geometryTypes: [], fields: [], kind: RASTER }) { key } }`);
  }
  const png = await syntheticScan();
  const [e0, n0] = proj4('EPSG:4326', planeProjDef(srid)).forward([o.centre.lon, o.centre.lat]);
  const corners = [[0, 0], [WIDTH, 0], [WIDTH, HEIGHT], [0, HEIGHT]].map(([col, row]) => ({ col, row, x: n0 - row * GROUND_M, y: e0 + col * GROUND_M }));
  const t0 = performance.now();
  const res = await fetch(`${o.url}/api/rasters/${LAYER}/sheets?filename=bench.png&scale=500`, {
    method: 'POST', body: png, headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/octet-stream' },
  });
  if (res.status !== 201) throw new Error(`raster upload: HTTP ${res.status} ${await res.text()}`);
  const sheet = (await res.json()) as { id: string };
  const placed = await gql(o, `mutation($id: ID!, $pts: [RasterControlPointInput!]!) {
    placeRasterSheet(id: $id, method: CORNERS, transform: PROJECTIVE, controlPoints: $pts) { status } }`, { id: sheet.id, pts: corners });
  const placeSeconds = (performance.now() - t0) / 1000;
  if (placed.placeRasterSheet.status !== 'PLACED') throw new Error(`raster place: ${placed.placeRasterSheet.status}`);
  const layerId = (await o.pool.query('SELECT id FROM layer WHERE key = $1', [LAYER])).rows[0].id as number;
  const all = (await o.pool.query('SELECT z, x, y FROM raster_tile WHERE sheet_id = $1 ORDER BY z, x, y', [Number(sheet.id)])).rows as Array<{ z: number; x: number; y: number }>;
  const step = Math.max(1, Math.floor(all.length / o.tiles));
  const tiles = all.filter((_, i) => i % step === 0).slice(0, o.tiles);
  const ours = async (i: number) => {
    const t = tiles[i % tiles.length];
    const r = await fetch(`${o.url}/tiles/raster/${LAYER}/${t.z}/${t.x}/${t.y}.png`, { headers: { authorization: `Bearer ${o.token}` } });
    if (r.status !== 200) throw new Error(`raster tile ${t.z}/${t.x}/${t.y}: HTTP ${r.status}`);
    return Buffer.from(await r.arrayBuffer());
  };
  const floor = async (i: number) => {
    const t = tiles[i % tiles.length];
    return (await o.pool.query<{ png: Buffer }>(layerTileSql, [layerId, t.z, t.x, t.y])).rows[0].png;
  };
  for (let i = 0; i < tiles.length; i++) {
    if (!(await ours(i)).equals(await floor(i))) throw new Error(`raster tile ${JSON.stringify(tiles[i])}: the server's tile differs from the stored one`);
  }
  const warm = await runInterleaved({ ours, floor }, tiles.length * 3, 1);
  const warm8 = await runInterleaved({ ours, floor }, tiles.length * 3, 8);
  o.log(`raster: placed ${WIDTH}×${HEIGHT} in ${placeSeconds.toFixed(1)} s (${all.length} tiles); warm c1 p95 ours ${warm.ours.p95.toFixed(1)} ms, floor ${warm.floor.p95.toFixed(1)} ms`);
  return { warm: warm as Record<'ours' | 'floor', LoadStats>, warm8: warm8 as Record<'ours' | 'floor', LoadStats>, placeSeconds,
    details: { widthPx: WIDTH, heightPx: HEIGHT, pngBytes: png.length, tilesMade: all.length, tilesFetched: tiles.length } };
}
