// The built-in basemap at the counter's scale: parcels with their 地番, buildings, railway and
// facility names around 四街道駅, drawn from our own vector tiles; the basemap switcher, and a base map an administrator lists.
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { logIn, type GuardedBrowser } from './support/browser';
import { eventually } from './support/eventually';
import { colourShares } from './support/images';
import { goTo, metresPerPixel, waitForMapIdle } from './support/map';
import type { RunningServer } from './support/server';
import { browserSuite, graphqlAs } from './support/suite';

let server: RunningServer;
let guarded: GuardedBrowser;
let page: Page;
// A small demo city (a disc of parcels ~400 m around the station) starts in seconds.
browserSuite((suite) => ({ server, guarded, page } = suite), { demoScale: 0.05 });

const STATION = { lon: 140.1676, lat: 35.6698 };
// 1/1,000 on a 96 dpi screen: 0.2646 ground metres per CSS pixel.
const ZOOM_1_1000 = Math.log2(metresPerPixel(0, STATION.lat) / (1000 * 0.0254 / 96));
// The basemap's own colours (web/src/map/basemap.ts): building fill, parcel lines, 地番 text.
const BASEMAP_COLOURS = { building: [0xd8, 0xd4, 0xcc], parcelLine: [0x8f, 0x8a, 0x80], lotLabel: [0x5c, 0x56, 0x4c] } as Record<string, [number, number, number]>;

/** The map canvas's inked share and basemap colours; tolerance per channel (antialiased dark text passes through greys). */
async function mapShot(name: string, tolerance = 12) {
  await waitForMapIdle(page);
  // Controls and readouts over the map are masked (magenta): only what the map drew is counted.
  const png = await page.locator('.map canvas').screenshot({ mask: [page.locator('.map-area > :not(.map)'), page.locator('.maplibregl-control-container')] });
  await guarded.screenshot(name);
  return colourShares(page, png, BASEMAP_COLOURS, tolerance);
}

test('at 1/1,000 around 四街道駅 the map shows parcels, buildings and their labels, not an empty sheet', async () => {
  await logIn(page, 'counter');
  // Just south of the station: houses on both sides of the railway.
  await goTo(page, { zoom: Math.round(ZOOM_1_1000 * 100) / 100, lat: STATION.lat - 0.0012, lon: STATION.lon + 0.0008 });
  const shares = await mapShot('basemap-1-1000');
  expect(shares.inked).toBeGreaterThan(0.2);
  expect(shares.colours.building).toBeGreaterThan(0.05);
  expect(shares.colours.parcelLine).toBeGreaterThan(0.002);
  // 地番 labels in their ink (parcel tiles carry the 地番).
  expect(shares.colours.lotLabel).toBeGreaterThan(0.00005);
});

test('the basemap switcher puts the layers on a blank sheet and back', async () => {
  // The map is rebuilt for another basemap: wait until the picture says so.
  await page.getByRole('combobox', { name: /^背景地図/ }).selectOption({ label: '白地図' });
  await eventually(async () => {
    const blank = await mapShot('basemap-blank', 4);
    expect(blank.colours.building).toBeLessThan(0.0005);
    expect(blank.colours.parcelLine).toBeLessThan(0.0005);
  }, 30_000, 1000);

  await page.getByRole('combobox', { name: /^背景地図/ }).selectOption({ label: '標準(地番図・家屋)' });
  await eventually(async () => expect((await mapShot('basemap-standard-again', 4)).colours.building).toBeGreaterThan(0.05), 30_000, 1000);
});

test('the printed 窓口案内図 at 1/1,000 shows the parcels and buildings too', async () => {
  const { token } = await graphqlAs(server, 'counter', '{ me { username } }');
  const query = new URLSearchParams({ lon: String(STATION.lon + 0.0008), lat: String(STATION.lat - 0.0012), scale: '1000', paper: 'A4-portrait', date: '2026-11-29' });
  const response = await fetch(`${server.url}/api/print/enquiry.png?${query}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const sheet = await colourShares(page, Buffer.from(await response.arrayBuffer()), BASEMAP_COLOURS, 4);
  // The map takes about half of the sheet; buildings cover a good part of it.
  expect(sheet.colours.building).toBeGreaterThan(0.03);
});

test('an administrator lists a base map the city hosts: the switcher offers it and the map draws its tiles', async () => {
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await logIn(page, 'admin');
  // The city's tile server (on our own origin here, so the closed-network guard holds) answers blue tiles.
  const blue: [number, number, number] = [0x33, 0x66, 0xcc];
  const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: blue[0], g: blue[1], b: blue[2] } } }).png().toBuffer();
  const tileRequests: string[] = [];
  await page.route(`${server.url}/lgwan-tiles/**`, (route) => {
    tileRequests.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: tile });
  });

  await page.getByText('背景地図の管理').click();
  const form = page.locator('.basemap-admin-form');
  await form.getByLabel('名前', { exact: true }).fill('庁内地図タイル');
  await form.getByLabel('名前(英語)').fill('City tiles');
  await form.getByLabel('URL').fill(`${server.url}/lgwan-tiles/{z}/{x}/{y}.png`);
  await form.getByRole('button', { name: '追加' }).click();
  await page.locator('.basemap-admin-list li', { hasText: '庁内地図タイル' }).waitFor();

  await page.getByRole('combobox', { name: /^背景地図/ }).selectOption({ label: '庁内地図タイル' });
  await eventually(async () => {
    await waitForMapIdle(page);
    const png = await page.locator('.map canvas').screenshot({ mask: [page.locator('.map-area > :not(.map)'), page.locator('.maplibregl-control-container')] });
    const shares = await colourShares(page, png, { tile: blue, ...BASEMAP_COLOURS }, 4);
    expect(shares.colours.tile).toBeGreaterThan(0.3);
    expect(shares.colours.building).toBeLessThan(0.0005);
  }, 30_000, 1000);
  await guarded.screenshot('basemap-listed');
  expect(tileRequests.length).toBeGreaterThan(0);
  expect(tileRequests.every((u) => /\/lgwan-tiles\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
});
