// One point that stands for a geometry: where a counter sheet is centred for a selected feature
// and where a route segment's number is written. Planar arithmetic on lon/lat with the
// longitude scaled by cos(latitude): plenty for the size of a city's features.
import type { Geometry, Position } from 'geojson';
import type { LonLat } from './geodesy';

function pointAlong(line: Position[], fraction: number): LonLat | null {
  if (line.length === 0) return null;
  if (line.length === 1) return [line[0][0], line[0][1]];
  const k = Math.cos((line[0][1] * Math.PI) / 180);
  const lengths = line.slice(1).map((p, i) => Math.hypot((p[0] - line[i][0]) * k, p[1] - line[i][1]));
  let remaining = lengths.reduce((a, b) => a + b, 0) * fraction;
  for (let i = 0; i < lengths.length; i++) {
    if (remaining <= lengths[i] || i === lengths.length - 1) {
      const t = lengths[i] === 0 ? 0 : Math.min(1, remaining / lengths[i]);
      const [a, b] = [line[i], line[i + 1]];
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    remaining -= lengths[i];
  }
  return null;
}

function lineLength(line: Position[]): number {
  const k = Math.cos(((line[0]?.[1] ?? 0) * Math.PI) / 180);
  return line.slice(1).reduce((sum, p, i) => sum + Math.hypot((p[0] - line[i][0]) * k, p[1] - line[i][1]), 0);
}

function ringArea(ring: Position[]): number {
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i++) twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return twice / 2;
}

function inside(p: LonLat, ring: Position[]): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

function polygonPoint(rings: Position[][]): LonLat | null {
  const ring = rings[0];
  if (!ring?.length) return null;
  const area = ringArea(ring);
  if (area !== 0) {
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const cross = ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      cx += (ring[i][0] + ring[i + 1][0]) * cross;
      cy += (ring[i][1] + ring[i + 1][1]) * cross;
    }
    const centroid: LonLat = [cx / (6 * area), cy / (6 * area)];
    if (inside(centroid, ring)) return centroid;
  }
  // A concave ring whose centroid falls outside: the middle of its first edge is on the boundary.
  return pointAlong(ring.slice(0, 2), 0.5);
}

/** A point on or inside the geometry: the point itself, the middle of a line, a polygon's centroid. */
export function representativePoint(geometry: Geometry): LonLat | null {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates[0], geometry.coordinates[1]];
    case 'MultiPoint':
      return geometry.coordinates[0] ? [geometry.coordinates[0][0], geometry.coordinates[0][1]] : null;
    case 'LineString':
      return pointAlong(geometry.coordinates, 0.5);
    case 'MultiLineString': {
      const longest = [...geometry.coordinates].sort((a, b) => lineLength(b) - lineLength(a))[0];
      return longest ? pointAlong(longest, 0.5) : null;
    }
    case 'Polygon':
      return polygonPoint(geometry.coordinates);
    case 'MultiPolygon': {
      const largest = [...geometry.coordinates].sort((a, b) => Math.abs(ringArea(b[0] ?? [])) - Math.abs(ringArea(a[0] ?? [])))[0];
      return largest ? polygonPoint(largest) : null;
    }
    case 'GeometryCollection':
      for (const g of geometry.geometries) {
        const p = representativePoint(g);
        if (p) return p;
      }
      return null;
  }
}
