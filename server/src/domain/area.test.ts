import { AREA_MAX_DISTANCE_M, areaPolygon, bufferDegrees, checkAreaDistance, checkAreaRing } from './area';

describe('area selection input', () => {
  test('a drawn ring of 3 corners is a polygon, closed for the query whether or not it was closed', () => {
    const ring = [[140.1, 35.6], [140.2, 35.6], [140.2, 35.7]];
    expect(checkAreaRing(ring)).toBeNull();
    expect(areaPolygon(ring).coordinates[0]).toEqual([...ring, ring[0]]);
    expect(areaPolygon([...ring, ring[0]]).coordinates[0]).toEqual([...ring, ring[0]]);
  });

  test('fewer than 3 different corners, a corner outside lon/lat or not a pair, and too many corners are refused', () => {
    expect(checkAreaRing([[140.1, 35.6], [140.2, 35.6], [140.1, 35.6]])).toMatch(/3 different corners/);
    expect(checkAreaRing([[140.1, 35.6], [140.2, 35.6], [140.2, 135.7]])).toMatch(/lat/);
    expect(checkAreaRing([[140.1, 35.6], [140.2, 35.6], [140.2]])).toMatch(/\[lon, lat\]/);
    const many = Array.from({ length: 1002 }, (_, i) => [140 + Math.cos(i) / 100, 35 + Math.sin(i) / 100]);
    expect(checkAreaRing(many)).toMatch(/at most 1000 corners/);
  });

  test('a buffer distance is 0 to 5,000 m', () => {
    expect(checkAreaDistance(0)).toBeNull();
    expect(checkAreaDistance(AREA_MAX_DISTANCE_M)).toBeNull();
    for (const bad of [-1, AREA_MAX_DISTANCE_M + 1, Number.NaN, '50', null]) expect(checkAreaDistance(bad)).toMatch(/0 to 5000 metres/);
  });

  test('the degree box covers the distance: 1 km is about 0.009° of latitude, and more longitude at 35°N', () => {
    const { degLon, degLat } = bufferDegrees(1000, 35.7);
    expect(degLat * 110_574).toBeGreaterThanOrEqual(1000);
    expect(degLat * 110_574).toBeLessThan(1020);
    // A degree of longitude at 35.7°N is about 90.4 km.
    expect(degLon * 111_320 * Math.cos((35.7 * Math.PI) / 180)).toBeGreaterThanOrEqual(1000);
    expect(degLon).toBeGreaterThan(degLat);
  });
});
