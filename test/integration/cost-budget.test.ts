// The cost budget per caller (server/src/security/rate-limit.ts `CostBudget`): each GraphQL operation
// is charged its cost, a refused one the maximum, /api and /ogc a point; an empty bucket is answered
// 429 before the body is read; it refills; each user has a bucket of its own. And the HTTP status of
// GraphQL requests refused before they run (401, 403, 400 instead of 500).
import { loadConfig } from '../../server/src/config';
import { describeBackends } from '../helpers/backends';
import { rawRequest } from '../helpers/http';

const POINTS = 300;
const PER_SECOND = 100;
/** The most an operation may cost with the default limits: 10 (a mutation) + 20,000 items / 100 + 50 filters. */
const MAX_CHARGE = 260;

describeBackends('Cost budget per caller', (get) => {
  let counter: string;
  let roads: string;
  let env: string;
  beforeAll(async () => {
    counter = await get().login('counter');
    roads = await get().login('roads');
    env = await get().login('env');
  });
  const post = (token: string | undefined, query: string, variables?: unknown) => fetch(`${get().url}/graphql`, {
    method: 'POST', body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const charged = (res: Response) => Number(res.headers.get('x-cost-charged'));
  const remaining = (res: Response) => Number(res.headers.get('x-cost-remaining'));

  test('an operation is charged what it asks for (1 a query, 10 a mutation, 1 per 100 items, 1 per filter), REST one point', async () => {
    const page = await post(roads, '{ features(layer: "street_lights", first: 250) { totalCount } }');
    expect(page.status).toBe(200);
    expect(charged(page)).toBe(1 + 3);
    expect(remaining(page)).toBeLessThanOrEqual(POINTS - 4);
    const filtered = await post(roads, 'query($w: [AttributeFilter!]) { features(layer: "street_lights", first: 10, where: $w) { totalCount } }',
      { w: [{ field: 'watts', gt: 10 }, { field: 'lamp_type', in: ['LED', '蛍光灯'] }] });
    expect(charged(filtered)).toBe(1 + 1 + 3);
    // The web client's heaviest page (a whole layer, 5,000 features) costs 51: the default budget (4,000) holds ~80 of them.
    const mutation = await post(roads, 'mutation { logout }');
    expect(charged(mutation)).toBe(10);
    const ogc = await fetch(`${get().url}/ogc/collections?f=json`, { headers: { authorization: `Bearer ${env}` } });
    expect(ogc.status).toBe(200);
    expect(charged(ogc)).toBe(1);
    expect(remaining(ogc)).toBe(POINTS - 1);
    roads = await get().login('roads');
  });

  test('reading every layer whole costs a small part of the default budget (more than the web client reads at its start)', async () => {
    // The web client draws layers of up to 3,000 features from GeoJSON, read whole in pages of 5,000 (MAX_PAGE), the rest from tiles.
    const { layers } = (await get().gql('{ layers { key } }', {}, env)).data;
    expect(layers.length).toBeGreaterThanOrEqual(6);
    let total = 0;
    for (const { key } of layers as Array<{ key: string }>) {
      const page = await post(env, 'query($l: String!) { features(layer: $l, first: 5000) { totalCount edges { node { id } } } }', { l: key });
      expect(page.status).toBe(200);
      expect(charged(page)).toBe(51);
      total += charged(page);
      // This test's bucket is small (POINTS): let it refill before the next page.
      if (remaining(page) < 60) await new Promise((r) => setTimeout(r, ((60 - remaining(page)) / PER_SECOND) * 1000 + 50));
    }
    expect(total).toBeLessThan(loadConfig({}).abuse.costBudget.points / 4);
  });

  test('an operation over the cost limits, or one that does not parse, is charged the maximum; a large body its size', async () => {
    const broken = await post(env, '{ features(');
    expect(broken.status).toBe(400);
    expect(charged(broken)).toBe(MAX_CHARGE);
    await new Promise((r) => setTimeout(r, (MAX_CHARGE / PER_SECOND) * 1000 + 100)); // back to full
    const where = Array.from({ length: 10_000 }, (_, i) => ({ field: 'watts', ne: i })); // ~0.3 MB
    const bomb = await post(env, 'query($w: [AttributeFilter!]) { features(layer: "street_lights", where: $w) { totalCount } }', { w: where });
    expect(bomb.status).toBe(400);
    expect(((await bomb.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: { measure: 'filterConditions' } });
    const bodyBytes = JSON.stringify({ query: 'query($w: [AttributeFilter!]) { features(layer: "street_lights", where: $w) { totalCount } }', variables: { w: where } }).length;
    expect(charged(bomb)).toBe(MAX_CHARGE + Math.floor(bodyBytes / 16384));
  });

  test('an empty bucket is answered 429 with Retry-After before the body is read, for every session of the user; others are served; it refills', async () => {
    const aliases = `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: features(layer: "street_lights", first: 5000) { totalCount }`).join(' ')} }`;
    // Two refused 300-alias bombs: the second is still let in (the bucket was not empty) and leaves it in debt.
    for (let i = 0; i < 2; i++) expect((await post(counter, aliases)).status).toBe(400);

    // 256 kB of a declared 2 MB body (over GRAPHQL_BODY_KB, so otherwise a 413): the 429 comes without the rest.
    const big = await rawRequest(get().url, { method: 'POST', path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${counter}` },
      declaredLength: 2 * 1024 * 1024, send: 256 * 1024, timeoutMs: 5000 });
    expect(big.status).toBe(429);
    expect(big.headers.connection).toBe('close');
    const retryAfter = Number(big.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(2);
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil((2 * MAX_CHARGE - POINTS + 1) / PER_SECOND));
    const error = JSON.parse(big.body).errors[0];
    expect(error.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'costBudgetExhausted', params: { points: POINTS, perSecond: PER_SECOND } });
    expect(error.message).toContain('受け付けを止めています');

    // The same user with another session, GET reads, /api and /ogc: all refused while the bucket is empty.
    const again = await get().login('counter');
    const read = await fetch(`${get().url}/graphql?query=${encodeURIComponent('{ me { username } }')}`, {
      headers: { authorization: `Bearer ${again}`, 'apollo-require-preflight': 'true' } });
    expect(read.status).toBe(429);
    const ogc = await fetch(`${get().url}/ogc/collections?f=json`, { headers: { authorization: `Bearer ${counter}` } });
    expect(ogc.status).toBe(429);
    expect(((await ogc.json()) as any).error).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'costBudgetExhausted' });
    expect(ogc.headers.get('retry-after')).toBeTruthy();

    // Another user is not affected.
    const other = await post(roads, '{ me { username } }');
    expect(other.status).toBe(200);
    expect(((await other.json()) as any).data.me.username).toBe('roads');

    // After Retry-After the bucket holds points again.
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 200));
    const later = await post(counter, '{ me { username } }');
    expect(later.status).toBe(200);
    expect(((await later.json()) as any).data.me.username).toBe('counter');
  });
}, { env: { COST_BUDGET_POINTS: String(POINTS), COST_BUDGET_PER_SECOND: String(PER_SECOND), GRAPHQL_BODY_KB: '512' } });

describeBackends('HTTP status of GraphQL requests refused before they run', (get) => {
  const call = (query: string, token?: string, method: 'GET' | 'POST' = 'POST') => (method === 'GET'
    ? fetch(`${get().url}/graphql?query=${encodeURIComponent(query)}`, {
      headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) } })
    : fetch(`${get().url}/graphql`, {
      method: 'POST', body: JSON.stringify({ query }),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } }));

  test('without a login: 401 UNAUTHENTICATED (POST and GET), the code still in the body; public operations unchanged', async () => {
    for (const method of ['POST', 'GET'] as const) {
      const res = await call('{ layers { key } }', undefined, method);
      expect([method, res.status]).toEqual([method, 401]);
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'loginRequired' });
      expect(body.errors[0].extensions.http).toBeUndefined();
    }
    // An expired or unknown session is the same.
    expect((await call('{ layers { key } }', 'no-such-session')).status).toBe(401);
    // Anyone may ask who they are and log in: answered 200 as before (a wrong password is an executed operation).
    const me = await call('{ me { username } }');
    expect(me.status).toBe(200);
    expect(((await me.json()) as any).data).toEqual({ me: null });
    const wrong = await call('mutation { login(username: "roads", password: "wrong-password") { token } }');
    expect(wrong.status).toBe(200);
    expect(((await wrong.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test('a read-only access token that writes: 403 FORBIDDEN; a refused cost: 400; an executed operation with a refused field: 200', async () => {
    const community = await get().login('community');
    const created = await get().gql('mutation { createAccessToken(input: { name: "status", expiresInDays: 30, readOnly: true }) { token } }', {}, community);
    const token = created.data.createAccessToken.token as string;
    const write = await call('mutation { logout }', token);
    expect(write.status).toBe(403);
    expect(((await write.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    const costly = await call(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { username }`).join(' ')} }`, community);
    expect(costly.status).toBe(400);
    expect(((await costly.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', cost: { measure: 'aliases' } });
    // An editor asking for the audit log (administrators only) runs the operation: the error is in a 200 answer.
    const partial = await call('{ me { username } auditLog(first: 1) { nextBefore } }', community);
    expect(partial.status).toBe(200);
    const body = (await partial.json()) as any;
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
