import { addCorner, areaArgs, canClose, outlineOf, parseDistance } from './tableArea';

describe("the attribute table's area selection", () => {
  test('a box is sent as bbox, a polygon and a buffer as area', () => {
    expect(areaArgs(null)).toEqual({});
    expect(areaArgs({ kind: 'box', bbox: [1, 2, 3, 4] })).toEqual({ bbox: [1, 2, 3, 4] });
    expect(areaArgs({ kind: 'polygon', ring: [[0, 0], [1, 0], [1, 1]] })).toEqual({ area: { polygon: [[0, 0], [1, 0], [1, 1]] } });
    expect(areaArgs({ kind: 'buffer', featureId: '42', distance: 50 })).toEqual({ area: { around: '42', distance: 50 } });
  });

  test('corners are added one per click (a double click adds its corner once), and 3 different corners close a ring', () => {
    let ring: number[][] = [];
    for (const p of [[0, 0], [1, 0], [1, 0]]) ring = addCorner(ring, p);
    expect(ring).toEqual([[0, 0], [1, 0]]);
    expect(canClose(ring)).toBe(false);
    ring = addCorner(ring, [1, 1]);
    expect(canClose(ring)).toBe(true);
    expect(canClose([[0, 0], [1, 0], [0, 0]])).toBe(false);
  });

  test('the outline follows the cursor while drawing, then shows the chosen box, polygon or buffer (the server\'s outline)', () => {
    expect(outlineOf(null, [[0, 0]], [1, 1])).toEqual({ type: 'LineString', coordinates: [[0, 0], [1, 1]] });
    expect(outlineOf(null, [[0, 0], [1, 0]], [1, 1])).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    expect(outlineOf(null, [[0, 0]])).toBeNull();
    expect(outlineOf({ kind: 'box', bbox: [0, 0, 2, 1] })).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]] });
    expect(outlineOf({ kind: 'polygon', ring: [[0, 0], [1, 0], [1, 1]] })).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    expect(outlineOf({ kind: 'buffer', featureId: '1', distance: 10 })).toBeNull();
    const buffer: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    expect(outlineOf({ kind: 'buffer', featureId: '1', distance: 10, outline: buffer })).toBe(buffer);
    // The outline is drawn, not sent.
    expect(areaArgs({ kind: 'buffer', featureId: '1', distance: 10, outline: buffer })).toEqual({ area: { around: '1', distance: 10 } });
  });

  test('a distance is metres from 0 to 5,000, typed in half- or full-width digits', () => {
    expect(parseDistance('50')).toBe(50);
    expect(parseDistance('１２０')).toBe(120);
    expect(parseDistance('1,500 m')).toBe(1500);
    expect(parseDistance('0')).toBe(0);
    for (const bad of ['', '-5', '5001', 'abc']) expect(parseDistance(bad)).toBeNull();
  });
});
