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
