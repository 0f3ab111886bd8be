// A road clerk places a scanned road-ledger sheet (issue 19): uploads the synthetic sheet, clicks its
// four 図郭 corners on the image and types their X/Y, places it, and sees it on the map under the road
// ledger; the opacity slider fades it.
// The generator imports the server's layer types (type-graphql decorators).
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import proj4 from 'proj4';
import type { Database } from '../../server/src/db/database';
import { planeProjDef } from '../../server/src/domain/planeZones';
import { syntheticRoadSheet, type SyntheticSheet } from '../../server/src/seed/rasters';
import type { GuardedBrowser } from './support/browser';
import { logIn } from './support/browser';
import { eventually } from './support/eventually';
import { colourShares } from './support/images';
import { readView, waitForMapIdle } from './support/map';
import type { RunningServer } from './support/server';
import { browserSuite, graphqlAs } from './support/suite';

let server: RunningServer;
let guarded: GuardedBrowser;
let page: Page;
// A small demo city (a disc of parcels around the station, where the sheet is) starts in seconds.
browserSuite((suite) => ({ server, guarded, page } = suite), { acceptDialogs: true, demoScale: 0.05 });

const PLANE_SRID = 6677;
const LAYER = 'e2e_scans';
const LAYER_NAME = '道路台帳図(試験)';
// The road ledger layer's own colour (builtin-layers: #d9480f) and the basemap's building fill
// (web/src/map/basemap.ts), which the opaque sheet covers. (The sheet's own red roads lie under the ledger.)
const COLOURS = {
  ledgerRoad: [0xd9, 0x48, 0x0f] as [number, number, number],
  building: [0xd8, 0xd4, 0xcc] as [number, number, number],
};
let sheet: SyntheticSheet;
let sheetFile: string;

/**
 * The generator reads the demo roads from the database; here they come from the running server's
 * GraphQL API (the demo city the browser sees), turned into plane coordinates like its SQL does.
 */
async function roadsFromServer(): Promise<Database> {
  const toPlane = proj4('EPSG:4326', planeProjDef(PLANE_SRID));
  const toLonLat = proj4(planeProjDef(PLANE_SRID), 'EPSG:4326');
  const query = async (_sql: string, [layer, , west, south, east, north]: unknown[]) => {
    if (layer !== 'road_ledger') return { rows: [] };
    const [minLon, minLat] = toLonLat.forward([Number(west), Number(south)]);
    const [maxLon, maxLat] = toLonLat.forward([Number(east), Number(north)]);
    const reply = await graphqlAs<{ features: { edges: { node: { geometry: { type: string; coordinates: unknown } } }[] } }>(
      server,
      'admin',
      'query($bbox: [Float!]) { features(layer: "road_ledger", bbox: $bbox, first: 5000) { edges { node { geometry } } } }',
      { bbox: [minLon, minLat, maxLon, maxLat] },
    );
    const project = (c: unknown): unknown => (typeof (c as number[])[0] === 'number' ? toPlane.forward(c as number[]) : (c as unknown[]).map(project));
    return { rows: reply.data!.features.edges.map(({ node: { geometry } }) => ({ geom: JSON.stringify({ type: geometry.type, coordinates: project(geometry.coordinates) }) })) };
  };
  return { pool: { query } } as unknown as Database;
}

/** The map canvas's share of the sheet's red roads and of the road ledger's orange. */
async function mapShares(name: string) {
  await waitForMapIdle(page);
  const png = await page.locator('.map canvas').screenshot({ mask: [page.locator('.map-area > :not(.map)'), page.locator('.maplibregl-control-container')] });
  await guarded.screenshot(name);
  return (await colourShares(page, png, COLOURS, 14)).colours;
}

beforeAll(async () => {
  // An administrator gives 道路管理課 a raster layer for its scans.
  const created = await graphqlAs(server, 'admin', `mutation { createLayer(input: { key: "${LAYER}", nameJa: "${LAYER_NAME}", nameEn: "Road sheets (test)",
    departmentKey: "roads", kind: RASTER, geometryTypes: [], fields: [] }) { key kind } }`);
  expect(created.errors).toBeUndefined();
  sheet = await syntheticRoadSheet(await roadsFromServer(), PLANE_SRID);
  sheetFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-raster-e2e-')), 'douro-daicho-e2e.png');
  fs.writeFileSync(sheetFile, sheet.png);
});

afterAll(() => {
  if (sheetFile) fs.rmSync(path.dirname(sheetFile), { recursive: true, force: true });
});

test('a road editor uploads the scanned sheet with upload progress and lands in the placement view', async () => {
  expect(sheet.roadPoints.length).toBeGreaterThan(0); // the sheet really shows roads
  await logIn(page, 'roads');
  const item = page.locator(`[data-raster-layer="${LAYER}"]`);
  await item.getByRole('button', { name: `${LAYER_NAME}にシートを追加` }).click();
  const dialog = page.getByRole('dialog', { name: `シートの登録(${LAYER_NAME})` });
  await dialog.getByLabel('画像ファイル(TIFF・GeoTIFF・PNG・JPEG・PDF)').setInputFiles(sheetFile);
  expect(await dialog.getByLabel('シート名').inputValue()).toBe('douro-daicho-e2e');
  await dialog.getByLabel('シート名').fill('道路台帳図 第1号');
  await dialog.getByRole('button', { name: 'アップロード' }).click();
  await page.getByRole('dialog', { name: 'シートの配置: 道路台帳図 第1号' }).waitFor({ timeout: 60_000 });
  await page.locator('.placement-image img').waitFor();
});

test('a file that is not an image is refused with a Japanese message', async () => {
  // (A second dialog over the placement view: the same layer, a text file.)
  const bad = path.join(path.dirname(sheetFile), 'notes.png');
  fs.writeFileSync(bad, 'これは画像ではありません');
  await page.locator(`[data-raster-layer="${LAYER}"]`).getByRole('button', { name: `${LAYER_NAME}にシートを追加` }).click();
  const dialog = page.getByRole('dialog', { name: `シートの登録(${LAYER_NAME})` });
  await dialog.getByLabel('画像ファイル(TIFF・GeoTIFF・PNG・JPEG・PDF)').setInputFiles(bad);
  await dialog.getByRole('button', { name: 'アップロード' }).click();
  await eventually(async () => expect(await dialog.getByRole('alert').textContent()).toContain('受け付けられません'));
  await dialog.getByRole('button', { name: '閉じる' }).click();
  // The refusal (HTTP 400 with a coded error) is the answer expected here, not a broken page.
  const expected = (r: string) => /\/api\/rasters\/.*HTTP 400|status of 400/.test(r);
  for (const list of [guarded.failedRequests, guarded.consoleErrors]) list.splice(0, list.length, ...list.filter((r) => !expected(r)));
});

test('the four 図郭 corners are clicked on the image and typed in; residuals and RMS show live; the sheet is placed', async () => {
  const view = page.getByRole('dialog', { name: 'シートの配置: 道路台帳図 第1号' });
  const image = view.locator('.placement-image');
  const corners = ['左上', '右上', '右下', '左下'];
  for (const [i, label] of corners.entries()) {
    const corner = sheet.corners[i];
    await view.locator(`tr[data-point="${i}"]`).getByRole('button', { name: '画像でクリック' }).click();
    // Where the corner is on the displayed preview.
    const box = (await image.boundingBox())!;
    await image.click({ position: { x: (corner.col / sheet.width) * box.width, y: (corner.row / sheet.height) * box.height } });
    const col = Number(await view.getByLabel(`${label} 画像の列`).inputValue());
    const row = Number(await view.getByLabel(`${label} 画像の行`).inputValue());
    // A click is good to a few sheet pixels (the preview is shown smaller than the sheet).
    expect(Math.hypot(col - corner.col, row - corner.row)).toBeLessThan((sheet.width / box.width) * 1.5);
    await view.getByLabel(`${label} X(北)`).fill(corner.x.toFixed(3));
    await view.getByLabel(`${label} Y(東)`).fill(corner.y.toFixed(3));
  }
  // Four corners, affine: a residual per corner and the RMS, well under a metre for clicked corners.
  const rms = Number(await view.locator('.placement-rms').getAttribute('data-rms'));
  expect(rms).toBeGreaterThanOrEqual(0);
  expect(rms).toBeLessThan(1);
  expect(await view.locator('td.residual').first().textContent()).not.toBe('–');

  await view.getByRole('button', { name: '配置する' }).click();
  await view.waitFor({ state: 'detached', timeout: 120_000 });
  // The sheet's particulars open where it was placed.
  await eventually(async () => expect(await page.locator('.sheet-info').textContent()).toContain('道路台帳図 第1号'));
});

test('the placed sheet is on the map where it belongs, under the road ledger, and the opacity slider fades it', async () => {
  const slider = page.getByLabel(`${LAYER_NAME}の不透明度`);
  await page.locator('.sheet-info').getByRole('button', { name: '閉じる' }).click();
  // The map shows the placed sheet (it was zoomed to): its paper covers the basemap's houses.
  const placed = await mapShares('raster-placed');

  // Faded out: the houses under the sheet appear, the road ledger is unchanged.
  await slider.fill('0');
  const faded = await eventually(async () => {
    const shares = await mapShares('raster-faded');
    expect(shares.building).toBeGreaterThan(0.01);
    return shares;
  }, 30_000, 500);
  expect(placed.building).toBeLessThan(faded.building / 3);
  // The road ledger is drawn over the sheet: its orange is as visible with the sheet as without.
  expect(faded.ledgerRoad).toBeGreaterThan(0.0003);
  expect(placed.ledgerRoad).toBeGreaterThan(faded.ledgerRoad * 0.7);

  // Half: the houses under the sheet show through, tinted by the paper (no longer their own colour).
  await slider.fill('50');
  await eventually(async () => {
    const half = await mapShares('raster-half');
    expect(half.building).toBeLessThan(faded.building * 0.75);
  }, 30_000, 500);

  await slider.fill('100');
  await eventually(async () => expect((await mapShares('raster-opaque-again')).building).toBeLessThan(faded.building / 3), 30_000, 500);
});

test('a click inside the sheet outline shows its name and the original scan to download', async () => {
  const map = page.locator('.map canvas');
  const box = (await map.boundingBox())!;
  // The map is centred on the sheet after placing; the click is answered from the sheet index tiles, loaded once the map is idle.
  await waitForMapIdle(page);
  await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
  const info = page.locator('.sheet-info');
  await eventually(async () => expect(await info.textContent()).toContain('道路台帳図 第1号'));
  const href = await info.getByRole('link', { name: '原図(スキャン)をダウンロード' }).getAttribute('href');
  const original = await page.evaluate(async (url) => {
    const response = await fetch(url!, { credentials: 'same-origin' });
    return { status: response.status, size: (await response.arrayBuffer()).byteLength };
  }, href);
  expect(original).toEqual({ status: 200, size: sheet.png.length });
});

test('the printed 窓口案内図 draws the visible sheet under the road ledger', async () => {
  // Where the map looks (the sheet's middle): printed with and without the sheet.
  const { lon, lat } = await readView(page);
  const { token } = await graphqlAs(server, 'roads', '{ me { username } }');
  const print = async (rasters: string | null) => {
    const q = new URLSearchParams({ lon: lon.toFixed(6), lat: lat.toFixed(6), scale: '1000', paper: 'A4-portrait', date: '2026-11-29' });
    if (rasters) q.set('rasters', rasters);
    const response = await fetch(`${server.url}/api/print/enquiry.png?${q}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return colourShares(page, Buffer.from(await response.arrayBuffer()), COLOURS, 14);
  };
  const without = await print(null);
  const withSheet = await print(LAYER);
  expect(without.colours.building).toBeGreaterThan(0.01);
  // The sheet's paper covers the houses on the printed map too.
  expect(withSheet.colours.building).toBeLessThan(without.colours.building / 3);
});

test('an administrator creates an orthophoto raster layer from the layer admin screen; it is offered as a base map', async () => {
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await logIn(page, 'admin');
  const admin = page.locator('details.layer-admin-section');
  await admin.locator('summary').click();
  const form = admin.locator('form.raster-layer-create');
  await form.getByRole('textbox', { name: 'キー(英小文字・数字・_)' }).fill('e2e_ortho');
  await form.getByRole('textbox', { name: '名称(日本語)' }).fill('航空写真(試験)');
  await form.getByRole('textbox', { name: '名称(英語)' }).fill('Orthophoto (test)');
  await form.getByRole('checkbox', { name: '航空写真(背景地図として選べる)' }).check();
  await form.getByRole('button', { name: 'ラスタレイヤを登録' }).click();
  await eventually(async () => expect(await form.getByRole('status').textContent()).toContain('航空写真(試験)'));
  const layers = await graphqlAs<{ layers: Array<{ key: string; kind: string; basemap: boolean; department: { key: string } }> }>(
    server, 'admin', '{ layers { key kind basemap department { key } } }');
  expect(layers.data!.layers.find((l) => l.key === 'e2e_ortho')).toMatchObject({ kind: 'RASTER', basemap: true });
});
