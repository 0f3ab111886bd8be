import { describeBackends, TestServer } from '../helpers/backends';

const CREATE_RECORD = `mutation($a: JSONObject!, $c: String!) {
  createBoundaryRecord(attributes: $a, coordinates: $c) { id version } }`;
const TABLE = `query($id: ID!) { coordinateTable(featureId: $id) { areaM2 points { seq name markerType x y surveyed } } }`;
const FEATURE = 'query($id: ID!) { feature(id: $id) { version areaM2 } }';
const UPDATE = `mutation($id: ID!, $v: Int!, $g: GeoJSON, $a: JSONObject) {
  updateFeature(id: $id, expectedVersion: $v, geometry: $g, attributes: $a, srid: 6677) { version } }`;
const RESTORE = 'mutation($id: ID!, $version: Int!) { restoreFeature(id: $id, version: $version) { version } }';

type Row = { seq: number; name: string; markerType: string | null; x: string; y: string; surveyed: boolean };

describeBackends('Boundary points follow the record geometry', (get) => {
  let token: string;
  let id: string;
  let x0: number;
  let y0: number;
  let original: Row[];
  beforeAll(async () => {
    token = await get().login('roads');
    const { rows } = await get().db.pool.query(
      'SELECT ST_Y(p) AS x, ST_X(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(140.1681, 35.6699), 4326), 6677) AS p) s');
    x0 = Math.round(rows[0].x);
    y0 = Math.round(rows[0].y);
  });
  const gql = (query: string, variables: Record<string, unknown>) => get().gql(query, variables, token);
  const table = async () => (await gql(TABLE, { id })).data.coordinateTable as { areaM2: number; points: Row[] };
  const feature = async () => (await gql(FEATURE, { id })).data.feature as { version: number; areaM2: number };
  /** The record's vertices in zone IX, to the mm (closing vertex dropped), straight from the stored geometry. */
  async function vertices(t: TestServer) {
    const { rows } = await t.db.pool.query(`
      SELECT round(ST_Y(d.geom)::numeric, 3)::text AS x, round(ST_X(d.geom)::numeric, 3)::text AS y
      FROM feature f, ST_DumpPoints(ST_Transform(f.geom, 6677)) d WHERE f.id = $1 ORDER BY d.path`, [id]);
    return rows.slice(0, -1).map((r) => `${Number(r.x).toFixed(3)},${Number(r.y).toFixed(3)}`);
  }
  const pointsAt = (rows: Row[]) => rows.map((p) => `${Number(p.x).toFixed(3)},${Number(p.y).toFixed(3)}`);
  /** A polygon in zone IX ([easting, northing]) through the given [X, Y] corners. */
  const polygon = (corners: number[][]) => ({ type: 'Polygon', coordinates: [[...corners, corners[0]].map(([x, y]) => [y, x])] });

  test('a record created from its points has one area: the 座標一覧 and the feature agree', async () => {
    const c = [[x0, y0], [x0 + 30.123, y0], [x0 + 30.123, y0 + 29.987], [x0, y0 + 29.987]];
    const text = ['K1', 'K2', 'K3', 'K4'].map((n, i) => `${n},${c[i][0].toFixed(3)},${c[i][1].toFixed(3)},${i % 2 ? '金属標' : 'コンクリート杭'}`).join('\n');
    const r = await gql(CREATE_RECORD, { a: { record_no: 'BR-2026-777', determined_on: '2026-11-01' }, c: text });
    expect(r.errors).toBeUndefined();
    id = r.data.createBoundaryRecord.id;
    const t = await table();
    original = t.points;
    expect(t.areaM2).toBeCloseTo(30.123 * 29.987, 6);
    expect((await feature()).areaM2).toBe(t.areaM2);
  });

  test('a drag of one vertex on the map moves that point, marks it not surveyed and keeps the others as surveyed', async () => {
    const moved = [[x0, y0], [x0 + 30.123, y0], [x0 + 31.5, y0 + 30.25], [x0, y0 + 29.987]];
    const r = await gql(UPDATE, { id, v: (await feature()).version, g: polygon(moved) });
    expect(r.errors).toBeUndefined();
    const t = await table();
    expect(pointsAt(t.points)).toEqual(await vertices(get()));
    expect(t.points.map((p) => [p.name, p.surveyed])).toEqual([['K1', true], ['K2', true], ['K3', false], ['K4', true]]);
    expect(t.points[2]).toMatchObject({ x: (x0 + 31.5).toFixed(3), y: (y0 + 30.25).toFixed(3), markerType: null });
    for (const i of [0, 1, 3]) expect(t.points[i]).toEqual(original[i]);
    expect((await feature()).areaM2).toBe(t.areaM2);
    expect(t.areaM2).not.toBeCloseTo(30.123 * 29.987, 1);
  });

  test('an attribute edit leaves the points as they are', async () => {
    const before = await table();
    const r = await gql(UPDATE, { id, v: (await feature()).version, a: { surveyor: '測量 太郎' } });
    expect(r.errors).toBeUndefined();
    expect(await table()).toEqual(before);
  });

  test('restoring the first version restores its surveyed points with the geometry', async () => {
    const r = await gql(RESTORE, { id, version: 1 });
    expect(r.errors).toBeUndefined();
    const t = await table();
    expect(t.points).toEqual(original);
    expect(pointsAt(t.points)).toEqual(await vertices(get()));
    expect((await feature()).areaM2).toBe(t.areaM2);
    expect(t.areaM2).toBeCloseTo(30.123 * 29.987, 6);
  });

  test('a demo record dragged and restored gets its seeded surveyed points back', async () => {
    const { rows } = await get().db.pool.query(`SELECT f.id::text AS id, f.version FROM feature f JOIN layer l ON l.id = f.layer_id
      WHERE l.key = 'boundary_records' AND ST_Dimension(f.geom) = 2 AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`);
    const demo = rows[0] as { id: string; version: number };
    const before = (await gql(TABLE, { id: demo.id })).data.coordinateTable;
    const corners = before.points.map((p: Row) => [Number(p.x), Number(p.y)]);
    corners[0] = [corners[0][0] + 0.8, corners[0][1] - 0.4];
    expect((await gql(UPDATE, { id: demo.id, v: demo.version, g: polygon(corners) })).errors).toBeUndefined();
    expect((await gql(TABLE, { id: demo.id })).data.coordinateTable.points[0].surveyed).toBe(false);
    expect((await gql(RESTORE, { id: demo.id, version: demo.version })).errors).toBeUndefined();
    expect((await gql(TABLE, { id: demo.id })).data.coordinateTable).toEqual(before);
  });

  test('every demo boundary record shows one area', async () => {
    const { rows } = await get().db.pool.query(`SELECT f.id::text AS id FROM feature f JOIN layer l ON l.id = f.layer_id
      WHERE l.key = 'boundary_records' AND ST_Dimension(f.geom) = 2 AND f.deleted_at IS NULL ORDER BY f.id LIMIT 5`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const [f, t] = await Promise.all([gql(FEATURE, { id: r.id }), gql(TABLE, { id: r.id })]);
      expect(f.data.feature.areaM2).toBe(t.data.coordinateTable.areaM2);
    }
  });
});
