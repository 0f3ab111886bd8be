// The per-caller request budget (server/src/security/rate-limit.ts): one account looping on the API
// is answered 429 beyond its budget, while another account (or the same account's tiles) is not.
import { describeBackends } from '../helpers/backends';

const PER_SECOND = 5;

describeBackends('Request budget per caller', (get) => {
  let counter: string;
  let roads: string;
  beforeAll(async () => {
    counter = await get().login('counter');
    roads = await get().login('roads');
  });
  const graphql = (token: string) => fetch(`${get().url}/graphql`, {
    method: 'POST', body: JSON.stringify({ query: '{ me { username } }' }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });

  test('over the budget a GraphQL caller gets 429, Retry-After and a catalogued error; another account is served', async () => {
    // Sent together; the windows are fixed seconds, so a burst may straddle two of them: at most twice the budget passes.
    const burst = await Promise.all(Array.from({ length: PER_SECOND * 3 }, () => graphql(counter)));
    const refused = burst.filter((r) => r.status === 429);
    expect(burst.filter((r) => r.status === 200).length).toBeLessThanOrEqual(PER_SECOND * 2);
    expect(refused.length).toBeGreaterThanOrEqual(PER_SECOND);
    expect(refused[0].headers.get('retry-after')).toBe('1');
    const body: any = await refused[0].json();
    expect(body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'rateLimited', params: { perSecond: PER_SECOND } });
    expect(body.errors[0].message).toContain('要求が多すぎます');
    // Someone else's budget is untouched, and the caller's own comes back after the window.
    const other = await graphql(roads);
    expect(other.status).toBe(200);
    expect(((await other.json()) as any).data.me.username).toBe('roads');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await graphql(counter)).status).toBe(200);
  });

  test('REST and OGC routes share the API budget with their own error shape; tiles have their own', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const get_ = (path: string) => fetch(`${get().url}${path}`, { headers: { authorization: `Bearer ${counter}` } });
    const burst = await Promise.all(Array.from({ length: PER_SECOND * 3 }, () => get_('/ogc/collections?f=json')));
    const refused = burst.find((r) => r.status === 429);
    expect(refused).toBeDefined();
    expect(((await refused!.json()) as any).error).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'rateLimited' });
    const tile = await get_('/tiles/street_lights/14/14552/6451.pbf');
    expect(tile.status).not.toBe(429);
  });

  test('a desktop GIS paging through the OGC API one request after another is slowed to the budget, not refused', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    // As GDAL copies a layer: pages of 10, each asked once the one before has come.
    const started = Date.now();
    const statuses: number[] = [];
    for (let offset = 0; offset < PER_SECOND * 3 * 10; offset += 10) {
      const page = await fetch(`${get().url}/ogc/collections/street_lights/items?f=json&limit=10&offset=${offset}`, { headers: { authorization: `Bearer ${roads}` } });
      statuses.push(page.status);
      await page.arrayBuffer();
    }
    expect(statuses).toEqual(statuses.map(() => 200));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // three budgets' worth took at least two windows
    // The same paging on /api (not a feature service) is still refused at once.
    await new Promise((r) => setTimeout(r, 1100));
    const rest: number[] = [];
    for (let i = 0; i < PER_SECOND * 2; i++) rest.push((await fetch(`${get().url}/api/health`, { headers: { authorization: `Bearer ${roads}` } })).status);
    expect(rest).toContain(429);
  });

  test('callers without a login are counted per address', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const anonymous = await Promise.all(Array.from({ length: PER_SECOND * 3 }, () => fetch(`${get().url}/api/health`)));
    expect(anonymous.some((r) => r.status === 429)).toBe(true);
    expect(anonymous.filter((r) => r.status === 200).length).toBeLessThanOrEqual(PER_SECOND * 2);
  });
}, { env: { API_REQUESTS_PER_SECOND: String(PER_SECOND), TILE_REQUESTS_PER_SECOND: '1000' } });
