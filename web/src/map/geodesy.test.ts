import { geodesicArea, geodesicLength, pixelsToMetres, toPlaneRectangular } from './geodesy';

const toPlaneRectangularIX = (p: [number, number]) => toPlaneRectangular(p, 6677);

describe('geodesy', () => {
  test('one minute of latitude at 35.7°N is about 1,849 m on GRS80', () => {
    const metres = geodesicLength([
      [140.17, 35.7],
      [140.17, 35.7 + 1 / 60],
    ]);
    expect(metres).toBeGreaterThan(1848);
    expect(metres).toBeLessThan(1850);
  });

  test('length adds up the segments of a polyline', () => {
    const a: [number, number] = [140.16, 35.67];
    const b: [number, number] = [140.17, 35.67];
    const c: [number, number] = [140.17, 35.68];
    expect(geodesicLength([a, b, c])).toBeCloseTo(geodesicLength([a, b]) + geodesicLength([b, c]), 6);
    expect(geodesicLength([a])).toBe(0);
  });

  test('the area of a 0.01° square near Yotsukaido is about 1.0 km², whichever way it is drawn', () => {
    const square: [number, number][] = [
      [140.16, 35.67],
      [140.17, 35.67],
      [140.17, 35.68],
      [140.16, 35.68],
    ];
    const { area, perimeter } = geodesicArea(square);
    // 0.01° of longitude ≈ 905 m and of latitude ≈ 1,109 m at this latitude.
    expect(area).toBeGreaterThan(1_000_000);
    expect(area).toBeLessThan(1_010_000);
    expect(perimeter).toBeGreaterThan(4000);
    expect(geodesicArea([...square].reverse()).area).toBeCloseTo(area, 3);
  });

  test('fewer than three points enclose no area', () => {
    expect(geodesicArea([[140.16, 35.67], [140.17, 35.67]]).area).toBe(0);
  });

  test('plane rectangular zone IX: the origin is (0, 0) and X grows to the north', () => {
    const origin = toPlaneRectangularIX([139 + 50 / 60, 36]);
    expect(origin.x).toBeCloseTo(0, 3);
    expect(origin.y).toBeCloseTo(0, 3);
    const north = toPlaneRectangularIX([139 + 50 / 60, 36.01]);
    expect(north.x).toBeGreaterThan(1100);
    expect(Math.abs(north.y)).toBeLessThan(0.001);
    const east = toPlaneRectangularIX([139 + 50 / 60 + 0.01, 36]);
    expect(east.y).toBeGreaterThan(890);
  });

  test('Yotsukaido City Hall lies south-east of the zone IX origin', () => {
    const { x, y } = toPlaneRectangularIX([140.1676, 35.6697]);
    expect(x).toBeGreaterThan(-37_000);
    expect(x).toBeLessThan(-36_000);
    expect(y).toBeGreaterThan(30_000);
    expect(y).toBeLessThan(31_000);
  });

  test('pixels to metres: 8 px at zoom 18 near 35.7°N is about 1.9 m (512 px tiles)', () => {
    const metres = pixelsToMetres(8, 18, 35.7);
    expect(metres).toBeGreaterThan(1.9);
    expect(metres).toBeLessThan(2);
    expect(pixelsToMetres(8, 17, 35.7)).toBeCloseTo(2 * metres, 9);
  });
});
