import fs from 'node:fs';
import { printSDL, schemaFile } from '../../server/src/schema';
import { describeBackends } from '../helpers/backends';
import { allPositions, haversine, lineLength } from '../helpers/geo';

// Central Yotsukaido around the station (四街道駅).
const CENTRAL_BBOX = [140.16, 35.66, 140.18, 35.68];

describeBackends('GraphQL read API', (get) => {
  let token: string;
  beforeAll(async () => { token = await get().login('counter'); });
  const gql = (query: string, variables?: Record<string, unknown>) => get().gql(query, variables, token);

  test('lists the built-in ledger and reference layers with Japanese names, fields, counts and extents', async () => {
    const r = await gql('{ layers { key nameJa department { nameJa } featureCount extent fields { key label type unit } } }');
    expect(r.errors).toBeUndefined();
    const byKey = Object.fromEntries(r.data.layers.map((l: any) => [l.key, l]));
    expect(Object.keys(byKey).sort()).toEqual(
      ['boundary_records', 'buildings', 'curve_mirrors', 'disaster_history', 'facilities', 'garbage_points', 'parcels', 'railways',
        'rivers', 'road_ledger', 'street_lights']);
    expect(byKey.parcels.department.nameJa).toBe('資産税課');
    expect(byKey.garbage_points.nameJa).toBe('ゴミ集積所');
    expect(byKey.road_ledger.department.nameJa).toBe('道路管理課');
    expect(byKey.street_lights.fields.find((f: any) => f.key === 'watts')).toMatchObject({ label: '消費電力', type: 'INTEGER', unit: 'W' });
    const { rows } = await get().db.pool.query(
      "SELECT l.key, count(f.id)::int AS n FROM layer l LEFT JOIN feature f ON f.layer_id = l.id AND f.deleted_at IS NULL GROUP BY l.key");
    for (const row of rows) expect(byKey[row.key].featureCount).toBe(row.n);
    const [minLon, minLat, maxLon, maxLat] = byKey.street_lights.extent;
    expect(minLon).toBeGreaterThan(140.13); expect(maxLon).toBeLessThan(140.22);
    expect(minLat).toBeGreaterThan(35.62); expect(maxLat).toBeLessThan(35.71);
  });

  test('every demo feature lies inside the city boundary', async () => {
    const { rows } = await get().db.pool.query(
      'SELECT count(*)::int AS outside FROM feature f, city_boundary b WHERE NOT ST_Within(f.geom, b.geom)');
    expect(rows[0].outside).toBe(0);
  });

  test('a bbox query for central Yotsukaido returns garbage points inside the box, paged without gaps', async () => {
    const ids = new Set<string>();
    let after: string | null = null;
    let total: number;
    do {
      const r: any = await gql(`query($after: String) { features(layer: "garbage_points", bbox: ${JSON.stringify(CENTRAL_BBOX)}, first: 7, after: $after) {
        totalCount edges { node { id geometry attributes } } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(r.errors).toBeUndefined();
      total = r.data.features.totalCount;
      for (const { node } of r.data.features.edges) {
        const [lon, lat] = node.geometry.coordinates;
        expect(lon).toBeGreaterThanOrEqual(CENTRAL_BBOX[0]); expect(lon).toBeLessThanOrEqual(CENTRAL_BBOX[2]);
        expect(lat).toBeGreaterThanOrEqual(CENTRAL_BBOX[1]); expect(lat).toBeLessThanOrEqual(CENTRAL_BBOX[3]);
        expect(node.attributes.point_no).toMatch(/^G-\d{4}$/);
        expect(ids.has(node.id)).toBe(false);
        ids.add(node.id);
      }
      after = r.data.features.pageInfo.hasNextPage ? r.data.features.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThan(0);
    expect(ids.size).toBe(total);
  });

  test('where filters: enum set, numeric range, date range and text contains all hold on every result', async () => {
    const r = await gql(`{ features(layer: "street_lights", first: 5000, where: [
        { field: "lamp_type", in: ["LED", "蛍光灯"] }, { field: "watts", gte: 15, lte: 25 }, { field: "association", contains: "自治会" }]) {
      totalCount edges { node { attributes } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.features.totalCount).toBeGreaterThan(0);
    for (const { node } of r.data.features.edges) {
      expect(['LED', '蛍光灯']).toContain(node.attributes.lamp_type);
      expect(node.attributes.watts).toBeGreaterThanOrEqual(15);
      expect(node.attributes.watts).toBeLessThanOrEqual(25);
    }
    const d = await gql(`{ features(layer: "disaster_history", first: 5000, where: [{ field: "occurred_on", gte: "2019-01-01", lt: "2020-01-01" }]) {
      totalCount edges { node { attributes } } } }`);
    expect(d.data.features.totalCount).toBe(d.data.features.edges.length);
    for (const { node } of d.data.features.edges) expect(node.attributes.occurred_on.slice(0, 4)).toBe('2019');
    const all = await gql('{ features(layer: "disaster_history", first: 5000) { edges { node { attributes } } } }');
    const expected = all.data.features.edges.filter((e: any) => e.node.attributes.occurred_on.startsWith('2019')).length;
    expect(d.data.features.totalCount).toBe(expected);
  });

  test('orderBy sorts by an attribute and pages with offsets', async () => {
    const q = `query($after: String) { features(layer: "curve_mirrors", orderBy: { field: "installed_year", descending: true }, first: 10, after: $after) {
      edges { node { attributes } } pageInfo { endCursor } } }`;
    const p1 = await gql(q);
    const p2 = await gql(q, { after: p1.data.features.pageInfo.endCursor });
    const years = [...p1.data.features.edges, ...p2.data.features.edges].map((e: any) => e.node.attributes.installed_year);
    expect(years).toHaveLength(20);
    expect([...years].sort((a, b) => b - a)).toEqual(years);
  });

  test('search matches text fields', async () => {
    const r = await gql('{ features(layer: "garbage_points", search: "G-0001") { totalCount edges { node { attributes } } } }');
    expect(r.data.features.totalCount).toBe(1);
    expect(r.data.features.edges[0].node.attributes.point_no).toBe('G-0001');
  });

  test('featuresNear returns nearest first with metre distances that match an independent computation', async () => {
    const [lon, lat] = [140.17, 35.67];
    const r = await gql(`{ featuresNear(layer: "street_lights", lon: ${lon}, lat: ${lat}, radius: 800, first: 20) {
      distanceM feature { geometry } } }`);
    expect(r.errors).toBeUndefined();
    const hits = r.data.featuresNear;
    expect(hits.length).toBeGreaterThan(0);
    for (let i = 1; i < hits.length; i++) expect(hits[i].distanceM).toBeGreaterThanOrEqual(hits[i - 1].distanceM);
    for (const h of hits) {
      expect(h.distanceM).toBeLessThanOrEqual(800);
      const expected = haversine([lon, lat], h.feature.geometry.coordinates);
      expect(Math.abs(h.distanceM - expected)).toBeLessThan(expected * 0.005 + 0.01);
    }
  });

  test('road lengths are geodesic metres (computed attribute and lengthM agree with haversine)', async () => {
    const r = await gql('{ features(layer: "road_ledger", first: 20) { edges { node { geometry attributes lengthM areaM2 } } } }');
    for (const { node } of r.data.features.edges) {
      const expected = lineLength(node.geometry.coordinates);
      expect(node.lengthM).toBeGreaterThan(50);
      expect(Math.abs(node.lengthM - expected)).toBeLessThan(expected * 0.005);
      expect(Math.abs(node.attributes.length_m - node.lengthM)).toBeLessThan(0.01);
      expect(node.areaM2).toBeNull();
    }
  });

  test('featuresAt finds a polygon that contains the point at distance 0', async () => {
    const { rows } = await get().db.pool.query(
      `SELECT f.id::text, ST_X(ST_PointOnSurface(f.geom)) AS lon, ST_Y(ST_PointOnSurface(f.geom)) AS lat
       FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'boundary_records' AND GeometryType(f.geom) = 'POLYGON' LIMIT 1`);
    const r = await gql(`{ featuresAt(lon: ${rows[0].lon}, lat: ${rows[0].lat}, tolerance: 5, layers: ["boundary_records"]) {
      distanceM feature { id areaM2 geometry } } }`);
    expect(r.errors).toBeUndefined();
    const hit = r.data.featuresAt.find((h: any) => h.feature.id === rows[0].id);
    expect(hit.distanceM).toBe(0);
    expect(hit.feature.areaM2).toBeGreaterThan(10);
    for (const p of allPositions(hit.feature.geometry)) expect(p).toHaveLength(2);
  });

  test('search finds a road route once, not once per segment', async () => {
    const { rows } = await get().db.pool.query(
      "SELECT f.attributes->>'route_no' AS no, count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'road_ledger' GROUP BY 1 HAVING count(*) > 1 LIMIT 1");
    const r = await gql('query($t: String!) { search(text: $t) { kind label layerKey featureId } }', { t: rows[0].no });
    const hits = r.data.search.filter((s: any) => s.label === rows[0].no);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: 'route', layerKey: 'road_ledger' });
    expect(hits[0].featureId).toMatch(/^\d+$/);
  });

  test('search finds a town by name with a box to zoom to', async () => {
    const r = await gql('{ search(text: "鹿渡") { kind label bbox geometry } }');
    const town = r.data.search.find((s: any) => s.kind === 'town' && s.label === '鹿渡');
    expect(town).toBeDefined();
    expect(town.bbox[0]).toBeLessThan(town.bbox[2]);
  });

  test.each([
    ['unknown layer', '{ features(layer: "nope") { totalCount } }', /Unknown layer "nope"/],
    ['unknown field in where', '{ features(layer: "street_lights", where: [{ field: "colour", eq: "red" }]) { totalCount } }', /"colour" is not a field/],
    ['wrong value type', '{ features(layer: "street_lights", where: [{ field: "watts", eq: "bright" }]) { totalCount } }', /must be a number/],
    ['enum value not an option', '{ features(layer: "street_lights", where: [{ field: "lamp_type", eq: "ネオン" }]) { totalCount } }', /must be one of/],
    ['range on a text field', '{ features(layer: "street_lights", where: [{ field: "pole_no", gt: "a" }]) { totalCount } }', /needs a number or date field/],
    ['inverted bbox', '{ features(layer: "street_lights", bbox: [140.2, 35.7, 140.1, 35.6]) { totalCount } }', /inverted/],
    ['bbox with three numbers', '{ features(layer: "street_lights", bbox: [140.2, 35.7, 140.1]) { totalCount } }', /four numbers/],
    ['out-of-range bbox', '{ features(layer: "street_lights", bbox: [140, 35, 200, 36]) { totalCount } }', /within longitude/],
    ['first over the cap', '{ features(layer: "street_lights", first: 5001) { totalCount } }', /first must be between 0 and 5000/],
    ['malformed cursor', '{ features(layer: "street_lights", after: "not-a-cursor") { totalCount } }', /not a valid cursor/],
    ['negative radius', '{ featuresNear(layer: "street_lights", lon: 140.17, lat: 35.67, radius: -1) { distanceM } }', /radius must be/],
    ['latitude out of range', '{ featuresNear(layer: "street_lights", lon: 140.17, lat: 95, radius: 10) { distanceM } }', /lat within/],
    ['malformed feature id', '{ feature(id: "1; DROP TABLE feature") { id } }', /is not a feature id/],
  ])('bad input (%s) is refused with BAD_USER_INPUT and a clear message, no SQL or stack', async (_name, query, message) => {
    const r = await gql(query);
    expect(r.data?.features ?? r.data?.featuresNear ?? r.data?.feature ?? null).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(message);
    const raw = JSON.stringify(r);
    expect(raw).not.toMatch(/SELECT|stacktrace|at .*\.ts:\d+/i);
  });

  test('reading without a session is refused with UNAUTHENTICATED', async () => {
    const r = await get().gql('{ layers { key } }');
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.data).toBeUndefined();
    const basemap = await fetch(`${get().url}/api/basemap/boundary.geojson`);
    expect(basemap.status).toBe(401);
  });

  test('basemap GeoJSON serves the boundary, town areas and roads', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const towns: any = await (await fetch(`${get().url}/api/basemap/towns.geojson`, { headers })).json();
    expect(towns.features.length).toBeGreaterThan(60);
    expect(towns.features[0].geometry.type).toBe('MultiPolygon');
    const roads: any = await (await fetch(`${get().url}/api/basemap/roads.geojson`, { headers })).json();
    expect(roads.features[0].properties.routeNo).toMatch(/^\d-\d+$/);
  });
});

test('the committed schema/schema.graphql matches the code (run npm run schema)', () => {
  expect(fs.readFileSync(schemaFile, 'utf8')).toBe(printSDL());
});
