// Labels of a measurement on the map: each side's length at its middle and the area inside, computed in the
// city's plane rectangular zone (PLANE_SRID), as lengths and areas are read off the city's plans (平面距離, 座標面積).
import { toPlaneRectangular, type LonLat } from './geodesy';

export interface MeasureLabel {
  at: LonLat;
  kind: 'side' | 'area';
  /** Metres for a side, m² for the area. */
  value: number;
}

/** Labels for the sketch; a closed sketch (area) also labels its closing side and the area at the centroid. */
export function measureLabels(points: LonLat[], closed: boolean, srid: number): MeasureLabel[] {
  const plane = points.map((p) => toPlaneRectangular(p, srid));
  const labels: MeasureLabel[] = [];
  const sides = closed && points.length >= 3 ? points.length : points.length - 1;
  for (let i = 0; i < sides; i++) {
    const j = (i + 1) % points.length;
    const value = Math.hypot(plane[j].x - plane[i].x, plane[j].y - plane[i].y);
    if (value > 0) labels.push({ at: [(points[i][0] + points[j][0]) / 2, (points[i][1] + points[j][1]) / 2], kind: 'side', value });
  }
  if (closed && points.length >= 3) {
    // Shoelace in the plane; the label sits at the vertices' mean (inside for the convex shapes people measure).
    let twice = 0;
    for (let i = 0; i < plane.length; i++) {
      const j = (i + 1) % plane.length;
      twice += plane[i].x * plane[j].y - plane[j].x * plane[i].y;
    }
    const at: LonLat = [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
    labels.push({ at, kind: 'area', value: Math.abs(twice) / 2 });
  }
  return labels;
}
