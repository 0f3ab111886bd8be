// Read queries sent as GET (the web client's) are revalidated with an ETag: an unchanged answer is
// a 304 without a body, a changed one a new 200 (issue 16 goal 8: a warm reload transfers little).
import { describeBackends } from '../helpers/backends';

const MIRRORS = `query($layer: String!) { features(layer: $layer, first: 5000) { totalCount edges { node { id version attributes geometry } } } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $attributes: JSONObject) { updateFeature(id: $id, expectedVersion: $v, attributes: $attributes) { id version } }`;

describeBackends('Revalidated GET reads', (get) => {
  let counter: string;
  let roads: string;
  beforeAll(async () => {
    counter = await get().login('counter');
    roads = await get().login('roads');
  });

  // As a browser revalidates (fetch's 'no-cache' mode): `max-age=0`. Node's fetch would otherwise add
  // `Cache-Control: no-cache` to a request with If-None-Match, which asks the server for a full answer.
  const getQuery = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, token = counter) => {
    const params = new URLSearchParams({ query, variables: JSON.stringify(variables) });
    return fetch(`${get().url}/graphql?${params}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'apollo-require-preflight': 'true', 'cache-control': 'max-age=0', ...headers },
    });
  };

  test('an unchanged answer is a bodiless 304; after an edit the same GET is a 200 with the new version', async () => {
    const first = await getQuery(MIRRORS, { layer: 'curve_mirrors' });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    const body = (await first.json()) as any;
    expect(body.data.features.totalCount).toBeGreaterThan(0);

    const again = await getQuery(MIRRORS, { layer: 'curve_mirrors' }, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);

    const mirror = body.data.features.edges[0].node;
    const r = await get().gql(UPDATE, { id: mirror.id, v: mirror.version, attributes: { ...mirror.attributes, route_name: `revalidated ${Date.now()}` } }, roads);
    expect(r.errors).toBeUndefined();
    const changed = await getQuery(MIRRORS, { layer: 'curve_mirrors' }, { 'if-none-match': etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const edited = ((await changed.json()) as any).data.features.edges.find((e: any) => e.node.id === mirror.id).node;
    expect(edited.version).toBe(mirror.version + 1);
  });

  test("one user's ETag never answers another user's request with a 304 when their answers differ", async () => {
    const me = 'query { me { username } }';
    const mine = await getQuery(me, {});
    const etag = mine.headers.get('etag')!;
    const theirs = await getQuery(me, {}, { 'if-none-match': etag }, roads);
    expect(theirs.status).toBe(200);
    expect(((await theirs.json()) as any).data.me.username).toBe('roads');
  });

  test('a mutation is never run from a GET, and a GET without the preflight header is refused', async () => {
    const params = new URLSearchParams({ query: 'mutation { logout }' });
    const mutation = await fetch(`${get().url}/graphql?${params}`, { headers: { authorization: `Bearer ${counter}`, 'apollo-require-preflight': 'true' } });
    expect(mutation.status).toBe(405);
    const bare = await fetch(`${get().url}/graphql?${new URLSearchParams({ query: '{ layers { key } }' })}`, { headers: { authorization: `Bearer ${counter}` } });
    expect(bare.status).toBe(400);
    // The session still works: the refused GET did not log anyone out.
    expect((await getQuery('query { me { username } }', {})).status).toBe(200);
  });

  test('POSTed queries carry no ETag (hashing them would be wasted)', async () => {
    const res = await fetch(`${get().url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${counter}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ layers { key } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
  });
});
