/** GeoJSON and bounding-box checks done before anything reaches SQL. Pure, no I/O. */

export type BBox = [number, number, number, number];

/** The 19 JGD2011 plane rectangular zones (EPSG:6669–6687), accepted for input besides lon/lat. */
export const PLANE_SRIDS = { min: 6669, max: 6687 };

export const isPlaneSrid = (srid: number) => Number.isInteger(srid) && srid >= PLANE_SRIDS.min && srid <= PLANE_SRIDS.max;

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

export interface Geometry {
  type: GeometryType;
  coordinates: unknown;
}

/** Returns a reason when bbox is not [minLon, minLat, maxLon, maxLat] in degrees. */
export function checkBBox(bbox: readonly number[]): string | null {
  if (bbox.length !== 4) return 'bbox must have four numbers: [minLon, minLat, maxLon, maxLat]';
  if (!bbox.every(Number.isFinite)) return 'bbox values must be finite numbers';
  const [minLon, minLat, maxLon, maxLat] = bbox;
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) return 'bbox must lie within longitude -180..180 and latitude -90..90';
  if (minLon > maxLon || minLat > maxLat) return 'bbox is inverted: min must not exceed max';
  return null;
}

export function checkLonLat(lon: number, lat: number): string | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return 'lon and lat must be finite numbers';
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return 'lon must be within -180..180 and lat within -90..90';
  return null;
}

// 2D only: the geometry columns have no Z, and a height would be silently lost.
function isPosition(p: unknown): p is number[] {
  return Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n));
}
const isArrayOf = (v: unknown, check: (x: unknown) => boolean, min = 0) => Array.isArray(v) && v.length >= min && v.every(check);
const isLine = (v: unknown) => isArrayOf(v, isPosition, 2);
const isRing = (v: unknown) => isArrayOf(v, isPosition, 4);
const isPolygon = (v: unknown) => isArrayOf(v, isRing, 1);

/**
 * Structural GeoJSON geometry check: known type, well-formed nesting, finite coordinates.
 * (Topological validity, such as self-intersection, is PostGIS's job: see feature.sql.ts.)
 */
export function checkGeoJSONGeometry(value: unknown): string | null {
  if (!value || typeof value !== 'object') return 'geometry must be a GeoJSON geometry object';
  const g = value as { type?: unknown; coordinates?: unknown };
  if (!GEOMETRY_TYPES.includes(g.type as GeometryType)) return `geometry type must be one of ${GEOMETRY_TYPES.join(', ')}`;
  const c = g.coordinates;
  const ok = {
    Point: () => isPosition(c),
    MultiPoint: () => isArrayOf(c, isPosition, 1),
    LineString: () => isLine(c),
    MultiLineString: () => isArrayOf(c, isLine, 1),
    Polygon: () => isPolygon(c),
    MultiPolygon: () => isArrayOf(c, isPolygon, 1),
  }[g.type as GeometryType]();
  if (!ok) return `geometry coordinates are not a valid ${g.type as string} (finite 2D [lon, lat] positions, no height; lines need 2, rings 4 or more)`;
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    const polygons = (g.type === 'Polygon' ? [c] : c) as number[][][][];
    for (const rings of polygons) for (const ring of rings) {
      const [a, b] = [ring[0], ring[ring.length - 1]];
      if (a[0] !== b[0] || a[1] !== b[1]) return 'polygon rings must be closed (first and last positions equal)';
    }
  }
  return null;
}

/** All positions of a geometry's coordinates, flattened. */
export function positionsOf(coordinates: unknown): number[][] {
  const out: number[][] = [];
  const walk = (c: unknown) => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') out.push(c as number[]);
    else c.forEach(walk);
  };
  walk(coordinates);
  return out;
}

/** For lon/lat input: every position within -180..180, -90..90 (plane coordinates would fail this). */
export function checkLonLatPositions(coordinates: unknown): string | null {
  const bad = positionsOf(coordinates).some(([lon, lat]) => Math.abs(lon) > 180 || Math.abs(lat) > 90);
  return bad ? 'coordinates must be [lon, lat] within -180..180 and -90..90 (for plane rectangular coordinates give srid)' : null;
}

/** A JGD2011 plane rectangular zone spans a few hundred km around its origin; farther is a typo or an attack. */
const PLANE_MAX_M = 1_000_000;

/** For plane rectangular input (srid 6669–6687): every coordinate within ±1,000 km of the zone origin. */
export function checkPlanePositions(coordinates: unknown): string | null {
  const bad = positionsOf(coordinates).some(([x, y]) => Math.abs(x) > PLANE_MAX_M || Math.abs(y) > PLANE_MAX_M);
  return bad ? `plane rectangular coordinates must lie within ${PLANE_MAX_M / 1000} km of the zone origin (metres, [easting, northing])` : null;
}
