import { describeBackends, TestServer } from '../helpers/backends';
import { openSse } from '../helpers/sse';

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
  const ogcCollection = await http('/ogc/collections/curve_mirrors');
  const ogcItem = await http(`/ogc/collections/curve_mirrors/items/${featureId}`);
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
    ogcCollection: ogcCollection.status === 200,
    ogcItem: ogcItem.status === 200,
  };
}

function layerReadPermission(get: () => TestServer) {
  describe('Layer read permission', () => {
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
}

const SECRET = '被害者 山田太郎 宅 床上浸水';
const CREATE_DISASTER = `mutation($attributes: JSONObject) {
  createFeature(layer: "disaster_history", geometry: { type: "Point", coordinates: [140.1722, 35.6722] }, attributes: $attributes) { id version } }`;
const UPDATE_DISASTER = 'mutation($id: ID!, $v: Int!, $a: JSONObject) { updateFeature(id: $id, expectedVersion: $v, attributes: $a) { id version } }';

/** Everything a caller can read about one feature, on every path that carries attributes, as one text. */
async function everythingAbout(t: TestServer, token: string, featureId: string): Promise<Record<string, string>> {
  const gql = async (q: string, v?: Record<string, unknown>) => JSON.stringify(await t.gql(q, v, token));
  const http = async (path: string) => {
    const r = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return `${r.status} ${Buffer.from(await r.arrayBuffer()).toString('utf8')}`;
  };
  return {
    layerFields: await gql('{ layer(key: "disaster_history") { fields { key } } }'),
    features: await gql('{ features(layer: "disaster_history", where: [{ field: "cause", eq: "PERM-TEST" }]) { edges { node { attributes } } } }'),
    feature: await gql('query($id: ID!) { feature(id: $id) { attributes } }', { id: featureId }),
    featuresAt: await gql('{ featuresAt(lon: 140.1722, lat: 35.6722, tolerance: 3) { feature { attributes } } }'),
    featuresNear: await gql('{ featuresNear(layer: "disaster_history", lon: 140.1722, lat: 35.6722, radius: 3) { feature { attributes } } }'),
    enquiry: await gql('{ enquiry(lon: 140.1722, lat: 35.6722, layers: ["disaster_history"]) { features { feature { attributes } } } }'),
    history: await gql('query($id: ID!) { featureHistory(id: $id) { attributes changes { field before after } } }', { id: featureId }),
    search: await gql('query($t: String!) { search(text: $t) { label sublabel featureId } }', { t: '山田太郎' }),
    filterByHidden: await gql('{ features(layer: "disaster_history", where: [{ field: "damage_summary", eq: "x" }]) { edges { node { id } } } }'),
    ogcFilterByHidden: await http(`/ogc/collections/disaster_history/items?filter=${encodeURIComponent("damage_summary LIKE '%山田%'")}`),
    ogcEqualityByHidden: await http('/ogc/collections/disaster_history/items?damage_summary=x'),
    exportCsv: await http('/api/layers/disaster_history/export?format=csv'),
    exportGeoJson: await http('/api/layers/disaster_history/export?format=geojson'),
    ogcItems: await http('/ogc/collections/disaster_history/items?limit=1000&f=json'),
    ogcItem: await http(`/ogc/collections/disaster_history/items/${featureId}?f=json`),
    ogcItemHtml: await http(`/ogc/collections/disaster_history/items/${featureId}?f=html`),
    ogcQueryables: await http('/ogc/collections/disaster_history/queryables'),
    tile: await http('/tiles/disaster_history/16/58285/25808.mvt'),
  };
}

function restrictedFields(get: () => TestServer) {
  describe('Restricted fields', () => {
    const tokens: Record<string, string> = {};
    let featureId = '';
    beforeAll(async () => {
      for (const u of ['admin', 'disaster', 'roads', 'counter']) tokens[u] = await get().login(u);
      const created = await get().gql(CREATE_DISASTER, { attributes: { disaster_type: '浸水', occurred_on: '2026-07-01', cause: 'PERM-TEST', damage_summary: 'なし' } }, tokens.disaster);
      featureId = created.data.createFeature.id;
      const updated = await get().gql(UPDATE_DISASTER, { id: featureId, v: 1, a: { damage_summary: SECRET, response: '土のう配布 (PERM-RESPONSE)' } }, tokens.disaster);
      expect(updated.errors).toBeUndefined();
  });

  test('the counter and other departments never receive the disaster details, on any read path', async () => {
    for (const outsider of ['counter', 'roads']) {
      const seen = await everythingAbout(get(), tokens[outsider], featureId);
      // The feature itself is there (the layer is readable) …
      expect(seen.feature).toContain('PERM-TEST');
      expect(seen.history).toContain('PERM-TEST');
      for (const [path, text] of Object.entries(seen).filter(([p]) => !/ByHidden$/.test(p))) {
        // … but not its restricted fields, anywhere.
        expect({ path, leaked: ['山田太郎', 'PERM-RESPONSE', 'damage_summary', '被害概要'].some((s) => text.includes(s)) }).toEqual({ path, leaked: false });
      }
      // Filtering by a hidden field is refused like an unknown field (it would otherwise reveal values).
      expect(seen.filterByHidden).toContain('BAD_USER_INPUT');
      // So is it in the OGC API: CQL2 or an equality parameter on a hidden field is a 400, as for an unknown property.
      expect(seen.ogcFilterByHidden.slice(0, 3)).toBe('400');
      expect(seen.ogcEqualityByHidden.slice(0, 3)).toBe('400');
      expect(seen.tile.startsWith('200')).toBe(true);
    }
  });

  test('the disaster office (editors) and administrators read them', async () => {
    for (const insider of ['disaster', 'admin']) {
      const seen = await everythingAbout(get(), tokens[insider], featureId);
      for (const path of ['layerFields', 'features', 'feature', 'featuresAt', 'featuresNear', 'enquiry', 'history', 'exportCsv', 'exportGeoJson', 'ogcItem', 'ogcItemHtml', 'ogcQueryables']) {
        expect({ path, shown: seen[path].includes('damage_summary') || seen[path].includes('被害概要') }).toEqual({ path, shown: true });
      }
      expect(seen.feature).toContain('山田太郎');
      expect(seen.ogcFilterByHidden).toMatch(/^200 .*"numberMatched":1\b/s); // the same filter finds it for those who read the field
      expect(seen.history).toContain('山田太郎');
      expect(seen.exportCsv).toContain('山田太郎');
      // Tiles and the search key are shared: never the restricted text, not even for insiders.
      expect(seen.tile.startsWith('200') && seen.tile.includes('浸水')).toBe(true);
      expect(seen.tile).not.toContain('山田太郎');
      expect(seen.search).not.toContain(featureId);
    }
  });

  test('the live event stream carries no attributes: an edit of a restricted field reaches the counter without its value', async () => {
    const stream = await openSse(`${get().url}/api/events`, { authorization: `Bearer ${tokens.counter}` });
    try {
      const version = (await get().gql('query($id: ID!) { feature(id: $id) { version } }', { id: featureId }, tokens.disaster)).data.feature.version;
      const r = await get().gql(UPDATE_DISASTER, { id: featureId, v: version, a: { response: '土のう配布 (PERM-RESPONSE) 避難所開設 (PERM-LIVE)' } }, tokens.disaster);
      expect(r.errors).toBeUndefined();
      const event = await stream.next((e) => e.event === 'edit' && e.data.featureId === featureId && e.data.version === version + 1);
      expect(event.data).toMatchObject({ layer: 'disaster_history', operation: 'update' });
      expect(['PERM-LIVE', '山田太郎', 'response', 'damage_summary'].filter((s) => JSON.stringify(event.data).includes(s))).toEqual([]);
    } finally {
      stream.close();
    }
  });

  test('a listed department is allowed; saving fields without `restricted` keeps the restriction', async () => {
    const FIELDS = '{ layer(key: "disaster_history") { fields { key label labelEn type required options maxLength unit computed unique } } }';
    const fields = (await get().gql(FIELDS, {}, tokens.admin)).data.layer.fields.map((f: any) =>
      Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null)));
    const save = (fs: unknown) => get().gql('mutation($f: [FieldInput!]!) { updateLayer(key: "disaster_history", patch: { fields: $f }) { key } }', { f: fs }, tokens.admin);
    expect((await save(fields)).errors).toBeUndefined();
    expect((await everythingAbout(get(), tokens.counter, featureId)).feature).not.toContain('山田太郎');
    const withCounter = fields.map((f: any) => (f.key === 'damage_summary' ? { ...f, restricted: { departments: ['roads'] } } : f));
    expect((await save(withCounter)).errors).toBeUndefined();
    expect((await everythingAbout(get(), tokens.roads, featureId)).feature).toContain('山田太郎');
    expect((await everythingAbout(get(), tokens.roads, featureId)).feature).not.toContain('PERM-RESPONSE');
    expect((await everythingAbout(get(), tokens.counter, featureId)).feature).not.toContain('山田太郎');
  });
  });
}

// One server per backend for both groups: the first leaves the layers as it found them.
describeBackends('Read permissions', (get) => {
  layerReadPermission(get);
  restrictedFields(get);
});
