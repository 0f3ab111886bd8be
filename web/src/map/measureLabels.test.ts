import { planeToLonLat } from './geodesy';
import { measureLabels } from './measureLabels';

const ZONE_IX = 6677;
// A 30 m × 40 m rectangle laid out in zone IX near Yotsukaido station (X northing, Y easting).
const origin = { x: -36000, y: 14000 };
const corners = [[0, 0], [30, 0], [30, 40], [0, 40]].map(([dx, dy]) => planeToLonLat(origin.x + dx, origin.y + dy, ZONE_IX));

test('a distance labels each side with its plane length at its middle', () => {
  const labels = measureLabels(corners.slice(0, 3), false, ZONE_IX);
  expect(labels.map((l) => l.kind)).toEqual(['side', 'side']);
  expect(labels[0].value).toBeCloseTo(30, 6);
  expect(labels[1].value).toBeCloseTo(40, 6);
  expect(labels[0].at[0]).toBeCloseTo((corners[0][0] + corners[1][0]) / 2, 12);
});

test('an area labels the closing side too and the plane area inside, whichever way round', () => {
  for (const ring of [corners, [...corners].reverse()]) {
    const labels = measureLabels(ring, true, ZONE_IX);
    expect(labels.filter((l) => l.kind === 'side').map((l) => Math.round(l.value * 1000) / 1000).sort()).toEqual([30, 30, 40, 40]);
    const area = labels.find((l) => l.kind === 'area')!;
    expect(area.value).toBeCloseTo(1200, 4);
  }
});

test('the same spot clicked twice gives no zero-length label; one point gives none', () => {
  expect(measureLabels([corners[0], corners[0]], false, ZONE_IX)).toEqual([]);
  expect(measureLabels([corners[0]], false, ZONE_IX)).toEqual([]);
});
