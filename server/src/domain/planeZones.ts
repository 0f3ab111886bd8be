/**
 * The JGD2011 plane rectangular coordinate systems (平面直角座標系) I–XIX, EPSG:6669–6687: pure data,
 * shared by the server (which transforms in PostGIS) and the web client (proj4). The city's zone is
 * configuration (PLANE_SRID, 6677 = zone IX for Chiba), never a constant in code.
 */
export const PLANE_SRIDS = { min: 6669, max: 6687 } as const;

export const isPlaneSrid = (srid: number) => Number.isInteger(srid) && srid >= PLANE_SRIDS.min && srid <= PLANE_SRIDS.max;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX'];

/** The zone of an EPSG code as surveyors write it: 6677 → "IX". */
export function planeZoneName(srid: number): string {
  return ROMAN[srid - PLANE_SRIDS.min] ?? `EPSG:${srid}`;
}

// Origins of zones I–XIX (国土交通省告示第九号): latitude in degrees, longitude in degrees and minutes.
const ORIGINS: [lat: number, lonDegrees: number, lonMinutes: number][] = [
  [33, 129, 30], [33, 131, 0], [36, 132, 10], [33, 133, 30], [36, 134, 20], [36, 136, 0], [36, 137, 10],
  [36, 138, 30], [36, 139, 50], [40, 140, 50], [44, 140, 15], [44, 142, 15], [44, 144, 15], [26, 142, 0],
  [26, 127, 30], [26, 124, 0], [26, 131, 0], [20, 136, 0], [26, 154, 0],
];

/** The proj4 definition of a zone (Transverse Mercator, scale 0.9999 at the origin, GRS80), or null for another code. */
export function planeProj4(srid: number): string | null {
  if (!isPlaneSrid(srid)) return null;
  const [lat, degrees, minutes] = ORIGINS[srid - PLANE_SRIDS.min];
  return `+proj=tmerc +lat_0=${lat} +lon_0=${degrees + minutes / 60} +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
}

/** EPSG codes the server converts without a projection database: WGS84, JGD2011, Web Mercator and the 19 zones. */
export function isKnownSrid(srid: number): boolean {
  return srid === 4326 || srid === 6668 || srid === 3857 || isPlaneSrid(srid);
}

/** proj4 definition of an EPSG code we know (isKnownSrid); throws for any other (the caller reports it as bad input). */
export function planeProjDef(srid: number): string {
  if (srid === 4326 || srid === 6668) return '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs';
  if (srid === 3857) return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
  const zone = planeProj4(srid);
  if (!zone) throw new Error(`EPSG:${srid} is not a coordinate system this server converts`);
  return zone;
}
