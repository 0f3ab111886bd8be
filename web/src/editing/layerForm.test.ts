import type { Layer } from '../api/model';
import { checkLayerDraft, draftFromLayer, emptyField, fieldInput, layerInput, newLayerDraft, styleObject } from './layerForm';

describe('layer administration form', () => {
  test('a new layer with a valid field passes and becomes the API input with a style per geometry kind', () => {
    const draft = { ...newLayerDraft('roads'), key: 'fire_hydrants', nameJa: '消火栓', nameEn: 'Fire hydrants' };
    expect(checkLayerDraft(draft)).toEqual([]);
    const input = layerInput(draft);
    expect(input).toMatchObject({ key: 'fire_hydrants', departmentKey: 'roads', geometryTypes: ['Point'] });
    expect(input.fields).toEqual([{ key: 'name', label: '名称', labelEn: 'Name', type: 'TEXT', required: true, options: null, min: null, max: null, maxLength: null, unit: null, computed: null, unique: false, restricted: null, format: null }]);
    expect(input.style).toEqual({ color: '#0b7285', circle: { 'circle-color': '#0b7285', 'circle-radius': 5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } });
  });

  test('the server\'s rules are said before sending: keys, duplicates, labels, enum options, min ≤ max', () => {
    const draft = newLayerDraft('');
    draft.key = 'Bad Key';
    draft.fields = [
      { ...emptyField(), key: 'a', label: 'A' },
      { ...emptyField(), key: 'a', label: '' },
      { ...emptyField(), key: 'kind', label: '種別', type: 'ENUM', options: ' 、 ' },
      { ...emptyField(), key: 'size', label: '大きさ', type: 'INTEGER', min: '10', max: '5' },
    ];
    draft.labelField = 'missing';
    expect(checkLayerDraft(draft).map((p) => p.path)).toEqual([
      'layer.key', 'layer.nameJa', 'layer.departmentKey', 'fields.1.key', 'fields.1.label', 'fields.2.options', 'fields.3.max', 'layer.labelField',
    ]);
  });

  test('an existing layer round-trips, with enum options split on 、 or commas', () => {
    const layer = {
      key: 'curve_mirrors', nameJa: 'カーブミラー', nameEn: 'Curve mirrors', department: { key: 'roads', nameJa: '', nameEn: '' },
      geometryTypes: ['Point'], labelField: 'mirror_no', featureCount: 0, extent: null,
      style: { color: '#1971c2', circle: { 'circle-color': '#1971c2', 'circle-radius': 5 } },
      fields: [{ key: 'shape', label: '鏡面形状', labelEn: 'Shape', type: 'ENUM', required: false, options: ['丸', '角'], min: null, max: null, maxLength: null, unit: null, computed: null, unique: false, format: null, restricted: null }],
      canEdit: true, role: null, kind: "VECTOR", basemap: false, published: false, publishedFields: null, readAccess: null,
    } as Layer;
    const draft = draftFromLayer(layer);
    expect(draft.fields[0]).toMatchObject({ options: '丸、角', existing: true });
    draft.fields[0].options = '丸, 角,三角';
    expect(layerInput(draft).fields[0].options).toEqual(['丸', '角', '三角']);
    expect(styleObject({ ...draft, geometryTypes: ['Polygon'] })).toEqual({
      color: '#1971c2', line: { 'line-color': '#1971c2', 'line-width': 3 }, fill: { 'fill-color': '#1971c2', 'fill-opacity': 0.3 },
    });
  });
});

describe('restricted fields in the layer form', () => {
  test('a restriction read from the server is sent back unchanged, and lifting it sends null', () => {
    const field = { key: 'witnesses', label: '立会者', labelEn: 'Witnesses', type: 'TEXT' as const, required: false, options: null, min: null, max: null,
      maxLength: 300, unit: null, computed: null, restricted: { departments: ['roads', 'disaster'], users: [7] } };
    const layer = { key: 'boundary_records', nameJa: '境界確定', nameEn: 'Boundary', labelField: null, geometryTypes: ['Polygon'],
      department: { key: 'roads', nameJa: '道路管理課', nameEn: 'Roads' }, style: {}, fields: [field] } as never;
    const draft = draftFromLayer(layer);
    expect(draft.fields[0].restricted).toBe('roads、disaster');
    expect(layerInput(draft).fields[0].restricted).toEqual({ departments: ['roads', 'disaster'], users: [7] });
    expect(layerInput({ ...draft, fields: [{ ...draft.fields[0], restricted: null }] }).fields[0].restricted).toBeNull();
  });
});

test('a unique field read from the server stays unique when the layer is saved (the API would default it to false)', () => {
  const field = { key: 'record_no', label: '確定番号', labelEn: null, type: 'TEXT' as const, required: true, options: null, min: null, max: null,
    maxLength: 30, unit: null, computed: null, unique: true, format: null, restricted: null };
  const layer = { key: 'boundary_records', nameJa: '境界確定', nameEn: 'Boundary', labelField: null, geometryTypes: ['Polygon'],
    department: { key: 'roads', nameJa: '道路管理課', nameEn: 'Roads' }, style: {}, fields: [field] } as never;
  expect(layerInput(draftFromLayer(layer)).fields[0].unique).toBe(true);
});

test("a layer's role (道路台帳 …) comes into the form and goes back in the input; a new layer plays none", () => {
  const layer = { key: 'boundary_records', nameJa: '境界確定', nameEn: 'Boundary', labelField: null, geometryTypes: ['Polygon'], role: 'BOUNDARY_RECORDS',
    department: { key: 'roads', nameJa: '道路管理課', nameEn: 'Roads' }, style: {}, fields: [] } as never;
  expect(draftFromLayer(layer).role).toBe('BOUNDARY_RECORDS');
  expect(layerInput({ ...draftFromLayer(layer), role: 'ROAD_LEDGER' }).role).toBe('ROAD_LEDGER');
  expect(layerInput(newLayerDraft('roads')).role).toBeNull();
});

test('a layer key the server refuses is refused before sending: one letter is too short, 63 characters is the most', () => {
  const draft = { ...newLayerDraft('roads'), nameJa: 'テスト' };
  const keyProblems = (key: string) => checkLayerDraft({ ...draft, key }).filter((p) => p.path === 'layer.key');
  expect(keyProblems('a')).toHaveLength(1);
  expect(keyProblems('ab')).toEqual([]);
  expect(keyProblems(`a${'b'.repeat(62)}`)).toEqual([]);
  expect(keyProblems(`a${'b'.repeat(63)}`)).toHaveLength(1);
  // A one-letter field key stays valid, as on the server.
  expect(checkLayerDraft({ ...draft, key: 'ab', fields: [{ ...emptyField(), key: 'x', label: 'X' }] })).toEqual([]);
});

test("a field's format (収集曜日) read from the server goes back when the layer is saved; a field made numeric drops it", () => {
  const field = { key: 'burnable_days', label: '収集曜日(可燃ごみ)', labelEn: null, type: 'TEXT' as const, required: false, options: null, min: null, max: null,
    maxLength: 30, unit: null, computed: null, unique: false, format: 'collectionDays', restricted: null };
  const layer = { key: 'garbage_points', nameJa: 'ゴミ集積所', nameEn: 'Garbage points', labelField: null, geometryTypes: ['Point'],
    department: { key: 'env', nameJa: '環境課', nameEn: 'Environment' }, style: {}, fields: [field, { ...field, key: 'note', format: null }] } as never;
  const draft = draftFromLayer(layer);
  expect(layerInput(draft).fields.map((f) => f.format)).toEqual(['collectionDays', null]);
  expect(fieldInput({ ...draft.fields[0], type: 'INTEGER' }).format).toBeNull();
  expect(layerInput(newLayerDraft('env')).fields[0].format).toBeNull();
});
