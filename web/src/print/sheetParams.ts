// The query of a printed sheet: /print/enquiry?lon&lat&scale&paper&layers&date[&featureId][&lang],
// /print/route?routeNo&paper&date[&lang], /print/boundary?featureId&paper&date[&lang] and
// /print/map?lon&lat&scale&paper&layers&title&note&redline&date[&lang]. The server checks the query
// with the same rules (#domain/sheets parseSheetParams) before it opens the page; the page reads it
// back here, and links are written by the same sheetQueryOf.
import {
  parseSheetParams, SHEET_KINDS, sheetQueryOf,
  type BoundarySheetParams, type EnquirySheetParams, type MapSheetParams, type PlanSheetParams, type RouteSheetParams, type SheetKind,
} from '#domain/sheets';
import type { Lang } from '../i18n';

export type { PrintRaster } from '#domain/sheets';

type WithLang<T> = Omit<T, 'lang'> & { lang: Lang };
export type EnquirySheetRequest = WithLang<EnquirySheetParams>;
export type RouteSheetRequest = WithLang<RouteSheetParams>;
export type BoundarySheetRequest = WithLang<BoundarySheetParams>;
export type MapSheetRequest = WithLang<MapSheetParams>;
export type PlanSheetRequest = WithLang<PlanSheetParams>;
export type SheetRequest = EnquirySheetRequest | RouteSheetRequest | BoundarySheetRequest | MapSheetRequest | PlanSheetRequest;
export type SheetFormat = 'pdf' | 'png';

const PRINT_PATH = new RegExp(`^/print/(${SHEET_KINDS.join('|')})/?$`);

/** Reads a print page's path and query; a message says what is wrong when it cannot. */
export function parseSheetRequest(pathname: string, search: string): SheetRequest | { error: string } {
  const q = new URLSearchParams(search);
  const kind = PRINT_PATH.exec(pathname)?.[1] as SheetKind | undefined;
  if (!kind) return { error: `unknown sheet ${pathname}` };
  // The server always states the date; the page never picks a day of its own.
  if (!q.get('date')) return { error: 'date must be YYYY-MM-DD' };
  const sheet = parseSheetParams(kind, Object.fromEntries(q));
  if (!('kind' in sheet)) return { error: sheet.message };
  return { ...sheet, lang: sheet.lang ?? 'ja' };
}

/** The server endpoint that prints a sheet (it opens /print/… with the same query). */
export function sheetUrl(request: SheetRequest, format: SheetFormat): string {
  // Japanese is the default and is not written.
  const q = sheetQueryOf({ ...request, lang: request.lang === 'ja' ? null : request.lang });
  return `/api/print/${request.kind}.${format}?${q}`;
}
