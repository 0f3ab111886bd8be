import type { Layer } from '../api/model';
import { diffGraph, geometryEquals } from './diff';
import {
  actionAddFeature, actionChangeAttributes, actionDeleteFeature, actionRevertFeature, actionSetGeometry,
  draftFromFeature, emptyGraph, entities, entity, translateGeometry, type Base,
} from './graph';

const mirrors: Layer = {
  key: 'curve_mirrors', nameJa: 'カーブミラー', nameEn: 'Curve mirrors', department: { key: 'roads', nameJa: '道路管理課', nameEn: 'Roads' }, canEdit: true, role: null, kind: "VECTOR", basemap: false, published: false, publishedFields: null, readAccess: null, geometryTypes: ['Point'], style: null,
  featureCount: 1, extent: null, labelField: 'mirror_no',
  fields: [
    { key: 'mirror_no', label: '管理番号', labelEn: '', type: 'TEXT', required: true, options: null, min: null, max: null, maxLength: 20, unit: null, computed: null, unique: false, format: null, restricted: null },
    { key: 'condition', label: '状態', labelEn: '', type: 'ENUM', required: false, options: ['良好', '要清掃'], min: null, max: null, maxLength: null, unit: null, computed: null, unique: false, format: null, restricted: null },
  ],
};
const roads: Layer = {
  ...mirrors, key: 'road_ledger', geometryTypes: ['LineString'],
  fields: [{ key: 'length_m', label: '延長', labelEn: '', type: 'NUMBER', required: false, options: null, min: null, max: null, maxLength: null, unit: 'm', computed: 'LENGTH', unique: false, format: null, restricted: null }],
};
const layers = new Map([mirrors, roads].map((l) => [l.key, l]));

const stored = draftFromFeature({
  id: '7', layerKey: 'curve_mirrors', version: 3,
  geometry: { type: 'Point', coordinates: [140.1, 35.6] },
  attributes: { mirror_no: 'M-7', condition: '良好' },
});
const base: Base = { '7': stored };

describe('edit graph actions and the save diff', () => {
  test('actions are pure: the graph they were given is unchanged', () => {
    const g1 = actionSetGeometry('7', { type: 'Point', coordinates: [140.2, 35.6] })(emptyGraph, base);
    expect(emptyGraph.local).toEqual({});
    expect(entity(emptyGraph, base, '7')!.geometry).toEqual(stored.geometry);
    expect(entity(g1, base, '7')!.geometry).toEqual({ type: 'Point', coordinates: [140.2, 35.6] });
  });

  test('a loaded feature that was not changed is not saved', () => {
    expect(diffGraph(base, emptyGraph, layers)).toEqual([]);
  });

  test('an update sends only the changed fields and the version it was made on', () => {
    const g = actionChangeAttributes('7', { condition: '要清掃' })(emptyGraph, base);
    const [change] = diffGraph(base, g, layers);
    expect(change.input).toEqual({ op: 'UPDATE', id: '7', expectedVersion: 3, attributes: { condition: '要清掃' } });
    expect(change.geometryChanged).toBe(false);
  });

  test('clearing a field sends null', () => {
    const g = actionChangeAttributes('7', { condition: '' })(emptyGraph, base);
    expect(diffGraph(base, g, layers)[0].input.attributes).toEqual({ condition: null });
  });

  test('moving a feature away and back again is no change', () => {
    let g = actionSetGeometry('7', translateGeometry(stored.geometry, 0.001, 0))(emptyGraph, base);
    expect(diffGraph(base, g, layers)[0].input.geometry).toEqual({ type: 'Point', coordinates: [140.101, 35.6] });
    g = actionSetGeometry('7', translateGeometry(entity(g, base, '7')!.geometry, -0.001, 0))(g, base);
    expect(diffGraph(base, g, layers)).toEqual([]);
  });

  test('a new feature is created with its non-empty, non-computed attributes', () => {
    const g = actionAddFeature({ key: 'new-1', layerKey: 'road_ledger', geometry: { type: 'LineString', coordinates: [[140, 35], [140.1, 35]] }, attributes: { length_m: 5, note: '' } })(emptyGraph, base);
    const [change] = diffGraph(base, g, layers);
    expect(change.kind).toBe('create');
    expect(change.input).toEqual({ op: 'CREATE', layer: 'road_ledger', geometry: { type: 'LineString', coordinates: [[140, 35], [140.1, 35]] }, attributes: {} });
    expect(entities(g, base).map((f) => f.key).sort()).toEqual(['7', 'new-1']);
  });

  test('deleting a new feature leaves nothing to save; deleting a stored one is a DELETE', () => {
    let g = actionAddFeature({ key: 'new-1', layerKey: 'curve_mirrors', geometry: { type: 'Point', coordinates: [140, 35] }, attributes: {} })(emptyGraph, base);
    g = actionDeleteFeature('new-1')(g, base);
    expect(diffGraph(base, g, layers)).toEqual([]);
    g = actionDeleteFeature('7')(g, base);
    expect(diffGraph(base, g, layers).map((c) => c.input)).toEqual([{ op: 'DELETE', id: '7', expectedVersion: 3 }]);
    expect(entities(g, base)).toEqual([]);
    expect(diffGraph(base, actionRevertFeature('7')(g, base), layers)).toEqual([]);
  });

  test('geometries within a centimetre are equal (7 decimals in reads, 9 in conflicts)', () => {
    expect(geometryEquals({ type: 'Point', coordinates: [140.1234567, 35.6] }, { type: 'Point', coordinates: [140.123456749, 35.6] })).toBe(true);
    expect(geometryEquals({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }, { type: 'LineString', coordinates: [[0, 0]] })).toBe(false);
    expect(geometryEquals({ type: 'Point', coordinates: [140.1, 35.6] }, { type: 'Point', coordinates: [140.1 + 1e-6, 35.6] })).toBe(false);
  });
});
