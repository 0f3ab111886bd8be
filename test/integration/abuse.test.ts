// What a hostile request can do to the server: cost limits, statement limits, CSRF, headers,
// body limits before login, schema hints. Each test names the protection it holds.
import { formatError } from '../../server/src/app';
import { describeBackends } from '../helpers/backends';
import { rawRequest } from '../helpers/http';

const FEATURE_FIELDS = 'edges { node { id attributes geometry } }';

describeBackends('Abuse: request level', (get) => {
  let counter: string;
  let roads: string;
  beforeAll(async () => {
    counter = await get().login('counter');
    roads = await get().login('roads');
  });
  const gql = (query: string, variables?: Record<string, unknown>) => get().gql(query, variables, counter);

  describe('GraphQL cost model', () => {
    test('300 aliases of features(first: 5000) are refused at once with BAD_USER_INPUT, and the server answers others', async () => {
      const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: features(layer: "street_lights", first: 5000) { ${FEATURE_FIELDS} }`).join('\n');
      const t0 = Date.now();
      const r = await gql(`{ ${aliases} }`);
      expect(Date.now() - t0).toBeLessThan(3000);
      expect(r.data).toBeUndefined();
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: { measure: 'aliases', value: 300, max: 30 } });
      const ok = await gql('{ features(layer: "street_lights", first: 3) { edges { node { id } } } }');
      expect(ok.errors).toBeUndefined();
      expect(ok.data.features.edges).toHaveLength(3);
    });

    test('the sum of first over the operation is limited, through fragments and variables', async () => {
      const r = await gql(`query($n: Int) { a: features(layer: "street_lights", first: $n) { ...F } b: features(layer: "garbage_points", first: $n) { ...F }
        c: features(layer: "curve_mirrors", first: $n) { ...F } d: features(layer: "disaster_history", first: $n) { ...F }
        e: features(layer: "road_ledger", first: $n) { ...F } } fragment F on FeatureConnection { ${FEATURE_FIELDS} }`, { n: 4100 });
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: { measure: 'listItems', value: 20_500 } });
      const within = await gql(`query($n: Int) { a: features(layer: "street_lights", first: $n) { ...F } } fragment F on FeatureConnection { edges { node { id } } }`, { n: 4100 });
      expect(within.errors).toBeUndefined();
    });

    test('a paged field without first counts its default page size', async () => {
      const given = Array.from({ length: 10 }, (_, i) => `g${i}: features(layer: "street_lights", first: 1950) { totalCount }`).join(' ');
      const defaults = Array.from({ length: 6 }, (_, i) => `d${i}: features(layer: "street_lights") { totalCount }`).join(' ');
      const r = await gql(`{ ${given} ${defaults} }`);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: { measure: 'listItems', value: 10 * 1950 + 6 * 100 } });
    });

    test('fields nested deeper than the limit are refused', async () => {
      let type = 'name';
      for (let i = 0; i < 16; i++) type = `name ofType { ${type} }`;
      const r = await gql(`{ __schema { types { fields { type { ${type} } } } } }`);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: { measure: 'depth' } });
    });

    test('10,000 where conditions are refused at once (inline or as variables) and other users get answers meanwhile', async () => {
      const inline = Array.from({ length: 10_000 }, (_, i) => `{ field: "watts", ne: ${i} }`).join(',');
      const where = Array.from({ length: 10_000 }, (_, i) => ({ field: 'watts', ne: i }));
      const t0 = Date.now();
      const big = gql(`{ features(layer: "street_lights", first: 10, where: [${inline}]) { totalCount } }`);
      const asVariables = gql('query($w: [AttributeFilter!]) { features(layer: "street_lights", first: 10, where: $w) { totalCount } }', { w: where });
      const other = await get().gql('{ features(layer: "garbage_points", first: 2) { totalCount } }', undefined, roads);
      expect(other.errors).toBeUndefined();
      const [r, v] = await Promise.all([big, asVariables]);
      expect(Date.now() - t0).toBeLessThan(3000);
      expect(r.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED'); // more tokens than GRAPHQL_MAX_TOKENS
      expect(v.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: { measure: 'filterConditions', value: 10_000, max: 50 } });
    });
  });

  test('PostgreSQL connections run with statement_timeout and without JIT; a runaway statement ends with a coded error', async () => {
    if (get().kind === 'pglite') {
      // PGlite in WebAssembly cannot interrupt a statement: there the cost model above is the cap.
      expect(get().db.kind).toBe('pglite');
      return;
    }
    const { rows } = await get().db.pool.query("SELECT current_setting('statement_timeout') AS t, current_setting('jit') AS jit");
    expect(rows[0]).toEqual({ t: '4s', jit: 'off' });
    const t0 = Date.now();
    const err = await get().db.pool.query('SELECT pg_sleep(30)').then(() => null, (e) => e);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(err?.code).toBe('57014');
    // What the caller sees instead of a 500.
    expect(formatError({ message: err.message }, err, () => undefined)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'STATEMENT_TIMEOUT' } });
  });

  describe('CSRF and headers', () => {
    let featureId: string;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const attachments = async () => (await get().db.pool.query('SELECT count(*)::int AS n FROM attachment WHERE feature_id = $1', [featureId])).rows[0].n;
    const upload = (headers: Record<string, string>) => fetch(`${get().url}/api/features/${featureId}/attachments?filename=x.pdf`, {
      method: 'POST', body: pdf, headers: { cookie: `chizu_session=${roads}`, ...headers },
    });
    beforeAll(async () => {
      featureId = (await get().db.pool.query("SELECT f.id FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'curve_mirrors' LIMIT 1")).rows[0].id;
    });

    test('a text/plain form post from another site cannot upload an attachment with the session cookie', async () => {
      const before = await attachments();
      const res = await upload({ 'content-type': 'text/plain', origin: 'http://evil.example' });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      const crossSite = await upload({ 'content-type': 'application/pdf', 'sec-fetch-site': 'cross-site' });
      expect(crossSite.status).toBe(403);
      expect(await attachments()).toBe(before);
    });

    test('the web client\'s upload (custom header) and a script\'s upload (non-simple type) still work', async () => {
      const before = await attachments();
      expect((await upload({ 'content-type': 'application/octet-stream', 'apollo-require-preflight': 'true', 'sec-fetch-site': 'same-origin' })).status).toBe(201);
      expect((await upload({ 'content-type': 'application/pdf' })).status).toBe(201);
      expect(await attachments()).toBe(before + 2);
    });

    test('every response forbids framing and sniffing and limits the referrer; attachments may be framed by the app only', async () => {
      const res = await fetch(`${get().url}/api/health`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      const id = (await get().db.pool.query('SELECT id FROM attachment LIMIT 1')).rows[0].id;
      const file = await fetch(`${get().url}/api/attachments/${id}`, { headers: { authorization: `Bearer ${counter}` } });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    });
  });

  describe('URLs the server writes', () => {
    test('TileJSON uses the Host only when it is a plain host name and ignores proxy headers without TRUST_PROXY', async () => {
      const tj = await rawRequest(get().url, { path: '/tiles/street_lights.json',
        headers: { host: 'chizu.city.local:8080', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', authorization: `Bearer ${counter}` } });
      expect(tj.status).toBe(200);
      expect(JSON.parse(tj.body).tiles[0]).toMatch(/^http:\/\/chizu\.city\.local:8080\/tiles\/street_lights\//);
      const bad = await rawRequest(get().url, { path: '/tiles/street_lights.json', headers: { host: 'evil.example/x?', authorization: `Bearer ${counter}` } });
      expect(bad.status).toBe(400);
    });
  });

  describe('GraphQL body limit', () => {
    test('after login a GraphQL body over GRAPHQL_BODY_KB is refused with 413 and a coded error before it is read or parsed', async () => {
      // 256 kB of a declared 2 MB are sent: an answer proves the server did not wait for (or parse) the rest.
      const declared = await rawRequest(get().url, { method: 'POST', path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${counter}` },
        declaredLength: 2 * 1024 * 1024, send: 256 * 1024, timeoutMs: 5000 });
      expect(declared.status).toBe(413);
      expect(JSON.parse(declared.body).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'graphqlTooLarge', params: { maxKb: 512 } });
      // Without a declared length the parser stops at the same limit, with the same answer.
      const where = Array.from({ length: 20_000 }, (_, i) => ({ field: 'watts', ne: i }));
      const chunked = await fetch(`${get().url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${counter}` }, duplex: 'half',
        body: new Blob([JSON.stringify({ query: 'query($w: [AttributeFilter!]) { features(layer: "street_lights", where: $w) { totalCount } }', variables: { w: where } })]).stream(),
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(((await chunked.json()) as { errors: Array<{ extensions: unknown }> }).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'graphqlTooLarge' });
      // Just under the limit is parsed as usual.
      const r = await gql(`{ features(layer: "street_lights", first: 1) { totalCount } }${' '.repeat(500 * 1024)}`);
      expect(r.errors).toBeUndefined();
    });
  });

  describe('before login', () => {
    test('a 19 MB body without a session is refused with 413 before it is read', async () => {
      // Only 256 kB of the declared 19 MB are sent: an answer proves the server did not wait for the rest.
      const res = await rawRequest(get().url, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' },
        declaredLength: 19 * 1024 * 1024, send: 256 * 1024, timeoutMs: 5000 });
      expect(res.status).toBe(413);
    });

    test('a body without a declared length is cut at the small limit; after login the full limit applies', async () => {
      const padding = ' '.repeat(200 * 1024);
      const query = `{ features(layer: "street_lights", first: 1) { totalCount } }${padding}`;
      const chunked = await fetch(`${get().url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, duplex: 'half',
        body: new Blob([JSON.stringify({ query })]).stream(),
      } as RequestInit);
      expect(chunked.status).toBe(413);
      const r = await gql(query);
      expect(r.errors).toBeUndefined();
      expect(r.data.features.totalCount).toBeGreaterThan(0);
    });

    test('a 10 MB user name is refused without a trace; a 1,000 character one with BAD_USER_INPUT before any database work', async () => {
      const rows = async () => (await get().db.pool.query('SELECT count(*)::int AS n FROM login_attempt')).rows[0].n;
      const before = await rows();
      const huge = await fetch(`${get().url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($u: String!) { login(username: $u, password: "x") { token } }', variables: { u: 'a'.repeat(10 * 1024 * 1024) } }) });
      expect(huge.status).toBe(413);
      const long = await get().gql('mutation($u: String!) { login(username: $u, password: "x") { token } }', { u: 'a'.repeat(1000) });
      expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(await rows()).toBe(before);
    });

    test('a caller without a session gets no "Did you mean" hints about the schema', async () => {
      const r = await get().gql('{ featurs { id } }');
      expect(r.errors?.[0].message).not.toMatch(/Did you mean/);
      const m = await get().gql('mutation { createUsr(x: 1) }');
      expect(JSON.stringify(m.errors)).not.toMatch(/createUser/);
      const schema = await get().gql('{ __schema { mutationType { fields { name } } } }');
      expect(schema.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(schema)).not.toMatch(/createUser/);
    });
  });
}, { env: { STATEMENT_TIMEOUT_MS: '4000', GRAPHQL_BODY_KB: '512' } });
