// The query of a printed sheet: /print/enquiry?lon&lat&scale&paper&layers&date[&featureId][&lang]
// and /print/route?routeNo&paper&date[&lang]. The server checks the query with the same rules
// (#domain/sheets parseSheetParams) before it opens the page; the page reads it back here.
import { parseSheetParams, type EnquirySheetParams, type RouteSheetParams } from '#domain/sheets';
import type { Lang } from '../i18n';

export type EnquirySheetRequest = Omit<EnquirySheetParams, 'lang'> & { lang: Lang };
export type RouteSheetRequest = Omit<RouteSheetParams, 'lang'> & { lang: Lang };
export type SheetRequest = EnquirySheetRequest | RouteSheetRequest;
export type SheetFormat = 'pdf' | 'png';

/** Reads a print page's path and query; a message says what is wrong when it cannot. */
export function parseSheetRequest(pathname: string, search: string): SheetRequest | { error: string } {
  const q = new URLSearchParams(search);
  const kind = /^\/print\/(enquiry|route)\/?$/.exec(pathname)?.[1] as 'enquiry' | 'route' | undefined;
  if (!kind) return { error: `unknown sheet ${pathname}` };
  // The server always states the date; the page never picks a day of its own.
  if (!q.get('date')) return { error: 'date must be YYYY-MM-DD' };
  const sheet = parseSheetParams(kind, Object.fromEntries(q));
  if (!('kind' in sheet)) return { error: sheet.message };
  return { ...sheet, lang: sheet.lang ?? 'ja' };
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
  if (request.lang !== 'ja') q.set('lang', request.lang);
  return `/api/print/${request.kind}.${format}?${q}`;
}
