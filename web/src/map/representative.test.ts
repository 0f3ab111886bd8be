import { representativePoint } from './representative';

test('a point stands for itself', () => {
  expect(representativePoint({ type: 'Point', coordinates: [140.17, 35.67] })).toEqual([140.17, 35.67]);
});

test('a line is represented by the point halfway along it, not the middle vertex', () => {
  // Three vertices, the first leg three times as long as the second: halfway is inside the first leg.
  const p = representativePoint({ type: 'LineString', coordinates: [[0, 0], [0, 3], [0, 4]] })!;
  expect(p[0]).toBeCloseTo(0, 12);
  expect(p[1]).toBeCloseTo(2, 12);
});

test('a multi-line is represented on its longest part', () => {
  const p = representativePoint({ type: 'MultiLineString', coordinates: [[[10, 0], [10, 1]], [[0, 0], [0, 10]]] })!;
  expect(p).toEqual([0, 5]);
});

test('a convex polygon is represented by its centroid', () => {
  const p = representativePoint({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]] })!;
  expect(p[0]).toBeCloseTo(2, 12);
  expect(p[1]).toBeCloseTo(1, 12);
});

test('a U-shaped polygon whose centroid lies outside gives a point on its boundary instead', () => {
  // U shape: the centroid (2, ~1.4) falls in the notch.
  const ring = [[0, 0], [4, 0], [4, 4], [3, 4], [3, 1], [1, 1], [1, 4], [0, 4], [0, 0]];
  const p = representativePoint({ type: 'Polygon', coordinates: [ring] })!;
  expect(p).toEqual([2, 0]);
});
