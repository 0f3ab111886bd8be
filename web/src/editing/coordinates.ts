// Coordinates typed by hand: latitude/longitude, or JGD2011 plane rectangular X/Y as road staff
// read them from survey documents (X northing, Y easting, metres; zone IX = EPSG:6677 by default).
import proj4 from 'proj4';
import { EPSG_6677, type LonLat } from '../map/geodesy';

export type CoordinateSystem = 'latlon' | 'planeIX';

const fromZone9 = proj4(EPSG_6677, 'EPSG:4326');

/** Zone IX X (northing) and Y (easting) in metres to [lon, lat]. */
export function planeIXToLonLat(x: number, y: number): LonLat {
  const [lon, lat] = fromZone9.forward([y, x]);
  return [lon, lat];
}

export interface ParsedCoordinates {
  positions: LonLat[];
  problems: { line: number; message: 'format' | 'range' }[];
}

const toAscii = (s: string) => s.replace(/[０-９．－，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * One position per line, two numbers separated by a comma, tab or spaces: "lat, lon" for
 * latitude/longitude (the order Japanese documents use) or "X, Y" for plane coordinates.
 * A leading point name ("K1, -31234.567, 8123.456") is allowed and ignored.
 */
export function parseCoordinateLines(text: string, system: CoordinateSystem): ParsedCoordinates {
  const positions: LonLat[] = [];
  const problems: ParsedCoordinates['problems'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = toAscii(raw).trim();
    if (!line) return;
    const parts = line.split(/[\s,]+/).filter(Boolean);
    const numbers = parts.slice(-2).map(Number);
    if (parts.length < 2 || parts.length > 3 || numbers.some((n) => !Number.isFinite(n))) {
      problems.push({ line: i + 1, message: 'format' });
      return;
    }
    const [a, b] = numbers;
    const position: LonLat = system === 'latlon' ? [b, a] : planeIXToLonLat(a, b);
    const [lon, lat] = position;
    // Anywhere in Japan; the server checks the city's service area.
    if (!(lon >= 122 && lon <= 154 && lat >= 20 && lat <= 46)) {
      problems.push({ line: i + 1, message: 'range' });
      return;
    }
    positions.push(position);
  });
  return { positions, problems };
}
