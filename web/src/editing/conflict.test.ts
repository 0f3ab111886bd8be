import { diffGraph } from './diff';
import { compareVersions, resolveConflict, type StoredVersion } from './conflict';
import { actionChangeAttributes, actionSetGeometry, draftFromFeature, emptyGraph, entity, type Base } from './graph';
import type { FieldDefinition, Layer } from '../api/model';

const f = (key: string, type: FieldDefinition['type'] = 'TEXT'): FieldDefinition => ({
  key, label: key, labelEn: key, type, required: false, options: null, min: null, max: null, maxLength: null, unit: null, computed: null, unique: false, format: null, restricted: null,
});
const fields = [f('mirror_no'), f('condition'), f('route_name'), f('notes')];
const layer = { key: 'curve_mirrors', fields } as unknown as Layer;
const layers = new Map([[layer.key, layer]]);

const original = draftFromFeature({
  id: '9', layerKey: 'curve_mirrors', version: 2, geometry: { type: 'Point', coordinates: [140, 35] },
  attributes: { mirror_no: 'M-9', condition: '良好', route_name: '1-01', notes: 'a' },
});
const base: Base = { '9': original };
// I changed condition and notes, and moved it.
let graph = actionChangeAttributes('9', { condition: '要補修', notes: 'mine' })(emptyGraph, base);
graph = actionSetGeometry('9', { type: 'Point', coordinates: [140.001, 35] })(graph, base);
// A colleague changed route_name and notes (version 3).
const theirs: StoredVersion = {
  id: '9', version: 3, deleted: false, geometry: { type: 'Point', coordinates: [140, 35] },
  attributes: { mirror_no: 'M-9', condition: '良好', route_name: '1-02', notes: 'theirs' },
};

describe('conflicts', () => {
  const comparison = compareVersions(original, entity(graph, base, '9')!, theirs, fields);

  test('rows show who changed what; a field both changed is a clash', () => {
    const byField = Object.fromEntries(comparison.rows.map((r) => [r.field, r]));
    expect(Object.keys(byField).sort()).toEqual(['condition', 'notes', 'route_name']);
    expect(byField.condition).toMatchObject({ mineChanged: true, theirsChanged: false, clash: false, suggested: 'mine' });
    expect(byField.route_name).toMatchObject({ mineChanged: false, theirsChanged: true, clash: false, suggested: 'theirs' });
    expect(byField.notes).toMatchObject({ mine: 'mine', theirs: 'theirs', clash: true });
    expect(comparison.geometry).toMatchObject({ mineChanged: true, theirsChanged: false, suggested: 'mine' });
  });

  test('merging field by field keeps both sides\' changes and saves on their version', () => {
    const merged = resolveConflict(base, graph, '9', theirs, { kind: 'merge', fields: { notes: 'theirs' }, geometry: 'mine' }, comparison);
    expect(entity(merged.graph, merged.base, '9')!.attributes).toEqual({ mirror_no: 'M-9', condition: '要補修', route_name: '1-02', notes: 'theirs' });
    const [change] = diffGraph(merged.base, merged.graph, layers);
    expect(change.input).toEqual({ op: 'UPDATE', id: '9', expectedVersion: 3, attributes: { condition: '要補修' }, geometry: { type: 'Point', coordinates: [140.001, 35] } });
  });

  test('keep mine overwrites what differs from theirs, on their version', () => {
    const kept = resolveConflict(base, graph, '9', theirs, { kind: 'mine' });
    const [change] = diffGraph(kept.base, kept.graph, layers);
    expect(change.input.expectedVersion).toBe(3);
    expect(change.input.attributes).toEqual({ condition: '要補修', route_name: '1-01', notes: 'mine' });
  });

  test('take theirs drops my changes to that feature', () => {
    const taken = resolveConflict(base, graph, '9', theirs, { kind: 'theirs' });
    expect(diffGraph(taken.base, taken.graph, layers)).toEqual([]);
    expect(entity(taken.graph, taken.base, '9')!.attributes.route_name).toBe('1-02');
  });
});
