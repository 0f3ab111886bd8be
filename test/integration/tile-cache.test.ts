import http from 'node:http';
import zlib from 'node:zlib';
import { DEFAULT_TILE_OPTIONS } from '../../server/src/modules/tiles/tile.service';
import { describeBackends } from '../helpers/backends';

// Around Yotsukaido station (四街道駅), where the demo city is densest.
const tileAt = (z: number) => {
  const [lon, lat] = [140.168, 35.669];
  const n = 2 ** z;
  const latR = (lat * Math.PI) / 180;
  return `${z}/${Math.floor(((lon + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(latR) + 1 / Math.cos(latR)) / Math.PI) / 2) * n)}`;
};
// The road ledger at z14: many lines, a tile worth compressing.
const ROADS = `/tiles/road_ledger/${tileAt(14)}.mvt`;
// Street lights at the full-detail zoom: every light with its id (below it, tiles hold clusters).
const LIGHTS = `/tiles/street_lights/${tileAt(DEFAULT_TILE_OPTIONS.fullDetailZoom)}.mvt`;

/** The bytes as sent (node's fetch would undo the Content-Encoding). */
function raw(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

async function lightsIn(body: Buffer) {
  const [{ VectorTile }, { default: Pbf }] = await Promise.all([import('@mapbox/vector-tile'), import('pbf')]);
  const layer = new VectorTile(new Pbf(new Uint8Array(body))).layers.street_lights;
  return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer.feature(i));
}

describeBackends('Vector tile cache and compression', (get) => {
  let token = '';
  beforeAll(async () => { token = await get().login('counter'); });
  const tile = (encoding: string) => raw(`${get().url}${ROADS}`, { authorization: `Bearer ${token}`, 'accept-encoding': encoding });

  test('a tile is gzipped when gzip is accepted, br only when asked, and plain otherwise — the same tile each way', async () => {
    const plain = await tile('identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1000);
    const gz = await tile('gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/);
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.body.length).toBeLessThan(plain.body.length * 0.7);
    const br = await tile('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
  });

  test('the second request of a tile is served from memory; an edit in it is never served stale', async () => {
    const get1 = () => raw(`${get().url}${LIGHTS}`, { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' });
    const first = await get1();
    const second = await get1();
    expect([first.headers['x-tile-cache'], second.headers['x-tile-cache']]).toEqual(['miss', 'hit']);
    expect(second.body.equals(first.body)).toBe(true);

    const [light] = await lightsIn(zlib.gunzipSync(second.body));
    const editor = await get().login('community'); // 自治振興課 keeps the street lights
    const r = await get().gql('mutation($id: ID!, $v: Int!) { updateFeature(id: $id, expectedVersion: $v, attributes: { light_no: "SL-CACHED" }) { version } }',
      { id: String(light.id), v: light.properties.version }, editor);
    expect(r.errors).toBeUndefined();
    const after = await get1();
    expect(after.headers['x-tile-cache']).toBe('miss');
    const edited = (await lightsIn(zlib.gunzipSync(after.body))).find((f) => f.id === light.id)!;
    expect(edited.properties.light_no).toBe('SL-CACHED');
    expect((await get1()).headers['x-tile-cache']).toBe('hit');
  });
}, { scale: 0.1 });
