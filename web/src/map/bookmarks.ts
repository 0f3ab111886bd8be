// Bookmarks: a view is the map's hash (#zoom/lat/lon, written by MapLibre) plus the visible layers in the
// query (?layers=a,b), so a copied URL opens the same map. Named bookmarks are kept per user in the browser.

export interface Bookmark {
  name: string;
  /** MapLibre's hash, e.g. "#17/35.67/140.17". */
  hash: string;
  /** Keys of the visible layers. */
  layers: string[];
}

const LAYERS_PARAM = 'layers';
const KEY = /^[a-z0-9_]+$/;

/** The visible layers the URL's query names; null when it names none (then the user's own choice stands). */
export function layersFromSearch(search: string): string[] | null {
  const value = new URLSearchParams(search).get(LAYERS_PARAM);
  if (value === null) return null;
  return value.split(',').filter((k) => KEY.test(k));
}

/** The query with the visible layers in it (other parameters kept; commas left readable). */
export function searchWithLayers(search: string, layers: string[]): string {
  const params = new URLSearchParams(search);
  params.set(LAYERS_PARAM, layers.filter((k) => KEY.test(k)).join(','));
  return `?${params.toString().replace(/%2C/g, ',')}`;
}

/** The shareable address of a bookmark on this page. */
export function bookmarkUrl(bookmark: Bookmark, location: Pick<Location, 'origin' | 'pathname' | 'search'>): string {
  return `${location.origin}${location.pathname}${searchWithLayers(location.search, bookmark.layers)}${bookmark.hash}`;
}

/** Saving under a name that exists replaces that bookmark in its place; a new one goes last. */
export function withBookmark(list: Bookmark[], bookmark: Bookmark): Bookmark[] {
  return list.some((b) => b.name === bookmark.name) ? list.map((b) => (b.name === bookmark.name ? bookmark : b)) : [...list, bookmark];
}

function isBookmark(value: unknown): value is Bookmark {
  const b = value as Bookmark;
  return !!b && typeof b.name === 'string' && typeof b.hash === 'string' && Array.isArray(b.layers) && b.layers.every((k) => typeof k === 'string');
}

const storageKey = (username: string) => `chizu.bookmarks.v1.${username}`;

export function readBookmarks(username: string, storage: Pick<Storage, 'getItem'> = localStorage): Bookmark[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(storageKey(username)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isBookmark) : [];
  } catch {
    return [];
  }
}

export function writeBookmarks(username: string, list: Bookmark[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(storageKey(username), JSON.stringify(list));
  } catch {
    // Not kept (private mode, full storage); the list still works on this page.
  }
}

/** The view a hash holds (MapLibre's #zoom/lat/lon[/bearing/pitch]); null when it holds none. */
export function viewOfHash(hash: string): { zoom: number; center: [number, number]; bearing: number; pitch: number } | null {
  const parts = hash.replace(/^#/, '').split('&')[0].split('/').map(Number);
  if (parts.length < 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [zoom, lat, lon, bearing = 0, pitch = 0] = parts;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { zoom, center: [lon, lat], bearing, pitch };
}

/** The hash of a view, as MapLibre writes it (enough decimals for a house at street zoom). */
export function hashOfView(zoom: number, [lon, lat]: [number, number]): string {
  return `#${zoom.toFixed(2)}/${lat.toFixed(6)}/${lon.toFixed(6)}`;
}
