// The attribute table's area selection as plain data: a dragged box, a drawn polygon or a buffer around a
// feature; what the features query and the exports are sent for it, and what the map outlines. No I/O.
import { checkAreaDistance } from '#domain/area';
import type { AreaSelectionInput } from '../api/model';

export type TableArea =
  | { kind: 'box'; bbox: number[] }
  | { kind: 'polygon'; ring: number[][] }
  | { kind: 'buffer'; featureId: string; distance: number; outline?: GeoJSON.Geometry };

/** The query arguments for an area: a box goes as bbox (the index alone serves it), the others as area. */
export function areaArgs(area: TableArea | null): { bbox?: number[]; area?: AreaSelectionInput } {
  if (!area) return {};
  if (area.kind === 'box') return { bbox: area.bbox };
  if (area.kind === 'polygon') return { area: { polygon: area.ring } };
  return { area: { around: area.featureId, distance: area.distance } };
}

const samePoint = (a: number[], b: number[]) => a[0] === b[0] && a[1] === b[1];

/** The corners clicked so far with a new one; a click on the last corner again (a double click) adds nothing. */
export function addCorner(ring: number[][], corner: number[]): number[][] {
  return ring.length && samePoint(ring[ring.length - 1], corner) ? ring : [...ring, corner];
}

/** A ring can close when it has 3 different corners. */
export function canClose(ring: number[][]): boolean {
  return new Set(ring.map((p) => `${p[0]},${p[1]}`)).size >= 3;
}

/** What the map outlines while drawing (the corners and the cursor) or once chosen; null for none. */
export function outlineOf(area: TableArea | null, drawing: number[][] = [], cursor: number[] | null = null): GeoJSON.Geometry | null {
  const corners = cursor ? [...drawing, cursor] : drawing;
  if (corners.length >= 3) return { type: 'Polygon', coordinates: [[...corners, corners[0]]] };
  if (corners.length === 2) return { type: 'LineString', coordinates: corners };
  if (!area) return null;
  if (area.kind === 'box') {
    const [x0, y0, x1, y1] = area.bbox;
    return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
  }
  if (area.kind === 'polygon') return { type: 'Polygon', coordinates: [[...area.ring, area.ring[0]]] };
  // A buffer's outline is the server's (the same geography buffer it selects by), once it has answered.
  return area.outline ?? null;
}

/** A typed distance in metres (full-width digits too), or null when it is not 0 to 5,000. */
export function parseDistance(text: string): number | null {
  const value = text.normalize('NFKC').replace(/[,\s]|m$/gi, '');
  if (value === '') return null;
  const n = Number(value);
  // The server's own rule (0 to 5,000 m).
  return checkAreaDistance(n) === null ? n : null;
}
