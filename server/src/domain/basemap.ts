// Rules for the base maps an administrator lists (issue 11), shared by the server (validation, the
// Content-Security-Policy) and the web (the admin form). Pure: no I/O.
import type { ErrorKey, ErrorParams } from './errors';

export type BasemapKind = 'style' | 'raster';

const BASEMAP_NAME_MAX = 60;
const BASEMAP_URL_MAX = 2000;
const BASEMAP_ATTRIBUTION_MAX = 300;

/** A host as a CSP source may name it: letters, digits, dots and hyphens, or a bracketed IPv6 address. */
const PLAIN_HOST = /^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/i;

interface BasemapProblem { field: 'nameJa' | 'nameEn' | 'url' | 'attribution'; key: ErrorKey; params: ErrorParams }

/** The origin a base map's URL loads from (what the CSP must allow), or null when the URL is not one we accept. */
export function basemapOrigin(url: string): string | null {
  let parsed: URL;
  try { parsed = new URL(url); } catch { return null; }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password || !PLAIN_HOST.test(parsed.hostname)) return null;
  return parsed.origin;
}

/** What is wrong with a base map's fields, first problem first; [] when it may be saved. */
export function basemapProblems(b: { nameJa: string; nameEn: string; kind: BasemapKind; url: string; attribution?: string | null }): BasemapProblem[] {
  const problems: BasemapProblem[] = [];
  for (const field of ['nameJa', 'nameEn'] as const) {
    const name = b[field].trim();
    if (!name || name.length > BASEMAP_NAME_MAX) problems.push({ field, key: 'basemapName', params: { max: BASEMAP_NAME_MAX } });
  }
  const url = b.url.trim();
  if (url.length > BASEMAP_URL_MAX || !basemapOrigin(url)) {
    problems.push({ field: 'url', key: 'basemapUrl', params: { max: BASEMAP_URL_MAX } });
  } else if (b.kind === 'raster' && !['{z}', '{x}', '{y}'].every((p) => url.includes(p))) {
    problems.push({ field: 'url', key: 'basemapRasterTemplate', params: {} });
  }
  if ((b.attribution ?? '').length > BASEMAP_ATTRIBUTION_MAX) {
    problems.push({ field: 'attribution', key: 'basemapAttribution', params: { max: BASEMAP_ATTRIBUTION_MAX } });
  }
  return problems;
}
