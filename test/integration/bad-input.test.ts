// Hostile or broken input gets BAD_USER_INPUT with a message, never a 500, and leaves no trace.
import { encodeCursor } from '../../server/src/domain/cursor';
import { validateAttributes } from '../../server/src/domain/fields';
import { describeBackends } from '../helpers/backends';

const CREATE = `mutation($layer: String!, $geometry: GeoJSON!, $attributes: JSONObject, $srid: Int) {
  createFeature(layer: $layer, geometry: $geometry, attributes: $attributes, srid: $srid) { id } }`;
const CENTRE = [140.17, 35.67];
const point = { type: 'Point', coordinates: CENTRE };

describeBackends('Bad input', (get) => {
  let roads: string;
  beforeAll(async () => { roads = await get().login('roads'); });
  const gql = (query: string, variables?: Record<string, unknown>) => get().gql(query, variables, roads);
  const counts = async () => (await get().db.pool.query(
    'SELECT (SELECT count(*) FROM feature)::int AS features, (SELECT count(*) FROM feature_history)::int AS history')).rows[0];

  /** The request is refused with BAD_USER_INPUT, a readable message, nothing internal, and nothing written. */
  async function refused(query: string, variables: Record<string, unknown>) {
    const before = await counts();
    const r = await gql(query, variables);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message.length).toBeGreaterThan(5);
    expect(JSON.stringify(r)).not.toMatch(/SELECT |INSERT INTO|\.ts:\d+|node_modules|internal/i);
    expect(await counts()).toEqual(before);
    return r.errors![0];
  }

  test.each([
    ['a 3D point', { type: 'Point', coordinates: [...CENTRE, 10] }, undefined],
    ['a 3D line', { type: 'LineString', coordinates: [[...CENTRE, 1], [140.171, 35.671, 2]] }, undefined],
    ['[1e20, 1e20] in the plane CRS', { type: 'Point', coordinates: [1e20, 1e20] }, 6677],
    ['NaN-like coordinates in the plane CRS', { type: 'Point', coordinates: [1e308, -1e308] }, 6677],
  ])('geometry: %s is refused', async (_name, geometry, srid) => {
    await refused(CREATE, { layer: 'curve_mirrors', geometry, srid, attributes: { mirror_no: 'CM-B1' } });
  });

  test.each([
    ['a NUL character', 'CM\u0000X'],
    ['a lone surrogate', 'CM\ud800X'],
    ['only spaces in a required field', '   '],
  ])('text with %s is refused', async (_name, value) => {
    await refused(CREATE, { layer: 'curve_mirrors', geometry: point, attributes: { mirror_no: value } });
  });

  test('a NUL in an optional text field, a filter or a search is refused too', async () => {
    await refused(CREATE, { layer: 'curve_mirrors', geometry: point, attributes: { mirror_no: 'CM-B2', route_name: 'a\u0000b' } });
    await refused('query($w: [AttributeFilter!]) { features(layer: "curve_mirrors", where: $w) { totalCount } }', { w: [{ field: 'mirror_no', eq: 'a\u0000' }] });
    await refused('{ features(layer: "curve_mirrors", where: [{ field: "route_name", contains: "a\\u0000" }]) { totalCount } }', {});
  });

  test('the attribute rules themselves refuse NUL, broken characters and blanks for writes that do not come through GraphQL', () => {
    const field = { key: 'mirror_no', label: '管理番号', labelEn: 'No', type: 'text' as const, required: true };
    expect(validateAttributes([field], { mirror_no: 'a\u0000' })[0].code).toBe('characters');
    expect(validateAttributes([field], { mirror_no: '\udc00' })[0].code).toBe('characters');
    expect(validateAttributes([field], { mirror_no: ' \t ' })[0].code).toBe('required');
    expect(validateAttributes([field], { mirror_no: '😀 ok' })).toEqual([]);
  });

  test('attributes nested 5,000 deep are refused', async () => {
    // Written as text: JSON.stringify itself runs out of stack on such a value.
    const nested = `${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}`;
    const before = await counts();
    const res = await fetch(`${get().url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${roads}` },
      body: `{"query":${JSON.stringify(CREATE)},"variables":{"layer":"curve_mirrors","geometry":${JSON.stringify(point)},"attributes":{"mirror_no":"CM-B3","route_name":${nested}}}}` });
    const r = (await res.json()) as { errors?: Array<{ extensions: { code: string } }> };
    expect(r.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);
  });

  test.each([
    ['an id beyond bigint', encodeCursor({ id: '9999999999999999999' })],
    ['a huge offset', encodeCursor({ offset: 1e300 })],
    ['an offset beyond bigint', encodeCursor({ offset: 2 ** 63 })],
    ['garbage', 'not-a-cursor!!'],
  ])('a cursor with %s is refused', async (_name, after) => {
    await refused('query($a: String) { features(layer: "curve_mirrors", first: 2, after: $a) { edges { node { id } } } }', { a: after });
    await refused('query($a: String) { features(layer: "curve_mirrors", first: 2, after: $a, orderBy: { field: "mirror_no" }) { edges { node { id } } } }', { a: after });
  });
});
