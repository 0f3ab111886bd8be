// Live edits across two browsers: what the administrator saves in one appears on the roads editor's
// map in the other without a reload — a curve mirror (a GeoJSON layer) and a street light (a tiled
// layer) moved — and the editor's open form on a feature says who changed it meanwhile.
import type { Page } from 'playwright-core';
import { comparePngs } from './support/images';
import { launchGuarded, expectCleanStep, logIn, type GuardedBrowser } from './support/browser';
import { eventually } from './support/eventually';
import { goTo, graphql, screenOf, type MapView, type Position } from './support/map';
import type { RunningServer } from './support/server';
import { browserSuite } from './support/suite';

let server: RunningServer;
let guarded: GuardedBrowser;
let page: Page;
browserSuite((suite) => ({ server, guarded, page } = suite), { acceptDialogs: true });

// The second browser: the administrator who edits.
let other: GuardedBrowser;
beforeAll(async () => {
  other = await launchGuarded(server.url);
  await logIn(other.page, 'admin');
}, 120_000);
afterAll(async () => { await other?.close(); });
afterEach(() => expectCleanStep(other));

interface Stored { id: string; version: number; geometry: { coordinates: Position } }
const FIRST = 'query($layer: String!) { features(layer: $layer, first: 1, orderBy: { field: "id" }) { edges { node { id version geometry } } } }';
const MOVE = 'mutation($id: ID!, $v: Int!, $g: GeoJSON!) { updateFeature(id: $id, expectedVersion: $v, geometry: $g) { id version } }';

async function first(layer: string): Promise<Stored> {
  const r = await graphql<{ features: { edges: { node: Stored }[] } }>(other.page, FIRST, { layer });
  return r.features.edges[0].node;
}

/** A 40×40 px picture of the map around a place. */
async function around(view: MapView, at: Position): Promise<Buffer> {
  const { x, y } = await screenOf(page, view, at);
  return page.screenshot({ clip: { x: x - 20, y: y - 20, width: 40, height: 40 } });
}

const east = ([lon, lat]: Position, metres: number): Position => [lon + metres / (111_320 * Math.cos((lat * Math.PI) / 180)), lat];

test.each([
  ['curve_mirrors', 'a curve mirror (GeoJSON layer)'],
  ['street_lights', 'a street light (vector tiles)'],
])('a point of %s moved in the other browser moves on this map without a reload: %s', async (layer) => {
  if (layer === 'curve_mirrors') await logIn(page, 'roads');
  const feature = await first(layer);
  const from = feature.geometry.coordinates;
  const to = east(from, 20);
  const view = { zoom: 18, lat: from[1], lon: (from[0] + to[0]) / 2 };
  await goTo(page, view);
  await page.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true; });
  const [beforeFrom, beforeTo] = [await around(view, from), await around(view, to)];

  const moved = await graphql<{ updateFeature: { version: number } }>(other.page, MOVE, { id: feature.id, v: feature.version, g: { type: 'Point', coordinates: to } });
  expect(moved.updateFeature.version).toBe(feature.version + 1);
  const savedAt = Date.now();

  // The point is drawn at its new place and gone from the old one.
  await eventually(async () => {
    expect((await comparePngs(page, beforeTo, await around(view, to))).differing).toBeGreaterThan(20);
    expect((await comparePngs(page, beforeFrom, await around(view, from))).differing).toBeGreaterThan(20);
  }, 5_000);
  const seenAfterMs = Date.now() - savedAt;
  expect(seenAfterMs).toBeLessThan(5_000);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await guarded.screenshot(`live-${layer}-moved`);
});

test("the editor's open form says that the administrator just changed its feature", async () => {
  const mirror = await first('curve_mirrors');
  const view = { zoom: 19, lat: mirror.geometry.coordinates[1], lon: mirror.geometry.coordinates[0] };
  await goTo(page, view);
  await page.getByRole('combobox', { name: '編集するレイヤ' }).selectOption({ label: 'カーブミラー' });
  await page.getByRole('button', { name: '選択・移動' }).click();
  const at = await screenOf(page, view, mirror.geometry.coordinates);
  await page.mouse.click(at.x, at.y);
  const panel = page.locator('.edit-panel .edit-feature');
  await panel.waitFor();
  expect(await panel.getAttribute('data-feature-id')).toBe(mirror.id);
  expect(await page.getByTestId('remote-change').count()).toBe(0);

  await graphql(other.page, 'mutation($id: ID!, $v: Int!) { updateFeature(id: $id, expectedVersion: $v, attributes: { condition: "要清掃" }) { version } }',
    { id: mirror.id, v: mirror.version });
  const notice = page.getByTestId('remote-change');
  await notice.waitFor({ timeout: 5_000 });
  expect(await notice.textContent()).toContain('管理者 さんが');
  expect(await notice.textContent()).toContain(`版 ${mirror.version + 1}`);
  await guarded.screenshot('live-remote-change-notice');
});
