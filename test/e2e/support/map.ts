// Reading the map's state from the page as a user-visible fact: the URL hash (#zoom/lat/lon)
// that MapLibre keeps, and the data-idle attribute the map view sets when it has settled.
import type { Page } from 'playwright-core';

export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

export async function readView(page: Page): Promise<MapView> {
  const hash = await page.evaluate(() => window.location.hash);
  const [zoom, lat, lon] = hash.replace(/^#/, '').split('/').map(Number);
  if (![zoom, lat, lon].every(Number.isFinite)) throw new Error(`no map view in the URL hash: "${hash}"`);
  return { zoom, lat, lon };
}

/** Waits until the map has no pending moves, tiles or data. */
export async function waitForMapIdle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForSelector('.map[data-idle="true"]', { timeout });
}

/** Moves the map by setting the URL hash (MapLibre follows it) and waits for it to settle. */
export async function goTo(page: Page, view: MapView): Promise<void> {
  const setHash = () =>
    page.evaluate(({ zoom, lat, lon }) => {
      window.location.hash = `#${zoom}/${lat}/${lon}`;
    }, view);
  // MapLibre writes the hash a moment after each move (throttled); a write still pending from
  // the previous move could overwrite ours, so settle first and set it again if it was lost.
  await waitForMapIdle(page);
  await setHash();
  const deadline = Date.now() + 10_000;
  let lastSet = Date.now();
  for (;;) {
    const now = await readView(page).catch(() => null);
    if (now && Math.abs(now.zoom - view.zoom) < 0.01 && Math.abs(now.lat - view.lat) < 1e-4 && Math.abs(now.lon - view.lon) < 1e-4) break;
    if (Date.now() > deadline) {
      throw new Error(`the map did not move to ${JSON.stringify(view)}; URL hash is ${await page.evaluate(() => window.location.hash)}`);
    }
    if (Date.now() - lastSet > 1000) {
      await setHash();
      lastSet = Date.now();
    }
    await page.waitForTimeout(100);
  }
  await waitForMapIdle(page);
}

/** Ground metres per screen pixel at a zoom (512 px tiles) and latitude, on a sphere. */
export function metresPerPixel(zoom: number, lat: number): number {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** Calls our GraphQL API from inside the page, with the page's session cookie. */
export async function graphql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    { query, variables },
  );
  if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

// Web Mercator with MapLibre's 512 px tiles, for turning lon/lat into page positions and back.
const worldPx = (zoom: number) => 512 * 2 ** zoom;
const mercX = (lon: number) => (lon + 180) / 360;
const mercY = (lat: number) => (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2;
const lonOfMerc = (x: number) => x * 360 - 180;
const latOfMerc = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;


/** Where a lon/lat is on the page, for a map centred on `view`. */
export async function screenOf(page: Page, view: MapView, [lon, lat]: number[]): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.map canvas').boundingBox())!;
  const world = worldPx(view.zoom);
  return {
    x: box.x + box.width / 2 + (mercX(lon) - mercX(view.lon)) * world,
    y: box.y + box.height / 2 + (mercY(lat) - mercY(view.lat)) * world,
  };
}

/** The lon/lat under a page position (the inverse of screenOf). */
export async function lonLatOf(page: Page, view: MapView, { x, y }: { x: number; y: number }): Promise<[number, number]> {
  const box = (await page.locator('.map canvas').boundingBox())!;
  const world = worldPx(view.zoom);
  return [lonOfMerc(mercX(view.lon) + (x - box.x - box.width / 2) / world), latOfMerc(mercY(view.lat) + (y - box.y - box.height / 2) / world)];
}

export type Position = [number, number];

/** Metres between two lon/lat points (equirectangular; fine over a few hundred metres). */
export function metres(a: Position, b: Position): number {
  const k = Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 111_320;
}
