// The map viewer end to end: the real server with the embedded database and demo city, the
// built web client, headless Debian Chromium. Nothing may be loaded from another host, and
// the browser console must stay free of errors.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { screenshotDir, type GuardedBrowser } from './support/browser';
import { parseCsv } from './support/csv';
import { colourShares } from './support/images';
import { goTo, graphql, metresPerPixel, readView, waitForMapIdle } from './support/map';
import { eventually } from './support/eventually';
import { browserSuite } from './support/suite';

let guarded: GuardedBrowser;
let page: Page;
browserSuite((suite) => ({ guarded, page } = suite));

async function mapCanvasBox() {
  const box = await page.locator('.map canvas').boundingBox();
  if (!box) throw new Error('map canvas not visible');
  return box;
}

/** Waits until the loaded data layers are on the map (their "loading" notes have gone). */
async function waitForLayersLoaded() {
  await page.waitForSelector('.layer-item');
  await page.waitForFunction(() => document.querySelectorAll('.layer-status').length === 0, undefined, { timeout: 60_000 });
  await waitForMapIdle(page);
}

test('shows the login screen in Japanese and refuses a wrong password', async () => {
  await page.goto('/');
  await page.locator('h2#login-title').waitFor();
  expect(await page.locator('h2#login-title').textContent()).toBe('ログイン');
  expect(await page.locator('html').getAttribute('lang')).toBe('ja');
  await page.getByLabel('ユーザー名').fill('counter');
  await page.getByLabel('パスワード').fill('wrong-password');
  // The server answers a failed login with a GraphQL error (HTTP 200), not a console error.
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toContain('ユーザー名またはパスワードが正しくありません');
  await guarded.screenshot('01-login');
});

test('the counter viewer logs in and the map with all layers renders', async () => {
  await page.getByLabel('パスワード').fill('chizu-demo');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByText('ログイン中: ').waitFor({ timeout: 30_000 });
  await waitForLayersLoaded();
  for (const name of ['ゴミ集積所', 'カーブミラー', '防犯灯', '災害履歴', '道路台帳', '境界確定']) {
    expect(await page.getByRole('checkbox', { name: `${name}を表示` }).isChecked()).toBe(true);
  }
  // Departments group the layers.
  expect(await page.locator('.layer-group h3').allTextContents()).toContain('道路管理課');
  await guarded.screenshot('02-map');
});

test('reloading a logged-in page renders the map quickly and loads little JavaScript first', async () => {
  guarded.scripts.clear();
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('chizu-map-loaded').length > 0, undefined, { timeout: 30_000 });
  const mapLoadedMs = await page.evaluate(() => performance.getEntriesByName('chizu-map-loaded')[0].startTime);
  await waitForLayersLoaded();
  const idleMs = await page.evaluate(() => performance.getEntriesByName('chizu-map-idle')[0]?.startTime ?? null);
  const scripts = [...guarded.scripts].map(([url, body]) => ({
    path: new URL(url).pathname,
    bytes: body.length,
    gzipBytes: zlib.gzipSync(body, { level: 9 }).length,
  }));
  const metrics = {
    firstMapRenderMs: Math.round(mapLoadedMs),
    mapIdleMs: idleMs && Math.round(idleMs),
    scripts,
    totalScriptGzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0),
  };
  fs.writeFileSync(path.join(screenshotDir, 'metrics.json'), JSON.stringify(metrics, null, 2));
  console.log(`map viewer metrics: ${JSON.stringify(metrics)}`);
  expect(scripts.length).toBeGreaterThan(0);
  expect(mapLoadedMs).toBeLessThan(15_000);
});

test('a layer can be hidden and the choice is remembered', async () => {
  const streetLights = page.getByRole('checkbox', { name: '防犯灯を表示' });
  await streetLights.uncheck();
  expect(await streetLights.isChecked()).toBe(false);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('chizu.layerPrefs.v1') ?? '{}'));
  expect(stored.visible.street_lights).toBe(false);
  await page.reload();
  await waitForLayersLoaded();
  expect(await page.getByRole('checkbox', { name: '防犯灯を表示' }).isChecked()).toBe(false);
  // Opacity is remembered too.
  const opacity = page.getByRole('slider', { name: 'カーブミラーの不透明度' });
  await opacity.fill('40');
  await eventually(async () =>
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('chizu.layerPrefs.v1')!).opacity.curve_mirrors)).toBe(0.4),
  );
});

test('clicking a garbage point identifies it with Japanese field labels', async () => {
  const data = await graphql<{ features: { edges: { node: { id: string; geometry: { coordinates: number[] }; attributes: Record<string, unknown> } }[] } }>(
    page,
    `{ features(layer: "garbage_points", first: 1, orderBy: { field: "id" }) { edges { node { id geometry attributes } } } }`,
  );
  const point = data.features.edges[0].node;
  const [lon, lat] = point.geometry.coordinates;
  await goTo(page, { zoom: 19, lat, lon });
  const box = await mapCanvasBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

  const panel = page.locator('.identify-panel');
  await panel.getByRole('heading', { name: '地物情報' }).waitFor();
  const selected = panel.locator('.hit.selected');
  await selected.waitFor({ timeout: 10_000 });
  expect(await selected.locator('.hit-layer').textContent()).toBe('ゴミ集積所');
  expect(await selected.locator('.hit-title').textContent()).toBe(String(point.attributes.point_no));
  const burnable = selected.locator('.feature-row', { has: page.locator('dt', { hasText: '収集曜日(可燃ごみ)' }) });
  // The days as stored, then the next two collection days (holidays and the year-end skipped).
  expect(await burnable.locator('dd').textContent()).toMatch(new RegExp(`^${String(point.attributes.burnable_days)}（次回: \\d{4}-\\d{2}-\\d{2}、\\d{4}-\\d{2}-\\d{2}）$`));
  // Units follow numbers: 利用世帯数 in 世帯.
  const households = selected.locator('.feature-row', { has: page.locator('dt', { hasText: '利用世帯数' }) });
  expect(await households.locator('dd').textContent()).toBe(`${point.attributes.households}世帯`);
  // The label "G-0001" next to the point needs Latin glyphs: served by our own server.
  await eventually(() => expect(guarded.responses.some((r) => /\/glyphs\/Noto%20Sans%20CJK%20JP\/0-255\.pbf$/.test(r.url) && r.status === 200)).toBe(true));
  await guarded.screenshot('03-identify');
});

test('clicking a street light shows its 管理番号 and 管理自治会, but only while its layer is shown', async () => {
  const data = await graphql<{ features: { edges: { node: { geometry: { coordinates: number[] }; attributes: Record<string, unknown> } }[] } }>(
    page,
    `{ features(layer: "street_lights", first: 1, orderBy: { field: "light_no", descending: true }) { edges { node { geometry attributes } } } }`,
  );
  const light = data.features.edges[0].node;
  const [lon, lat] = light.geometry.coordinates;
  await goTo(page, { zoom: 19, lat, lon });
  const box = await mapCanvasBox();
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };

  // Hidden (by the earlier step): identify does not report it.
  expect(await page.getByRole('checkbox', { name: '防犯灯を表示' }).isChecked()).toBe(false);
  await page.mouse.click(centre.x, centre.y);
  // Wait for the answer for this click, not the panel left from the previous step.
  await eventually(async () => {
    const body = page.locator('.identify-panel .identify-body');
    expect(await body.getAttribute('aria-busy')).toBe('false');
    const [atLon, atLat] = ((await body.getAttribute('data-at')) ?? '').split(',').map(Number);
    expect(Math.abs(atLon - lon)).toBeLessThan(1e-5);
    expect(Math.abs(atLat - lat)).toBeLessThan(1e-5);
  });
  expect(await page.locator('.identify-panel .hit-layer').allTextContents()).not.toContain('防犯灯');

  await page.getByRole('checkbox', { name: '防犯灯を表示' }).check();
  await waitForLayersLoaded();
  await page.mouse.click(centre.x, centre.y);
  const selected = page.locator('.identify-panel .hit.selected');
  await eventually(async () => expect(await selected.locator('.hit-layer').textContent()).toBe('防犯灯'));
  const row = (label: string) => selected.locator('.feature-row', { has: page.locator('dt', { hasText: label }) }).locator('dd');
  expect(await row('管理番号').textContent()).toBe(String(light.attributes.light_no));
  expect(await row('管理自治会').textContent()).toBe(String(light.attributes.association));
  expect(await row('消費電力').textContent()).toBe(`${light.attributes.watts} W`);
});

test('below full detail street lights are drawn as clusters with their count, and a click on one zooms in', async () => {
  // The densest cluster of the z14 street-light tile around the station, found from the tile itself.
  const station = { lon: 140.168, lat: 35.669 };
  const z = 14;
  const n = 2 ** z;
  const tx = Math.floor(((station.lon + 180) / 360) * n);
  const latR = (station.lat * Math.PI) / 180;
  const ty = Math.floor(((1 - Math.log(Math.tan(latR) + 1 / Math.cos(latR)) / Math.PI) / 2) * n);
  const bytes = await page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer())), `/tiles/street_lights/${z}/${tx}/${ty}.mvt`);
  const [{ VectorTile }, { default: Pbf }] = await Promise.all([import('@mapbox/vector-tile'), import('pbf')]);
  const layer = new VectorTile(new Pbf(new Uint8Array(bytes))).layers.street_lights;
  let best: { count: number; x: number; y: number } | null = null;
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    const count = f.properties.point_count;
    if (typeof count !== 'number' || f.id !== undefined) continue;
    const [[p]] = f.loadGeometry();
    if (!best || count > best.count) best = { count, x: p.x, y: p.y };
  }
  expect(best).not.toBeNull();
  const lon = ((tx + best!.x / layer.extent) / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (ty + best!.y / layer.extent)) / n))) * 180) / Math.PI;

  // Only the street lights among the point layers, so nothing covers the cluster.
  const others = ['ゴミ集積所', 'カーブミラー', '災害履歴'];
  for (const name of others) await page.getByRole('checkbox', { name: `${name}を表示` }).uncheck();
  await goTo(page, { zoom: z, lat, lon });
  const box = await mapCanvasBox();
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  // Inside the circle (radius 10 px or more, white rim outside it): the layer's orange and the white count.
  const inner = await page.screenshot({ clip: { x: centre.x - 6, y: centre.y - 6, width: 12, height: 12 } });
  await guarded.screenshot('street-light-clusters');
  // The digits are thin and antialiased: "light" is anything far brighter than the orange disc.
  const shares = await colourShares(page, inner, { orange: [240, 140, 0], light: [255, 255, 255] }, 100);
  expect(shares.colours.orange).toBeGreaterThan(0.3);
  expect(shares.colours.light).toBeGreaterThan(0.03);

  await page.mouse.click(centre.x, centre.y);
  await eventually(async () => {
    const view = await readView(page);
    expect(view.zoom).toBeCloseTo(z + 2, 1);
    expect(Math.abs(view.lat - lat)).toBeLessThan(1e-3);
    expect(Math.abs(view.lon - lon)).toBeLessThan(1e-3);
  });
  await waitForMapIdle(page);
  for (const name of others) await page.getByRole('checkbox', { name: `${name}を表示` }).check();
  await waitForLayersLoaded();
});

test('searching 鹿渡 lands the map on that town', async () => {
  const { search } = await graphql<{ search: { kind: string; label: string; bbox: number[] }[] }>(page, `{ search(text: "鹿渡", first: 10) { kind label bbox } }`);
  const town = search.find((r) => r.kind === 'town' && r.label === '鹿渡');
  expect(town).toBeDefined();

  // Start far away so landing there is a real move.
  await goTo(page, { zoom: 12, lat: 35.7, lon: 140.14 });
  const box = page.getByRole('combobox', { name: '検索' });
  await box.fill('鹿渡');
  const option = page.getByRole('option', { name: /町丁目\s*鹿渡/ });
  await option.waitFor();
  await option.click();
  await eventually(async () => expect((await readView(page)).zoom).toBeGreaterThan(14));
  await waitForMapIdle(page);
  const view = await readView(page);
  const [minLon, minLat, maxLon, maxLat] = town!.bbox;
  expect(view.lon).toBeGreaterThanOrEqual(minLon);
  expect(view.lon).toBeLessThanOrEqual(maxLon);
  expect(view.lat).toBeGreaterThanOrEqual(minLat);
  expect(view.lat).toBeLessThanOrEqual(maxLat);
  await guarded.screenshot('04-search');
});

test('the attribute table filters, pages, zooms to a row and exports the filtered rows as CSV', async () => {
  await page.getByRole('button', { name: 'ゴミ集積所の属性表を開く' }).click();
  const table = page.locator('.attribute-table');
  await table.getByRole('heading', { name: 'ゴミ集積所 属性表' }).waitFor();
  await eventually(async () => expect(await table.locator('.table-count').textContent()).toContain('全2,500件'), 15_000);

  // Filter by an enum and a numeric range.
  await table.locator('select[data-field="installation_type"]').selectOption('ネット');
  await table.getByLabel('利用世帯数の最小値').fill('20');
  const expected = await graphql<{ features: { totalCount: number } }>(
    page,
    `{ features(layer: "garbage_points", where: [{ field: "installation_type", eq: "ネット" }, { field: "households", gte: 20 }]) { totalCount } }`,
  );
  const total = expected.features.totalCount;
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThan(2500);
  await eventually(async () => expect(await table.locator('.table-count').textContent()).toContain(`全${total.toLocaleString('ja-JP')}件`), 15_000);
  const typeColumn = await table.locator('thead th').allTextContents();
  const typeIndex = typeColumn.findIndex((h) => h.startsWith('設置形態'));
  const householdsIndex = typeColumn.findIndex((h) => h.startsWith('利用世帯数'));
  const rows = table.locator('tbody tr');
  const shown = await rows.count();
  expect(shown).toBe(Math.min(total, 50));
  for (let i = 0; i < shown; i++) {
    const cells = await rows.nth(i).locator('th, td').allTextContents();
    expect(cells[typeIndex]).toBe('ネット');
    expect(Number(cells[householdsIndex].replace(/,/g, ''))).toBeGreaterThanOrEqual(20);
  }

  // Sorting by households, descending: the first row has the largest value.
  await table.getByRole('button', { name: '利用世帯数(世帯)で昇順に並べ替え' }).click();
  await table.getByRole('button', { name: '利用世帯数(世帯)で降順に並べ替え' }).click();
  expect(await table.locator('thead th[aria-sort="descending"]').count()).toBe(1);
  await eventually(async () => {
    const values = await table.locator(`tbody tr td:nth-child(${householdsIndex + 1})`).allTextContents();
    const numbers = values.map((v) => Number(v.replace(/,/g, '')));
    expect(numbers.length).toBeGreaterThan(1);
    expect(numbers.every((n, i) => i === 0 || numbers[i - 1] >= n)).toBe(true);
  });

  // A row click zooms to the feature and shows it in the identify panel.
  const firstId = (await rows.first().locator('th').textContent())!.trim();
  await rows.first().locator('td').first().click();
  await eventually(async () => expect(await page.locator('.identify-panel .hit.selected .feature-meta dd').textContent()).toBe(firstId));
  await eventually(async () => expect((await readView(page)).zoom).toBeGreaterThanOrEqual(17));
  await waitForMapIdle(page);
  await guarded.screenshot('05-attribute-table');

  // Export (written by the server, Excel-safe): UTF-8 with BOM, Japanese headers, exactly the filtered rows.
  const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'CSV出力' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^ゴミ集積所_\d{8}\.csv$/);
  const file = path.join(screenshotDir, download.suggestedFilename());
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = parseCsv(bytes.toString('utf8').slice(1));
  const [header, ...records] = csv;
  expect(header).toContain('集積所番号');
  expect(header).toContain('収集曜日(可燃ごみ)');
  expect(header).toContain('利用世帯数(世帯)');
  expect(records).toHaveLength(total);
  const csvType = header.indexOf('設置形態');
  const csvHouseholds = header.indexOf('利用世帯数(世帯)');
  for (const record of records) {
    expect(record[csvType]).toBe('ネット');
    expect(Number(record[csvHouseholds])).toBeGreaterThanOrEqual(20);
  }
  // Sorted as on screen.
  expect(records[0][0]).toBe(firstId);

  await table.getByRole('button', { name: '閉じる' }).click();
  expect(await table.count()).toBe(0);
});

test('measuring a distance gives the geodesic length in metres', async () => {
  await goTo(page, { zoom: 16, lat: 35.67, lon: 140.168 });
  await page.getByRole('button', { name: '距離を計測' }).click();
  expect(await page.getByRole('button', { name: '距離を計測' }).getAttribute('aria-pressed')).toBe('true');
  const box = await mapCanvasBox();
  const y = box.y + box.height / 2;
  const x1 = box.x + box.width / 2 - 200;
  const x2 = box.x + box.width / 2 + 200;
  await page.mouse.click(x1, y);
  await page.mouse.dblclick(x2, y);
  const result = page.getByTestId('measure-result').locator('strong');
  const { zoom, lat } = await readView(page);
  // The map did not zoom on the finishing double-click.
  expect(zoom).toBe(16);
  const expected = 400 * metresPerPixel(zoom, lat);
  await eventually(async () => expect(Number(await result.getAttribute('data-metres'))).toBeGreaterThan(0));
  const measured = Number(await result.getAttribute('data-metres'));
  // Sphere vs GRS80 and pixel rounding: within 1 %.
  expect(Math.abs(measured - expected) / expected).toBeLessThan(0.01);
  expect(await result.textContent()).toMatch(/^[\d,]+(\.\d+)? m$/);
  // The finished measurement stays when the mouse moves on.
  await page.mouse.move(x2 + 100, y + 100);
  expect(Number(await result.getAttribute('data-metres'))).toBeCloseTo(measured, 6);
  await guarded.screenshot('06-measure');

  // Area of a 200 px square, drawn clockwise on screen.
  await page.getByRole('button', { name: '面積を計測' }).click();
  const cx = box.x + box.width / 2;
  await page.mouse.click(cx - 100, y - 100);
  await page.mouse.click(cx + 100, y - 100);
  await page.mouse.click(cx + 100, y + 100);
  await page.mouse.dblclick(cx - 100, y + 100);
  const areaResult = page.getByTestId('measure-result').locator('strong');
  await eventually(async () => expect(Number(await areaResult.getAttribute('data-square-metres'))).toBeGreaterThan(0));
  const side = 200 * metresPerPixel(zoom, lat);
  const area = Number(await areaResult.getAttribute('data-square-metres'));
  expect(Math.abs(area - side * side) / (side * side)).toBeLessThan(0.02);
  expect(await areaResult.textContent()).toMatch(/^[\d,]+(\.\d+)? m²$/);
  await guarded.screenshot('06b-measure-area');
  await page.getByRole('button', { name: '計測を終了' }).click();
});

test('the cursor position is shown in lat/lon and in plane rectangular zone IX', async () => {
  const box = await mapCanvasBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const coords = page.getByTestId('coordinates');
  expect(await coords.textContent()).toContain('平面直角座標 第IX系');
  const x = Number(await coords.locator('[data-x]').getAttribute('data-x'));
  const y = Number(await coords.locator('[data-y]').getAttribute('data-y'));
  // Yotsukaido (about 35°40'N, 140°10'E) lies some 37 km south of the zone origin (36°N,
  // 139°50'E) and 30 km east of it: X (northing) negative, Y (easting) positive.
  expect(x).toBeGreaterThan(-45_000);
  expect(x).toBeLessThan(-30_000);
  expect(y).toBeGreaterThan(25_000);
  expect(y).toBeLessThan(40_000);
});

test('the disaster history panel charts events per year and filters by year', async () => {
  await page.locator('summary', { hasText: '災害履歴' }).click();
  const from = page.getByTestId('disaster-from');
  await from.waitFor({ timeout: 15_000 });
  const years = await from.locator('option').allTextContents();
  expect(years.length).toBeGreaterThan(1);
  await page.locator('.year-chart svg rect').first().waitFor();
  const summary = page.locator('.disaster-panel [role="status"]');
  const before = Number(/(\d+)件/.exec((await summary.textContent()) ?? '')![1]);
  expect(before).toBe(400);
  await from.selectOption(years[years.length - 1]);
  await eventually(async () => {
    const after = Number(/(\d+)件/.exec((await summary.textContent()) ?? '')![1]);
    expect(after).toBeLessThan(before);
    expect(after).toBeGreaterThan(0);
  });
  await guarded.screenshot('07-disaster');
});

test('keyboard: the first tab stop skips to the map, and Escape closes the open panel', async () => {
  // The skip link is the first focusable element of the page, and visible when focused.
  const skip = page.getByRole('link', { name: '地図へ移動' });
  expect(await skip.evaluate((el) => el === document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'))).toBe(true);
  await skip.focus();
  expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('CANVAS');

  // Escape while the answer is still on its way: the panel closes, and the late answer must not reopen it.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let answered!: () => void;
  const lateAnswer = new Promise<void>((resolve) => (answered = resolve));
  // Read queries go as GET with the query in the URL, so match the path, not the whole URL.
  const graphqlPath = (url: URL) => url.pathname === '/graphql';
  await page.route(graphqlPath, async (route) => {
    const request = route.request();
    if (!(request.postData() ?? decodeURIComponent(request.url())).includes('featuresAt')) return route.fallback();
    await held;
    try {
      const response = await route.fetch();
      await route.fulfill({ response });
    } finally {
      answered();
    }
  });
  const box = await mapCanvasBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const panel = page.locator('.identify-panel');
  await panel.waitFor();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached', timeout: 15_000 });
  release();
  await Promise.race([lateAnswer, new Promise((_, reject) => setTimeout(() => reject(new Error('the held identify answer was never sent')), 30_000))]);
  // Absence can only be checked after the page had time to handle the answer.
  await page.evaluate(() => new Promise((resolve) => setTimeout(() => requestAnimationFrame(resolve), 500)));
  expect(await panel.count()).toBe(0);
  await page.unroute(graphqlPath);
});

test('switches to English and logs out', async () => {
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await eventually(async () => expect(await page.locator('html').getAttribute('lang')).toBe('en'));
  await page.getByRole('checkbox', { name: 'Show Street lights' }).waitFor();
  await guarded.screenshot('08-english');
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  // Back to Japanese for the next run's screenshots.
  await page.getByRole('button', { name: '日本語に切り替え' }).click();
});
