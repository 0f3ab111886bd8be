/**
 * Area selection (the attribute table's polygon and buffer selection): the drawn ring and the buffer
 * distance checked before any SQL, and the degree box a buffer needs for the spatial index. Pure, no I/O.
 */
import { checkLonLat } from './geometry';

/** A drawn polygon has at most this many corners (a hand-drawn outline has tens). */
export const AREA_MAX_VERTICES = 1000;
/** A buffer reaches at most this far: a counter asks about a street or a block, not the prefecture. */
export const AREA_MAX_DISTANCE_M = 5000;

/** What to select by: a drawn polygon (one ring of [lon, lat]), or the features near another one. */
export interface AreaSelection {
  polygon?: number[][] | null;
  /** A feature id: select what lies within `distance` metres of it. */
  around?: string | null;
  distance?: number | null;
}

/** Why a ring cannot be a selection polygon, or null. Not closed is fine: it is closed for the query. */
export function checkAreaRing(ring: readonly (readonly number[])[]): string | null {
  if (ring.length > AREA_MAX_VERTICES + 1) return `a polygon may have at most ${AREA_MAX_VERTICES} corners`;
  for (const p of ring) {
    if (p.length !== 2) return 'each corner must be [lon, lat]';
    const bad = checkLonLat(p[0], p[1]);
    if (bad) return bad;
  }
  const corners = new Set(openRing(ring).map((p) => `${p[0]},${p[1]}`));
  if (corners.size < 3) return 'a polygon needs at least 3 different corners';
  return null;
}

function openRing(ring: readonly (readonly number[])[]): (readonly number[])[] {
  const [a, b] = [ring[0], ring[ring.length - 1]];
  return ring.length > 1 && a[0] === b[0] && a[1] === b[1] ? ring.slice(0, -1) : [...ring];
}

/** The ring as a closed GeoJSON polygon. */
export function areaPolygon(ring: readonly (readonly number[])[]): { type: 'Polygon'; coordinates: number[][][] } {
  const open = openRing(ring).map((p) => [p[0], p[1]]);
  return { type: 'Polygon', coordinates: [[...open, open[0]]] };
}

/** Why a buffer distance cannot be used, or null. */
export function checkAreaDistance(distance: unknown): string | null {
  return typeof distance === 'number' && Number.isFinite(distance) && distance >= 0 && distance <= AREA_MAX_DISTANCE_M
    ? null : `distance must be 0 to ${AREA_MAX_DISTANCE_M} metres`;
}

/**
 * Degrees that cover `metres` everywhere up to latitude `maxAbsLat` (a little generous), so that
 * `geom && ST_Expand(source, degLon, degLat)` lets the GiST index prefilter a geography distance.
 */
export function bufferDegrees(metres: number, maxAbsLat: number): { degLon: number; degLat: number } {
  const degLat = (metres / 110_574) * 1.01 + 1e-7;
  const cos = Math.cos((Math.min(Math.abs(maxAbsLat), 89) * Math.PI) / 180);
  return { degLon: (metres / (111_320 * cos)) * 1.01 + 1e-7, degLat };
}
