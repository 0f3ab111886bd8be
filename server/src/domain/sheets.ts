/**
 * Printed sheets (窓口案内図, 路線図): papers, scales and the sheet query. Pure: the server checks a
 * request with parseSheetParams before it opens the web client's print page, which reads the same
 * query back with the same function.
 */
import { isValidDate, todayInJapan } from './dates';
import { checkLonLat } from './geometry';
import { isId, isLayerKey } from './ids';

export type PaperKey = 'A4-portrait' | 'A4-landscape' | 'A3-landscape';

export interface Paper {
  key: PaperKey;
  /** Chromium's page format. */
  format: 'A4' | 'A3';
  widthMm: number;
  heightMm: number;
  landscape: boolean;
  /** The map frame on this paper (the rest holds title, answer, legend and footer). */
  mapMm: { width: number; height: number };
}

export const PAPERS: Record<PaperKey, Paper> = {
  'A4-portrait': { key: 'A4-portrait', format: 'A4', widthMm: 210, heightMm: 297, landscape: false, mapMm: { width: 190, height: 172 } },
  'A4-landscape': { key: 'A4-landscape', format: 'A4', widthMm: 297, heightMm: 210, landscape: true, mapMm: { width: 185, height: 166 } },
  'A3-landscape': { key: 'A3-landscape', format: 'A3', widthMm: 420, heightMm: 297, landscape: true, mapMm: { width: 290, height: 250 } },
};

export function isPaperKey(value: unknown): value is PaperKey {
  return typeof value === 'string' && Object.hasOwn(PAPERS, value);
}

/** The scales a counter sheet may be printed at (1/500 … 1/5,000). */
export const ENQUIRY_SCALES = [500, 1000, 2500, 5000] as const;
/** Scales a route sheet chooses from: the largest at which the whole route fits. */
export const ROUTE_SCALES = [500, 1000, 2500, 5000, 10000, 12500, 25000] as const;

export type SheetKind = 'enquiry' | 'route';
export type SheetLang = 'ja' | 'en';

interface SheetCommon {
  paper: PaperKey;
  /** The date the sheet carries: the same request always gives the same sheet. */
  date: string;
  /** Absent: the reader's language (Japanese on the server's sheets). */
  lang: SheetLang | null;
}

export interface EnquirySheetParams extends SheetCommon {
  kind: 'enquiry';
  lon: number;
  lat: number;
  scale: number;
  /** Layers to draw and to list at the place; [] none (basemap only), null (not asked): all. */
  layers: string[] | null;
  featureId: string | null;
}

export interface RouteSheetParams extends SheetCommon {
  kind: 'route';
  routeNo: string;
}

export type SheetParams = EnquirySheetParams | RouteSheetParams;

/** What is wrong with a sheet request: the parameter and an English reason. */
export interface SheetProblem {
  field: string;
  message: string;
}

/** Reads and checks a sheet's query (absent values are undefined); the date defaults to today in Japan. */
export function parseSheetParams(kind: SheetKind, q: Record<string, unknown>, now = Date.now()): SheetParams | SheetProblem {
  const paper = String(q.paper ?? 'A4-portrait');
  if (!isPaperKey(paper)) return { field: 'paper', message: `paper must be one of ${Object.keys(PAPERS).join(', ')}` };
  const date = String(q.date ?? todayInJapan(now));
  if (!isValidDate(date)) return { field: 'date', message: 'date must be YYYY-MM-DD' };
  const lang: SheetLang | null = q.lang === undefined ? null : q.lang === 'en' ? 'en' : 'ja';
  if (kind === 'route') {
    const routeNo = String(q.routeNo ?? '');
    if (!/^[\w-]{1,20}$/.test(routeNo)) return { field: 'routeNo', message: 'routeNo is required' };
    return { kind, paper, date, lang, routeNo };
  }
  const lon = Number(q.lon);
  const lat = Number(q.lat);
  const bad = checkLonLat(lon, lat);
  if (q.lon === undefined || q.lat === undefined || q.lon === '' || q.lat === '' || bad) return { field: 'lon', message: bad ?? 'lon and lat are required' };
  const scale = Number(q.scale ?? 1000);
  if (!(ENQUIRY_SCALES as readonly number[]).includes(scale)) {
    return { field: 'scale', message: `scale must be one of ${ENQUIRY_SCALES.map((s) => `1/${s}`).join(', ')}` };
  }
  // An empty list is kept: a sheet asked for with every layer hidden draws none.
  const layers = q.layers === undefined ? null : String(q.layers).split(',').filter(Boolean);
  if (layers && !layers.every(isLayerKey)) return { field: 'layers', message: 'layers must be layer keys separated by commas' };
  const featureId = q.featureId ? String(q.featureId) : null;
  if (featureId !== null && !isId(featureId)) return { field: 'featureId', message: 'featureId is not a feature id' };
  return { kind, paper, date, lang, lon, lat, scale, layers, featureId };
}
