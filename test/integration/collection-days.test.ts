import { describeBackends } from '../helpers/backends';

const CREATE = `mutation($geometry: GeoJSON!, $attributes: JSONObject) {
  createFeature(layer: "garbage_points", geometry: $geometry, attributes: $attributes) { id attributes } }`;
const point = { type: 'Point', coordinates: [140.17, 35.67] };
const base = { point_no: 'G-T-1', address: '鹿渡' };

describeBackends('収集曜日 through the edit path', (get) => {
  test('days in the schedule format are stored; other text is refused with the collectionDays problem', async () => {
    const env = await get().login('env');
    const ok = await get().gql(CREATE, { geometry: point, attributes: { ...base, burnable_days: '月・木', non_burnable_days: '第2・第4水曜' } }, env);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createFeature.attributes.non_burnable_days).toBe('第2・第4水曜');

    const bad = await get().gql(CREATE, { geometry: point, attributes: { ...base, point_no: 'G-T-2', burnable_days: '毎週月曜' } }, env);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ field: 'burnable_days', code: 'collectionDays' })]);
  });

  test('saving the layer through the API (which does not carry the format) keeps the 収集曜日 format and unique flags', async () => {
    const admin = await get().login('admin');
    const layer = (await get().gql(`{ layer(key: "garbage_points") { fields { key label labelEn type required options min max maxLength unit computed unique } } }`, {}, admin)).data.layer;
    const fields = layer.fields.map((f: Record<string, unknown>) => ({ ...f, unique: f.key === 'point_no' ? true : f.unique }));
    const saved = await get().gql(`mutation($fields: [FieldInput!]!) { updateLayer(key: "garbage_points", patch: { fields: $fields }) { key } }`, { fields }, admin);
    expect(saved.errors).toBeUndefined();
    const env = await get().login('env');
    const bad = await get().gql(CREATE, { geometry: point, attributes: { ...base, point_no: 'G-T-3', burnable_days: '毎週月曜' } }, env);
    expect(bad.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ field: 'burnable_days', code: 'collectionDays' })]);
    const again = await get().gql(`{ layer(key: "garbage_points") { fields { key unique } } }`, {}, admin);
    expect(again.data.layer.fields.find((f: { key: string }) => f.key === 'point_no').unique).toBe(true);
  });
});
