// Geodesic measurement on the GRS80 ellipsoid (JGD2011) and conversion to and from the city's plane
// rectangular zone (the server's PLANE_SRID, from clientSettings; zone IX = EPSG:6677 for Chiba). No I/O, no map.
import { Geodesic } from 'geographiclib-geodesic';
import proj4 from 'proj4';
import { planeProj4 } from '#domain/planeZones';

export type LonLat = [number, number];

/** GRS80: a = 6378137 m, f = 1/298.257222101. */
const grs80 = new Geodesic.Geodesic(6378137, 1 / 298.257222101);

/** Length in metres of the geodesic polyline through the points. */
export function geodesicLength(points: LonLat[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const [lon1, lat1] = points[i - 1];
    const [lon2, lat2] = points[i];
    total += grs80.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE).s12 ?? 0;
  }
  return total;
}

/** Area in m² and perimeter in metres of the geodesic polygon through the points (closed implicitly). */
export function geodesicArea(points: LonLat[]): { area: number; perimeter: number } {
  if (points.length < 3) return { area: 0, perimeter: points.length === 2 ? 2 * geodesicLength(points) : 0 };
  const polygon = grs80.Polygon(false);
  for (const [lon, lat] of points) polygon.AddPoint(lat, lon);
  // sign=true gives a negative area for a clockwise ring (sign=false would give the area of the
  // rest of the earth); the user may click round either way.
  const result = polygon.Compute(false, true);
  return { area: Math.abs(result.area ?? 0), perimeter: result.perimeter };
}

const zones = new Map<number, proj4.Converter>();

function zone(srid: number): proj4.Converter {
  let converter = zones.get(srid);
  if (!converter) {
    const definition = planeProj4(srid);
    if (!definition) throw new Error(`EPSG:${srid} is not a JGD2011 plane rectangular zone`);
    converter = proj4('EPSG:4326', definition);
    zones.set(srid, converter);
  }
  return converter;
}

/**
 * JGD2011 plane rectangular coordinates in metres in the zone `srid` (6669–6687), surveying
 * convention: X is the northing, Y the easting (proj4 returns [easting, northing]).
 */
export function toPlaneRectangular([lon, lat]: LonLat, srid: number): { x: number; y: number } {
  const [easting, northing] = zone(srid).forward([lon, lat]);
  return { x: northing, y: easting };
}

/** Plane X (northing) and Y (easting) in metres in the zone `srid` to [lon, lat]. */
export function planeToLonLat(x: number, y: number, srid: number): LonLat {
  const [lon, lat] = zone(srid).inverse([y, x]);
  return [lon, lat];
}

/** Ground metres covered by `pixels` screen pixels at a zoom (512 px tiles) and latitude. */
export function pixelsToMetres(pixels: number, zoom: number, lat: number): number {
  const metresPerPixel = (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
  return pixels * metresPerPixel;
}
