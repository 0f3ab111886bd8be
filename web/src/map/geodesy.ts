// Geodesic measurement on the GRS80 ellipsoid (JGD2011) and conversion to the plane
// rectangular coordinate system zone IX (EPSG:6677), which Chiba uses. No I/O, no map.
import { Geodesic } from 'geographiclib-geodesic';
import proj4 from 'proj4';

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

export const EPSG_6677 =
  '+proj=tmerc +lat_0=36 +lon_0=139.833333333333 +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const toZone9 = proj4('EPSG:4326', EPSG_6677);

/**
 * JGD2011 plane rectangular zone IX coordinates in metres, surveying convention:
 * X is the northing, Y the easting (proj4 returns [easting, northing]).
 */
export function toPlaneRectangularIX([lon, lat]: LonLat): { x: number; y: number } {
  const [easting, northing] = toZone9.forward([lon, lat]);
  return { x: northing, y: easting };
}

/** Ground metres covered by `pixels` screen pixels at a zoom (512 px tiles) and latitude. */
export function pixelsToMetres(pixels: number, zoom: number, lat: number): number {
  const metresPerPixel = (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
  return pixels * metresPerPixel;
}
