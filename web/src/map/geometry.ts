// Small geometry helpers for the view (no map object needed).
import type { Geometry, Position } from 'geojson';

/** [minLon, minLat, maxLon, maxLat] of a GeoJSON geometry, or null when it has no coordinates. */
export function geometryBounds(geometry: Geometry): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (p: Position) => {
    if (p[0] < minX) minX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] > maxY) maxY = p[1];
  };
  const walk = (g: Geometry) => {
    switch (g.type) {
      case 'Point':
        visit(g.coordinates);
        break;
      case 'MultiPoint':
      case 'LineString':
        g.coordinates.forEach(visit);
        break;
      case 'MultiLineString':
      case 'Polygon':
        g.coordinates.forEach((ring) => ring.forEach(visit));
        break;
      case 'MultiPolygon':
        g.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(visit)));
        break;
      case 'GeometryCollection':
        g.geometries.forEach(walk);
        break;
    }
  };
  walk(geometry);
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

