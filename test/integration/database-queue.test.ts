// The request deadline on the database queue (DATABASE_QUEUE_TIMEOUT_MS): work that cannot get a
// connection in time is answered with a coded error and leaves the queue without running. On the
// embedded database the one connection is held here as a long statement would hold it.
import { describeBackends } from '../helpers/backends';

describeBackends('Database queue deadline', (get) => {
  const holdEveryConnection = () => Promise.all(Array.from({ length: get().kind === 'pglite' ? 1 : 10 }, () => get().db.pool.connect()));

  test('work waiting longer than DATABASE_QUEUE_TIMEOUT_MS is answered databaseBusy, leaves the queue and never runs', async () => {
    const token = await get().login('roads');
    const page = await get().gql('{ features(layer: "street_lights", first: 1) { edges { node { id version attributes } } } }', undefined, token);
    const node = page.data.features.edges[0].node as { id: string; version: number; attributes: Record<string, unknown> };
    const held = await holdEveryConnection();
    let read, write;
    try {
      const t0 = Date.now();
      [read, write] = await Promise.all([
        get().gql('{ features(layer: "street_lights", first: 1) { totalCount } }', undefined, token),
        get().gql('mutation($c: [FeatureChangeInput!]!) { applyChanges(changes: $c) { id version } }',
          { c: [{ op: 'UPDATE', id: node.id, expectedVersion: node.version, attributes: { ...node.attributes, watts: 77 } }] }, token),
      ]);
      expect(Date.now() - t0).toBeLessThan(8000);
      expect(get().db.pool.waitingCount).toBe(0); // dropped, not left queued behind the held connection
    } finally {
      held.forEach((c) => c.release());
    }
    for (const r of [read, write]) {
      expect(r.data).toBeNull();
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'databaseBusy', retryAfter: 2 });
    }
    // The dropped write never ran, and once the connection is free everything is answered as before.
    const after = await get().gql('query($id: ID!) { feature(id: $id) { version attributes } }', { id: node.id }, token);
    expect(after.errors).toBeUndefined();
    expect(after.data.feature.version).toBe(node.version);
    expect(after.data.feature.attributes.watts).toEqual(node.attributes.watts);
  });

  test('REST and OGC API callers get 429 with Retry-After when the database is not free in time', async () => {
    const token = await get().login('roads');
    const items = `${get().url}/ogc/collections/street_lights/items?limit=1`;
    expect((await fetch(items, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200); // the session is known (cached)
    const held = await holdEveryConnection();
    let ogc: Response;
    try {
      ogc = await fetch(items, { headers: { authorization: `Bearer ${token}` } });
    } finally {
      held.forEach((c) => c.release());
    }
    expect(ogc.status).toBe(429);
    expect(ogc.headers.get('retry-after')).toBe('2');
    expect(await ogc.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((await fetch(items, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
}, { env: { DATABASE_QUEUE_TIMEOUT_MS: '500' } });
