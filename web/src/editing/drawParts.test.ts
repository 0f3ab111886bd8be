import type { DraftFeature } from './graph';
import { asLayerGeometry, parseDrawId, toDrawFeatures, toolsFor, withPart } from './drawParts';

const draft = (geometry: DraftFeature['geometry']): DraftFeature => ({ key: '5', id: '5', layerKey: 'x', geometry, attributes: {}, version: 1, deleted: false });

describe('draw features from session features', () => {
  test('a single geometry is one draw feature under the session key, rounded to 9 decimals', () => {
    const [f] = toDrawFeatures(draft({ type: 'Point', coordinates: [140.1234567891234, 35.1] }), true);
    expect(f).toEqual({ id: '5', type: 'Feature', geometry: { type: 'Point', coordinates: [140.123456789, 35.1] }, properties: { mode: 'point', dirty: true } });
  });

  test('a multi-line is one draw feature per part, and an edited part goes back in its place', () => {
    const multi = { type: 'MultiLineString' as const, coordinates: [[[0, 0], [1, 0]], [[2, 0], [3, 0]]] };
    const parts = toDrawFeatures(draft(multi), false);
    expect(parts.map((p) => p.id)).toEqual(['5~0', '5~1']);
    expect(parseDrawId('5~1')).toEqual({ key: '5', part: 1 });
    expect(parseDrawId('new-3')).toEqual({ key: 'new-3', part: null });
    expect(withPart(multi, 1, { type: 'LineString', coordinates: [[2, 1], [3, 1]] })).toEqual({
      type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[2, 1], [3, 1]]],
    });
  });

  test('polygons with holes are left out (the drawing library cannot edit them)', () => {
    const holed = { type: 'Polygon' as const, coordinates: [[[0, 0], [4, 0], [4, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]] };
    expect(toDrawFeatures(draft(holed), false)).toEqual([]);
  });

  test('a drawn line on a layer that only takes MultiLineString becomes a one-part multi-line', () => {
    const line = { type: 'LineString' as const, coordinates: [[0, 0], [1, 1]] };
    expect(asLayerGeometry(line, ['LineString', 'MultiLineString'])).toBe(line);
    expect(asLayerGeometry(line, ['MultiLineString'])).toEqual({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]]] });
  });

  test('tools follow the layer\'s geometry types', () => {
    expect(toolsFor(['Point'])).toEqual(['point']);
    expect(toolsFor(['Polygon', 'LineString', 'MultiPolygon', 'MultiLineString'])).toEqual(['linestring', 'polygon']);
  });
});
