// The query of a printed sheet: /print/enquiry?lon&lat&scale&paper&layers&date[&featureId][&rasters][&lang]
// and /print/route?routeNo&paper&date[&rasters][&lang]. rasters: the visible raster layers, bottom
// first, each as key or key:opacity percent (rasters=road_sheets:60).
// The server checks the same query before it opens
// the page (server/src/modules/print/print.service.ts); the page reads it back here.
import type { Lang } from '../i18n';
import { ENQUIRY_SCALES, isPaperKey, type PaperKey } from './scale';

/** A raster layer drawn on a sheet, with the opacity it has on screen. */
export interface PrintRaster {
  key: string;
  /** 0–1 */
  opacity: number;
}

export interface EnquirySheetRequest {
  kind: 'enquiry';
  paper: PaperKey;
  date: string;
  lang: Lang;
  lon: number;
  lat: number;
  scale: number;
  /** Layers to draw and to list at the place; [] none (basemap only), null (not asked): all. */
  layers: string[] | null;
  featureId: string | null;
  rasters?: PrintRaster[];
}

export interface RouteSheetRequest {
  kind: 'route';
  paper: PaperKey;
  date: string;
  lang: Lang;
  routeNo: string;
  rasters?: PrintRaster[];
}

export type SheetRequest = EnquirySheetRequest | RouteSheetRequest;
export type SheetFormat = 'pdf' | 'png';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a print page's path and query; a message says what is wrong when it cannot. */
export function parseSheetRequest(pathname: string, search: string): SheetRequest | { error: string } {
  const q = new URLSearchParams(search);
  const kind = /^\/print\/(enquiry|route)\/?$/.exec(pathname)?.[1];
  if (!kind) return { error: `unknown sheet ${pathname}` };
  const paper = q.get('paper') ?? 'A4-portrait';
  if (!isPaperKey(paper)) return { error: `unknown paper ${paper}` };
  const date = q.get('date') ?? '';
  if (!DATE_RE.test(date)) return { error: 'date must be YYYY-MM-DD' };
  const lang: Lang = q.get('lang') === 'en' ? 'en' : 'ja';
  const rasters = parseRasters(q.get('rasters'));
  if (!rasters) return { error: 'rasters must be layer keys (key or key:opacity percent) separated by commas' };
  if (kind === 'route') {
    const routeNo = q.get('routeNo') ?? '';
    if (!routeNo) return { error: 'routeNo is required' };
    return { kind: 'route', paper, date, lang, routeNo, ...(rasters.length ? { rasters } : {}) };
  }
  const lon = Number(q.get('lon'));
  const lat = Number(q.get('lat'));
  if (!q.get('lon') || !q.get('lat') || !Number.isFinite(lon) || !Number.isFinite(lat)) return { error: 'lon and lat are required' };
  const scale = Number(q.get('scale') ?? 1000);
  if (!(ENQUIRY_SCALES as readonly number[]).includes(scale)) return { error: `scale must be one of ${ENQUIRY_SCALES.join(', ')}` };
  const layers = q.get('layers');
  const featureId = q.get('featureId');
  return {
    kind: 'enquiry', paper, date, lang, lon, lat, scale,
    layers: layers === null ? null : layers.split(',').filter(Boolean),
    featureId: featureId && /^\d+$/.test(featureId) ? featureId : null,
    ...(rasters.length ? { rasters } : {}),
  };
}

const RASTER_RE = /^([a-z][a-z0-9_]{1,62})(?::(\d{1,3}))?$/;

/** rasters=key[:percent],… (bottom first); null when malformed. */
export function parseRasters(value: string | null): PrintRaster[] | null {
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

/** The server endpoint that prints a sheet (it opens /print/… with the same query). */
export function sheetUrl(request: SheetRequest, format: SheetFormat): string {
  const q = new URLSearchParams();
  if (request.kind === 'enquiry') {
    // Six decimals: about 0.1 m, and the same place always gives the same URL.
    q.set('lon', request.lon.toFixed(6));
    q.set('lat', request.lat.toFixed(6));
    q.set('scale', String(request.scale));
  } else {
    q.set('routeNo', request.routeNo);
  }
  q.set('paper', request.paper);
  q.set('date', request.date);
  if (request.kind === 'enquiry') {
    if (request.layers) q.set('layers', request.layers.join(','));
    if (request.featureId) q.set('featureId', request.featureId);
  }
  if (request.rasters?.length) q.set('rasters', formatRasters(request.rasters));
  if (request.lang !== 'ja') q.set('lang', request.lang);
  return `/api/print/${request.kind}.${format}?${q}`;
}
