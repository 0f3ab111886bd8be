// Japan's plane rectangular coordinate system (平面直角座標系), zones I–XIX on JGD2011 (EPSG:6669–6687),
// as proj4 definitions, so the server converts without a projection database.

/** Origins (latitude, longitude in degrees) of zones I–XIX. */
const ORIGINS: Array<[number, number]> = [
  [33, 129.5], [33, 131], [36, 132 + 1 / 6], [33, 133.5], [36, 134 + 1 / 3], [36, 136], [36, 137 + 1 / 6], [36, 138.5],
  [36, 139 + 5 / 6], [40, 140 + 5 / 6], [44, 140.25], [44, 142.25], [44, 144.25], [26, 142], [26, 127.5], [26, 124],
  [26, 131], [20, 136], [26, 154],
];

/** EPSG codes the server converts: WGS84, JGD2011 geographic, Web Mercator and the 19 plane zones. */
export function isKnownSrid(srid: number): boolean {
  return srid === 4326 || srid === 6668 || srid === 3857 || (srid >= 6669 && srid <= 6687);
}

/** proj4 definition of an EPSG code we know; throws for any other (the caller reports it as bad input). */
export function planeProjDef(srid: number): string {
  if (srid === 4326 || srid === 6668) return '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs';
  if (srid === 3857) return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
  const origin = ORIGINS[srid - 6669];
  if (!origin) throw new Error(`EPSG:${srid} is not a coordinate system this server converts`);
  return `+proj=tmerc +lat_0=${origin[0]} +lon_0=${origin[1]} +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
}
