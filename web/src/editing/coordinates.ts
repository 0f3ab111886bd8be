// Coordinates typed by hand: latitude/longitude, or JGD2011 plane rectangular X/Y as road staff
// read them from survey documents (X northing, Y easting, metres, in the city's zone: PLANE_SRID).
import { planeToLonLat, type LonLat } from '../map/geodesy';

/** Latitude/longitude, or plane X/Y in the zone of that EPSG code. */
export type CoordinateSystem = 'latlon' | { planeSrid: number };

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
    const position: LonLat = system === 'latlon' ? [b, a] : planeToLonLat(a, b, system.planeSrid);
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
