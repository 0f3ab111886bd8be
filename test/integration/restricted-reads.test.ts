import { describeBackends } from '../helpers/backends';

/** Reads of personal data (restricted fields) are in the audit log: one row per request, with the fields and feature counts. */
describeBackends('restricted field reads in the audit trail', (get) => {
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    for (const u of ['roads', 'counter', 'disaster']) tokens[u] = await get().login(u);
  });
  const readRows = async () => (await get().db.pool.query(
    `SELECT id, username, layer_key, row_count, details FROM audit_log WHERE kind = 'read.restricted' ORDER BY id`)).rows;
  /** The rows a call adds. */
  const added = async (call: () => Promise<unknown>) => {
    const before = (await readRows()).length;
    await call();
    return (await readRows()).slice(before);
  };

  test('a page of boundary records read by 道路管理課 is one row naming 立会者 and the number of features', async () => {
    const rows = await added(async () => {
      const r = await get().gql('{ features(layer: "boundary_records", first: 5) { edges { node { id attributes } } } }', {}, tokens.roads);
      expect(r.data.features.edges).toHaveLength(5);
      expect(r.data.features.edges[0].node.attributes).toHaveProperty('witnesses');
    });
    expect(rows).toEqual([expect.objectContaining({ username: 'roads', layer_key: 'boundary_records', row_count: 5,
      details: { via: 'graphql', layers: [{ layerKey: 'boundary_records', fields: ['witnesses'], features: 5 }] } })]);
  });

  test('one request over two layers is still one row; a named operation is recorded', async () => {
    const rows = await added(() => get().gql(`query Both {
      a: features(layer: "disaster_history", first: 2) { edges { node { id } } }
      b: features(layer: "disaster_history", first: 3) { edges { node { id } } }
      c: features(layer: "garbage_points", first: 2) { edges { node { id } } } }`, {}, tokens.disaster));
    expect(rows).toHaveLength(1);
    expect(rows[0].details).toEqual({ via: 'graphql', operation: 'Both',
      layers: [{ layerKey: 'disaster_history', fields: ['damage_summary', 'response'], features: 5 }] });
  });

  test('the counter, who does not read 立会者, and layers without personal data leave no row', async () => {
    const rows = await added(async () => {
      const r = await get().gql('{ features(layer: "boundary_records", first: 5) { edges { node { attributes } } } }', {}, tokens.counter);
      expect(r.data.features.edges[0].node.attributes).not.toHaveProperty('witnesses');
      await get().gql('{ features(layer: "curve_mirrors", first: 5) { edges { node { id } } } }', {}, tokens.roads);
    });
    expect(rows).toEqual([]);
  });

  test('one feature, its history, identify and the OGC API are logged too, each once per request', async () => {
    const id = (await get().db.pool.query(
      `SELECT f.id::text AS id, ST_X(ST_PointOnSurface(f.geom)) AS lon, ST_Y(ST_PointOnSurface(f.geom)) AS lat FROM feature f
       JOIN layer l ON l.id = f.layer_id WHERE l.key = 'boundary_records' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`)).rows[0];
    const one = await added(() => get().gql(`{ feature(id: "${id.id}") { attributes } }`, {}, tokens.roads));
    expect(one).toMatchObject([{ row_count: 1, details: { via: 'graphql', layers: [{ layerKey: 'boundary_records', features: 1 }] } }]);
    const history = await added(() => get().gql(`{ featureHistory(id: "${id.id}") { version } }`, {}, tokens.roads));
    expect(history).toMatchObject([{ details: { layers: [{ layerKey: 'boundary_records', fields: ['witnesses'] }] } }]);
    const at = await added(() => get().gql(`{ featuresAt(lon: ${id.lon}, lat: ${id.lat}, tolerance: 5, layers: ["boundary_records"]) { feature { id } } }`, {}, tokens.roads));
    expect(at).toMatchObject([{ details: { layers: [{ layerKey: 'boundary_records' }] } }]);
    const ogc = await added(async () => {
      const res = await fetch(`${get().url}/ogc/collections/boundary_records/items?limit=3`, { headers: { authorization: `Bearer ${tokens.roads}` } });
      expect(res.status).toBe(200);
      const item = await fetch(`${get().url}/ogc/collections/boundary_records/items/${id.id}`, { headers: { authorization: `Bearer ${tokens.roads}` } });
      expect(item.status).toBe(200);
    });
    expect(ogc).toMatchObject([
      { username: 'roads', row_count: 3, details: { via: 'ogc', layers: [{ layerKey: 'boundary_records', fields: ['witnesses'], features: 3 }] } },
      { row_count: 1, details: { via: 'ogc' } },
    ]);
  });
});
