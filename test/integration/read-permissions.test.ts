import { describeBackends, TestServer } from '../helpers/backends';

const CREATE = `mutation($attributes: JSONObject) {
  createFeature(layer: "curve_mirrors", geometry: { type: "Point", coordinates: [140.1713, 35.6713] }, attributes: $attributes) { id } }`;
const RESTRICT = `mutation($access: LayerReadAccessInput) {
  updateLayer(key: "curve_mirrors", patch: { readAccess: $access }) { key readAccess { departments users } } }`;
const MIRROR_NO = 'CM-PERM-7731';

/** Every read path, as one caller: what each returns about the restricted layer (true = the layer or feature is visible). */
async function readPaths(t: TestServer, token: string, featureId: string): Promise<Record<string, boolean>> {
  const gql = (q: string, v?: Record<string, unknown>) => t.gql(q, v, token);
  const http = (path: string) => fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const layers = await gql('{ layers { key } }');
  const layer = await gql('{ layer(key: "curve_mirrors") { key } }');
  const features = await gql('query($t: String) { features(layer: "curve_mirrors", search: $t) { edges { node { id } } } }', { t: MIRROR_NO });
  const feature = await gql('query($id: ID!) { feature(id: $id) { id } }', { id: featureId });
  const at = await gql('{ featuresAt(lon: 140.1713, lat: 35.6713, tolerance: 5) { feature { id } } }');
  const near = await gql('{ featuresNear(layer: "curve_mirrors", lon: 140.1713, lat: 35.6713, radius: 5) { feature { id } } }');
  const search = await gql('query($t: String!) { search(text: $t) { featureId } }', { t: MIRROR_NO });
  const history = await gql('query($id: ID!) { featureHistory(id: $id) { version } }', { id: featureId });
  const attachments = await gql('query($id: ID!) { attachments(featureId: $id) { id } }', { id: featureId });
  const enquiry = await gql('{ enquiry(lon: 140.1713, lat: 35.6713) { curveMirror { feature { id } } } }');
  const tile = await http('/tiles/curve_mirrors/14/14571/6459.mvt');
  const tileJson = await http('/tiles/curve_mirrors.json');
  const exported = await http('/api/layers/curve_mirrors/export?format=csv');
  const body = await exported.text();
  return {
    layers: !!layers.data?.layers.some((l: any) => l.key === 'curve_mirrors'),
    layer: !!layer.data?.layer,
    features: !!features.data?.features.edges.some((e: any) => e.node.id === featureId),
    feature: !!feature.data?.feature,
    featuresAt: !!at.data?.featuresAt.some((h: any) => h.feature.id === featureId),
    featuresNear: !!near.data?.featuresNear.some((h: any) => h.feature.id === featureId),
    search: !!search.data?.search.some((s: any) => s.featureId === featureId),
    featureHistory: !!history.data?.featureHistory?.length,
    attachments: !!attachments.data?.attachments,
    enquiry: enquiry.data?.enquiry.curveMirror?.feature.id === featureId,
    tile: tile.status === 200,
    tileJson: tileJson.status === 200,
    export: exported.status === 200 && body.includes(MIRROR_NO),
  };
}

describeBackends('Layer read permission', (get) => {
  const tokens: Record<string, string> = {};
  let featureId = '';
  beforeAll(async () => {
    for (const u of ['admin', 'roads', 'env', 'disaster', 'counter']) tokens[u] = await get().login(u);
    const created = await get().gql(CREATE, { attributes: { mirror_no: MIRROR_NO, shape: '丸' } }, tokens.roads);
    featureId = created.data.createFeature.id;
  });
  const allTrue = (r: Record<string, boolean>) => Object.fromEntries(Object.keys(r).map((k) => [k, true]));
  const allFalse = (r: Record<string, boolean>) => Object.fromEntries(Object.keys(r).map((k) => [k, false]));

  test('a layer open to all staff is readable everywhere by a viewer', async () => {
    const r = await readPaths(get(), tokens.counter, featureId);
    expect(r).toEqual(allTrue(r));
  });

  test('only administrators set who may read a layer, and unknown departments are refused', async () => {
    const byEditor = await get().gql(RESTRICT, { access: { departments: ['disaster'] } }, tokens.roads);
    expect(byEditor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await get().gql(RESTRICT, { access: { departments: ['nowhere'] } }, tokens.admin);
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('a restricted layer does not exist for others on any read path; its editors, listed departments and admins read it', async () => {
    const set = await get().gql(RESTRICT, { access: { departments: ['disaster'] } }, tokens.admin);
    expect(set.data.updateLayer.readAccess).toEqual({ departments: ['disaster'], users: [] });
    for (const outsider of ['counter', 'env']) {
      const r = await readPaths(get(), tokens[outsider], featureId);
      expect(r).toEqual(allFalse(r));
    }
    // Unreadable looks like unknown: the same error code as a layer that was never there.
    const hidden = await get().gql('{ features(layer: "curve_mirrors") { edges { node { id } } } }', {}, tokens.counter);
    const never = await get().gql('{ features(layer: "no_such_layer") { edges { node { id } } } }', {}, tokens.counter);
    expect(never.errors?.[0].extensions?.code).toBeDefined();
    expect(hidden.errors?.[0].extensions?.code).toBe(never.errors?.[0].extensions?.code);
    expect((await get().gql('query($id: ID!) { featureHistory(id: $id) { version } }', { id: featureId }, tokens.counter)).errors?.[0].extensions?.code)
      .toBe('NOT_FOUND');
    for (const reader of ['roads', 'disaster', 'admin']) {
      const r = await readPaths(get(), tokens[reader], featureId);
      expect(r).toEqual(allTrue(r));
    }
  });

  test('a listed user reads the layer; clearing the restriction opens it to all staff again', async () => {
    const counterId = Number((await get().gql('{ me { id } }', {}, tokens.counter)).data.me.id);
    await get().gql(RESTRICT, { access: { departments: [], users: [counterId] } }, tokens.admin);
    expect((await readPaths(get(), tokens.counter, featureId)).features).toBe(true);
    expect((await readPaths(get(), tokens.env, featureId)).features).toBe(false);
    const cleared = await get().gql(RESTRICT, { access: null }, tokens.admin);
    expect(cleared.data.updateLayer.readAccess).toBeNull();
    const r = await readPaths(get(), tokens.env, featureId);
    expect(r).toEqual(allTrue(r));
  });
});
