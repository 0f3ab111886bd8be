// Snapping to nearby vertices and lines, measured in screen pixels: a curve mirror dropped near a
// road line lands on it, a boundary corner near a road edge's vertex lands on that vertex.
// Pure: the caller passes the candidate geometries and the map's projection.
import type { Geometry, Position } from 'geojson';

export interface ScreenPoint {
  x: number;
  y: number;
}

export type Project = (lonLat: Position) => ScreenPoint;

export interface SnapResult {
  position: Position;
  kind: 'vertex' | 'line';
  distancePx: number;
}

/** The lines (as position lists) of a geometry: rings, line strings; points as one-position lists. */
export function linesOf(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'Point':
      return [[geometry.coordinates]];
    case 'MultiPoint':
      return geometry.coordinates.map((p) => [p]);
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
    case 'GeometryCollection':
      return geometry.geometries.flatMap(linesOf);
  }
}

/**
 * The nearest vertex within `tolerancePx` of the pointer, else the nearest point on a segment
 * within it, else null. Vertices win over lines so corners are easy to hit.
 */
export function snap(pointer: ScreenPoint, candidates: Geometry[], project: Project, tolerancePx: number): SnapResult | null {
  let bestVertex: SnapResult | null = null;
  let bestLine: SnapResult | null = null;
  for (const geometry of candidates) {
    for (const line of linesOf(geometry)) {
      const screen = line.map(project);
      screen.forEach((p, i) => {
        const d = Math.hypot(p.x - pointer.x, p.y - pointer.y);
        if (d <= tolerancePx && (!bestVertex || d < bestVertex.distancePx)) bestVertex = { position: line[i].slice(0, 2), kind: 'vertex', distancePx: d };
      });
      for (let i = 1; i < screen.length; i++) {
        const a = screen[i - 1];
        const b = screen[i];
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const lengthSq = dx * dx + dy * dy;
        if (lengthSq === 0) continue;
        const t = Math.max(0, Math.min(1, ((pointer.x - a.x) * dx + (pointer.y - a.y) * dy) / lengthSq));
        const d = Math.hypot(a.x + t * dx - pointer.x, a.y + t * dy - pointer.y);
        if (d <= tolerancePx && (!bestLine || d < bestLine.distancePx)) {
          // Interpolating lon/lat linearly is exact enough over one street segment.
          const [p, q] = [line[i - 1], line[i]];
          bestLine = { position: [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])], kind: 'line', distancePx: d };
        }
      }
    }
  }
  return bestVertex ?? bestLine;
}
