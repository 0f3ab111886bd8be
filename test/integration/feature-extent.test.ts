import { describeBackends } from '../helpers/backends';

// The attribute table zooms the map to its filtered features by the extent of all of them (not one page).
describeBackends('features extent', (get) => {
  let token: string;
  beforeAll(async () => { token = await get().login('counter'); });
  const gql = (query: string, variables?: Record<string, unknown>) => get().gql(query, variables, token);

  test('the extent covers every feature matching the filter, from PostGIS, whatever the page size', async () => {
    const where = [{ field: 'lamp_type', eq: 'LED' }];
    const r = await gql(`query($where: [AttributeFilter!]) { features(layer: "street_lights", where: $where, first: 1) { totalCount extent } }`, { where });
    expect(r.errors).toBeUndefined();
    const { rows } = await get().db.pool.query(
      `SELECT ST_XMin(e) x0, ST_YMin(e) y0, ST_XMax(e) x1, ST_YMax(e) y1 FROM (SELECT ST_Extent(f.geom) e FROM feature f JOIN layer l ON l.id = f.layer_id
        WHERE l.key = 'street_lights' AND f.deleted_at IS NULL AND f.attributes->>'lamp_type' = 'LED') s`);
    expect(r.data.features.totalCount).toBeGreaterThan(1);
    const [x0, y0, x1, y1] = r.data.features.extent;
    const want = rows[0];
    expect(x0).toBeCloseTo(Number(want.x0), 9); expect(y0).toBeCloseTo(Number(want.y0), 9);
    expect(x1).toBeCloseTo(Number(want.x1), 9); expect(y1).toBeCloseTo(Number(want.y1), 9);
    expect(x1).toBeGreaterThan(x0);
  });

  test('no matching feature gives a null extent; a bad filter is BAD_USER_INPUT', async () => {
    const none = await gql(`{ features(layer: "street_lights", where: [{ field: "light_no", eq: "no such light" }]) { totalCount extent } }`);
    expect(none.errors).toBeUndefined();
    expect(none.data.features).toEqual({ totalCount: 0, extent: null });
    const bad = await gql(`{ features(layer: "street_lights", where: [{ field: "no_such_field", eq: 1 }]) { extent } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
