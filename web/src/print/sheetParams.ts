// The query of a printed sheet: /print/enquiry?lon&lat&scale&paper&layers&date[&featureId][&lang]
// /print/route?routeNo&paper&date[&lang], /print/boundary?featureId&paper&date[&lang] and
// /print/map?lon&lat&scale&paper&layers&title&note&redline&date[&lang]. The server checks the same query before it opens
// the page (server/src/modules/print/print.service.ts); the page reads it back here.
import { decodeRedline, encodeRedline, type RedlineItem } from '../../../server/src/domain/redline';
import type { Lang } from '../i18n';
import { ENQUIRY_SCALES, isPaperKey, type PaperKey } from './scale';

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
}

export interface RouteSheetRequest {
  kind: 'route';
  paper: PaperKey;
  date: string;
  lang: Lang;
  routeNo: string;
}

/** 境界確定図 of one boundary record (a feature id). */
export interface BoundarySheetRequest {
  kind: 'boundary';
  paper: PaperKey;
  date: string;
  lang: Lang;
  featureId: string;
}

/** The map as the user sees it: any place and scale, the visible layers, a title, a note and redline. */
export interface MapSheetRequest {
  kind: 'map';
  paper: PaperKey;
  date: string;
  lang: Lang;
  lon: number;
  lat: number;
  scale: number;
  layers: string[] | null;
  title: string;
  note: string;
  redline: RedlineItem[];
}

export type SheetRequest = EnquirySheetRequest | RouteSheetRequest | BoundarySheetRequest | MapSheetRequest;
export type SheetFormat = 'pdf' | 'png';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a print page's path and query; a message says what is wrong when it cannot. */
export function parseSheetRequest(pathname: string, search: string): SheetRequest | { error: string } {
  const q = new URLSearchParams(search);
  const kind = /^\/print\/(enquiry|route|boundary|map)\/?$/.exec(pathname)?.[1];
  if (!kind) return { error: `unknown sheet ${pathname}` };
  const paper = q.get('paper') ?? 'A4-portrait';
  if (!isPaperKey(paper)) return { error: `unknown paper ${paper}` };
  const date = q.get('date') ?? '';
  if (!DATE_RE.test(date)) return { error: 'date must be YYYY-MM-DD' };
  const lang: Lang = q.get('lang') === 'en' ? 'en' : 'ja';
  if (kind === 'route') {
    const routeNo = q.get('routeNo') ?? '';
    if (!routeNo) return { error: 'routeNo is required' };
    return { kind: 'route', paper, date, lang, routeNo };
  }
  if (kind === 'boundary') {
    const featureId = q.get('featureId') ?? '';
    if (!/^\d{1,18}$/.test(featureId)) return { error: 'featureId is required' };
    return { kind: 'boundary', paper, date, lang, featureId };
  }
  const lon = Number(q.get('lon'));
  const lat = Number(q.get('lat'));
  if (!q.get('lon') || !q.get('lat') || !Number.isFinite(lon) || !Number.isFinite(lat)) return { error: 'lon and lat are required' };
  const layerList = q.get('layers');
  if (kind === 'map') {
    const scale = Number(q.get('scale'));
    if (!Number.isInteger(scale) || scale < 100 || scale > 100_000) return { error: 'scale must be a whole number from 100 to 100000' };
    let redline: RedlineItem[] = [];
    try {
      redline = q.get('redline') ? decodeRedline(q.get('redline')!) : [];
    } catch (e) {
      return { error: (e as Error).message };
    }
    return {
      kind: 'map', paper, date, lang, lon, lat, scale,
      layers: layerList === null ? null : layerList.split(',').filter(Boolean),
      title: q.get('title') ?? '', note: q.get('note') ?? '', redline,
    };
  }
  const scale = Number(q.get('scale') ?? 1000);
  if (!(ENQUIRY_SCALES as readonly number[]).includes(scale)) return { error: `scale must be one of ${ENQUIRY_SCALES.join(', ')}` };
  const featureId = q.get('featureId');
  return {
    kind: 'enquiry', paper, date, lang, lon, lat, scale,
    layers: layerList === null ? null : layerList.split(',').filter(Boolean),
    featureId: featureId && /^\d+$/.test(featureId) ? featureId : null,
  };
}

/** The server endpoint that prints a sheet (it opens /print/… with the same query). */
export function sheetUrl(request: SheetRequest, format: SheetFormat): string {
  const q = new URLSearchParams();
  if (request.kind === 'enquiry') {
    // Six decimals: about 0.1 m, and the same place always gives the same URL.
    q.set('lon', request.lon.toFixed(6));
    q.set('lat', request.lat.toFixed(6));
    q.set('scale', String(request.scale));
  } else if (request.kind === 'route') {
    q.set('routeNo', request.routeNo);
  } else if (request.kind === 'map') {
    q.set('lon', request.lon.toFixed(6));
    q.set('lat', request.lat.toFixed(6));
    q.set('scale', String(Math.round(request.scale)));
    if (request.layers) q.set('layers', request.layers.join(','));
    if (request.title) q.set('title', request.title);
    if (request.note) q.set('note', request.note);
    if (request.redline.length) q.set('redline', encodeRedline(request.redline));
  } else {
    q.set('featureId', request.featureId);
  }
  q.set('paper', request.paper);
  q.set('date', request.date);
  if (request.kind === 'enquiry') {
    if (request.layers) q.set('layers', request.layers.join(','));
    if (request.featureId) q.set('featureId', request.featureId);
  }
  if (request.lang !== 'ja') q.set('lang', request.lang);
  return `/api/print/${request.kind}.${format}?${q}`;
}
