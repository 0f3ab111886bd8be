// Login throttling behind a trusted proxy: per (user name, client address) and per address, atomic,
// with an administrator's unlock; and what TRUST_PROXY changes (Secure cookie, URLs from the proxy).
import { DEMO_PASSWORD } from '../../server/src/seed/demo';
import { describeBackends } from '../helpers/backends';
import { rawRequest } from '../helpers/http';

const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

describeBackends('Login throttle and proxy', (get) => {
  /** A login from a client address, as the trusted proxy reports it. */
  const loginFrom = async (address: string, username: string, password: string) => {
    const res = await fetch(`${get().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }),
    });
    const body = (await res.json()) as { data?: { login: { token: string } }; errors?: Array<{ extensions: { code: string } }> };
    return { code: body.errors?.[0].extensions.code ?? 'OK', cookie: res.headers.get('set-cookie') ?? '', token: body.data?.login.token };
  };
  const attempts = async (username: string, address: string) => (await get().db.pool.query(
    'SELECT count(*)::int AS n FROM login_attempt WHERE username = $1 AND client_address = $2', [username, address])).rows[0].n;

  test('40 parallel wrong passwords for one user from one address: 5 are checked, 35 refused; the user still logs in from another address', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => loginFrom('10.0.0.1', 'roads', 'wrong-password')));
    const codes = results.map((r) => r.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(35);
    expect(await attempts('roads', '10.0.0.1')).toBe(5);
    // The attacker's address stays locked for this user, even with the right password …
    expect((await loginFrom('10.0.0.1', 'roads', DEMO_PASSWORD)).code).toBe('TOO_MANY_REQUESTS');
    // … but the user at their own desk is not locked out.
    const own = await loginFrom('10.0.0.2', 'roads', DEMO_PASSWORD);
    expect(own.code).toBe('OK');
    expect(own.cookie).toMatch(/chizu_session=.*; Secure/); // X-Forwarded-Proto: https from the trusted proxy
  });

  test('one address trying many user names is stopped by the per-address limit', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push((await loginFrom('10.0.0.3', `guess${i}`, 'wrong-password')).code);
    expect(codes.slice(0, 8)).toEqual(Array(8).fill('UNAUTHENTICATED'));
    expect(codes.slice(8)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expect((await loginFrom('10.0.0.3', 'env', DEMO_PASSWORD)).code).toBe('TOO_MANY_REQUESTS');
    expect((await loginFrom('10.0.0.4', 'env', DEMO_PASSWORD)).code).toBe('OK');
  });

  test('an administrator unlocks a user name; others may not', async () => {
    const admin = (await loginFrom('10.0.0.9', 'admin', DEMO_PASSWORD)).token!;
    const counter = (await loginFrom('10.0.0.9', 'counter', DEMO_PASSWORD)).token!;
    const unlock = 'mutation($u: String!) { unlockLogin(username: $u) }';
    expect((await get().gql(unlock, { u: 'roads' }, counter)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await loginFrom('10.0.0.1', 'roads', DEMO_PASSWORD)).code).toBe('TOO_MANY_REQUESTS');
    const r = await get().gql(unlock, { u: 'roads' }, admin);
    expect(r.data.unlockLogin).toBe(5);
    expect((await loginFrom('10.0.0.1', 'roads', DEMO_PASSWORD)).code).toBe('OK');
  });

  test('with TRUST_PROXY, TileJSON URLs follow X-Forwarded-Proto, -Host and -Prefix', async () => {
    const token = (await loginFrom('10.0.0.9', 'counter', DEMO_PASSWORD)).token!;
    const res = await rawRequest(get().url, { path: '/tiles/street_lights.json', headers: {
      authorization: `Bearer ${token}`, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'gis.city.yotsukaido.lg.jp', 'x-forwarded-prefix': '/chizu' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).tiles[0]).toMatch(/^https:\/\/gis\.city\.yotsukaido\.lg\.jp\/chizu\/tiles\/street_lights\/\{z\}/);
    const bad = await rawRequest(get().url, { path: '/tiles/street_lights.json', headers: {
      authorization: `Bearer ${token}`, 'x-forwarded-host': 'evil.example/"><script>' } });
    expect(bad.status).toBe(400);
  });

  test('with TRUST_PROXY, OGC API links, the Location of a new item and the OpenAPI servers follow X-Forwarded-Proto, -Host and -Prefix', async () => {
    const base = 'https://gis.city.yotsukaido.lg.jp/chizu/ogc';
    const proxied = (token: string) => ({ authorization: `Bearer ${token}`, 'x-forwarded-proto': 'https',
      'x-forwarded-host': 'gis.city.yotsukaido.lg.jp', 'x-forwarded-prefix': '/chizu' });
    const counter = (await loginFrom('10.0.0.10', 'counter', DEMO_PASSWORD)).token!;
    const proxiedJson = async (path: string) => {
      const res = await rawRequest(get().url, { path, headers: proxied(counter) });
      expect(res.status).toBe(200);
      return JSON.parse(res.body);
    };
    const hrefs = (doc: { links: { href: string }[] }) => doc.links.map((l) => l.href);
    for (const doc of [await proxiedJson('/ogc'), await proxiedJson('/ogc/collections'), await proxiedJson('/ogc/collections/street_lights/items?limit=1')]) {
      expect(hrefs(doc).length).toBeGreaterThan(0);
      expect(hrefs(doc).filter((h) => !h.startsWith(`${base}/`) && !h.startsWith(`${base}?`))).toEqual([]);
    }
    expect((await proxiedJson('/ogc/api')).servers[0].url).toBe(base);
    const editor = (await loginFrom('10.0.0.11', 'community', DEMO_PASSWORD)).token!;
    const created = await rawRequest(get().url, { method: 'POST', path: '/ogc/collections/street_lights/items',
      headers: { ...proxied(editor), 'content-type': 'application/geo+json' },
      body: JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [140.172, 35.672] }, properties: { light_no: 'SL-PROXY1' } }) });
    expect(created.status).toBe(201);
    expect(created.headers.location).toMatch(/^https:\/\/gis\.city\.yotsukaido\.lg\.jp\/chizu\/ogc\/collections\/street_lights\/items\/\d+$/);
  });
}, { scale: 0.02, env: { TRUST_PROXY: 'loopback', LOGIN_ADDRESS_MAX_FAILURES: '8' } });
