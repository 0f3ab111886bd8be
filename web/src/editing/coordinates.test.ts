import { planeToLonLat, toPlaneRectangular } from '../map/geodesy';
import { parseCoordinateLines } from './coordinates';

const ZONE_IX = 6677;
const toPlaneRectangularIX = (p: [number, number]) => toPlaneRectangular(p, ZONE_IX);
const planeIXToLonLat = (x: number, y: number) => planeToLonLat(x, y, ZONE_IX);

describe('coordinates typed by hand', () => {
  test('zone IX X/Y round-trips with the forward conversion to below a millimetre', () => {
    const lonLat: [number, number] = [140.168, 35.67];
    const { x, y } = toPlaneRectangularIX(lonLat);
    const [lon, lat] = planeIXToLonLat(x, y);
    expect(Math.abs(lon - lonLat[0])).toBeLessThan(1e-8);
    expect(Math.abs(lat - lonLat[1])).toBeLessThan(1e-8);
    // X is the northing: the city is ~37 km south of the zone origin (36°N), ~30 km east of 139°50'E.
    expect(x).toBeLessThan(-30000);
    expect(y).toBeGreaterThan(25000);
  });

  test('the zone is the installation\'s (PLANE_SRID), not a constant: zone X gives other X/Y that round-trip', () => {
    const lonLat: [number, number] = [140.168, 35.67];
    const inIX = toPlaneRectangular(lonLat, 6677);
    const inX = toPlaneRectangular(lonLat, 6678); // origin 40°N 140°50'E
    expect(inX.x).toBeLessThan(inIX.x - 400000);
    const parsed = parseCoordinateLines(`${inX.x.toFixed(3)}, ${inX.y.toFixed(3)}`, { planeSrid: 6678 });
    expect(parsed.positions[0][0]).toBeCloseTo(140.168, 6);
    expect(parsed.positions[0][1]).toBeCloseTo(35.67, 6);
    expect(() => toPlaneRectangular(lonLat, 4326)).toThrow('not a JGD2011 plane rectangular zone');
  });

  test('lat/lon lines are read as "lat, lon", with names and full-width digits', () => {
    const parsed = parseCoordinateLines('35.67, 140.168\n\n  ３５．６８　１４０．１７\nP3 35.69 140.18', 'latlon');
    expect(parsed.problems).toEqual([]);
    expect(parsed.positions).toEqual([[140.168, 35.67], [140.17, 35.68], [140.18, 35.69]]);
  });

  test('plane lines are read as X (northing), Y (easting)', () => {
    const { x, y } = toPlaneRectangularIX([140.168, 35.67]);
    const parsed = parseCoordinateLines(`K1,${x.toFixed(3)},${y.toFixed(3)}`, { planeSrid: ZONE_IX });
    expect(parsed.problems).toEqual([]);
    expect(parsed.positions[0][0]).toBeCloseTo(140.168, 6);
    expect(parsed.positions[0][1]).toBeCloseTo(35.67, 6);
  });

  test('bad lines are reported with their line numbers', () => {
    const parsed = parseCoordinateLines('35.67\nabc, def\n140.168, 35.67', 'latlon');
    expect(parsed.problems).toEqual([{ line: 1, message: 'format' }, { line: 2, message: 'format' }, { line: 3, message: 'range' }]);
    // Metres mistaken for kilometres' worth of digits land far outside Japan.
    expect(parseCoordinateLines('-3678901234.5, 30123.4', { planeSrid: ZONE_IX }).problems).toEqual([{ line: 1, message: 'range' }]);
  });
});
