// Drawing end to end in headless Debian Chromium: the roads editor draws a boundary record (境界確定)
// area by clicking four corners, fills the required fields and saves; then drags one corner of it
// in select mode and saves again; then draws a road ledger line with three clicks, and another one
// finished by a double click. Back on the area: dragging an edge's midpoint handle adds a corner,
// Ctrl+Z / Ctrl+Shift+Z undo and redo vertex drags one at a time, and a right click deletes a
// corner. Every result is checked through GraphQL: the stored corners are where the clicks and
// drags ended, the corners not touched did not move, and the server's length_m is the geodesic
// length of the stored line.
import type { Page } from 'playwright-core';
import { logIn, type GuardedBrowser } from './support/browser';
import { eventually } from './support/eventually';
import { goTo, graphql, lonLatOf, metres, metresPerPixel, readView, screenOf, type Position } from './support/map';
import type { RunningServer } from './support/server';
import { browserSuite, storedFeature as readStored, type StoredFeature } from './support/suite';

let server: RunningServer;
let guarded: GuardedBrowser;
let page: Page;
browserSuite((suite) => ({ server, guarded, page } = suite), { acceptDialogs: true });

const storedFeature = (id: string) => readStored(server, id);

/** Geodesic distance on the WGS84 ellipsoid (Vincenty's inverse formula). */
function geodesic([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const b = a * (1 - f);
  const rad = Math.PI / 180;
  const L = (lon2 - lon1) * rad;
  const U1 = Math.atan((1 - f) * Math.tan(lat1 * rad));
  const U2 = Math.atan((1 - f) * Math.tan(lat2 * rad));
  const [sinU1, cosU1, sinU2, cosU2] = [Math.sin(U1), Math.cos(U1), Math.sin(U2), Math.cos(U2)];
  let lambda = L;
  let sinSigma = 0, cosSigma = 0, sigma = 0, cos2Alpha = 0, cos2SigmaM = 0;
  for (let i = 0; i < 200; i++) {
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    sinSigma = Math.hypot(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda);
    if (sinSigma === 0) return 0;
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    cos2Alpha = 1 - sinAlpha * sinAlpha;
    cos2SigmaM = cos2Alpha ? cosSigma - (2 * sinU1 * sinU2) / cos2Alpha : 0;
    const C = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
    const previous = lambda;
    lambda = L + (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - previous) < 1e-12) break;
  }
  const u2 = (cos2Alpha * (a * a - b * b)) / (b * b);
  const A = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const B = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const deltaSigma = B * sinSigma * (cos2SigmaM + (B / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) - (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  return b * A * (sigma - deltaSigma);
}

let view = { zoom: 19, lat: 0, lon: 0 };

const panel = () => page.locator('.edit-panel');
const pendingStatus = () => page.locator('.edit-pending');
const saveStatus = () => page.getByTestId('save-status');

async function clickAt(p: { x: number; y: number }) {
  await page.mouse.move(p.x, p.y, { steps: 3 });
  await page.mouse.click(p.x, p.y);
  // Separate clicks, not a double click.
  await page.waitForTimeout(400);
}

/**
 * Presses at `from`, drags to `to` and releases. Terra Draw skips every fifth drag event, so the
 * drag ends with a one-pixel wiggle: whichever of the last two moves is skipped, the vertex ends
 * within a pixel of `to`.
 */
async function drag(from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y, { steps: 3 });
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.move(to.x + 1, to.y);
  await page.mouse.move(to.x, to.y);
  await page.mouse.up();
}

/** The polygon's corners in drawing order, without the closing repeat. */
function corners(geometry: StoredFeature['geometry']): Position[] {
  expect(geometry.type).toBe('Polygon');
  const ring = (geometry.coordinates as Position[][])[0];
  expect(ring[0]).toEqual(ring[ring.length - 1]);
  return ring.slice(0, -1);
}

/** Pairs every clicked position with the nearest stored corner (the ring may start elsewhere or turn the other way). */
function nearestCorner(p: Position, stored: Position[]): { index: number; distance: number } {
  return stored.map((c, index) => ({ index, distance: metres(p, c) })).sort((a, b) => a.distance - b.distance)[0];
}

let polygonId = '';
let clickedCorners: Position[] = [];
let storedCorners: Position[] = [];
let tolerance = 0;

test('the roads editor draws a boundary record area with four clicks; it is stored with those four corners', async () => {
  await logIn(page, 'roads');
  // An area beside the longest road ledger segment (inside the city, clear of other features' vertices).
  const { features } = await graphql<{ features: { edges: { node: { geometry: { type: string; coordinates: unknown } } }[] } }>(
    page,
    `{ features(layer: "road_ledger", first: 20, orderBy: { field: "id" }) { edges { node { geometry } } } }`,
  );
  const segments = features.edges.flatMap(({ node }) => {
    const lines = (node.geometry.type === 'LineString' ? [node.geometry.coordinates] : node.geometry.coordinates) as Position[][];
    return lines.flatMap((line) => line.slice(1).map((p, i) => [line[i], p] as [Position, Position]));
  });
  const road = segments.sort((s, t) => metres(t[0], t[1]) - metres(s[0], s[1]))[0];
  const middle: Position = [(road[0][0] + road[1][0]) / 2, (road[0][1] + road[1][1]) / 2];
  view = { zoom: 19, lat: middle[1], lon: middle[0] };
  await goTo(page, view);
  tolerance = metresPerPixel(view.zoom, view.lat) * 2;

  await page.getByRole('combobox', { name: '編集するレイヤ' }).selectOption({ label: '境界確定' });
  await page.getByLabel('近くの頂点・線にスナップ').uncheck();
  await page.getByRole('button', { name: '面を追加' }).click();
  expect(await page.getByRole('button', { name: '面を追加' }).getAttribute('aria-pressed')).toBe('true');

  const box = (await page.locator('.map canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // A quadrilateral above the centre (the road runs through the centre), not a rectangle.
  const screens = [
    { x: cx - 120, y: cy - 200 },
    { x: cx + 110, y: cy - 210 },
    { x: cx + 130, y: cy - 60 },
    { x: cx - 100, y: cy - 50 },
  ];
  for (const s of screens) await clickAt(s);
  clickedCorners = await Promise.all(screens.map((p) => lonLatOf(page, view, p)));
  await guarded.screenshot('30-draw-area-corners');
  // Clicking the first corner again closes the area.
  await clickAt(screens[0]);

  await panel().locator('.edit-feature').waitFor();
  await eventually(async () => expect(await pendingStatus().textContent()).toBe('未保存の変更 1件'));
  const form = panel().locator('.attribute-form');
  expect(await panel().getByTestId('problem-record_no').textContent()).toContain('入力してください');
  await form.locator('[data-field="record_no"]').fill('BR-E2E-DRAW-1');
  await form.locator('[data-field="determined_on"]').fill('2026-11-02');
  await eventually(async () => expect(await panel().getByTestId('problem-record_no').count()).toBe(0));
  expect(await panel().getByTestId('problem-determined_on').count()).toBe(0);
  await guarded.screenshot('31-draw-area-form');

  await page.getByRole('button', { name: '保存', exact: true }).click();
  await eventually(async () => expect(await saveStatus().textContent()).toBe('1件の変更を保存しました。'));
  await eventually(async () => expect(await pendingStatus().textContent()).toBe('未保存の変更はありません'));

  const { features: found } = await graphql<{ features: { edges: { node: StoredFeature }[] } }>(
    page,
    `{ features(layer: "boundary_records", search: "BR-E2E-DRAW-1") { edges { node { id version geometry attributes } } } }`,
  );
  expect(found.edges).toHaveLength(1);
  const stored = found.edges[0].node;
  polygonId = stored.id;
  expect(stored.version).toBe(1);
  expect(stored.attributes).toMatchObject({ record_no: 'BR-E2E-DRAW-1', determined_on: '2026-11-02' });
  storedCorners = corners(stored.geometry);
  expect(storedCorners).toHaveLength(4);
  // Each click is a distinct stored corner, within two pixels.
  const matched = clickedCorners.map((p) => nearestCorner(p, storedCorners));
  expect(new Set(matched.map((m) => m.index)).size).toBe(4);
  for (const m of matched) expect(m.distance).toBeLessThan(tolerance);
  await guarded.screenshot('32-draw-area-saved');
});

test('dragging one corner of the selected area moves exactly that corner; saving stores it as version 2', async () => {
  expect(polygonId).not.toBe('');
  await page.getByRole('button', { name: '選択・移動' }).click();
  const centre: Position = [
    clickedCorners.reduce((s, p) => s + p[0], 0) / 4,
    clickedCorners.reduce((s, p) => s + p[1], 0) / 4,
  ];
  const inside = await screenOf(page, view, centre);
  await clickAt(inside);
  await eventually(async () => expect(await panel().locator('.edit-feature').getAttribute('data-feature-id')).toBe(polygonId));
  await guarded.screenshot('33-select-area');

  // Drag the third clicked corner 60 px right and 40 px down.
  const moved = nearestCorner(clickedCorners[2], storedCorners).index;
  const start = await screenOf(page, view, storedCorners[moved]);
  const [dx, dy] = [60, 40];
  await drag(start, { x: start.x + dx, y: start.y + dy });
  await eventually(async () => expect(await pendingStatus().textContent()).toBe('未保存の変更 1件'));
  await guarded.screenshot('34-vertex-dragged');

  await page.getByRole('button', { name: '保存', exact: true }).click();
  await eventually(async () => expect(await saveStatus().textContent()).toBe('1件の変更を保存しました。'));
  const stored = await storedFeature(polygonId);
  expect(stored.version).toBe(2);
  const after = corners(stored.geometry);
  expect(after).toHaveLength(4);
  const target = await lonLatOf(page, view, { x: start.x + dx, y: start.y + dy });
  const draggedMetres = metres(storedCorners[moved], target);
  for (const before of storedCorners) {
    const now = nearestCorner(before, after);
    if (before === storedCorners[moved]) {
      expect(now.distance).toBeGreaterThan(draggedMetres / 2);
    } else {
      expect(now.distance).toBeLessThan(0.01);
    }
  }
  // The moved corner is where the drag ended, i.e. it moved by roughly the dragged distance.
  const movedTo = nearestCorner(target, after);
  expect(movedTo.distance).toBeLessThan(tolerance);
  expect(Math.abs(metres(storedCorners[moved], after[movedTo.index]) - draggedMetres)).toBeLessThan(tolerance);
  await guarded.screenshot('35-vertex-saved');
});

/** Closes the selected feature, picks the layer if given, turns the line tool on; returns the map's centre on screen. */
async function startLineTool(layerLabel?: string): Promise<{ cx: number; cy: number }> {
  await page.keyboard.press('Escape');
  await panel().getByRole('button', { name: '閉じる' }).click();
  if (layerLabel) await page.getByRole('combobox', { name: '編集するレイヤ' }).selectOption({ label: layerLabel });
  await page.getByRole('button', { name: '線を追加' }).click();
  expect(await page.getByRole('button', { name: '線を追加' }).getAttribute('aria-pressed')).toBe('true');
  const box = (await page.locator('.map canvas').boundingBox())!;
  return { cx: box.x + box.width / 2, cy: box.y + box.height / 2 };
}

test('the roads editor draws a road ledger line with three clicks; the server computes its length geodesically', async () => {
  const { cx, cy } = await startLineTool('道路台帳');
  // Below the centre, away from the area drawn above it.
  const screens = [
    { x: cx - 200, y: cy + 80 },
    { x: cx, y: cy + 180 },
    { x: cx + 220, y: cy + 120 },
  ];
  for (const s of screens) await clickAt(s);
  const clicked = await Promise.all(screens.map((p) => lonLatOf(page, view, p)));
  await guarded.screenshot('36-draw-line');
  // Clicking the last vertex again finishes the line.
  await clickAt(screens[2]);

  await panel().locator('.edit-feature').waitFor();
  await eventually(async () => expect(await pendingStatus().textContent()).toBe('未保存の変更 1件'));
  const stored = await saveNewRoad({ route_no: 'E2E-901', route_name: '描画試験線' }, clicked, '37-draw-line-form');
  const line = stored.geometry.coordinates as Position[];

  const length = line.slice(1).reduce((sum, p, i) => sum + geodesic(line[i], p), 0);
  const lengthM = Number(stored.attributes.length_m);
  expect(Number.isFinite(lengthM)).toBe(true);
  expect(Math.abs(lengthM - length) / length).toBeLessThan(0.01);
  await guarded.screenshot('38-draw-line-saved');
});

/**
 * Fills the road ledger form of the line just drawn, saves it and reads it back: version 1,
 * the attributes as typed, and one stored vertex within two pixels of each clicked point.
 */
async function saveNewRoad(attributes: { route_no: string; route_name: string }, clicked: Position[], shot: string): Promise<StoredFeature> {
  const form = panel().locator('.attribute-form');
  await form.locator('[data-field="route_no"]').fill(attributes.route_no);
  await form.locator('[data-field="route_name"]').fill(attributes.route_name);
  await form.locator('select[data-field="road_class"]').selectOption('その他');
  await guarded.screenshot(shot);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await eventually(async () => expect(await saveStatus().textContent()).toBe('1件の変更を保存しました。'));

  const id = (await panel().locator('.edit-feature').getAttribute('data-feature-id'))!;
  expect(id).toMatch(/^\d+$/);
  const stored = await storedFeature(id);
  expect(stored.version).toBe(1);
  expect(stored.attributes).toMatchObject({ ...attributes, road_class: 'その他' });
  expect(stored.geometry.type).toBe('LineString');
  const line = stored.geometry.coordinates as Position[];
  expect(line).toHaveLength(clicked.length);
  line.forEach((p, i) => expect(metres(p, clicked[i])).toBeLessThan(tolerance));
  return stored;
}

const expectPending = (count: number) =>
  eventually(async () => expect(await pendingStatus().textContent()).toBe(count ? `未保存の変更 ${count}件` : '未保存の変更はありません'));

/** Saves the session's one change and reads the feature back through GraphQL. */
async function saveAndRead(id: string, version: number): Promise<StoredFeature> {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await eventually(async () => expect(await saveStatus().textContent()).toBe('1件の変更を保存しました。'));
  await expectPending(0);
  const stored = await storedFeature(id);
  expect(stored.version).toBe(version);
  return stored;
}

/** Every corner of `unchanged` is still stored, within a centimetre. */
function expectUnmoved(unchanged: Position[], stored: Position[]) {
  for (const p of unchanged) expect(nearestCorner(p, stored).distance).toBeLessThan(0.01);
}

test('a road ledger line is finished by double-clicking its last vertex; it is stored with the three vertices', async () => {
  const { cx, cy } = await startLineTool();
  // Below the first line.
  const screens = [
    { x: cx - 220, y: cy + 250 },
    { x: cx - 20, y: cy + 290 },
    { x: cx + 200, y: cy + 240 },
  ];
  await clickAt(screens[0]);
  await clickAt(screens[1]);
  await page.mouse.move(screens[2].x, screens[2].y, { steps: 3 });
  await page.mouse.dblclick(screens[2].x, screens[2].y);
  const clicked = await Promise.all(screens.map((p) => lonLatOf(page, view, p)));

  await panel().locator('.edit-feature[data-feature-id=""]').waitFor();
  await expectPending(1);
  // The double click finished the line; it did not zoom the map.
  expect((await readView(page)).zoom).toBeCloseTo(view.zoom, 5);
  await saveNewRoad({ route_no: 'E2E-902', route_name: 'ダブルクリック試験線' }, clicked, '39-double-click-line');
});

let insertedCorner: Position = [0, 0];

test('dragging the midpoint handle of an edge of the selected area adds a corner there in one undo step; five corners are stored', async () => {
  expect(polygonId).not.toBe('');
  await page.keyboard.press('Escape');
  await panel().getByRole('button', { name: '閉じる' }).click();
  await page.getByRole('combobox', { name: '編集するレイヤ' }).selectOption({ label: '境界確定' });
  await page.getByRole('button', { name: '選択・移動' }).click();
  const before = corners((await storedFeature(polygonId)).geometry);
  expect(before).toHaveLength(4);
  const centre: Position = [before.reduce((s, p) => s + p[0], 0) / 4, before.reduce((s, p) => s + p[1], 0) / 4];
  await clickAt(await screenOf(page, view, centre));
  await eventually(async () => expect(await panel().locator('.edit-feature').getAttribute('data-feature-id')).toBe(polygonId));

  // The top edge, between the first two clicked corners (neither has moved).
  const [i0, i1] = [nearestCorner(clickedCorners[0], before).index, nearestCorner(clickedCorners[1], before).index];
  expect([1, 3]).toContain((i1 - i0 + 4) % 4);
  const [a, b] = [await screenOf(page, view, before[i0]), await screenOf(page, view, before[i1])];
  const midpoint = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const target = { x: midpoint.x, y: midpoint.y - 50 };
  await drag(midpoint, target);
  await expectPending(1);
  await guarded.screenshot('40-midpoint-dragged');

  // Inserting the corner and dragging it is one step: one undo takes both back, one redo brings both.
  await page.keyboard.press('Control+z');
  await expectPending(0);
  await page.keyboard.press('Control+Shift+z');
  await expectPending(1);

  const after = corners((await saveAndRead(polygonId, 3)).geometry);
  expect(after).toHaveLength(5);
  expectUnmoved(before, after);
  const inserted = nearestCorner(await lonLatOf(page, view, target), after);
  expect(inserted.distance).toBeLessThan(tolerance);
  // The new corner sits between the edge's two ends in the ring.
  const neighbours = [after[(inserted.index + 1) % 5], after[(inserted.index + 4) % 5]];
  expect(nearestCorner(before[i0], neighbours).distance).toBeLessThan(0.01);
  expect(nearestCorner(before[i1], neighbours).distance).toBeLessThan(0.01);
  insertedCorner = after[inserted.index];
  await guarded.screenshot('41-midpoint-saved');
});

test('Ctrl+Z undoes vertex drags one at a time back to the stored area and Ctrl+Shift+Z redoes the first; the redone drag is what is saved', async () => {
  const before = corners((await storedFeature(polygonId)).geometry);
  expect(before).toHaveLength(5);
  await eventually(async () => expect(await panel().locator('.edit-feature').getAttribute('data-feature-id')).toBe(polygonId));
  const first = before[nearestCorner(clickedCorners[3], before).index];
  const second = before[nearestCorner(clickedCorners[1], before).index];
  const firstStart = await screenOf(page, view, first);
  const firstTarget = { x: firstStart.x - 40, y: firstStart.y + 30 };
  const secondStart = await screenOf(page, view, second);
  await drag(firstStart, firstTarget);
  await expectPending(1);
  await drag(secondStart, { x: secondStart.x + 40, y: secondStart.y - 30 });
  await expectPending(1);
  await guarded.screenshot('42-two-vertices-dragged');

  await page.keyboard.press('Control+z');
  // One drag is still unsaved; the second undo leaves nothing: the stored geometry is back.
  await expectPending(1);
  await page.keyboard.press('Control+z');
  await expectPending(0);
  await page.keyboard.press('Control+Shift+z');
  await expectPending(1);
  await guarded.screenshot('43-undo-redo');

  const after = corners((await saveAndRead(polygonId, 4)).geometry);
  expect(after).toHaveLength(5);
  expectUnmoved(before.filter((p) => p !== first), after);
  const firstTo = await lonLatOf(page, view, firstTarget);
  expect(nearestCorner(firstTo, after).distance).toBeLessThan(tolerance);
  expect(nearestCorner(first, after).distance).toBeGreaterThan(tolerance * 10);
});

test('right-clicking a corner of the selected area deletes it; four corners are stored', async () => {
  const before = corners((await storedFeature(polygonId)).geometry);
  expect(before).toHaveLength(5);
  await eventually(async () => expect(await panel().locator('.edit-feature').getAttribute('data-feature-id')).toBe(polygonId));
  // The hint beside the tools tells how.
  expect(await page.locator('.edit-hint').textContent()).toContain('頂点の右クリックで削除');

  const at = await screenOf(page, view, insertedCorner);
  await page.mouse.move(at.x, at.y, { steps: 3 });
  await page.mouse.click(at.x, at.y, { button: 'right' });
  await expectPending(1);
  await guarded.screenshot('44-vertex-deleted');

  const after = corners((await saveAndRead(polygonId, 5)).geometry);
  expect(after).toHaveLength(4);
  expectUnmoved(before.filter((p) => metres(p, insertedCorner) > 0.01), after);
  expect(nearestCorner(insertedCorner, after).distance).toBeGreaterThan(tolerance * 10);
  await guarded.screenshot('45-vertex-delete-saved');
});
