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

  test('saving the layer without the format (an older client) keeps the 収集曜日 format and unique flags', async () => {
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

  test('the layer form sends the format: a new text field can be given 収集曜日, null removes it, a number field cannot have it', async () => {
    const admin = await get().login('admin');
    const read = async () => (await get().gql(`{ layer(key: "garbage_points") { fields { key label labelEn type required options min max maxLength unit computed unique format } } }`, {}, admin)).data.layer.fields as Record<string, unknown>[];
    const save = (fields: Record<string, unknown>[]) => get().gql(`mutation($fields: [FieldInput!]!) { updateLayer(key: "garbage_points", patch: { fields: $fields }) { key } }`, { fields }, admin);
    const fields = await read();
    const extra = { key: 'bulky_days', label: '収集曜日(粗大ごみ)', labelEn: 'Bulky', type: 'TEXT', required: false, maxLength: 30, unique: false, format: 'collectionDays' };
    expect((await save([...fields, extra])).errors).toBeUndefined();
    expect((await read()).find((f) => f.key === 'bulky_days')?.format).toBe('collectionDays');
    const env = await get().login('env');
    const bad = await get().gql(CREATE, { geometry: point, attributes: { ...base, point_no: 'G-T-4', bulky_days: '毎週月曜' } }, env);
    expect(bad.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ field: 'bulky_days', code: 'collectionDays' })]);

    const cleared = (await read()).map((f) => (f.key === 'burnable_days' ? { ...f, format: null } : f));
    expect((await save(cleared)).errors).toBeUndefined();
    expect((await read()).find((f) => f.key === 'burnable_days')?.format).toBeNull();
    const free = await get().gql(CREATE, { geometry: point, attributes: { ...base, point_no: 'G-T-5', burnable_days: '毎週月曜' } }, env);
    expect(free.errors).toBeUndefined();

    const numeric = await save([...(await read()), { key: 'bins', label: '容器数', type: 'INTEGER', required: false, unique: false, format: 'collectionDays' }]);
    expect(numeric.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(numeric.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ field: 'bins', code: 'fieldFormat' })]);
  });
});
