import { describeBackends, TestServer } from '../helpers/backends';
import { haversine } from '../helpers/geo';

const FEATURE = 'id version attributes geometry';
const CREATE = `mutation($layer: String!, $geometry: GeoJSON!, $attributes: JSONObject, $srid: Int) {
  createFeature(layer: $layer, geometry: $geometry, attributes: $attributes, srid: $srid) { ${FEATURE} lengthM } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $geometry: GeoJSON, $attributes: JSONObject) {
  updateFeature(id: $id, expectedVersion: $v, geometry: $geometry, attributes: $attributes) { ${FEATURE} updatedBy } }`;
const DELETE = 'mutation($id: ID!, $v: Int!) { deleteFeature(id: $id, expectedVersion: $v) { id version deletedAt } }';
const RESTORE = `mutation($id: ID!, $version: Int!) { restoreFeature(id: $id, version: $version) { ${FEATURE} deletedAt } }`;
const HISTORY = `query($id: ID!) { featureHistory(id: $id) { version operation changedBy changedByUsername attributes geometry geometryChanged
  changes { field label before after } } }`;

const CENTRE = [140.17, 35.67];
const mirror = (no: string) => ({ mirror_no: no, shape: '丸', faces: '1面', mirror_size_mm: 800, last_inspected_on: '2024-04-01' });

async function firstFeature(t: TestServer, layer: string) {
  const { rows } = await t.db.pool.query(
    `SELECT f.id::text AS id, f.version FROM feature f JOIN layer l ON l.id = f.layer_id
     WHERE l.key = $1 AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`, [layer]);
  return rows[0] as { id: string; version: number };
}

function expectCode(r: { errors?: Array<{ extensions?: { code?: string }; message: string }> }, code: string, message?: RegExp) {
  expect(r.errors?.[0]?.extensions?.code).toBe(code);
  if (message) expect(r.errors![0].message).toMatch(message);
  expect(JSON.stringify(r)).not.toMatch(/SELECT |UPDATE feature|INSERT INTO|\.ts:\d+|node_modules/);
}

describeBackends('Editing with integrity', (get) => {
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    for (const u of ['admin', 'roads', 'env', 'counter']) tokens[u] = await get().login(u);
  });
  const as = (user: string) => (query: string, variables?: Record<string, unknown>) => get().gql(query, variables, tokens[user]);

  describe('permissions', () => {
    test('a viewer cannot edit anything', async () => {
      const r = await as('counter')(CREATE, { layer: 'curve_mirrors', geometry: { type: 'Point', coordinates: CENTRE }, attributes: mirror('CM-V1') });
      expectCode(r, 'FORBIDDEN', /viewer/);
    });

    test("an editor cannot edit another department's layer", async () => {
      const m = await firstFeature(get(), 'curve_mirrors');
      const r = await as('env')(UPDATE, { id: m.id, v: m.version, attributes: { condition: '良好' } });
      expectCode(r, 'FORBIDDEN', /道路管理課/);
    });

    test('an editor edits its own layers and an admin edits any layer', async () => {
      const mine = await as('roads')(CREATE, { layer: 'curve_mirrors', geometry: { type: 'Point', coordinates: CENTRE }, attributes: mirror('CM-R1') });
      expect(mine.errors).toBeUndefined();
      const g = await firstFeature(get(), 'garbage_points');
      const admin = await as('admin')(UPDATE, { id: g.id, v: g.version, attributes: { households: 12 } });
      expect(admin.errors).toBeUndefined();
      expect(admin.data.updateFeature.attributes.households).toBe(12);
    });

    test('an admin can grant an editor an extra layer', async () => {
      const g = await firstFeature(get(), 'garbage_points');
      expectCode(await as('roads')(UPDATE, { id: g.id, v: g.version, attributes: { households: 13 } }), 'FORBIDDEN');
      const grant = await as('admin')('mutation { updateUser(username: "roads", patch: { grantedLayers: ["garbage_points"] }) { editableLayers } }');
      expect(grant.data.updateUser.editableLayers).toContain('garbage_points');
      const ok = await as('roads')(UPDATE, { id: g.id, v: g.version, attributes: { households: 13 } });
      expect(ok.errors).toBeUndefined();
      await as('admin')('mutation { updateUser(username: "roads", patch: { grantedLayers: [] }) { username } }');
    });

    test('mutations without a session are refused', async () => {
      const r = await get().gql(CREATE, { layer: 'curve_mirrors', geometry: { type: 'Point', coordinates: CENTRE }, attributes: mirror('X') });
      expectCode(r, 'UNAUTHENTICATED');
    });
  });

  describe('validation', () => {
    const create = (attributes: Record<string, unknown>, geometry: unknown = { type: 'Point', coordinates: CENTRE }, layer = 'curve_mirrors', srid?: number) =>
      as('roads')(CREATE, { layer, geometry, attributes, srid });

    test.each([
      ['an unknown key', { ...mirror('CM-X'), colour: 'red' }, /colour: is not a field/, { field: 'colour', code: 'unknownField', params: {} }],
      ['a wrong type', { ...mirror('CM-X'), mirror_size_mm: 'big' }, /mirror_size_mm: must be a number/, { field: 'mirror_size_mm', code: 'number', params: {} }],
      ['a missing required field', { shape: '丸' }, /mirror_no: is required/, { field: 'mirror_no', code: 'required', params: {} }],
      ['a value outside the enum options', { ...mirror('CM-X'), shape: '三角' }, /shape: must be one of: 丸, 角/,
        { field: 'shape', code: 'enum', params: { options: ['丸', '角'] } }],
      ['a number below min', { ...mirror('CM-X'), mirror_size_mm: 10 }, /mirror_size_mm: must be at least 300/,
        { field: 'mirror_size_mm', code: 'min', params: { min: 300 } }],
      ['a number above max', { ...mirror('CM-X'), bearing_deg: 400 }, /bearing_deg: must be at most 360/, { field: 'bearing_deg', code: 'max', params: { max: 360 } }],
      ['a fraction for an integer', { ...mirror('CM-X'), installed_year: 2020.5 }, /installed_year: must be a whole number/,
        { field: 'installed_year', code: 'integer', params: {} }],
      ['text over its length', { ...mirror('X'.repeat(21)) }, /mirror_no: must be at most 20 characters/, { field: 'mirror_no', code: 'maxLength', params: { max: 20 } }],
      ['a malformed date', { ...mirror('CM-X'), last_inspected_on: '2024-02-30' }, /last_inspected_on: must be a date/,
        { field: 'last_inspected_on', code: 'date', params: {} }],
    ])('attributes with %s are refused, naming the field with a code and its params', async (_name, attributes, message, problem) => {
      const r = await create(attributes);
      expectCode(r, 'BAD_USER_INPUT', message);
      // Clients translate code + params; the English message stays for scripts.
      expect(r.errors![0].extensions?.problems).toEqual([{ ...problem, message: expect.any(String) }]);
    });

    test.each([
      ['not GeoJSON', { foo: 1 }, /geometry type must be one of/],
      ['the wrong type for the layer', { type: 'LineString', coordinates: [CENTRE, [140.171, 35.671]] }, /takes Point, not LineString/],
      ['non-numeric coordinates', { type: 'Point', coordinates: ['140.17', 35.67] }, /finite/],
      ['coordinates outside lon/lat range', { type: 'Point', coordinates: [30000, -36000] }, /within -180..180/],
      ['a point outside the city', { type: 'Point', coordinates: [139.7, 35.68] }, /outside the service area/],
    ])('a geometry that is %s is refused', async (_name, geometry, message) => {
      expectCode(await create(mirror('CM-G'), geometry), 'BAD_USER_INPUT', message);
    });

    test('a self-intersecting polygon is refused with PostGIS\'s reason', async () => {
      const bowtie = { type: 'Polygon', coordinates: [[[140.17, 35.67], [140.171, 35.671], [140.171, 35.67], [140.17, 35.671], [140.17, 35.67]]] };
      const r = await create({ record_no: 'BR-T-1', determined_on: '2024-06-01' }, bowtie, 'boundary_records');
      expectCode(r, 'BAD_USER_INPUT', /not valid: Self-intersection/);
    });

    test('geometry in JGD2011 zone IX plane coordinates is stored as lon/lat', async () => {
      // Zone IX (EPSG:6677) [easting Y, northing X] of a point near 四街道駅, computed by PostGIS independently below.
      const { rows } = await get().db.pool.query(
        'SELECT ST_X(p) AS y, ST_Y(p) AS x FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(140.1679, 35.6697), 4326), 6677) AS p) s');
      const r = await create(mirror('CM-PLANE'), { type: 'Point', coordinates: [rows[0].y, rows[0].x] }, 'curve_mirrors', 6677);
      expect(r.errors).toBeUndefined();
      const [lon, lat] = r.data.createFeature.geometry.coordinates;
      expect(haversine([lon, lat], [140.1679, 35.6697])).toBeLessThan(0.001);
    });

    test('a geometry with too many positions is refused', async () => {
      const line = Array.from({ length: 50_001 }, (_, i) => [140.16 + i * 1e-7, 35.67]);
      const r = await create({ route_no: '9-9999', route_name: 'x', road_class: 'その他' }, { type: 'LineString', coordinates: line }, 'road_ledger');
      expectCode(r, 'BAD_USER_INPUT', /more than 50000 positions/);
    });

    test('computed attributes are recomputed by the server, never taken from the client', async () => {
      const coords = [[140.17, 35.67], [140.172, 35.67]];
      const r = await create({ route_no: '9-0001', route_name: 'テスト線', road_class: 'その他', length_m: 1 }, { type: 'LineString', coordinates: coords }, 'road_ledger');
      expect(r.errors).toBeUndefined();
      const expected = haversine(coords[0], coords[1]);
      expect(Math.abs(r.data.createFeature.attributes.length_m - expected)).toBeLessThan(expected * 0.005);
      const moved = await as('roads')(UPDATE, {
        id: r.data.createFeature.id, v: 1, geometry: { type: 'LineString', coordinates: [coords[0], [140.174, 35.67]] }, attributes: { length_m: 5 },
      });
      expect(moved.data.updateFeature.attributes.length_m).toBeGreaterThan(expected * 1.9);
    });
  });

  test('two clients updating the same version at once: exactly one wins, the other gets CONFLICT with the stored version', async () => {
    const m = await firstFeature(get(), 'curve_mirrors');
    const [a, b] = await Promise.all([
      as('roads')(UPDATE, { id: m.id, v: m.version, attributes: { condition: '要清掃' } }),
      as('admin')(UPDATE, { id: m.id, v: m.version, attributes: { condition: '要交換' } }),
    ]);
    const results = [a, b];
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expectCode(losers[0], 'CONFLICT');
    const ext = losers[0].errors![0].extensions as any;
    expect(ext.currentVersion).toBe(m.version + 1);
    expect(ext.current.attributes.condition).toBe(winners[0].data.updateFeature.attributes.condition);
    expect(ext.current.updatedBy).toBe(winners[0].data.updateFeature.updatedBy);
    const history = await as('roads')(HISTORY, { id: m.id });
    expect(history.data.featureHistory.map((h: any) => h.version)).toEqual([m.version + 1, m.version]);
  });

  test('history is complete and restore brings back an older version as a new one', async () => {
    const created = await as('roads')(CREATE, { layer: 'curve_mirrors', geometry: { type: 'Point', coordinates: CENTRE }, attributes: mirror('CM-H1') });
    const id = created.data.createFeature.id;
    await as('roads')(UPDATE, { id, v: 1, attributes: { last_inspected_on: '2025-10-01', condition: '要補修' } });
    await as('roads')(UPDATE, { id, v: 2, geometry: { type: 'Point', coordinates: [140.1702, 35.6701] } });
    const del = await as('roads')(DELETE, { id, v: 3 });
    expect(del.data.deleteFeature.deletedAt).not.toBeNull();
    const hidden = await as('roads')('query($id: ID!) { feature(id: $id) { id } }', { id });
    expect(hidden.data.feature).toBeNull();
    const deleted = await as('roads')('{ deletedFeatures(layer: "curve_mirrors") { edges { node { id } } } }');
    expect(deleted.data.deletedFeatures.edges.map((e: any) => e.node.id)).toContain(id);

    const restored = await as('roads')(RESTORE, { id, version: 1 });
    expect(restored.errors).toBeUndefined();
    expect(restored.data.restoreFeature).toMatchObject({ version: 5, deletedAt: null });
    expect(restored.data.restoreFeature.attributes).toEqual(mirror('CM-H1'));
    expect(restored.data.restoreFeature.geometry.coordinates).toEqual(CENTRE);

    const h = (await as('counter')(HISTORY, { id })).data.featureHistory;
    expect(h.map((v: any) => [v.version, v.operation])).toEqual([[5, 'restore'], [4, 'delete'], [3, 'update'], [2, 'update'], [1, 'create']]);
    // A viewer sees the editor's display name, not the login name.
    expect(h.every((v: any) => v.changedBy === '道路管理課 担当' && v.changedByUsername === null)).toBe(true);
    expect(h[3].changes).toEqual(expect.arrayContaining([
      { field: 'last_inspected_on', label: '最終点検日', before: '2024-04-01', after: '2025-10-01' },
      { field: 'condition', label: '状態', before: null, after: '要補修' },
    ]));
    expect(h[3].geometryChanged).toBe(false);
    expect(h[2].geometryChanged).toBe(true);
    expect(h[2].changes).toEqual([]);
  });

  test('a batch is atomic: one bad change and nothing is written', async () => {
    const m = await firstFeature(get(), 'curve_mirrors');
    const before = await get().db.pool.query('SELECT count(*)::int AS n, (SELECT count(*)::int FROM feature_history) AS h FROM feature');
    const r = await as('roads')(`mutation($changes: [FeatureChangeInput!]!) { applyChanges(changes: $changes) { id } }`, {
      changes: [
        { op: 'CREATE', layer: 'curve_mirrors', geometry: { type: 'Point', coordinates: CENTRE }, attributes: mirror('CM-B1') },
        { op: 'UPDATE', id: m.id, expectedVersion: m.version, attributes: { shape: '星' } },
        { op: 'CREATE', layer: 'curve_mirrors', geometry: { type: 'Point', coordinates: CENTRE }, attributes: mirror('CM-B3') },
      ],
    });
    expectCode(r, 'BAD_USER_INPUT', /^changes\[1\]: .*\(attributes: shape/);
    const after = await get().db.pool.query('SELECT count(*)::int AS n, (SELECT count(*)::int FROM feature_history) AS h FROM feature');
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect((await firstFeature(get(), 'curve_mirrors')).version).toBe(m.version);

    const ok = await as('roads')(`mutation($changes: [FeatureChangeInput!]!) { applyChanges(changes: $changes) { id version } }`, {
      changes: [
        { op: 'CREATE', layer: 'curve_mirrors', geometry: { type: 'Point', coordinates: CENTRE }, attributes: mirror('CM-B1') },
        { op: 'UPDATE', id: m.id, expectedVersion: m.version, attributes: { shape: '角' } },
      ],
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.applyChanges[1]).toEqual({ id: m.id, version: m.version + 1 });
  });

  test('a batch may change one feature twice, each change against the version the one before it wrote', async () => {
    const m = await firstFeature(get(), 'curve_mirrors');
    const BATCH = `mutation($changes: [FeatureChangeInput!]!) { applyChanges(changes: $changes) { id version attributes } }`;
    const stale = await as('roads')(BATCH, {
      changes: [
        { op: 'UPDATE', id: m.id, expectedVersion: m.version, attributes: { condition: '要補修' } },
        { op: 'UPDATE', id: m.id, expectedVersion: m.version, attributes: { condition: '良好' } },
      ],
    });
    expectCode(stale, 'CONFLICT', /^changes\[1\]:/);
    expect((stale.errors![0].extensions as any).currentVersion).toBe(m.version + 1);
    expect((await firstFeature(get(), 'curve_mirrors')).version).toBe(m.version);

    const ok = await as('roads')(BATCH, {
      changes: [
        { op: 'UPDATE', id: m.id, expectedVersion: m.version, attributes: { condition: '要補修' } },
        { op: 'UPDATE', id: m.id, expectedVersion: m.version + 1, geometry: { type: 'Point', coordinates: [140.1704, 35.6704] } },
        { op: 'DELETE', id: m.id, expectedVersion: m.version + 2 },
      ],
    });
    expect(ok.errors).toBeUndefined();
    // The result is each written feature as it stands after the whole batch.
    expect(ok.data.applyChanges.map((f: any) => f.version)).toEqual([m.version + 3, m.version + 3, m.version + 3]);
    const h = (await as('roads')(HISTORY, { id: m.id })).data.featureHistory;
    expect(h.slice(0, 3).map((v: any) => [v.version, v.operation])).toEqual([
      [m.version + 3, 'delete'], [m.version + 2, 'update'], [m.version + 1, 'update']]);
    expect(h[1].geometryChanged).toBe(true);
    expect(h[1].attributes.condition).toBe('要補修');
    expect(h[2].geometryChanged).toBe(false);
  });

  test('a batch of updates over two layers is written together: versions, history rows in order, computed lengths', async () => {
    const { rows: roads } = await get().db.pool.query(
      `SELECT f.id::text AS id, f.version, ST_AsGeoJSON(f.geom, 9)::json AS geometry FROM feature f JOIN layer l ON l.id = f.layer_id
       WHERE l.key = 'road_ledger' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 3`);
    const m = await firstFeature(get(), 'curve_mirrors');
    const newLine = { type: 'LineString', coordinates: [CENTRE, [CENTRE[0] + 0.001, CENTRE[1]]] }; // ~90 m
    const changes = [
      { op: 'UPDATE', id: roads[0].id, expectedVersion: roads[0].version, geometry: newLine },
      { op: 'UPDATE', id: m.id, expectedVersion: m.version, attributes: { condition: '要補修' } },
      { op: 'UPDATE', id: roads[1].id, expectedVersion: roads[1].version, attributes: { pavement: 'コンクリート' } },
      { op: 'UPDATE', id: roads[2].id, expectedVersion: roads[2].version, attributes: { width_min_m: 4.5 } },
    ];
    const r = await as('roads')(`mutation($changes: [FeatureChangeInput!]!) { applyChanges(changes: $changes) { id version attributes geometry } }`, { changes });
    expect(r.errors).toBeUndefined();
    expect(r.data.applyChanges.map((f: any) => [f.id, f.version])).toEqual([
      [roads[0].id, roads[0].version + 1], [m.id, m.version + 1], [roads[1].id, roads[1].version + 1], [roads[2].id, roads[2].version + 1]]);
    const [moved, , paved, widened] = r.data.applyChanges;
    const { rows: [len] } = await get().db.pool.query(
      'SELECT round(ST_Length(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography)::numeric, 2)::float8 AS m', [JSON.stringify(newLine)]);
    expect(moved.attributes.length_m).toBeCloseTo(len.m, 2);
    expect(paved.attributes.pavement).toBe('コンクリート');
    expect(paved.geometry).toEqual(roads[1].geometry); // kept exactly, not re-parsed
    expect(widened.attributes.width_min_m).toBe(4.5);
    const { rows: history } = await get().db.pool.query(
      `SELECT h.feature_id::text AS id, h.version, h.operation, u.username FROM feature_history h JOIN app_user u ON u.id = h.changed_by
       WHERE h.feature_id = ANY($1::bigint[]) ORDER BY h.id DESC LIMIT 4`, [changes.map((c) => c.id)]);
    // One history row per change (their order across layers within one transaction carries no meaning).
    const byId = (a: any[], b: any[]) => Number(a[0]) - Number(b[0]);
    expect(history.map((h) => [h.id, h.version, h.operation, h.username]).sort(byId)).toEqual(
      r.data.applyChanges.map((f: any) => [f.id, f.version, 'update', 'roads']).sort(byId));
  });

  test('every write bumps the layer data version (tile caches)', async () => {
    const version = async () => (await get().db.pool.query("SELECT data_version FROM layer WHERE key = 'curve_mirrors'")).rows[0].data_version;
    const v0 = await version();
    await as('roads')(CREATE, { layer: 'curve_mirrors', geometry: { type: 'Point', coordinates: CENTRE }, attributes: mirror('CM-T1') });
    expect(await version()).toBe(v0 + 1);
  });

  test('history rows cannot be changed or deleted, even in SQL', async () => {
    await expect(get().db.pool.query('UPDATE feature_history SET operation = operation')).rejects.toThrow(/append-only/);
    await expect(get().db.pool.query('DELETE FROM feature_history')).rejects.toThrow(/append-only/);
  });

  test('the admin sees recent changes across layers, filtered by user; others may not', async () => {
    const r = await as('admin')('{ changes(user: "roads", first: 50) { featureId layerKey label version operation changedByUsername changes { field } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.changes.length).toBeGreaterThan(3);
    // Each change names its feature by the layer's label field as of that version (管理番号), not only its id.
    const mirrors = r.data.changes.filter((c: any) => c.layerKey === 'curve_mirrors');
    expect(mirrors.length).toBeGreaterThan(0);
    for (const c of mirrors) {
      const { rows: [h] } = await get().db.pool.query("SELECT attributes->>'mirror_no' AS no FROM feature_history WHERE feature_id = $1 AND version = $2", [c.featureId, c.version]);
      expect(c.label).toBe(h.no);
    }
    expect(r.data.changes.every((c: any) => c.changedByUsername === 'roads')).toBe(true);
    expectCode(await as('roads')('{ changes { layerKey } }'), 'FORBIDDEN');
  });

  test('scenario: the roads editor moves a mirror, changes its inspection date, is refused a garbage point, reads history, restores', async () => {
    const m = await firstFeature(get(), 'curve_mirrors');
    const moved = await as('roads')(UPDATE, { id: m.id, v: m.version, geometry: { type: 'Point', coordinates: [140.1703, 35.6703] } });
    expect(moved.data.updateFeature.updatedBy).toBe('道路管理課 担当');
    const dated = await as('roads')(UPDATE, { id: m.id, v: m.version + 1, attributes: { last_inspected_on: '2026-11-20' } });
    expect(dated.data.updateFeature.attributes.last_inspected_on).toBe('2026-11-20');
    const g = await firstFeature(get(), 'garbage_points');
    expectCode(await as('roads')(UPDATE, { id: g.id, v: g.version, attributes: { households: 1 } }), 'FORBIDDEN');
    const h = (await as('roads')(HISTORY, { id: m.id })).data.featureHistory;
    expect(h[0].changes).toEqual([expect.objectContaining({ field: 'last_inspected_on', after: '2026-11-20' })]);
    const back = await as('roads')(RESTORE, { id: m.id, version: h[1].version });
    expect(back.data.restoreFeature.attributes.last_inspected_on).toBe(h[1].attributes.last_inspected_on);
    expect(back.data.restoreFeature.version).toBe(h[0].version + 1);
  });

  describe('layer administration', () => {
    test('an admin creates a layer and a department; others may not', async () => {
      const dep = await as('admin')('mutation { createDepartment(input: { key: "parks", nameJa: "公園緑地課", nameEn: "Parks Division" }) { key } }');
      expect(dep.errors).toBeUndefined();
      const r = await as('admin')(`mutation { createLayer(input: { key: "park_benches", nameJa: "公園ベンチ", nameEn: "Park benches",
        departmentKey: "parks", geometryTypes: ["Point"], labelField: "bench_no",
        fields: [{ key: "bench_no", label: "管理番号", type: TEXT, required: true }, { key: "material", label: "材質", type: ENUM, options: ["木", "石"] }] }) {
        key featureCount fields { key label required } } }`);
      expect(r.errors).toBeUndefined();
      expect(r.data.createLayer).toMatchObject({ key: 'park_benches', featureCount: 0 });
      const created = await as('admin')(CREATE, { layer: 'park_benches', geometry: { type: 'Point', coordinates: CENTRE }, attributes: { bench_no: 'B-1', material: '木' } });
      expect(created.errors).toBeUndefined();
      expectCode(await as('roads')('mutation { createDepartment(input: { key: "x1", nameJa: "x", nameEn: "x" }) { key } }'), 'FORBIDDEN');
    });

    test('a change that would invalidate stored attributes is refused with the count of offending features', async () => {
      const { rows } = await get().db.pool.query(
        "SELECT count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'garbage_points' AND NOT (f.attributes ? 'notes')");
      const layer = (await as('admin')('{ layer(key: "garbage_points") { fields { key label labelEn type required options min max maxLength unit } } }')).data.layer;
      const fields = layer.fields.map((f: any) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null)));
      const required = fields.map((f: any) => (f.key === 'notes' ? { ...f, required: true } : f));
      const r = await as('admin')('mutation($p: LayerPatch!) { updateLayer(key: "garbage_points", patch: $p) { key } }', { p: { fields: required } });
      expectCode(r, 'BAD_USER_INPUT', new RegExp(`notes: ${rows[0].n} features`));

      const relabelled = fields.map((f: any) => (f.key === 'notes' ? { ...f, label: '特記事項' } : f));
      const ok = await as('admin')('mutation($p: LayerPatch!) { updateLayer(key: "garbage_points", patch: $p) { fields { key label } } }', { p: { fields: relabelled } });
      expect(ok.errors).toBeUndefined();
      expect(ok.data.updateLayer.fields.find((f: any) => f.key === 'notes').label).toBe('特記事項');

      const narrowed = fields.map((f: any) => (f.key === 'installation_type' ? { ...f, options: ['ボックス'] } : f));
      expectCode(await as('admin')('mutation($p: LayerPatch!) { updateLayer(key: "garbage_points", patch: $p) { key } }', { p: { fields: narrowed } }),
        'BAD_USER_INPUT', /installation_type: \d+ features/);
      const removed = fields.filter((f: any) => f.key !== 'address');
      expectCode(await as('admin')('mutation($p: LayerPatch!) { updateLayer(key: "garbage_points", patch: $p) { key } }', { p: { fields: removed } }),
        'BAD_USER_INPUT', /address .* still has values/);
    });
  });
});

describeBackends('Sessions and login', (get) => {
  test('login sets an HttpOnly SameSite cookie that authenticates the browser', async () => {
    const res = await fetch(`${get().url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "counter", password: "chizu-demo") { user { role } } }' }),
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/chizu_session=[^;]+;.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await fetch(`${get().url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0] },
      body: JSON.stringify({ query: '{ me { username role } }' }),
    });
    expect((await me.json() as any).data.me).toEqual({ username: 'counter', role: 'VIEWER' });
  });

  test('logout revokes the token, and an expired session is refused', async () => {
    const token = await get().login('counter');
    expect((await get().gql('{ layers { key } }', {}, token)).errors).toBeUndefined();
    await get().gql('mutation { logout }', {}, token);
    expectCode(await get().gql('{ layers { key } }', {}, token), 'UNAUTHENTICATED');
    const other = await get().login('counter');
    await get().db.pool.query("UPDATE user_session SET expires_at = now() - interval '1 minute'");
    expectCode(await get().gql('{ layers { key } }', {}, other), 'UNAUTHENTICATED');
  });

  test('repeated failed logins for a name are throttled, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i++) {
      expectCode(await get().gql('mutation { login(username: "env", password: "wrong") { token } }'), 'UNAUTHENTICATED', /wrong user name or password/);
    }
    expectCode(await get().gql('mutation { login(username: "env", password: "chizu-demo") { token } }'), 'TOO_MANY_REQUESTS');
    // Other names are not affected.
    expect((await get().gql('mutation { login(username: "roads", password: "chizu-demo") { token } }')).errors).toBeUndefined();
  });

  test('an admin can end all sessions of a user; others cannot', async () => {
    const victim = await get().login('disaster');
    const admin = await get().login('admin');
    expectCode(await get().gql('mutation { revokeSessions(username: "disaster") }', {}, victim), 'FORBIDDEN');
    const r = await get().gql('mutation { revokeSessions(username: "disaster") }', {}, admin);
    expect(r.data.revokeSessions).toBeGreaterThanOrEqual(1);
    expectCode(await get().gql('{ layers { key } }', {}, victim), 'UNAUTHENTICATED');
  });

  test('passwords are stored as argon2id hashes', async () => {
    const { rows } = await get().db.pool.query("SELECT password_hash FROM app_user WHERE username = 'admin'");
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });
}, { scale: 0.01 });
