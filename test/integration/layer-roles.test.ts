import { LayerService } from '../../server/src/modules/layers/layer.service';
import { describeBackends, TestServer } from '../helpers/backends';

const ROAD_FIELDS = `[
  { key: "route_no", label: "路線番号", type: TEXT, required: true },
  { key: "route_name", label: "路線名", type: TEXT, required: true },
  { key: "segment_no", label: "区間番号", type: INTEGER },
  { key: "road_class", label: "道路種別", type: ENUM, options: ["1級", "2級", "その他"] },
  { key: "certified_on", label: "認定年月日", type: DATE },
  { key: "start_point", label: "起点", type: TEXT },
  { key: "end_point", label: "終点", type: TEXT },
  { key: "width_min_m", label: "幅員(最小)", type: NUMBER },
  { key: "width_max_m", label: "幅員(最大)", type: NUMBER }]`;

const ENQUIRY = 'query($lon: Float!, $lat: Float!) { enquiry(lon: $lon, lat: $lat) { route { routeNo } } }';
const ROUTE = 'query($no: String!) { route(routeNo: $no) { routeNo segmentCount segments { id } } }';

// Code asks for the road ledger by its role: a city may rename or replace the layer without a programmer.
describeBackends('Layer roles', (get: () => TestServer) => {
  const tokens: Record<string, string> = {};
  let place = { lon: 0, lat: 0, routeNo: '' };
  beforeAll(async () => {
    for (const u of ['admin', 'counter']) tokens[u] = await get().login(u);
    const { rows } = await get().db.pool.query(`
      SELECT f.attributes->>'route_no' AS route_no, ST_X(p) AS lon, ST_Y(p) AS lat
      FROM feature f JOIN layer l ON l.id = f.layer_id, ST_ClosestPoint(f.geom, ST_Centroid(f.geom)) AS p
      WHERE l.key = 'road_ledger' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`);
    place = { lon: rows[0].lon, lat: rows[0].lat, routeNo: rows[0].route_no };
  });

  test('the layers query tells each layer\'s role', async () => {
    const r = await get().gql('{ layers { key role } }', {}, tokens.counter);
    expect(r.data.layers.find((l: { key: string }) => l.key === 'road_ledger').role).toBe('ROAD_LEDGER');
    expect(r.data.layers.find((l: { key: string }) => l.key === 'buildings').role).toBe('BUILDINGS'); // the basemap draws it by role
  });

  test('after the road ledger\'s key is renamed, the enquiry and the route (the route sheet\'s data) still find the road', async () => {
    const before = await get().gql(ENQUIRY, place, tokens.counter);
    expect(before.data.enquiry.route.routeNo).toBe(place.routeNo);
    await get().db.pool.query(`UPDATE layer SET key = 'douro_daichou_2026' WHERE key = 'road_ledger'`);
    const after = await get().gql(ENQUIRY, place, tokens.counter);
    expect(after.errors).toBeUndefined();
    expect(after.data.enquiry.route.routeNo).toBe(place.routeNo);
    const route = await get().gql(ROUTE, { no: place.routeNo }, tokens.counter);
    expect(route.data.route.segmentCount).toBeGreaterThan(0);
    // The start-up check passes, and no built-in 'road_ledger' comes back beside the renamed one.
    const layers = new LayerService(get().db);
    await layers.ensureBuiltins();
    expect(await layers.checkRoles()).toEqual([]);
    expect((await layers.list()).some((l) => l.key === 'road_ledger')).toBe(false);
  });

  test('a replacement layer created with the role takes it over: routes come from the new layer', async () => {
    const created = await get().gql(`mutation { createLayer(input: { key: "road_ledger_new", nameJa: "道路台帳(新)", nameEn: "Road ledger (new)",
      departmentKey: "roads", geometryTypes: ["LineString"], role: ROAD_LEDGER, fields: ${ROAD_FIELDS} }) { key role } }`, {}, tokens.admin);
    expect(created.errors).toBeUndefined();
    expect(created.data.createLayer.role).toBe('ROAD_LEDGER');
    const old = await get().gql('{ layer(key: "douro_daichou_2026") { role } }', {}, tokens.admin);
    expect(old.data.layer.role).toBeNull();
    expect((await get().gql(ROUTE, { no: place.routeNo }, tokens.counter)).data.route).toBeNull();
    const added = await get().gql(`mutation { createFeature(layer: "road_ledger_new", geometry: { type: "LineString",
      coordinates: [[${place.lon}, ${place.lat}], [${place.lon + 0.0005}, ${place.lat}]] }, attributes: { route_no: "N-001", route_name: "新道" }) { id } }`,
    {}, tokens.admin);
    expect(added.errors).toBeUndefined();
    expect((await get().gql(ROUTE, { no: 'N-001' }, tokens.counter)).data.route.segmentCount).toBe(1);
    expect((await get().gql(ENQUIRY, place, tokens.counter)).data.enquiry.route.routeNo).toBe('N-001');
  });

  test('updateLayer protects the role: it cannot be dropped, nor the fields and geometry its code reads', async () => {
    const update = (patch: string) => get().gql(`mutation { updateLayer(key: "road_ledger_new", patch: ${patch}) { key role } }`, {}, tokens.admin);
    const dropped = await update('{ role: null }');
    expect(dropped.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'roleRequired' });
    const withoutField = await update(`{ fields: ${ROAD_FIELDS.replace(/\{ key: "certified_on"[^}]*\},/, '')} }`);
    expect(withoutField.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'roleFieldMissing', params: { field: 'certified_on' } });
    const points = await update('{ geometryTypes: ["LineString", "Point"] }');
    expect(points.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'roleGeometry' });
    const renamed = await update('{ nameJa: "道路台帳" }');
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data.updateLayer.role).toBe('ROAD_LEDGER');
    // An optional role may be dropped.
    const mirrors = await get().gql('mutation { updateLayer(key: "curve_mirrors", patch: { role: null }) { role } }', {}, tokens.admin);
    expect(mirrors.data.updateLayer.role).toBeNull();
  });

  test('the start-up check refuses a role\'s layer changed behind the API\'s back, by name', async () => {
    await get().db.pool.query(`UPDATE layer SET fields = fields - 0 WHERE key = 'road_ledger_new'`); // drops route_no
    await expect(new LayerService(get().db).checkRoles()).rejects.toThrow(/layer "road_ledger_new" plays the role road_ledger .*route_no/);
  });
});
