import { describeBackends } from '../helpers/backends';
import { openSse, SseStream } from '../helpers/sse';

const UPDATE = `mutation($id: ID!, $v: Int!, $geometry: GeoJSON, $attributes: JSONObject) {
  updateFeature(id: $id, expectedVersion: $v, geometry: $geometry, attributes: $attributes) { id version } }`;
const CREATE = `mutation($layer: String!, $geometry: GeoJSON!, $attributes: JSONObject) {
  createFeature(layer: $layer, geometry: $geometry, attributes: $attributes) { id version } }`;
const APPLY = 'mutation($changes: [FeatureChangeInput!]!) { applyChanges(changes: $changes) { id version } }';

describeBackends('Live edit events', (get) => {
  const tokens: Record<string, string> = {};
  const streams: SseStream[] = [];
  beforeAll(async () => {
    for (const u of ['roads', 'counter']) tokens[u] = await get().login(u);
  });
  afterEach(() => { streams.splice(0).forEach((s) => s.close()); });
  const listen = async (user: string, lastEventId?: string) => {
    const s = await openSse(`${get().url}/api/events`, { authorization: `Bearer ${tokens[user]}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) });
    streams.push(s);
    return s;
  };
  const mirror = async () => {
    const { rows } = await get().db.pool.query(`SELECT f.id::text AS id, f.version FROM feature f JOIN layer l ON l.id = f.layer_id
      WHERE l.key = 'curve_mirrors' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`);
    return rows[0] as { id: string; version: number };
  };

  test('the stream needs a login', async () => {
    await expect(openSse(`${get().url}/api/events`)).rejects.toMatchObject({ status: 401 });
  });

  test("an editor's save reaches another user's stream with layer, id, version, operation, area and who", async () => {
    const viewer = await listen('counter');
    const m = await mirror();
    const r = await get().gql(UPDATE, { id: m.id, v: m.version, geometry: { type: 'Point', coordinates: [140.171, 35.671] } }, tokens.roads);
    expect(r.errors).toBeUndefined();
    const e = await viewer.next((x) => x.event === 'edit' && x.data.featureId === m.id);
    expect(e.data).toMatchObject({ layer: 'curve_mirrors', featureId: m.id, version: m.version + 1, operation: 'update', changedBy: expect.any(String) });
    expect(e.data.bbox).toHaveLength(4);
    expect(e.data.bbox[0]).toBeCloseTo(140.171, 6);
    expect(e.data.bbox[1]).toBeCloseTo(35.671, 6);
    expect(e.id).toMatch(/^[0-9a-z]+-\d+$/);
  });

  test('a refused edit (version conflict) announces nothing', async () => {
    const viewer = await listen('counter');
    const m = await mirror();
    const r = await get().gql(UPDATE, { id: m.id, v: m.version - 1 || 99, attributes: { condition: '良好' } }, tokens.roads);
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const ok = await get().gql(CREATE, { layer: 'curve_mirrors', geometry: { type: 'Point', coordinates: [140.17, 35.67] },
      attributes: { mirror_no: 'CM-LIVE1', shape: '丸', faces: '1面', mirror_size_mm: 800 } }, tokens.roads);
    expect(ok.errors).toBeUndefined();
    await viewer.next((x) => x.data.featureId === ok.data.createFeature.id && x.data.operation === 'create');
    expect(viewer.events.filter((x) => x.data.featureId === m.id)).toEqual([]);
  });

  test('a reconnect with Last-Event-ID receives what it missed, in order; an unknown id gets a reset', async () => {
    const first = await listen('counter');
    const m = await mirror();
    const a = await get().gql(UPDATE, { id: m.id, v: m.version, attributes: { condition: '良好' } }, tokens.roads);
    expect(a.errors).toBeUndefined();
    const seen = await first.next((x) => x.data.featureId === m.id && x.data.version === m.version + 1);
    first.close();
    // Two edits while disconnected.
    const b = await get().gql(UPDATE, { id: m.id, v: m.version + 1, attributes: { condition: '要補修' } }, tokens.roads);
    const c = await get().gql(UPDATE, { id: m.id, v: m.version + 2, attributes: { condition: '良好' } }, tokens.roads);
    expect(b.errors ?? c.errors).toBeUndefined();
    const resumed = await listen('counter', seen.id);
    await resumed.next((x) => x.data.version === m.version + 3);
    expect(resumed.events.filter((x) => x.data.featureId === m.id).map((x) => x.data.version)).toEqual([m.version + 2, m.version + 3]);
    const stale = await listen('counter', 'oldserver-5');
    await stale.next((x) => x.event === 'reset');
  });

  test('a reader gets no events of a layer it may not read', async () => {
    const admin = await get().login('admin');
    const RESTRICT = `mutation($access: LayerReadAccessInput) {
      updateLayer(key: "curve_mirrors", patch: { readAccess: $access }) { key } }`;
    expect((await get().gql(RESTRICT, { access: { departments: ['roads'] } }, admin)).errors).toBeUndefined();
    try {
      const viewer = await listen('counter');
      const editor = await listen('roads');
      const m = await mirror();
      const r = await get().gql(UPDATE, { id: m.id, v: m.version, attributes: { condition: '要清掃' } }, tokens.roads);
      expect(r.errors).toBeUndefined();
      // The roads editor (who may read the layer) sees it; then an edit the counter may read proves its stream is live.
      await editor.next((x) => x.data.featureId === m.id && x.data.version === m.version + 1);
      const { rows } = await get().db.pool.query(`SELECT f.id::text AS id, f.version FROM feature f JOIN layer l ON l.id = f.layer_id
        WHERE l.key = 'road_ledger' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`);
      const road = await get().gql(UPDATE, { id: rows[0].id, v: rows[0].version, attributes: { pavement: 'アスファルト' } }, tokens.roads);
      expect(road.errors).toBeUndefined();
      await viewer.next((x) => x.data.featureId === rows[0].id);
      expect(viewer.events.filter((x) => x.data.layer === 'curve_mirrors')).toEqual([]);
    } finally {
      expect((await get().gql(RESTRICT, { access: null }, admin)).errors).toBeUndefined();
    }
  });

  test('a large batch is one bulk event per layer with its extent and count', async () => {
    const viewer = await listen('counter');
    const changes = Array.from({ length: 201 }, (_, i) => ({ op: 'CREATE', layer: 'curve_mirrors',
      geometry: { type: 'Point', coordinates: [140.16 + i * 0.0001, 35.66] }, attributes: { mirror_no: `CM-BULK${i}`, shape: '丸', faces: '1面', mirror_size_mm: 800 } }));
    const r = await get().gql(APPLY, { changes }, tokens.roads);
    expect(r.errors).toBeUndefined();
    const e = await viewer.next((x) => x.data.operation === 'bulk');
    expect(e.data).toMatchObject({ layer: 'curve_mirrors', count: 201, featureId: null });
    expect(e.data.bbox[0]).toBeCloseTo(140.16, 6);
    expect(e.data.bbox[2]).toBeCloseTo(140.16 + 200 * 0.0001, 6);
  });
});
