// The `features` fast path (server/src/modules/features/feature.fastpath.ts) must answer byte for byte
// what normal graphql-js execution answers: the same requests are sent with the fast path on and off,
// on one server and one database, and the bodies, statuses and ETags compared.
import { describeBackends, TestServer } from '../helpers/backends';
import { FeaturesDocument, FeaturesExtentDocument } from '../../web/src/api/generated/graphql';
import { fastPathStats } from '../../server/src/modules/features/feature.fastpath';

/** The web client's own queries (its generated documents, fragments included). */
const FEATURES = FeaturesDocument.toString();
const EXTENT = FeaturesExtentDocument.toString();

interface Answer { status: number; body: string; etag: string | null; contentType: string | null }

async function send(t: TestServer, method: 'GET' | 'POST', query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const res = method === 'GET'
    ? await fetch(`${t.url}/graphql?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`, {
      headers: { ...auth, accept: 'application/json', 'apollo-require-preflight': 'true' } })
    : await fetch(`${t.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: await res.text(), etag: res.headers.get('etag'), contentType: res.headers.get('content-type') };
}

describeBackends('features fast path', (get) => {
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    for (const u of ['admin', 'roads', 'counter', 'disaster']) tokens[u] = await get().login(u);
  });
  afterAll(() => { get().server.services.config.featuresFastPath = true; });

  /** The answer of the fast path and of normal execution to one request; `served` says whether the fast path wrote it. */
  async function both(method: 'GET' | 'POST', query: string, variables: Record<string, unknown>, token?: string) {
    const config = get().server.services.config;
    config.featuresFastPath = false;
    const normal = await send(get(), method, query, variables, token);
    config.featuresFastPath = true;
    const before = fastPathStats.served;
    const fast = await send(get(), method, query, variables, token);
    return { normal, fast, served: fastPathStats.served - before };
  }

  /** Identical answers, the fast path having written the page itself. */
  async function identical(method: 'GET' | 'POST', query: string, variables: Record<string, unknown>, token?: string, served = 1) {
    const r = await both(method, query, variables, token);
    expect(r.fast.body).toBe(r.normal.body);
    expect(r.fast.status).toBe(r.normal.status);
    expect(r.fast.etag).toBe(r.normal.etag);
    expect(r.fast.contentType).toBe(r.normal.contentType);
    expect(r.served).toBe(served);
    return JSON.parse(r.fast.body);
  }

  const bbox = [140.0, 35.5, 140.4, 35.9];

  test("the client's Features query: a viewport page of each demo layer, GET and POST", async () => {
    for (const layer of ['road_ledger', 'curve_mirrors', 'garbage_points', 'street_lights', 'boundary_records']) {
      const page = await identical('GET', FEATURES, { layer, bbox, first: 2000 }, tokens.roads);
      expect(page.data.features.edges.length).toBeGreaterThan(0);
      await identical('POST', FEATURES, { layer, bbox, first: 2000 }, tokens.roads);
    }
    // Lines and polygons carry lengthM / areaM2; the dates and editor names are written too.
    const roads = await identical('GET', FEATURES, { layer: 'road_ledger', first: 50 }, tokens.roads);
    expect(roads.data.features.edges[0].node.lengthM).toEqual(expect.any(Number));
    expect(roads.data.features.edges[0].node.updatedAt).toMatch(/Z$/);
  });

  test('where, search, orderBy (both directions), area and the extent query', async () => {
    await identical('GET', FEATURES, { layer: 'curve_mirrors', where: [{ field: 'shape', eq: '丸' }, { field: 'mirror_size_mm', gte: 600 }], first: 100 }, tokens.counter);
    await identical('GET', FEATURES, { layer: 'road_ledger', search: '線', first: 100 }, tokens.counter);
    await identical('GET', FEATURES, { layer: 'curve_mirrors', orderBy: { field: 'mirror_no', descending: true }, first: 30 }, tokens.counter);
    await identical('GET', FEATURES, { layer: 'curve_mirrors', orderBy: { field: 'id', descending: true }, first: 30 }, tokens.counter);
    await identical('GET', FEATURES, { layer: 'garbage_points', area: { polygon: [[140.1, 35.6], [140.3, 35.6], [140.3, 35.8], [140.1, 35.8]] }, first: 500 }, tokens.counter);
    const extent = await identical('GET', EXTENT, { layer: 'curve_mirrors', where: [{ field: 'shape', eq: '角' }] }, tokens.counter);
    expect(extent.data.features.extent).toHaveLength(4);
    const none = await identical('GET', EXTENT, { layer: 'curve_mirrors', where: [{ field: 'mirror_no', eq: 'no such mirror' }] }, tokens.counter);
    expect(none.data.features).toEqual({ totalCount: 0, extent: null });
  });

  test('paging with after: by id and by an attribute order (offset cursors), to the last page', async () => {
    const total = (await get().gql('{ features(layer: "curve_mirrors", first: 0) { totalCount } }', {}, tokens.counter)).data.features.totalCount;
    const first = Math.ceil(total / 3); // three pages
    for (const orderBy of [undefined, { field: 'route_name', descending: false }]) {
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: any = await identical('GET', FEATURES, { layer: 'curve_mirrors', first, after, orderBy }, tokens.counter);
        pages++;
        if (!page.data.features.pageInfo.hasNextPage) break;
        after = page.data.features.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
    }
  });

  test('restricted fields: shown to who may read them (and audited alike), left out for who may not', async () => {
    const audited = async () => Number((await get().db.pool.query(`SELECT count(*) AS n FROM audit_log WHERE kind = 'read.restricted'`)).rows[0].n);
    const before = await audited();
    const shown = await identical('GET', FEATURES, { layer: 'boundary_records', first: 20 }, tokens.roads);
    expect(shown.data.features.edges[0].node.attributes).toHaveProperty('witnesses');
    expect(await audited()).toBe(before + 2); // one row for each of the two answers
    const hidden = await identical('GET', FEATURES, { layer: 'boundary_records', first: 20 }, tokens.counter);
    expect(hidden.data.features.edges.length).toBeGreaterThan(0);
    for (const e of hidden.data.features.edges) expect(e.node.attributes).not.toHaveProperty('witnesses');
    await identical('GET', FEATURES, { layer: 'disaster_history', first: 50 }, tokens.counter);
    await identical('GET', FEATURES, { layer: 'disaster_history', first: 50 }, tokens.disaster);
    expect(await audited()).toBe(before + 4);
  });

  test('errors: a bad argument, a bad cursor, an unknown field, a layer the caller may not read, no session', async () => {
    const errorOf = async (variables: Record<string, unknown>, token?: string, served = 0) => {
      const r = await identical('GET', FEATURES, variables, token, served);
      expect(r.errors).toHaveLength(1);
      return r.errors[0].extensions.code;
    };
    expect(await errorOf({ layer: 'curve_mirrors', first: 6000 }, tokens.counter)).toBe('BAD_USER_INPUT');
    expect(await errorOf({ layer: 'curve_mirrors', after: 'not-a-cursor' }, tokens.counter)).toBe('BAD_USER_INPUT');
    expect(await errorOf({ layer: 'curve_mirrors', where: [{ field: 'no_such_field', eq: 1 }] }, tokens.counter)).toBe('BAD_USER_INPUT');
    expect(await errorOf({ layer: 'curve_mirrors', bbox: [200, 0, 201, 1] }, tokens.counter)).toBe('BAD_USER_INPUT');
    expect(await errorOf({ layer: 'curve_mirrors', first: 'ten' }, tokens.counter)).toBe('BAD_USER_INPUT'); // variable coercion
    expect(await errorOf({ layer: 'curve_mirrors', first: 30_000 }, tokens.counter)).toBe('BAD_USER_INPUT'); // the cost guard
    expect(await errorOf({ layer: 'curve_mirrors' })).toBe('UNAUTHENTICATED');
    const restrict = `mutation($access: LayerReadAccessInput) { updateLayer(key: "curve_mirrors", patch: { readAccess: $access }) { key } }`;
    expect((await get().gql(restrict, { access: { departments: ['disaster'] } }, tokens.admin)).errors).toBeUndefined();
    try {
      expect(await errorOf({ layer: 'curve_mirrors', first: 10 }, tokens.counter)).toBe('BAD_USER_INPUT');
      await identical('GET', FEATURES, { layer: 'curve_mirrors', first: 10 }, tokens.disaster);
    } finally {
      await get().gql(restrict, { access: null }, tokens.admin);
    }
  });

  test('what the fast path does not understand is answered by normal execution, identically', async () => {
    const fallbacks = [
      '{ features(layer: "curve_mirrors", first: 3) { edges { node { id where: version } } } }',
      '{ f: features(layer: "curve_mirrors", first: 3) { totalCount } }',
      'query($x: Boolean!) { features(layer: "curve_mirrors", first: 3) { totalCount @include(if: $x) edges { cursor } } }',
      '{ features(layer: "curve_mirrors", first: 3) { __typename edges { node { id } } } }',
      '{ features(layer: "curve_mirrors", first: 3) { edges { node { ... on Feature { id } } } } }',
      '{ features(layer: "curve_mirrors", first: 3) { edges { node { id layer { key } } } } }',
      '{ features(layer: "curve_mirrors", first: 3) { totalCount } me { username } }',
      '{ __schema { queryType { name } } }',
    ];
    for (const query of fallbacks) await identical('POST', query, { x: true }, tokens.counter, 0);
    // Repeated fields and fragments are merged as graphql-js merges them, in its order.
    await identical('POST', `query { features(layer: "road_ledger", first: 5) { edges { node { ...A id } cursor } totalCount edges { node { createdAt createdBy ...B } } extent }
      } fragment A on Feature { attributes geometry } fragment B on Feature { updatedBy areaM2 lengthM deletedAt version layerKey id }`, {}, tokens.roads);
  });
});
