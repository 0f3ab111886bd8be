// A day at the counter and the road office (issue 17): a shared link opens the same map with the same layers,
// the attribute table's filter is what the map draws, an area dragged on the map narrows the table and its CSV,
// measurements are labelled on the map, and named bookmarks bring a view back.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { logIn, screenshotDir, type GuardedBrowser } from './support/browser';
import { parseCsv } from './support/csv';
import { eventually } from './support/eventually';
import { colourShares } from './support/images';
import { goTo, graphql, lonLatOf, metresPerPixel, readView, waitForMapIdle } from './support/map';
import { browserSuite } from './support/suite';

let guarded: GuardedBrowser;
let page: Page;
browserSuite((suite) => ({ guarded, page } = suite), { demoScale: 0.05 });

const STATION = { lon: 140.1676, lat: 35.6698 };
const ROAD_ORANGE: [number, number, number] = [0xd9, 0x48, 0x0f];
const LABEL_RED: [number, number, number] = [0xbf, 0x36, 0x0c];
/** The area selection's outline (a dashed line). */
const AREA_PURPLE: [number, number, number] = [0x7b, 0x1f, 0xa2];

async function mapShares(colours: Record<string, [number, number, number]>, tolerance = 10) {
  await waitForMapIdle(page);
  const png = await page.locator('.map canvas').screenshot();
  return (await colourShares(page, png, colours, tolerance)).colours;
}

/** The table's total from its status line (全N件), 0 for none. */
async function tableTotal(): Promise<number> {
  const text = (await page.locator('.attribute-table .table-count').textContent()) ?? '';
  if (text.includes('該当する地物がありません')) return 0;
  const match = text.match(/全([\d,]+)件/);
  if (!match) throw new Error(`no total yet: ${text}`);
  return Number(match[1].replace(/,/g, ''));
}

test('a shared link with ?layers= opens with exactly those layers visible, at its view', async () => {
  await logIn(page, 'counter', `/?layers=road_ledger#16/${STATION.lat}/${STATION.lon}`);
  expect(await page.getByRole('checkbox', { name: '道路台帳を表示' }).isChecked()).toBe(true);
  for (const name of ['ゴミ集積所', 'カーブミラー', '防犯灯']) expect(await page.getByRole('checkbox', { name: `${name}を表示` }).isChecked()).toBe(false);
  const view = await readView(page);
  expect(view.zoom).toBeCloseTo(16, 1);
  expect(view.lat).toBeCloseTo(STATION.lat, 3);
  // Turning a layer on puts it in the address too.
  await page.getByRole('checkbox', { name: 'カーブミラーを表示' }).check();
  await eventually(async () => expect(await page.evaluate(() => window.location.search)).toBe('?layers=road_ledger,curve_mirrors'));
  await page.getByRole('checkbox', { name: 'カーブミラーを表示' }).uncheck();
});

test('the attribute table filter is what the map draws, and 地図で表示 zooms to all the filtered features', async () => {
  await goTo(page, { ...STATION, zoom: 15 });
  const before = await mapShares({ road: ROAD_ORANGE });
  expect(before.road).toBeGreaterThan(0.002);

  await page.getByRole('button', { name: '道路台帳の属性表を開く' }).click();
  const table = page.locator('.attribute-table');
  await table.getByRole('heading', { name: '道路台帳 属性表' }).waitFor();
  await table.locator('input[data-field="route_no"]').fill('存在しない路線');
  await eventually(async () => expect(await tableTotal()).toBe(0), 15_000);
  const none = await mapShares({ road: ROAD_ORANGE });
  expect(none.road).toBeLessThan(before.road / 20);

  // One route: the map keeps only its segments; 地図で表示 fits all of them, wherever they are.
  const first = await graphql<{ features: { edges: { node: { attributes: { route_no: string } } }[] } }>(
    page, '{ features(layer: "road_ledger", first: 1) { edges { node { attributes } } } }');
  const routeNo = first.features.edges[0].node.attributes.route_no;
  const where = [{ field: 'route_no', contains: routeNo }];
  const expected = await graphql<{ features: { totalCount: number; extent: number[] } }>(
    page, 'query($where: [AttributeFilter!]) { features(layer: "road_ledger", where: $where, first: 0) { totalCount extent } }', { where });
  await table.locator('input[data-field="route_no"]').fill(routeNo);
  await eventually(async () => expect(await tableTotal()).toBe(expected.features.totalCount), 15_000);
  await table.getByRole('button', { name: '地図で表示', exact: true }).click();
  const [x0, y0, x1, y1] = expected.features.extent;
  await eventually(async () => {
    const view = await readView(page);
    expect(view.lon).toBeCloseTo((x0 + x1) / 2, 3);
    expect(view.lat).toBeCloseTo((y0 + y1) / 2, 3);
  }, 15_000);
  const one = await mapShares({ road: ROAD_ORANGE });
  expect(one.road).toBeGreaterThan(0);
  await guarded.screenshot('daily-01-table-filter-on-map');

  // Clearing the filter draws every road again.
  await table.getByRole('button', { name: '条件をクリア' }).click();
  await eventually(async () => expect(await tableTotal()).toBeGreaterThan(expected.features.totalCount), 15_000);
  await goTo(page, { ...STATION, zoom: 15 });
  const again = await mapShares({ road: ROAD_ORANGE });
  expect(Math.abs(again.road - before.road) / before.road).toBeLessThan(0.1);
});

test('a box dragged on the map selects those features in the table, and its CSV holds exactly them', async () => {
  const table = page.locator('.attribute-table');
  const view = { ...STATION, zoom: 16 };
  await goTo(page, view);
  const all = await tableTotal();
  await table.getByRole('button', { name: '範囲で選択', exact: true }).click();
  const box = (await page.locator('.map canvas').boundingBox())!;
  const a = { x: box.x + box.width / 2 - 180, y: box.y + box.height / 2 - 120 };
  const b = { x: box.x + box.width / 2 + 180, y: box.y + box.height / 2 + 120 };
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
  await table.getByText('選択した範囲内の地物のみ表示しています。').waitFor();
  // The map did not pan while the box was drawn.
  const after = await readView(page);
  expect(after.lon).toBeCloseTo(view.lon, 5);
  const [lonA, latA] = await lonLatOf(page, view, a);
  const [lonB, latB] = await lonLatOf(page, view, b);
  const bbox = [Math.min(lonA, lonB), Math.min(latA, latB), Math.max(lonA, lonB), Math.max(latA, latB)];
  const inBox = await graphql<{ features: { totalCount: number } }>(
    page, 'query($bbox: [Float!]) { features(layer: "road_ledger", bbox: $bbox, first: 0) { totalCount } }', { bbox });
  let selected = 0;
  await eventually(async () => {
    selected = await tableTotal();
    // A pixel of rounding at the box's edge may take in or leave out one segment.
    expect(Math.abs(selected - inBox.features.totalCount)).toBeLessThanOrEqual(1);
  }, 15_000);
  expect(selected).toBeGreaterThan(0);
  expect(selected).toBeLessThan(all);
  await guarded.screenshot('daily-02-area-selection');

  const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'CSV出力' }).click()]);
  const file = path.join(screenshotDir, `area-${download.suggestedFilename()}`);
  await download.saveAs(file);
  const [, ...records] = parseCsv(fs.readFileSync(file).toString('utf8').slice(1));
  expect(records).toHaveLength(selected);

  await table.getByRole('button', { name: '範囲選択を解除' }).click();
  await eventually(async () => expect(await tableTotal()).toBe(all), 15_000);
  await table.getByRole('button', { name: '閉じる' }).click();
});

test('a polygon clicked on the map selects the features inside it, and its CSV holds exactly them', async () => {
  const view = { ...STATION, zoom: 16 };
  await goTo(page, view);
  await page.getByRole('button', { name: '道路台帳の属性表を開く' }).click();
  const table = page.locator('.attribute-table');
  await eventually(async () => expect(await tableTotal()).toBeGreaterThan(0), 15_000);
  const all = await tableTotal();
  await table.getByRole('button', { name: '多角形で選択', exact: true }).click();
  await table.getByText('ダブルクリックかEnterで閉じてください').waitFor();
  const box = (await page.locator('.map canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // An L: concave, so a box around it would take in more.
  const corners = [[-200, -140], [200, -140], [200, 0], [0, 0], [0, 140], [-200, 140]].map(([dx, dy]) => ({ x: cx + dx, y: cy + dy }));
  for (const c of corners.slice(0, -1)) await page.mouse.click(c.x, c.y);
  const last = corners[corners.length - 1];
  await page.mouse.dblclick(last.x, last.y);
  await table.getByText('選択した範囲内の地物のみ表示しています。').waitFor();
  // The map neither zoomed on the double click nor moved.
  const after = await readView(page);
  expect(after.zoom).toBeCloseTo(view.zoom, 3);
  const polygon = await Promise.all(corners.map((c) => lonLatOf(page, view, c)));
  const inside = await graphql<{ features: { totalCount: number } }>(
    page, 'query($area: AreaSelectionInput) { features(layer: "road_ledger", area: $area, first: 0) { totalCount } }', { area: { polygon } });
  let selected = 0;
  await eventually(async () => {
    selected = await tableTotal();
    expect(Math.abs(selected - inside.features.totalCount)).toBeLessThanOrEqual(1);
  }, 15_000);
  expect(selected).toBeGreaterThan(0);
  expect(selected).toBeLessThan(all);
  await guarded.screenshot('daily-05-polygon-selection');

  const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'CSV出力' }).click()]);
  const file = path.join(screenshotDir, `polygon-${download.suggestedFilename()}`);
  await download.saveAs(file);
  const [, ...records] = parseCsv(fs.readFileSync(file).toString('utf8').slice(1));
  expect(records).toHaveLength(selected);
  await table.getByRole('button', { name: '範囲選択を解除' }).click();
  await eventually(async () => expect(await tableTotal()).toBe(all), 15_000);
});

test('a buffer of a distance around the selected feature selects what lies within it, in metres', async () => {
  const table = page.locator('.attribute-table');
  const all = await tableTotal();
  const buffer = table.getByRole('group', { name: '地物の周辺で選択' });
  const button = buffer.getByRole('button', { name: '選択地物の周辺で選択' });
  // A row picked in the table is the feature to buffer.
  const firstId = (await table.locator('tbody th button').first().textContent())!.trim();
  // By the keyboard: the short table panel's sticky header may lie over its first row.
  await table.locator('tbody th button').first().focus();
  await page.keyboard.press('Enter');
  await eventually(async () => expect(await button.isEnabled()).toBe(true));
  await buffer.getByLabel('距離(m)').fill('9999');
  await buffer.getByRole('alert').waitFor();
  expect(await button.isEnabled()).toBe(false);
  await buffer.getByLabel('距離(m)').fill('150');
  await button.click();
  await table.getByText(`地物 ${firstId} から 150m 以内の地物のみ表示しています。`).waitFor();
  const near = await graphql<{ features: { totalCount: number } }>(
    page, 'query($area: AreaSelectionInput) { features(layer: "road_ledger", area: $area, first: 0) { totalCount } }', { area: { around: firstId, distance: 150 } });
  await eventually(async () => expect(await tableTotal()).toBe(near.features.totalCount), 15_000);
  expect(near.features.totalCount).toBeGreaterThan(0);
  expect(near.features.totalCount).toBeLessThan(all);
  // The map shows the whole buffer, outlined like a box or a polygon (the server's outline: 150 m from the feature).
  const outline = await graphql<{ areaOutline: { coordinates: number[][][] } }>(
    page, 'query($area: AreaSelectionInput!) { areaOutline(area: $area) }', { area: { around: firstId, distance: 150 } });
  const ring = outline.areaOutline.coordinates[0];
  const [lons, lats] = [ring.map((p) => p[0]), ring.map((p) => p[1])];
  await eventually(async () => {
    const view = await readView(page);
    expect(view.lon).toBeCloseTo((Math.min(...lons) + Math.max(...lons)) / 2, 4);
    expect(view.lat).toBeCloseTo((Math.min(...lats) + Math.max(...lats)) / 2, 4);
  }, 15_000);
  await eventually(async () => expect((await mapShares({ outline: AREA_PURPLE }, 16)).outline).toBeGreaterThan(0.0002), 15_000);
  await guarded.screenshot('daily-06-buffer-outline');
  await table.getByRole('button', { name: '範囲選択を解除' }).click();
  await eventually(async () => expect(await tableTotal()).toBe(all), 15_000);
  expect((await mapShares({ outline: AREA_PURPLE }, 16)).outline).toBeLessThan(0.00002);
  await table.getByRole('button', { name: '閉じる' }).click();
  await page.keyboard.press('Escape');
});

/** Tab stops from the top of the page (the first skip link is the first) until `reached` has the focus. */
async function tabsUntil(reached: string, max = 80): Promise<number> {
  await page.getByRole('link', { name: '地図へ移動' }).focus();
  if (await page.evaluate((selector) => !!document.activeElement?.matches(selector), reached)) return 1;
  for (let n = 2; n <= max; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((selector) => !!document.activeElement?.matches(selector), reached)) return n;
  }
  throw new Error(`${reached} not reached in ${max} tab stops`);
}

test('keyboard paths are short: skip links to the search and the print tools, the layer list is one tab stop with arrow keys', async () => {
  const printLink = '.print-map-panel a[aria-label="表示中の地図をPDFで印刷"]';
  const panel = page.locator('.print-map-panel');
  // Through the skip link: the third tab stop, then the print panel opens at its paper.
  expect(await tabsUntil('a.skip-link[href="#print"]')).toBe(3);
  await page.keyboard.press('Enter');
  await eventually(async () => expect(await page.evaluate(() => document.activeElement?.id.endsWith('-paper'))).toBe(true));
  expect(await panel.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
  let fromPaper = 0;
  while (!(await page.evaluate((s) => !!document.activeElement?.matches(s), printLink))) {
    await page.keyboard.press('Tab');
    if (++fromPaper > 12) throw new Error('the PDF button is far from the paper');
  }
  // Paper, scale, title, note, the redline toolbar (one stop), PDF.
  expect(fromPaper).toBeLessThanOrEqual(6);
  // Tabbing all the way (the issue saw ~28 stops before printing with the panel closed, and each layer had 5).
  const straight = await tabsUntil(printLink);
  expect(straight).toBeLessThan(40);
  const layerCount = await page.locator('.layer-item').count();
  const layerStops = await page.evaluate(() => Array.from(document.querySelectorAll('.layer-panel input, .layer-panel button'))
    .filter((el) => (el as HTMLElement).tabIndex >= 0 && !(el as HTMLButtonElement).disabled).length);
  expect(layerStops).toBeLessThanOrEqual(5);
  expect(layerCount).toBeGreaterThan(5);

  // The sidebar landmark is named for what it holds: the layers and the tools.
  const sidebar = page.getByRole('complementary', { name: 'レイヤとツール' });
  expect(await sidebar.getByRole('checkbox', { name: '道路台帳を表示' }).count()).toBe(1);
  expect(await sidebar.getByRole('button', { name: '面積を計測' }).count()).toBe(1);
  expect(await page.getByRole('navigation', { name: 'レイヤ' }).count()).toBe(0);

  await page.getByRole('link', { name: '検索へ移動' }).focus();
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');

  // In the layer list the arrow keys move between layers, the same control; Tab leaves the list.
  const first = page.locator('.layer-item').nth(0).getByRole('checkbox');
  await first.focus();
  await page.keyboard.press('ArrowDown');
  expect(await page.evaluate(() => document.activeElement?.closest('.layer-item') === document.querySelectorAll('.layer-item')[1])).toBe(true);
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('checkbox');
  await page.keyboard.press('End');
  expect(await page.evaluate(() => document.activeElement?.closest('.layer-item') === Array.from(document.querySelectorAll('.layer-item')).at(-1))).toBe(true);
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !document.activeElement?.closest('.layer-panel'))).toBe(true);
  await panel.locator('summary').click();
});

/** A date as the 和暦 sheets write it (昭和 to 令和, 元年 for the first year), worked out here, not by the app's code. */
function warekiOf(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const ymd = y * 10000 + m * 100 + d;
  const [era, first] = ymd >= 20190501 ? ['令和', 2019] : ymd >= 19890108 ? ['平成', 1989] : ['昭和', 1926];
  const year = y - first + 1;
  return `${era}${year === 1 ? '元' : year}年${m}月${d}日`;
}

test('with the 和暦 preference the printed sheets (enquiry, boundary, route plan, route sheet, map) write dates as 令和…', async () => {
  await page.locator('select.date-style').selectOption('wareki');
  // The print links carry the preference.
  const panel = page.locator('.print-map-panel');
  await panel.locator('summary').click();
  const href = new URL((await panel.getByRole('link', { name: /PDF/ }).getAttribute('href'))!, 'http://x');
  expect(href.searchParams.get('dates')).toBe('wareki');
  await panel.locator('summary').click();

  const record = await graphql<{ features: { edges: { node: { id: string; attributes: { determined_on: string } } }[] } }>(
    page, '{ features(layer: "boundary_records", first: 1) { edges { node { id attributes } } } }');
  const { id, attributes } = record.features.edges[0].node;
  // A short route: its plan is a sheet or two after the index.
  const routes = await graphql<{ routes: { routeNo: string; lengthM: number; certifiedOn: string | null }[] }>(
    page, '{ routes(search: "-", first: 100) { routeNo lengthM certifiedOn } }');
  const short = routes.routes.filter((r) => r.lengthM > 50 && r.certifiedOn).sort((a, b) => a.lengthM - b.lengthM)[0];
  const sheets = {
    enquiry: `/api/print/enquiry.pdf?lon=${STATION.lon}&lat=${STATION.lat}&scale=1000&paper=A4-portrait&date=2025-04-01`,
    boundary: `/api/print/boundary.pdf?featureId=${id}&paper=A4-portrait&date=2025-04-01`,
    route: `/api/print/route.pdf?routeNo=${encodeURIComponent(short.routeNo)}&paper=A4-portrait&date=2025-04-01`,
    map: `/api/print/map.pdf?lon=${STATION.lon}&lat=${STATION.lat}&scale=1000&paper=A4-landscape&title=${encodeURIComponent('窓口控え')}&date=2025-04-01`,
    plan: `/api/print/plan.pdf?routeNo=${encodeURIComponent(short.routeNo)}&scale=1000&paper=A3-landscape&date=2025-04-01`,
  };
  const determined = warekiOf(attributes.determined_on);
  for (const [kind, url] of Object.entries(sheets)) {
    const text = async (dates: string) => {
      const res = await page.request.get(`${url}${dates}`, { timeout: 170_000 });
      if (res.status() !== 200) throw new Error(`${kind}: ${res.status()} ${await res.text()}`);
      const file = path.join(screenshotDir, `wareki-${kind}${dates ? '' : '-iso'}.pdf`);
      fs.writeFileSync(file, await res.body());
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '');
    };
    const wareki = await text('&dates=wareki');
    expect(wareki).toContain('令和7年4月1日');
    expect(wareki).not.toContain('2025-04-01');
    if (kind === 'boundary') expect(wareki).toContain(determined);
    // The route sheet's 認定年月日 too (昭和, 平成 or 令和).
    if (kind === 'route') expect(wareki).toContain(`認定年月日${warekiOf(short.certifiedOn!)}`);
    if (kind === 'enquiry' || kind === 'map') expect(await text('')).toContain('2025-04-01');
  }
  await page.locator('select.date-style').selectOption('iso');
}, 420_000);

test('measuring labels each side and the area on the map, in metres of the plane zone', async () => {
  const view = { ...STATION, zoom: 17 };
  await goTo(page, view);
  // Label text is thin and antialiased into its white halo: few pixels hit its exact colour. 22 per channel still
  // tells it from the measured line (#e65100) and the road (#d9480f).
  const labelInk = () => mapShares({ label: LABEL_RED }, 22).then((c) => c.label);
  const plain = await labelInk();
  await page.getByRole('button', { name: '面積を計測' }).click();
  const box = (await page.locator('.map canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.click(cx - 150, cy - 100);
  await page.mouse.click(cx + 150, cy - 100);
  await page.mouse.click(cx + 150, cy + 100);
  await page.mouse.dblclick(cx - 150, cy + 100);
  const labels = page.getByTestId('measure-labels').locator('li');
  await eventually(async () => expect(await labels.count()).toBe(5));
  const texts = await labels.allTextContents();
  const metres = (text: string) => Number(text.replace(/[^\d.]/g, ''));
  const mpp = metresPerPixel(view.zoom, view.lat);
  // Four sides (300 and 200 px) and the area; sphere vs plane zone and pixel rounding: within 1.5 %.
  const sides = texts.slice(0, 4).map(metres);
  for (const [i, px] of [300, 200, 300, 200].entries()) expect(Math.abs(sides[i] - px * mpp) / (px * mpp)).toBeLessThan(0.015);
  expect(texts[4]).toMatch(/ m²$/);
  expect(Math.abs(metres(texts[4]) - 300 * 200 * mpp * mpp) / (300 * 200 * mpp * mpp)).toBeLessThan(0.03);
  // The labels are drawn on the map itself (their glyphs may come a frame or two after the list).
  await guarded.screenshot('daily-03-measure-labels');
  await eventually(async () => expect(await labelInk()).toBeGreaterThan(plain + 0.00004), 15_000);
  await page.getByRole('button', { name: '計測を終了' }).click();
  expect(await labelInk()).toBeLessThan(plain + 0.00002);
});

test('a named bookmark brings back its view and layers, survives a reload and gives a link to share', async () => {
  const saved = { ...STATION, zoom: 17 };
  await goTo(page, saved);
  const section = page.locator('details', { has: page.locator('summary', { hasText: 'ブックマーク' }) });
  await section.locator('summary').click();
  await section.getByLabel('ブックマーク名').fill('四街道駅前');
  await section.getByRole('button', { name: '現在の表示を保存' }).click();
  await section.getByRole('button', { name: '四街道駅前', exact: true }).waitFor();

  await goTo(page, { lon: 140.2, lat: 35.65, zoom: 14 });
  await page.getByRole('checkbox', { name: '道路台帳を表示' }).uncheck();
  await page.getByRole('checkbox', { name: 'ゴミ集積所を表示' }).check();
  await section.getByRole('button', { name: '四街道駅前', exact: true }).click();
  await eventually(async () => {
    const view = await readView(page);
    expect(view.zoom).toBeCloseTo(saved.zoom, 1);
    expect(view.lon).toBeCloseTo(saved.lon, 4);
  });
  expect(await page.getByRole('checkbox', { name: '道路台帳を表示' }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'ゴミ集積所を表示' }).isChecked()).toBe(false);

  await section.getByRole('button', { name: '四街道駅前のリンクを表示' }).click();
  const url = await section.getByLabel('共有用URL（コピーして送れます）').inputValue();
  expect(url).toMatch(/\/\?layers=road_ledger#17\.00\/35\.6698\d*\/140\.1676\d*$/);

  await page.reload();
  await page.waitForSelector('.layer-item');
  await waitForMapIdle(page);
  expect(await page.getByRole('checkbox', { name: '道路台帳を表示' }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'ゴミ集積所を表示' }).isChecked()).toBe(false);
  const reopened = page.locator('details', { has: page.locator('summary', { hasText: 'ブックマーク' }) });
  await reopened.locator('summary').click();
  await reopened.getByRole('button', { name: '四街道駅前', exact: true }).waitFor();
});

test('the print frame is dragged by its label and the sheet is printed where it was left, not at the map centre', async () => {
  const view = { ...STATION, zoom: 16 };
  await goTo(page, view);
  const panel = page.locator('.print-map-panel');
  await panel.locator('summary').click();
  await panel.getByLabel('縮尺').selectOption('2500');
  const handle = page.locator('.print-frame-handle');
  await handle.waitFor();
  const frame = page.locator('.print-frame');
  const before = (await frame.boundingBox())!;
  const grip = (await handle.boundingBox())!;
  const dx = 120;
  const dy = -80;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 + dx / 2, grip.y + grip.height / 2 + dy / 2, { steps: 4 });
  await page.mouse.move(grip.x + grip.width / 2 + dx, grip.y + grip.height / 2 + dy, { steps: 4 });
  await page.mouse.up();
  const after = (await frame.boundingBox())!;
  expect(after.x - before.x).toBeCloseTo(dx, 0);
  expect(after.y - before.y).toBeCloseTo(dy, 0);
  // The map itself did not move; the sheet's centre is the frame's.
  const still = await readView(page);
  expect(still.lon).toBeCloseTo(view.lon, 6);
  const [lon, lat] = await lonLatOf(page, view, { x: after.x + after.width / 2, y: after.y + after.height / 2 });
  const href = new URL((await panel.getByRole('link', { name: /PDF/ }).getAttribute('href'))!, 'http://x');
  expect(Number(href.searchParams.get('lon'))).toBeCloseTo(lon, 5);
  expect(Number(href.searchParams.get('lat'))).toBeCloseTo(lat, 5);

  // Panning the map carries the frame with the ground; the arrow keys move it too.
  await goTo(page, { ...view, lon: view.lon + 0.001 });
  const panned = (await frame.boundingBox())!;
  expect(panned.x).toBeLessThan(after.x - 10);
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await eventually(async () => expect((await frame.boundingBox())!.x).toBeCloseTo(panned.x + 20, 0));
  await guarded.screenshot('daily-04-moved-print-frame');

  await panel.getByRole('button', { name: '印刷枠を地図の中心に戻す' }).click();
  const centred = (await frame.boundingBox())!;
  const map = (await page.locator('.map canvas').boundingBox())!;
  expect(centred.x + centred.width / 2).toBeCloseTo(map.x + map.width / 2, 0);
  await panel.locator('summary').click();
});

test('redline marks made while the map is still loading show on the screen map once it settles', async () => {
  const REDLINE_RED: [number, number, number] = [0xe0, 0x31, 0x31];
  // The disaster layer is the other red on the map.
  await page.getByRole('checkbox', { name: '災害履歴を表示' }).uncheck();
  await goTo(page, { ...STATION, zoom: 16 });
  const panel = page.locator('.print-map-panel');
  await panel.locator('summary').click();
  await panel.getByRole('button', { name: '印', exact: true }).click();
  // Move the map (new tiles to load) and mark at once: the style may still be busy when the marks are drawn
  // (on this small test city often not, so this guards the screen drawing more than it catches the lost draw).
  await page.evaluate(({ lat, lon }) => {
    window.location.hash = `#17/${lat}/${lon + 0.003}`;
  }, STATION);
  const box = (await page.locator('.map canvas').boundingBox())!;
  for (const dx of [-80, 80]) await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2);
  await eventually(async () => expect(await panel.locator('[data-redline-count]').getAttribute('data-redline-count')).toBe('2'));
  // Around the marks only: the print frame on the map is drawn in red too.
  const around = { x: box.x + box.width / 2 - 120, y: box.y + box.height / 2 - 30, width: 240, height: 60 };
  const redAround = async () => {
    await waitForMapIdle(page);
    return (await colourShares(page, await page.screenshot({ clip: around }), { red: REDLINE_RED }, 10)).colours.red;
  };
  await eventually(async () => expect(await redAround()).toBeGreaterThan(0.005), 15_000);
  await guarded.screenshot('daily-07-redline-while-loading');
  await panel.getByRole('button', { name: 'すべて消す' }).click();
  await eventually(async () => expect(await redAround()).toBeLessThan(0.001), 15_000);
  await panel.getByRole('button', { name: '印', exact: true }).click();
  await panel.locator('summary').click();
  await page.getByRole('checkbox', { name: '災害履歴を表示' }).check();
});
