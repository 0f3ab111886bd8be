import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { publicBudget } from '../../server/src/security/rate-limit';
import { describeBackends } from '../helpers/backends';

/** The tile (z, x, y) holding a point. */
function tileOf(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [z, x, y];
}

async function decode(body: ArrayBuffer): Promise<Record<string, { id: number; properties: Record<string, unknown> }[]>> {
  const [{ VectorTile }, { default: Pbf }] = await Promise.all([import('@mapbox/vector-tile'), import('pbf')]);
  const tile = new VectorTile(new Pbf(new Uint8Array(body)));
  return Object.fromEntries(Object.entries(tile.layers).map(([name, layer]) => [name,
    Array.from({ length: layer.length }, (_, i) => ({ id: Number(layer.feature(i).id), properties: layer.feature(i).properties }))]));
}

describe('the public read path has a rate limit of its own', () => {
  test('the requests beyond the limit per address and minute are refused with TOO_MANY_REQUESTS and Retry-After; other addresses go on', async () => {
    const app = express().use(publicBudget(3)).get('/x', (_req, res) => { res.json({ ok: true }); });
    const server = app.listen(0, '0.0.0.0');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    // Two client addresses on loopback: the request leaves from the one given.
    const call = (from: string) => new Promise<{ status: number; retryAfter?: string; body: any }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/x', localAddress: from }, (res) => {
        let text = '';
        res.on('data', (c) => { text += c; }).on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body: JSON.parse(text) }));
      }).on('error', reject);
    });
    try {
      expect((await Promise.all([call('127.0.0.1'), call('127.0.0.1'), call('127.0.0.1')])).map((r) => r.status)).toEqual([200, 200, 200]);
      const refused = await call('127.0.0.1');
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThan(1); // the rest of the minute
      expect(refused.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'publicRateLimited', params: { perMinute: 3 } });
      expect((await call('127.0.0.2')).status).toBe(200);
    } finally {
      server.close();
    }
  });
});

describeBackends('the public map (/public)', (get) => {
  let admin: string;
  let witnessedRecord: { id: string; lon: number; lat: number };
  let streetLight: { id: string; lon: number; lat: number };
  const pub = (path: string, init?: RequestInit) => fetch(`${get().url}${path}`, init);

  beforeAll(async () => {
    admin = await get().login('admin');
    // Published: garbage points and boundary records (with 立会者, which stays personal data); curve mirrors are
    // published but limited to 道路管理課, so they stay off the public map; street lights are not published.
    for (const [key, patch] of [['garbage_points', '{ published: true }'], ['boundary_records', '{ published: true }'],
      ['curve_mirrors', '{ published: true, readAccess: { departments: ["roads"] } }']]) {
      const r = await get().gql(`mutation { updateLayer(key: "${key}", patch: ${patch}) { key published } }`, {}, admin);
      expect(r.errors).toBeUndefined();
    }
    const records = await get().db.pool.query(
      `SELECT f.id::text AS id, ST_X(ST_PointOnSurface(f.geom)) AS lon, ST_Y(ST_PointOnSurface(f.geom)) AS lat FROM feature f JOIN layer l ON l.id = f.layer_id
       WHERE l.key = 'boundary_records' AND f.deleted_at IS NULL AND f.attributes->>'witnesses' <> '' ORDER BY f.id LIMIT 1`);
    witnessedRecord = records.rows[0];
    const lights = await get().db.pool.query(
      `SELECT f.id::text AS id, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat FROM feature f JOIN layer l ON l.id = f.layer_id
       WHERE l.key = 'street_lights' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`);
    streetLight = lights.rows[0];
    expect(witnessedRecord).toBeDefined();
    expect(streetLight).toBeDefined();
  });

  test('lists only published layers open to all staff, without restricted fields, and needs no login', async () => {
    const res = await pub('/public/api/layers');
    expect(res.status).toBe(200);
    const { layers } = (await res.json()) as { layers: { key: string; fields: { key: string }[] }[] };
    expect(layers.map((l) => l.key).sort()).toEqual(['boundary_records', 'garbage_points']);
    const boundary = layers.find((l) => l.key === 'boundary_records')!;
    expect(boundary.fields.map((f) => f.key)).not.toContain('witnesses');
    expect(boundary.fields.length).toBeGreaterThan(3);
    expect(JSON.stringify(layers)).not.toMatch(/readAccess|restricted|"users"/);
  });

  test('a published feature comes without its restricted fields; a feature of an unpublished layer is NOT_FOUND, by any path', async () => {
    const ok = await pub(`/public/api/layers/boundary_records/features/${witnessedRecord.id}`);
    expect(ok.status).toBe(200);
    const feature = (await ok.json()) as { attributes: Record<string, unknown> };
    expect(Object.keys(feature.attributes).length).toBeGreaterThan(2);
    expect(feature.attributes).not.toHaveProperty('witnesses');
    // The staff's GraphQL does carry 立会者 for the roads department: the public path leaves it out, not the data.
    const roads = await get().login('roads');
    const staff = await get().gql(`{ feature(id: "${witnessedRecord.id}") { attributes } }`, {}, roads);
    expect(staff.data.feature.attributes.witnesses).toEqual(expect.any(String));

    for (const path of [
      `/public/api/layers/street_lights/features/${streetLight.id}`,
      `/public/api/layers/garbage_points/features/${streetLight.id}`,
      `/public/api/layers/curve_mirrors/features/1`,
      '/public/api/layers/garbage_points/features/not-an-id',
    ]) {
      const res = await pub(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });

  test('tiles: published layers answer, carrying no restricted field; unpublished and limited layers are 404, even with a staff login', async () => {
    const [z, x, y] = tileOf(witnessedRecord.lon, witnessedRecord.lat, 16);
    const tile = await pub(`/public/tiles/boundary_records/${z}/${x}/${y}.mvt`);
    expect(tile.status).toBe(200);
    const layers = await decode(await tile.arrayBuffer());
    expect(layers.boundary_records.map((f) => f.id)).toContain(Number(witnessedRecord.id));
    for (const f of layers.boundary_records) expect(f.properties).not.toHaveProperty('witnesses');

    const [lz, lx, ly] = tileOf(streetLight.lon, streetLight.lat, 16);
    for (const path of [`/public/tiles/street_lights/${lz}/${lx}/${ly}.mvt`, `/public/tiles/curve_mirrors/${lz}/${lx}/${ly}.mvt`,
      `/public/tiles/no_such_layer/${lz}/${lx}/${ly}.mvt`]) {
      const anonymous = await pub(path);
      const withAdmin = await pub(path, { headers: { authorization: `Bearer ${admin}` } });
      expect({ path, anonymous: anonymous.status, withAdmin: withAdmin.status }).toEqual({ path, anonymous: 404, withAdmin: 404 });
    }
  });

  test('search finds towns and published features only', async () => {
    const label = (await get().db.pool.query(
      `SELECT f.attributes->>'point_no' AS v FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'garbage_points' ORDER BY f.id LIMIT 1`)).rows[0].v;
    const found = (await (await pub(`/public/api/search?q=${encodeURIComponent(label)}`)).json()) as { results: { layerKey: string | null }[] };
    expect(found.results.some((h) => h.layerKey === 'garbage_points')).toBe(true);
    const lightNo = (await get().db.pool.query(
      `SELECT f.attributes->>'light_no' AS v FROM feature f WHERE f.id = $1`, [streetLight.id])).rows[0].v;
    const staff = await get().gql('query($q: String!) { search(text: $q, first: 20) { layerKey } }', { q: lightNo }, admin);
    expect(staff.data.search.some((h: { layerKey: string }) => h.layerKey === 'street_lights')).toBe(true);
    const hidden = (await (await pub(`/public/api/search?q=${encodeURIComponent(lightNo)}`)).json()) as { results: { layerKey: string | null }[] };
    expect(hidden.results.filter((h) => h.layerKey && h.layerKey !== 'garbage_points' && h.layerKey !== 'boundary_records')).toEqual([]);
  });

  test('every private path refuses the public page (no session); unknown public paths and the road lines are 404', async () => {
    const refusals: Record<string, number> = {};
    const [z, x, y] = tileOf(streetLight.lon, streetLight.lat, 16);
    for (const path of [`/tiles/garbage_points/${z}/${x}/${y}.mvt`, '/tiles/garbage_points.json', '/api/layers/garbage_points/export?format=csv',
      '/ogc/collections', '/ogc/collections/garbage_points/items', '/api/basemap/roads.geojson', `/api/features/${streetLight.id}/attachments`,
      '/api/audit.csv', '/api/print/map.pdf?lon=140.17&lat=35.67&scale=1000']) {
      refusals[path] = (await pub(path)).status;
    }
    expect(refusals).toEqual(Object.fromEntries(Object.keys(refusals).map((p) => [p, 401])));
    const graphql = await get().gql('{ layers { key } }');
    expect(graphql.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const path of ['/public/api/basemap/roads.geojson', '/public/api/users', '/public/tiles/garbage_points.json', '/public/api/layers/garbage_points/export']) {
      expect({ path, status: (await pub(path)).status }).toEqual({ path, status: 404 });
    }
    expect((await pub('/public/api/basemap/towns.geojson')).status).toBe(200);
  });

  test('publishing is an audited layer change, and withdrawing takes the layer off at once', async () => {
    const audit = await get().db.pool.query(
      `SELECT details FROM audit_log WHERE kind = 'layer.update' AND target = 'garbage_points' ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0].details).toEqual({ before: { published: false }, after: { published: true } });
    await get().gql('mutation { updateLayer(key: "garbage_points", patch: { published: false }) { key } }', {}, admin);
    const { layers } = (await (await pub('/public/api/layers')).json()) as { layers: { key: string }[] };
    expect(layers.map((l) => l.key)).toEqual(['boundary_records']);
  });
});
