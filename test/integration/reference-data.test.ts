import type { PoolClient } from 'pg';
import { FieldDefinition } from '../../server/src/domain/fields';
import { townBase } from '../../server/src/seed/city-model';
import { Random } from '../../server/src/seed/random';
import { PINNED_LOTS, ReferenceOptions, seedReferenceData, STATION } from '../../server/src/seed/reference';
import { describeBackends } from '../helpers/backends';

function tileAt(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const latR = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(latR) + 1 / Math.cos(latR)) / Math.PI) / 2) * n) };
}

// @mapbox/vector-tile and pbf are ES modules only.
async function decode(body: ArrayBuffer) {
  const [{ VectorTile }, { default: Pbf }] = await Promise.all([import('@mapbox/vector-tile'), import('pbf')]);
  return new VectorTile(new Pbf(body));
}

const LAYER = `(SELECT id FROM layer WHERE key = $1)`;

describeBackends('Demo reference data (parcels, buildings, railway, rivers, facilities)', (get) => {
  const query = async (sql: string, params: unknown[] = []) => (await get().db.pool.query(sql, params)).rows;

  test('parcels and buildings are written like edits: version 1, one create row each, the layer data version bumped', async () => {
    const [row] = await query(
      `SELECT count(*)::int AS features, count(*) FILTER (WHERE f.version <> 1)::int AS not_v1,
              (SELECT count(*)::int FROM feature_history h WHERE h.layer_id = ${LAYER} AND h.operation = 'create') AS history,
              (SELECT data_version FROM layer WHERE key = $1) AS data_version
       FROM feature f WHERE f.layer_id = ${LAYER}`, ['parcels']);
    expect(row.features).toBeGreaterThan(1000);
    expect(row.not_v1).toBe(0);
    expect(row.history).toBe(row.features);
    expect(row.data_version).toBeGreaterThan(1);
    const [buildings] = await query(`SELECT count(*)::int AS n FROM feature WHERE layer_id = ${LAYER}`, ['buildings']);
    expect(buildings.n).toBeGreaterThan(row.features / 3);
  });

  test('every parcel, building, river and railway lies inside the city boundary', async () => {
    const [row] = await query(
      `SELECT count(*)::int AS outside FROM feature f JOIN layer l ON l.id = f.layer_id, city_boundary b
       WHERE l.key IN ('parcels', 'buildings', 'rivers', 'railways', 'facilities') AND NOT ST_Within(f.geom, b.geom)`);
    expect(row.outside).toBe(0);
  });

  test('no two parcels overlap (interiors never intersect by more than 0.01 m²)', async () => {
    const [row] = await query(
      `SELECT count(*)::int AS overlaps FROM feature a JOIN feature b
         ON a.layer_id = b.layer_id AND a.id < b.id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********')
       WHERE a.layer_id = ${LAYER} AND ST_Area(ST_Transform(ST_Intersection(a.geom, b.geom), 6677)) > 0.01`, ['parcels']);
    expect(row.overlaps).toBe(0);
  });

  test('地番 run 親番 or 親番-枝番 and are unique within each 大字・町名', async () => {
    const [dup] = await query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM feature WHERE layer_id = ${LAYER}
         GROUP BY attributes->>'oaza', attributes->>'chiban' HAVING count(*) > 1) d`, ['parcels']);
    expect(dup.n).toBe(0);
    const rows = await query(`SELECT attributes->>'oaza' AS oaza, attributes->>'chiban' AS chiban FROM feature WHERE layer_id = ${LAYER}`, ['parcels']);
    expect(rows.every((r) => /^[1-9]\d*(-[1-9]\d*)?$/.test(r.chiban))).toBe(true);
    expect(rows.some((r) => r.chiban.includes('-'))).toBe(true);
    const towns = new Set((await query('SELECT name FROM town')).map((t) => t.name));
    expect(rows.every((r) => towns.has(r.oaza))).toBe(true);
  });

  test('every building stands inside a parcel, and most residential lots are built on', async () => {
    const [outside] = await query(
      `SELECT count(*)::int AS n FROM feature b WHERE b.layer_id = ${LAYER} AND NOT EXISTS (
         SELECT 1 FROM feature p WHERE p.layer_id = (SELECT id FROM layer WHERE key = 'parcels') AND p.geom && b.geom AND ST_CoveredBy(b.geom, p.geom))`,
      ['buildings']);
    expect(outside.n).toBe(0);
    const [built] = await query(
      `SELECT count(*)::int AS lots, count(*) FILTER (WHERE EXISTS (
         SELECT 1 FROM feature b WHERE b.layer_id = (SELECT id FROM layer WHERE key = 'buildings') AND b.geom && p.geom AND ST_Within(ST_PointOnSurface(b.geom), p.geom)))::int AS built
       FROM feature p WHERE p.layer_id = ${LAYER} AND p.attributes->>'land_category' = '宅地'`, ['parcels']);
    expect(built.built / built.lots).toBeGreaterThan(0.75);
  });

  test('the railway runs through 四街道駅, which is a facility with its name; the city hall is near it', async () => {
    const [near] = await query(
      `SELECT ST_Distance(r.geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS m
       FROM feature r WHERE r.layer_id = ${LAYER}`, ['railways', STATION[0], STATION[1]]);
    expect(near.m).toBeLessThan(20);
    const facilities = await query(
      `SELECT attributes->>'name' AS name, attributes->>'facility_kind' AS kind,
              ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS m
       FROM feature WHERE layer_id = ${LAYER}`, ['facilities', STATION[0], STATION[1]]);
    expect(facilities.find((f) => f.name === '四街道駅')).toMatchObject({ kind: '駅' });
    expect(facilities.find((f) => f.name === '四街道市役所')?.m).toBeLessThan(400);
    const [rivers] = await query(`SELECT count(*)::int AS n FROM feature WHERE layer_id = ${LAYER} AND attributes->>'name' = '鹿島川'`, ['rivers']);
    expect(rivers.n).toBe(1);
  });

  /** Runs the generator in a transaction that is rolled back; `read` sees what it wrote (ids above `after`). */
  async function inRolledBackSeed<T>(options: Partial<ReferenceOptions> & { seed: number },
    read: (client: PoolClient, after: string) => Promise<T>): Promise<T> {
    const { db } = get();
    const layers = (await db.prisma.layer.findMany()).map((l) => ({ id: l.id, key: l.key, departmentKey: l.departmentKey, fields: l.fields as unknown as FieldDefinition[] }));
    const towns = (await query('SELECT name, ST_X(point) AS lon, ST_Y(point) AS lat FROM town ORDER BY id'))
      .map((t) => ({ name: t.name, base: townBase(t.name), at: [t.lon, t.lat] as [number, number] }));
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows: [{ max }] } = await client.query('SELECT coalesce(max(id), 0)::text AS max FROM feature');
      await seedReferenceData(client, { scale: 0.02, towns, layers, userIds: new Map(), rnd: new Random(options.seed), ...options });
      return await read(client, max);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  test('the generator is deterministic: the same seed gives the same data, another seed other data', async () => {
    // Hashes what the generator wrote (ids aside).
    const hashOf = (seed: number) => inRolledBackSeed({ seed }, async (client, after) => (await client.query(
      `SELECT count(*)::int AS n, md5(string_agg(l.key || attributes::text || ST_AsText(geom), '|' ORDER BY f.id)) AS hash
       FROM feature f JOIN layer l ON l.id = f.layer_id WHERE f.id > $1`, [after])).rows[0]);
    const first = await hashOf(7);
    expect(first.n).toBeGreaterThan(100);
    expect(await hashOf(7)).toEqual(first);
    expect((await hashOf(8)).hash).not.toBe(first.hash);
  });

  test('a 大字 numbers its lots in 小字 ranges of hundreds with gaps and 枝番; the pinned 鹿渡933-1 and 鹿渡353-14 lie at their spots', async () => {
    // The parcels of a disc around 鹿渡 (at the tests' scale the seeded disc lies around the station, outside 鹿渡).
    const [shikawatashi] = await query(`SELECT ST_X(point) AS lon, ST_Y(point) AS lat FROM town WHERE name = '鹿渡'`);
    const lots = await inRolledBackSeed({ seed: 1, centre: [shikawatashi.lon, shikawatashi.lat] }, async (client, after) => (await client.query(
      `SELECT attributes->>'chiban' AS chiban, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM feature
       WHERE id > $1 AND layer_id = (SELECT id FROM layer WHERE key = 'parcels') AND attributes->>'oaza' = '鹿渡'`, [after])).rows);
    expect(lots.length).toBeGreaterThan(50);
    expect(new Set(lots.map((l) => l.chiban)).size).toBe(lots.length);
    for (const pin of PINNED_LOTS) {
      const found = lots.filter((l) => l.chiban === pin.chiban);
      expect(found).toHaveLength(1);
      const m = Math.hypot((found[0].lon - pin.at[0]) * 90_400, (found[0].lat - pin.at[1]) * 110_950);
      expect(m).toBeLessThan(40);
    }
    const parents = [...new Set(lots.map((l) => Number(l.chiban.split('-')[0])))].sort((a, b) => a - b);
    // Several 小字 ranges (the next hundred each), and gaps inside them where lots were merged.
    expect(new Set(parents.map((p) => Math.floor((p - 1) / 100))).size).toBeGreaterThan(2);
    expect(parents.filter((p, i) => i > 0 && p - parents[i - 1] > 1 && Math.floor((p - 1) / 100) === Math.floor((parents[i - 1] - 1) / 100)).length)
      .toBeGreaterThan(0);
    // 枝番 with gaps, as after later splits: some parent lacks a branch below its highest.
    const branches = new Map<string, number[]>();
    for (const l of lots.filter((x) => x.chiban.includes('-'))) {
      const [p, b] = l.chiban.split('-');
      branches.set(p, [...(branches.get(p) ?? []), Number(b)]);
    }
    expect([...branches.values()].some((b) => Math.max(...b) > b.length)).toBe(true);
  });

  test('parcel tiles around the station carry the parcels with their 地番', async () => {
    const token = await get().login('counter');
    const t = tileAt(STATION[0] + 0.002, STATION[1] - 0.002, 17);
    const res = await fetch(`${get().url}/tiles/parcels/${t.z}/${t.x}/${t.y}.mvt`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const tile = await decode(await res.arrayBuffer());
    const layer = tile.layers.parcels;
    expect(layer.length).toBeGreaterThan(5);
    const chiban = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.chiban);
    expect(chiban.every((c) => typeof c === 'string' && /^\d/.test(c))).toBe(true);
  });
});
