// The state of a sheet's placement while it is edited: corner or control points as typed and
// clicked, and the live fit (server/src/domain/georef.ts, the same math the server places with).
import { fit, GeorefError, MIN_POINTS, type ControlPoint, type TransformKind } from '../../../server/src/domain/georef';

export { MIN_POINTS };

/** One point being entered: the image pixel (clicked) and the plane X/Y (typed, or from a map click). */
export interface DraftPoint {
  col: number | null;
  row: number | null;
  /** As typed: X northing, Y easting (metres). */
  x: string;
  y: string;
}

export const CORNERS = ['TL', 'TR', 'BR', 'BL'] as const;

/** The four image corners in pixel-corner coordinates (0,0 is the top-left edge of the image). */
export function imageCorners(widthPx: number, heightPx: number): { col: number; row: number }[] {
  return [
    { col: 0, row: 0 },
    { col: widthPx, row: 0 },
    { col: widthPx, row: heightPx },
    { col: 0, row: heightPx },
  ];
}

export const emptyDraft = (): DraftPoint => ({ col: null, row: null, x: '', y: '' });

/** A number as typed: full-width digits, a comma as thousands separator and spaces are accepted. */
export function parseCoordinate(text: string): number | null {
  const ascii = text.replace(/[０-９．－，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,\s]/g, '').replace(/[−ー]/g, '-');
  if (!/^-?\d+(\.\d+)?$/.test(ascii)) return null;
  return Number(ascii);
}

/** The control point of a draft, or null while its pixel or a coordinate is missing. */
export function toControlPoint(draft: DraftPoint): ControlPoint | null {
  const x = parseCoordinate(draft.x);
  const y = parseCoordinate(draft.y);
  if (draft.col === null || draft.row === null || x === null || y === null) return null;
  return { col: draft.col, row: draft.row, x, y };
}

export type LiveFit =
  /** Not enough complete points yet. */
  | { state: 'waiting'; complete: number; need: number }
  /** The points do not determine a fit (collinear, repeated). */
  | { state: 'invalid'; message: string }
  /** residualsM[i] belongs to drafts[i] (null for an incomplete draft). */
  | { state: 'fitted'; residualsM: (number | null)[]; rmsM: number };

/** The fit of the complete drafts, recomputed on every change (a handful of points: microseconds). */
export function liveFit(kind: TransformKind, drafts: DraftPoint[]): LiveFit {
  const points = drafts.map(toControlPoint);
  const complete = points.filter((p): p is ControlPoint => p !== null);
  const need = MIN_POINTS[kind];
  if (complete.length < need) return { state: 'waiting', complete: complete.length, need };
  try {
    const result = fit(kind, complete);
    let k = 0;
    return { state: 'fitted', residualsM: points.map((p) => (p ? result.residualsM[k++] : null)), rmsM: result.rmsM };
  } catch (e) {
    if (e instanceof GeorefError) return { state: 'invalid', message: e.message };
    throw e;
  }
}

/** Screen position in the displayed preview → sheet pixel (previewScale: preview pixels per sheet pixel, X-Preview-Scale). */
export function sheetPixel(offsetX: number, offsetY: number, displayedWidth: number, previewWidth: number, previewScale: number): { col: number; row: number } {
  const factor = previewWidth / displayedWidth / previewScale;
  return { col: Math.round(offsetX * factor * 10) / 10, row: Math.round(offsetY * factor * 10) / 10 };
}
