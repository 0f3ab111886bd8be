import { EncodedTileSource } from '../../server/src/modules/tiles/tile.encode';
import { DEFAULT_TILE_OPTIONS, TileService } from '../../server/src/modules/tiles/tile.service';
import { PostgisTileSource } from '../../server/src/modules/tiles/tile.source';
import { CLUSTER_CELL } from '../../server/src/modules/tiles/tile.sql';
import { backends, describeBackends, openBackend, TestBackend } from '../helpers/backends';

// Around Yotsukaido station (四街道駅), where the demo city is densest.
const CENTRE = { lon: 140.168, lat: 35.669 };
const EXTENT = 4096;
const BUFFER = 64;

function tileAt(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const latR = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(latR) + 1 / Math.cos(latR)) / Math.PI) / 2) * n),
  };
}

/** Position of lon/lat in the tile's 4096 grid (may fall outside 0..4096 for buffered features). */
function toTileUnits(lon: number, lat: number, t: { z: number; x: number; y: number }) {
  const n = 2 ** t.z;
  const latR = (lat * Math.PI) / 180;
  const wx = ((lon + 180) / 360) * n;
  const wy = ((1 - Math.log(Math.tan(latR) + 1 / Math.cos(latR)) / Math.PI) / 2) * n;
  return { x: (wx - t.x) * EXTENT, y: (wy - t.y) * EXTENT };
}

interface DecodedFeature {
  /** Null for a cluster. */
  id: number | null;
  type: number;
  properties: Record<string, unknown>;
  rings: Array<Array<{ x: number; y: number }>>;
}

// @mapbox/vector-tile and pbf are ES modules only.
async function decode(body: ArrayBuffer | Buffer): Promise<Record<string, { extent: number; features: DecodedFeature[] }>> {
  const [{ VectorTile }, { default: Pbf }] = await Promise.all([import('@mapbox/vector-tile'), import('pbf')]);
  const tile = new VectorTile(new Pbf(body instanceof Buffer ? new Uint8Array(body) : body));
  const out: Record<string, { extent: number; features: DecodedFeature[] }> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      features.push({ id: f.id === undefined ? null : Number(f.id), type: f.type, properties: f.properties, rings: f.loadGeometry() });
    }
    out[name] = { extent: layer.extent, features };
  }
  return out;
}

const json = async (res: Response): Promise<any> => res.json();
const idsOf = (features: DecodedFeature[]) => features.filter((f) => f.id !== null).map((f) => f.id!).sort((a, b) => a - b);
const clustersOf = (features: DecodedFeature[]) => features.filter((f) => f.properties.point_count !== undefined);
const INSIDE_BUFFER = (p: { x: number; y: number }) => p.x >= -BUFFER && p.x <= EXTENT + BUFFER && p.y >= -BUFFER && p.y <= EXTENT + BUFFER;

/** Street-light ids per backend for the same tile, compared once both backends ran. */
const streetLightIds: Record<string, number[]> = {};

describeBackends('Vector tiles', (get) => {
  let token: string;
  // The full-detail zoom (DEFAULT_TILE_OPTIONS.fullDetailZoom): every feature, as stored.
  const full = tileAt(CENTRE.lon, CENTRE.lat, DEFAULT_TILE_OPTIONS.fullDetailZoom);
  const tilePath = (layer: string, t = full) => `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`;
  const fetchAs = (path: string, headers: Record<string, string> = {}, auth = true) =>
    fetch(`${get().url}${path}`, { headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const layerId = async (key: string) => (await get().db.pool.query('SELECT id FROM layer WHERE key = $1', [key])).rows[0].id as number;

  beforeAll(async () => { token = await get().login('counter'); });

  test('at the full-detail zoom a street-light tile holds every light inside it, with id, version and the label field, at its true position', async () => {
    const res = await fetchAs(tilePath('street_lights'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/vnd\.mapbox-vector-tile/);
    const tile = await decode(await res.arrayBuffer());
    expect(Object.keys(tile)).toEqual(['street_lights']);
    const { extent, features } = tile.street_lights;
    expect(extent).toBe(EXTENT);
    expect(features.length).toBeGreaterThan(1);
    expect(clustersOf(features)).toEqual([]);

    const { rows } = await get().db.pool.query(
      `SELECT id::int AS id, version, attributes, ST_X(geom) AS lon, ST_Y(geom) AS lat,
              ST_Intersects(geom, ST_Transform(ST_TileEnvelope($2, $3, $4), 4326)) AS inside
       FROM feature WHERE layer_id = $1 AND deleted_at IS NULL
         AND geom && ST_Transform(ST_TileEnvelope($2, $3, $4, margin => ${BUFFER / EXTENT}), 4326)`,
      [await layerId('street_lights'), full.z, full.x, full.y]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const inside = rows.filter((r) => r.inside).map((r) => r.id);
    const tileIds = idsOf(features);
    for (const id of inside) expect(tileIds).toContain(id); // nothing inside the tile is missing
    for (const id of tileIds) expect(byId.has(id)).toBe(true); // nothing from outside tile + buffer

    for (const f of features) {
      const row = byId.get(f.id)!;
      expect(f.type).toBe(1); // point
      expect(f.properties.version).toBe(row.version);
      expect(f.properties.light_no).toBe(row.attributes.light_no);
      expect(f.properties.lamp_type).toBe(row.attributes.lamp_type); // enum: travels for styling/filtering
      expect(f.properties.watts).toBe(row.attributes.watts);
      expect(f.properties).not.toHaveProperty('pole_no'); // free text stays out (identify uses GraphQL)
      expect(f.properties).not.toHaveProperty('association');
      const [[p]] = f.rings;
      expect(INSIDE_BUFFER(p)).toBe(true);
      const expected = toTileUnits(row.lon, row.lat, full);
      expect(Math.abs(p.x - expected.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(p.y - expected.y)).toBeLessThanOrEqual(1);
    }
    streetLightIds[get().kind] = tileIds;
  });

  /** The street lights inside a tile (not its buffer), by id. */
  const lightsInside = async (t: { z: number; x: number; y: number }) => (await get().db.pool.query(
    `SELECT id::int AS id FROM feature WHERE layer_id = $1 AND deleted_at IS NULL
       AND ST_Intersects(geom, ST_Transform(ST_TileEnvelope($2, $3, $4), 4326))`,
    [await layerId('street_lights'), t.z, t.x, t.y])).rows.map((r) => r.id as number);

  test.each([12, 14])('below the full-detail zoom (z%d) street lights are clustered: the counts and single lights add up to the lights in the tile', async (z) => {
    const t = tileAt(CENTRE.lon, CENTRE.lat, z);
    const body = await (await fetchAs(tilePath('street_lights', t))).arrayBuffer();
    const { features } = (await decode(body)).street_lights;
    const clusters = clustersOf(features);
    const singles = features.filter((f) => f.id !== null);
    const inside = await lightsInside(t);
    expect(clusters.length).toBeGreaterThan(0);
    expect(clusters.length + singles.length).toBe(features.length);
    // A cluster: a point without id whose only property is its count; a single light: its id and properties.
    for (const c of clusters) {
      expect(c.type).toBe(1);
      expect(Object.keys(c.properties)).toEqual(['point_count']);
      expect(c.properties.point_count).toBeGreaterThan(1);
      const [[p]] = c.rings;
      expect(p.x >= 0 && p.x <= EXTENT && p.y >= 0 && p.y <= EXTENT).toBe(true);
    }
    for (const f of singles) expect(f.properties.version).toEqual(expect.any(Number));
    const counted = clusters.reduce((sum, c) => sum + (c.properties.point_count as number), 0) + singles.length;
    expect(counted).toBe(inside.length);
    expect(inside).toEqual(expect.arrayContaining(idsOf(singles)));
    // One feature per grid cell at most, and far smaller than the tile of every light.
    expect(features.length).toBeLessThanOrEqual((EXTENT / CLUSTER_CELL) ** 2);
    expect(body.byteLength).toBeLessThan(500 * 1024);
    const everything = new TileService(get().db, { ...DEFAULT_TILE_OPTIONS, fullDetailZoom: 0 });
    const fullTile = await everything.tile(await everything.layer('street_lights'), t);
    expect(idsOf((await decode(fullTile)).street_lights.features).length).toBeGreaterThanOrEqual(inside.length);
    expect(body.byteLength).toBeLessThan(fullTile.byteLength / 2);
  });

  test('TileJSON says from which zoom tiles hold every feature, and a layer style may change it', async () => {
    const tj = await json(await fetchAs('/tiles/street_lights.json'));
    expect(tj.full_detail_zoom).toBe(DEFAULT_TILE_OPTIONS.fullDetailZoom);
    expect(tj.vector_layers[0].fields.point_count).toBe('Number');
    const early = new TileService(get().db, { ...DEFAULT_TILE_OPTIONS, fullDetailZoom: 12 });
    const layer = await early.layer('street_lights');
    const z12 = tileAt(CENTRE.lon, CENTRE.lat, 12);
    const { features } = (await decode(await early.tile(layer, z12))).street_lights;
    expect(clustersOf(features)).toEqual([]);
    expect(idsOf(features)).toEqual(expect.arrayContaining(await lightsInside(z12)));
  });

  test('lines and polygons are clipped to the tile buffer and keep their geometry type', async () => {
    const z15 = tileAt(CENTRE.lon, CENTRE.lat, 15);
    const roads = (await decode(await (await fetchAs(tilePath('road_ledger', z15))).arrayBuffer())).road_ledger;
    expect(roads.features.length).toBeGreaterThan(0);
    for (const f of roads.features) {
      expect(f.type).toBe(2);
      expect(typeof f.properties.route_name).toBe('string'); // the label field
      for (const ring of f.rings) for (const p of ring) expect(INSIDE_BUFFER(p)).toBe(true);
    }
    const z13 = tileAt(CENTRE.lon, CENTRE.lat, 13);
    const records = (await decode(await (await fetchAs(tilePath('boundary_records', z13))).arrayBuffer())).boundary_records;
    expect(records.features.some((f) => f.type === 3)).toBe(true);
    for (const f of records.features) {
      expect(f.properties.record_no).toMatch(/^BR-\d{4}-\d{3}$/);
      for (const ring of f.rings) for (const p of ring) expect(INSIDE_BUFFER(p)).toBe(true);
    }
  });

  test('a tile away from the city is empty', async () => {
    const res = await fetchAs(tilePath('street_lights', tileAt(139.0, 35.0, 14)));
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  test('a tile keeps at most maxFeatures features, the lowest ids', async () => {
    const capped = new TileService(get().db, { ...DEFAULT_TILE_OPTIONS, maxFeatures: 2 });
    const layer = await capped.layer('street_lights');
    const features = (await decode(await capped.tile(layer, full))).street_lights.features;
    const all = idsOf((await decode(await (await fetchAs(tilePath('street_lights'))).arrayBuffer())).street_lights.features);
    expect(all.length).toBeGreaterThan(2);
    expect(idsOf(features)).toEqual(all.slice(0, 2));
  });

  test('TileJSON gives the tile URL with the current data version, the zoom range and the fields', async () => {
    const res = await fetchAs('/tiles/street_lights.json');
    expect(res.status).toBe(200);
    const tj = await json(res);
    const version = (await get().db.pool.query("SELECT data_version FROM layer WHERE key = 'street_lights'")).rows[0].data_version;
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles).toEqual([`${get().url}/tiles/street_lights/{z}/{x}/{y}.mvt?v=${version}`]);
    expect(tj.vector_layers[0]).toMatchObject({ id: 'street_lights', fields: { version: 'Number', light_no: 'String', watts: 'Number' } });
    expect(tj.minzoom).toBe(0);
    expect(tj.maxzoom).toBe(16);
    const [w, s, e, n] = tj.bounds;
    expect(w).toBeLessThan(CENTRE.lon); expect(e).toBeGreaterThan(CENTRE.lon);
    expect(s).toBeLessThan(CENTRE.lat); expect(n).toBeGreaterThan(CENTRE.lat);
    const alias = await json(await fetchAs('/tiles/street_lights/tilejson.json'));
    expect(alias.tiles).toEqual(tj.tiles);
    // What desktop GIS show for the layer, and where they open it.
    expect(tj.description).toBe('防犯灯 (Street lights)');
    expect(tj.attribution).toBe('自治振興課');
    const [lon, lat, zoom] = tj.center;
    expect(lon).toBeGreaterThan(w); expect(lon).toBeLessThan(e);
    expect(lat).toBeGreaterThan(s); expect(lat).toBeLessThan(n);
    expect(zoom).toBe(14);
  });

  test.each([
    ['a zoom above 22', '/tiles/street_lights/23/0/0.mvt'],
    ['x beyond the grid', '/tiles/street_lights/14/16384/6451.mvt'],
    ['y beyond the grid', '/tiles/street_lights/2/0/4.mvt'],
    ['a negative zoom', '/tiles/street_lights/-1/0/0.mvt'],
    ['letters', '/tiles/street_lights/z/x/y.mvt'],
    ['a fraction', '/tiles/street_lights/14/1.5/2.mvt'],
  ])('refuses %s with 400 and a JSON error', async (_what, path) => {
    const res = await fetchAs(path);
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('BAD_USER_INPUT');
  });

  test('an unknown layer is 404 for tiles and TileJSON', async () => {
    for (const path of ['/tiles/no_such_layer/14/0/0.mvt', '/tiles/no_such_layer.json']) {
      const res = await fetchAs(path);
      expect(res.status).toBe(404);
      expect((await json(res)).error.code).toBe('NOT_FOUND');
    }
  });

  test('tiles and TileJSON need a session (401), like GraphQL reads', async () => {
    for (const path of [tilePath('street_lights'), '/tiles/street_lights.json']) {
      const anonymous = await fetchAs(path, {}, false);
      expect(anonymous.status).toBe(401);
      expect((await json(anonymous)).error.code).toBe('UNAUTHENTICATED');
      const forged = await fetchAs(path, { authorization: 'Bearer not-a-session' }, false);
      expect(forged.status).toBe(401);
    }
  });

  test('an unchanged tile revalidates with 304; a versioned URL may be cached, an unversioned one must revalidate', async () => {
    const first = await fetchAs(tilePath('street_lights'));
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await fetchAs(tilePath('street_lights'), { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);

    const tj = await json(await fetchAs('/tiles/street_lights.json'));
    const versioned = await fetchAs(new URL(tj.tiles[0].replace('{z}', full.z).replace('{x}', full.x).replace('{y}', full.y)).pathname
      + new URL(tj.tiles[0]).search);
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get('cache-control')).toBe('private, max-age=86400');
    expect(versioned.headers.get('etag')).toBe(etag);
  });

  test('an edit through the API changes the tile version: the old ETag no longer matches, TileJSON points to new URLs, the tile shows the edit', async () => {
    const before = await fetchAs(tilePath('street_lights'));
    const etag = before.headers.get('etag')!;
    const oldJson = await json(await fetchAs('/tiles/street_lights.json'));
    const target = (await decode(await before.arrayBuffer())).street_lights.features[0];

    const editor = await get().login('community'); // 自治振興課 keeps the street lights
    const r = await get().gql(`mutation($id: ID!, $v: Int!) { updateFeature(id: $id, expectedVersion: $v, attributes: { light_no: "SL-EDITED" }) { version } }`,
      { id: String(target.id), v: target.properties.version }, editor);
    expect(r.errors).toBeUndefined();

    const after = await fetchAs(tilePath('street_lights'), { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const edited = (await decode(await after.arrayBuffer())).street_lights.features.find((f) => f.id === target.id)!;
    expect(edited.properties.light_no).toBe('SL-EDITED');
    expect(edited.properties.version).toBe((target.properties.version as number) + 1);
    const newJson = await json(await fetchAs('/tiles/street_lights.json'));
    expect(newJson.tiles[0]).not.toBe(oldJson.tiles[0]);
    expect(newJson.data_version).toBe(oldJson.data_version + 1);
    // A tile fetched under the old version's URL is no longer cacheable.
    const stale = await fetchAs(`${tilePath('street_lights')}?v=${oldJson.data_version}`);
    expect(stale.headers.get('cache-control')).toBe('private, no-cache');
  });

  test('a feature deleted through the API leaves the tile', async () => {
    const features = (await decode(await (await fetchAs(tilePath('street_lights'))).arrayBuffer())).street_lights.features;
    const gone = features[features.length - 1];
    const editor = await get().login('community');
    const r = await get().gql('mutation($id: ID!, $v: Int!) { deleteFeature(id: $id, expectedVersion: $v) { id } }',
      { id: String(gone.id), v: gone.properties.version }, editor);
    expect(r.errors).toBeUndefined();
    const now = (await decode(await (await fetchAs(tilePath('street_lights'))).arrayBuffer())).street_lights.features;
    expect(idsOf(now)).not.toContain(gone.id);
    expect(now.length).toBe(features.length - 1);
  });

  test('a deleted light leaves the cluster counts of the cached low-zoom tile at once', async () => {
    const z12 = tileAt(CENTRE.lon, CENTRE.lat, 12);
    const total = async () => {
      const res = await fetchAs(tilePath('street_lights', z12));
      const { features } = (await decode(await res.arrayBuffer())).street_lights;
      return { cache: res.headers.get('x-tile-cache'), count: features.reduce((sum, f) => sum + ((f.properties.point_count as number | undefined) ?? 1), 0) };
    };
    await total();
    const before = await total();
    expect(before.cache).toBe('hit');
    const target = (await get().db.pool.query(
      `SELECT id::int AS id, version FROM feature WHERE layer_id = $1 AND deleted_at IS NULL
         AND ST_Intersects(geom, ST_Transform(ST_TileEnvelope($2, $3, $4), 4326)) ORDER BY id LIMIT 1`,
      [await layerId('street_lights'), z12.z, z12.x, z12.y])).rows[0];
    const r = await get().gql('mutation($id: ID!, $v: Int!) { deleteFeature(id: $id, expectedVersion: $v) { id } }',
      { id: String(target.id), v: target.version }, await get().login('community'));
    expect(r.errors).toBeUndefined();
    const after = await total();
    expect(after.cache).toBe('miss');
    expect(after.count).toBe(before.count - 1);
  });
}, { scale: 0.1 });

describe('Vector tiles: both backends agree', () => {
  test('the same tile holds the same street lights on PGlite and PostGIS', () => {
    const ran = Object.keys(streetLightIds);
    if (ran.length < 2) return; // one backend only (TEST_BACKENDS or no PostGIS): nothing to compare
    expect(streetLightIds.pglite).toEqual(streetLightIds.postgis);
  });
});

if (backends().includes('postgis')) {
  describe('Vector tiles: the embedded encoder matches ST_AsMVT on the same PostGIS data', () => {
    let backend: TestBackend;
    beforeAll(async () => { backend = await openBackend('postgis', { scale: 0.1 }); });
    afterAll(async () => { await backend?.close(); });

    test.each([
      ['street_lights', 16], ['street_lights', 14], ['street_lights', 12], ['road_ledger', 15], ['road_ledger', 16], ['boundary_records', 13],
      ['disaster_history', 12],
    ])('%s at z%d: same ids, same properties, positions within one tile unit', async (key, z) => {
      const t = tileAt(CENTRE.lon, CENTRE.lat, z as number);
      const postgis = new TileService(backend.db, DEFAULT_TILE_OPTIONS, new PostgisTileSource(backend.db.pool));
      const encoded = new TileService(backend.db, DEFAULT_TILE_OPTIONS, new EncodedTileSource(backend.db.pool));
      const a = (await decode(await postgis.tile(await postgis.layer(key as string), t)))[key as string].features;
      const b = (await decode(await encoded.tile(await encoded.layer(key as string), t)))[key as string].features;
      expect(a.length).toBeGreaterThan(0);
      expect(idsOf(b)).toEqual(idsOf(a));
      // Clusters (no id): the same counts at the same places.
      const byPlace = (fs: DecodedFeature[]) => clustersOf(fs)
        .map((f) => ({ n: f.properties.point_count as number, x: f.rings[0][0].x, y: f.rings[0][0].y }))
        .sort((p, q) => p.x - q.x || p.y - q.y);
      const [ca, cb] = [byPlace(a), byPlace(b)];
      expect(cb.map((c) => c.n)).toEqual(ca.map((c) => c.n));
      ca.forEach((c, i) => {
        expect(Math.abs(cb[i].x - c.x)).toBeLessThanOrEqual(1);
        expect(Math.abs(cb[i].y - c.y)).toBeLessThanOrEqual(1);
      });
      const byId = new Map(b.filter((f) => f.id !== null).map((f) => [f.id, f]));
      for (const fa of a.filter((f) => f.id !== null)) {
        const fb = byId.get(fa.id)!;
        expect(fb.properties).toEqual(fa.properties);
        expect(fb.type).toBe(fa.type);
        if (fa.type === 1) {
          expect(Math.abs(fb.rings[0][0].x - fa.rings[0][0].x)).toBeLessThanOrEqual(1);
          expect(Math.abs(fb.rings[0][0].y - fa.rings[0][0].y)).toBeLessThanOrEqual(1);
        }
      }
    });
  });
}
