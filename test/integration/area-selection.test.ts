// The attribute table's polygon and buffer selection (issue 17): the features query and the exports select
// what PostGIS says lies inside a drawn polygon or within a distance of a feature, with coded refusals.
import { describeBackends } from '../helpers/backends';

const STATION = [140.1676, 35.6698];
/** A concave (L-shaped) outline around the station, `step` × 6 degrees across: its box takes in more. */
const lShape = (step: number) => [[-3, -3], [3, -3], [3, 0], [0, 0], [0, 3], [-3, 3]].map(([dx, dy]) => [STATION[0] + dx * step, STATION[1] + dy * step]);
let L_SHAPE = lShape(0.001);
const IDS = `query($layer: String!, $area: AreaSelectionInput, $bbox: [Float!]) {
  features(layer: $layer, area: $area, bbox: $bbox, first: 5000) { totalCount edges { node { id } } } }`;

describeBackends('Area selection (polygon and buffer)', (get) => {
  let counter: string;
  beforeAll(async () => {
    counter = await get().login('counter');
  });

  async function selected(layer: string, area: unknown, bbox?: number[]): Promise<string[]> {
    const r = await get().gql(IDS, { layer, area, bbox }, counter);
    expect(r.errors).toBeUndefined();
    const ids = r.data.features.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(r.data.features.totalCount).toBe(ids.length);
    return ids.sort();
  }

  async function idsBySql(where: string, values: unknown[]): Promise<string[]> {
    const { rows } = await get().db.pool.query(`SELECT f.id::text AS id FROM feature f JOIN layer l ON l.id = f.layer_id
      WHERE l.key = 'road_ledger' AND f.deleted_at IS NULL AND ${where}`, values);
    return rows.map((r: { id: string }) => r.id).sort();
  }

  test('a drawn polygon selects the road segments PostGIS says intersect it (an L shape, not its box)', async () => {
    // The smallest L (of a few sizes) that the small test city's roads tell apart from its box.
    let want: string[] = [];
    let step = 0;
    for (step of [0.001, 0.003, 0.01, 0.03]) {
      L_SHAPE = lShape(step);
      const polygon = { type: 'Polygon', coordinates: [[...L_SHAPE, L_SHAPE[0]]] };
      want = await idsBySql(`ST_Intersects(f.geom, ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326))`, [JSON.stringify(polygon)]);
      const box = [STATION[0] - 3 * step, STATION[1] - 3 * step, STATION[0] + 3 * step, STATION[1] + 3 * step];
      if (want.length > 1 && want.length < (await selected('road_ledger', null, box)).length) break;
    }
    expect(want.length).toBeGreaterThan(1);
    expect(await selected('road_ledger', { polygon: L_SHAPE })).toEqual(want);
    // Closed or not, the same polygon; with a bbox both must hold.
    expect(await selected('road_ledger', { polygon: [...L_SHAPE, L_SHAPE[0]] })).toEqual(want);
    const east = [STATION[0], STATION[1] - 3 * step, STATION[0] + 3 * step, STATION[1] + 3 * step];
    const both = await selected('road_ledger', { polygon: L_SHAPE }, east);
    expect(both.every((id) => want.includes(id))).toBe(true);
    expect(both.length).toBeLessThan(want.length);
  });

  test('a buffer around a feature selects what lies within the distance in metres (geography), the feature itself included', async () => {
    const mirror = (await get().gql('{ featuresNear(layer: "curve_mirrors", lon: 140.1676, lat: 35.6698, radius: 2000, first: 1) { feature { id } } }', {}, counter))
      .data.featuresNear[0].feature.id as string;
    const near = (d: number) => idsBySql(`ST_DWithin(f.geom::geography, (SELECT geom FROM feature WHERE id = $1)::geography, $2)`, [mirror, d]);
    // Distances half-way between the nearest segments', so that a metre of error would change the answer.
    const { rows } = await get().db.pool.query(`SELECT ST_Distance(f.geom::geography, m.geom::geography) AS d
      FROM feature f JOIN layer l ON l.id = f.layer_id, feature m WHERE l.key = 'road_ledger' AND f.deleted_at IS NULL AND m.id = $1 ORDER BY 1 LIMIT 4`, [mirror]);
    const d = rows.map((r: { d: number }) => Number(r.d));
    expect(d).toHaveLength(4);
    const [near1, near3] = [(d[0] + d[1]) / 2, (d[2] + d[3]) / 2];
    const inner = await near(near1);
    expect(await selected('road_ledger', { around: mirror, distance: near1 })).toEqual(inner);
    const outer = await selected('road_ledger', { around: mirror, distance: near3 });
    expect(outer).toEqual(await near(near3));
    expect(outer.length).toBeGreaterThan(inner.length);

    const segment = inner[0];
    const around = await selected('road_ledger', { around: segment, distance: 0 });
    expect(around).toContain(segment);
    expect(around).toEqual(await idsBySql(`ST_Intersects(f.geom, (SELECT geom FROM feature WHERE id = $1))`, [segment]));
  });

  test('areaOutline draws what a buffer selects: its edge lies at the distance in metres; at 0 the feature itself, a polygon as drawn', async () => {
    const mirror = (await get().gql('{ featuresNear(layer: "curve_mirrors", lon: 140.1676, lat: 35.6698, radius: 2000, first: 1) { feature { id geometry } } }', {}, counter))
      .data.featuresNear[0].feature as { id: string; geometry: { coordinates: number[] } };
    const OUTLINE = 'query($area: AreaSelectionInput!) { areaOutline(area: $area) }';
    const r = await get().gql(OUTLINE, { area: { around: mirror.id, distance: 150 } }, counter);
    expect(r.errors).toBeUndefined();
    const outline = r.data.areaOutline as { type: string; coordinates: number[][][] };
    expect(outline.type).toBe('Polygon');
    expect(outline.coordinates[0].length).toBeGreaterThan(16);
    const { rows } = await get().db.pool.query(`SELECT ST_Distance(ST_SetSRID(ST_MakePoint(p[1], p[2]), 4326)::geography, m.geom::geography) AS d
      FROM jsonb_array_elements($1::jsonb) AS c, LATERAL (SELECT ARRAY[(c->>0)::float8, (c->>1)::float8] AS p) AS q, feature m WHERE m.id = $2`,
    [JSON.stringify(outline.coordinates[0]), mirror.id]);
    for (const { d } of rows as { d: number }[]) expect(Math.abs(Number(d) - 150)).toBeLessThan(0.5);

    const segment = await selected('road_ledger', { around: mirror.id, distance: 1000 }).then((ids) => ids[0]);
    const line = await get().gql(OUTLINE, { area: { around: segment, distance: 0 } }, counter);
    expect(line.data.areaOutline.type).toMatch(/LineString$/);
    const polygon = await get().gql(OUTLINE, { area: { polygon: L_SHAPE } }, counter);
    expect(polygon.data.areaOutline.coordinates[0]).toHaveLength(L_SHAPE.length + 1);
    const refused = await get().gql(OUTLINE, { area: { around: mirror.id, distance: 5001 } }, counter);
    expect(refused.errors?.[0]?.extensions?.reason).toBe('areaDistance');
  });

  test('the export takes the same area and writes exactly the selected features', async () => {
    const want = await selected('road_ledger', { polygon: L_SHAPE });
    const area = encodeURIComponent(JSON.stringify({ polygon: L_SHAPE }));
    const res = await fetch(`${get().url}/api/layers/road_ledger/export?format=geojson&area=${area}`, { headers: { authorization: `Bearer ${counter}` } });
    expect(res.status).toBe(200);
    const written = (await res.json()) as { features: { id?: string | number; properties: Record<string, unknown> }[] };
    expect(written.features).toHaveLength(want.length);
    const bad = await fetch(`${get().url}/api/layers/road_ledger/export?format=csv&area=${encodeURIComponent('{"polygon":1}')}`, { headers: { authorization: `Bearer ${counter}` } });
    expect(bad.status).toBe(400);
  });

  test('bad areas are refused with a code and a reason: both or neither, too few corners, a crossing outline, too far, an unknown feature', async () => {
    const reason = async (area: unknown) => {
      const r = await get().gql(IDS, { layer: 'road_ledger', area }, counter);
      expect(r.data).toBeNull();
      return [r.errors?.[0]?.extensions?.code, r.errors?.[0]?.extensions?.reason];
    };
    const [a, b, c] = L_SHAPE;
    expect(await reason({})).toEqual(['BAD_USER_INPUT', 'areaChoice']);
    expect(await reason({ polygon: L_SHAPE, around: '1' })).toEqual(['BAD_USER_INPUT', 'areaChoice']);
    expect(await reason({ polygon: [a, b, a] })).toEqual(['BAD_USER_INPUT', 'areaPolygon']);
    expect(await reason({ polygon: [a, b, [a[0], 95], c] })).toEqual(['BAD_USER_INPUT', 'areaPolygon']);
    // A bow tie: its edges cross.
    expect(await reason({ polygon: [a, c, b, [a[0], c[1]]] })).toEqual(['BAD_USER_INPUT', 'areaSelfCrossing']);
    expect(await reason({ polygon: L_SHAPE, distance: 5001 })).toEqual(['BAD_USER_INPUT', 'areaDistance']);
    expect(await reason({ around: '999999999', distance: 10 })).toEqual(['NOT_FOUND', 'featureNotFound']);
    expect(await reason({ around: 'abc', distance: 10 })).toEqual(['BAD_USER_INPUT', 'notFeatureId']);
  });

  test('a feature of a layer the caller may not read cannot be buffered around: it is not found, as on every read path', async () => {
    const admin = await get().login('admin');
    const mirror = (await get().gql('{ features(layer: "curve_mirrors", first: 1) { edges { node { id } } } }', {}, counter)).data.features.edges[0].node.id as string;
    const restrict = (access: unknown) => get().gql(`mutation($access: LayerReadAccessInput) {
      updateLayer(key: "curve_mirrors", patch: { readAccess: $access }) { key } }`, { access }, admin);
    expect((await restrict({ departments: ['disaster'], users: [] })).errors).toBeUndefined();
    try {
      const r = await get().gql(IDS, { layer: 'road_ledger', area: { around: mirror, distance: 100 } }, counter);
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const outline = await get().gql('query($area: AreaSelectionInput!) { areaOutline(area: $area) }', { area: { around: mirror, distance: 100 } }, counter);
      expect(outline.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const roads = await get().gql(IDS, { layer: 'road_ledger', area: { around: mirror, distance: 100 } }, await get().login('roads'));
      expect(roads.errors).toBeUndefined();
    } finally {
      await restrict(null);
    }
  });
});
