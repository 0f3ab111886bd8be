/**
 * Printed sheets (窓口案内図, 路線図, 境界確定図, the map as seen): papers, scales and the sheet query. Pure: the server checks a
 * request with parseSheetParams before it opens the web client's print page, which reads the same
 * query back with the same function.
 */
import { DATE_STYLES, isValidDate, todayInJapan, type DateStyle } from './dates';
import { checkLonLat } from './geometry';
import { isId, isLayerKey } from './ids';
import { decodeRedline, encodeRedline, type RedlineItem } from './redline';

export type PaperKey = 'A4-portrait' | 'A4-landscape' | 'A3-portrait' | 'A3-landscape';

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
  'A3-portrait': { key: 'A3-portrait', format: 'A3', widthMm: 297, heightMm: 420, landscape: false, mapMm: { width: 277, height: 262 } },
  'A3-landscape': { key: 'A3-landscape', format: 'A3', widthMm: 420, heightMm: 297, landscape: true, mapMm: { width: 290, height: 250 } },
};

export function isPaperKey(value: unknown): value is PaperKey {
  return typeof value === 'string' && Object.hasOwn(PAPERS, value);
}

/** The scales a counter sheet may be printed at (1/500 … 1/5,000). */
export const ENQUIRY_SCALES = [500, 1000, 2500, 5000] as const;
/** Scales a route sheet chooses from: the largest at which the whole route fits. */
export const ROUTE_SCALES = [500, 1000, 2500, 5000, 10000, 12500, 25000] as const;

/** Scales offered for a map printed as seen; the query accepts any whole scale in MAP_SCALE_RANGE. */
export const MAP_SHEET_SCALES = [500, 1000, 2500, 5000, 10000, 25000] as const;
export const MAP_SCALE_RANGE = [100, 100_000] as const;
/** Title and note of a map printed as seen, in characters. */
export const MAP_TEXT_MAX = { title: 60, note: 200 } as const;

/**
 * The map frame of a sheet printed as seen: the paper less its margins, title and footer (and a
 * note line). The frame drawn on the screen map before printing has the same size on the ground.
 */
export function mapSheetFrame(paper: Paper): { width: number; height: number } {
  return { width: paper.widthMm - 20, height: paper.heightMm - 58 };
}

/** Scales of a road ledger plan (道路台帳平面図), printed over as many pages as the route needs. */
export const PLAN_SCALES = [500, 1000] as const;

export const SHEET_KINDS = ['enquiry', 'route', 'boundary', 'map', 'plan'] as const;

/** A plan draws a map per sheet of paper (up to 21): it gets this many times a one-page sheet's time. */
export const PLAN_TIME_FACTOR = 4;
export type SheetKind = (typeof SHEET_KINDS)[number];
export type SheetLang = 'ja' | 'en';

/** A raster layer drawn on a sheet (issue 19), with the opacity it has on screen. */
export interface PrintRaster {
  key: string;
  /** 0–1 */
  opacity: number;
}

const RASTER_RE = /^([a-z][a-z0-9_]{1,62})(?::(\d{1,3}))?$/;

/** rasters=key[:percent],… (bottom first); null when malformed. */
export function parseRasters(value: string | null | undefined): PrintRaster[] | null {
  if (!value) return [];
  const out: PrintRaster[] = [];
  for (const part of value.split(',').filter(Boolean)) {
    const m = RASTER_RE.exec(part);
    if (!m) return null;
    out.push({ key: m[1], opacity: m[2] === undefined ? 1 : Math.min(100, Number(m[2])) / 100 });
  }
  return out;
}

export function formatRasters(rasters: PrintRaster[]): string {
  return rasters.map((r) => (r.opacity >= 1 ? r.key : `${r.key}:${Math.round(r.opacity * 100)}`)).join(',');
}

interface SheetCommon {
  /**
   * The visible raster layers, bottom first (absent: none). The page reads them with the caller's
   * session, so the raster tiles' own permission check applies.
   */
  rasters?: PrintRaster[];
  paper: PaperKey;
  /** The date the sheet carries: the same request always gives the same sheet. */
  date: string;
  /** Absent: the reader's language (Japanese on the server's sheets). */
  lang: SheetLang | null;
  /** How the sheet writes dates (the user's preference: 令和7年4月1日, R7.4.1); absent: ISO. */
  dates?: DateStyle;
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

/** 境界確定図 (座標求積表) of one boundary record. */
export interface BoundarySheetParams extends SheetCommon {
  kind: 'boundary';
  featureId: string;
}

/** The map as the user sees it: any place and whole scale, the visible layers, title, note, redline. */
export interface MapSheetParams extends SheetCommon {
  kind: 'map';
  lon: number;
  lat: number;
  scale: number;
  layers: string[] | null;
  title: string;
  note: string;
  redline: RedlineItem[];
}

/** 道路台帳平面図: a route at 1/500 or 1/1,000 over pages along its length, with a page index. */
export interface PlanSheetParams extends SheetCommon {
  kind: 'plan';
  routeNo: string;
  scale: number;
}

export type SheetParams = EnquirySheetParams | RouteSheetParams | BoundarySheetParams | MapSheetParams | PlanSheetParams;

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
  const rasters = parseRasters(q.rasters === undefined ? null : String(q.rasters));
  if (!rasters) return { field: 'rasters', message: 'rasters must be layer keys (key or key:opacity percent) separated by commas' };
  const dates = q.dates === undefined || q.dates === '' ? undefined : String(q.dates);
  if (dates !== undefined && !DATE_STYLES.includes(dates as DateStyle)) return { field: 'dates', message: `dates must be one of ${DATE_STYLES.join(', ')}` };
  const sheet = parseSheet(kind, q, { paper, date, lang });
  if (!('kind' in sheet)) return sheet;
  return { ...sheet, ...(rasters.length ? { rasters } : {}), ...(dates && dates !== 'iso' ? { dates: dates as DateStyle } : {}) };
}

function parseSheet(kind: SheetKind, q: Record<string, unknown>, common: { paper: PaperKey; date: string; lang: SheetLang | null }): SheetParams | SheetProblem {
  const { paper, date, lang } = common;
  if (kind === 'route' || kind === 'plan') {
    const routeNo = String(q.routeNo ?? '');
    if (!/^[\w-]{1,20}$/.test(routeNo)) return { field: 'routeNo', message: 'routeNo is required' };
    if (kind === 'route') return { kind, paper, date, lang, routeNo };
    const scale = Number(q.scale ?? 500);
    if (!(PLAN_SCALES as readonly number[]).includes(scale)) return { field: 'scale', message: `scale must be one of ${PLAN_SCALES.map((v) => `1/${v}`).join(', ')}` };
    return { kind, paper, date, lang, routeNo, scale };
  }
  if (kind === 'boundary') {
    const featureId = String(q.featureId ?? '');
    if (!isId(featureId)) return { field: 'featureId', message: 'featureId of a boundary record is required' };
    return { kind, paper, date, lang, featureId };
  }
  const lon = Number(q.lon);
  const lat = Number(q.lat);
  const bad = checkLonLat(lon, lat);
  if (q.lon === undefined || q.lat === undefined || q.lon === '' || q.lat === '' || bad) return { field: 'lon', message: bad ?? 'lon and lat are required' };
  // An empty list is kept: a sheet asked for with every layer hidden draws none.
  const layers = q.layers === undefined ? null : String(q.layers).split(',').filter(Boolean);
  if (layers && !layers.every(isLayerKey)) return { field: 'layers', message: 'layers must be layer keys separated by commas' };
  if (kind === 'map') {
    const scale = Number(q.scale);
    if (!Number.isInteger(scale) || scale < MAP_SCALE_RANGE[0] || scale > MAP_SCALE_RANGE[1]) {
      return { field: 'scale', message: `scale must be a whole number from ${MAP_SCALE_RANGE[0]} to ${MAP_SCALE_RANGE[1]}` };
    }
    const texts = { title: '', note: '' };
    for (const key of ['title', 'note'] as const) {
      texts[key] = q[key] === undefined ? '' : String(q[key]);
      if ([...texts[key]].length > MAP_TEXT_MAX[key]) return { field: key, message: `${key} must be at most ${MAP_TEXT_MAX[key]} characters` };
    }
    let redline: RedlineItem[] = [];
    try {
      if (q.redline !== undefined && q.redline !== '') redline = decodeRedline(String(q.redline));
    } catch (e) {
      return { field: 'redline', message: (e as Error).message };
    }
    return { kind, paper, date, lang, lon, lat, scale, layers, ...texts, redline };
  }
  const scale = Number(q.scale ?? 1000);
  if (!(ENQUIRY_SCALES as readonly number[]).includes(scale)) {
    return { field: 'scale', message: `scale must be one of ${ENQUIRY_SCALES.map((s) => `1/${s}`).join(', ')}` };
  }
  const featureId = q.featureId ? String(q.featureId) : null;
  if (featureId !== null && !isId(featureId)) return { field: 'featureId', message: 'featureId is not a feature id' };
  return { kind, paper, date, lang, lon, lat, scale, layers, featureId };
}

/**
 * The query of a sheet, the one way both sides write it: the web's print links and the server's
 * canonical query for the print page. Places to six decimals (about 0.1 m), so the same place
 * always gives the same URL.
 */
export function sheetQueryOf(sheet: SheetParams): URLSearchParams {
  const q = new URLSearchParams();
  switch (sheet.kind) {
    case 'route':
      q.set('routeNo', sheet.routeNo);
      break;
    case 'plan':
      q.set('routeNo', sheet.routeNo);
      q.set('scale', String(sheet.scale));
      break;
    case 'boundary':
      q.set('featureId', sheet.featureId);
      break;
    default:
      q.set('lon', sheet.lon.toFixed(6));
      q.set('lat', sheet.lat.toFixed(6));
      q.set('scale', String(sheet.scale));
  }
  q.set('paper', sheet.paper);
  q.set('date', sheet.date);
  if (sheet.kind === 'enquiry' || sheet.kind === 'map') {
    if (sheet.layers) q.set('layers', sheet.layers.join(','));
  }
  if (sheet.kind === 'enquiry' && sheet.featureId) q.set('featureId', sheet.featureId);
  if (sheet.kind === 'map') {
    if (sheet.title) q.set('title', sheet.title);
    if (sheet.note) q.set('note', sheet.note);
    if (sheet.redline.length) q.set('redline', encodeRedline(sheet.redline));
  }
  if (sheet.rasters?.length) q.set('rasters', formatRasters(sheet.rasters));
  if (sheet.lang) q.set('lang', sheet.lang);
  if (sheet.dates && sheet.dates !== 'iso') q.set('dates', sheet.dates);
  return q;
}
