// Road ledger, boundary records and the counter's enquiry sheet end to end, in headless Debian
// Chromium against the real server: the road staff user opens a boundary record, reads its
// 座標一覧 and downloads its document, enters a new record by pasting a coordinate table and
// looks up a route; the counter user clicks a road and gets a printed sheet (PDF and PNG made
// by the server from /print/enquiry) whose text carries the route number and the scale.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { logIn, screenshotDir, type GuardedBrowser } from './support/browser';
import { parseCsv } from './support/csv';
import { comparePngs } from './support/images';
import { eventually } from './support/eventually';
import { goTo, graphql, waitForMapIdle } from './support/map';
import type { RunningServer } from './support/server';
import { browserSuite, graphqlAs } from './support/suite';

let server: RunningServer;
let guarded: GuardedBrowser;
let page: Page;
browserSuite((suite) => ({ server, guarded, page } = suite), { acceptDialogs: true });

/**
 * A record beside road 1-01 in 吉岡 with round plane coordinates, so that 辺長 and area can be
 * checked by hand: a right trapezoid with parallel sides 20 m and 40 m, 15 m apart, closed by a
 * 3-4-5 side of 25 m. Perimeter 20 + 25 + 40 + 15 = 100 m, area (20 + 40) / 2 × 15 = 450 m².
 */
const RECORD_NO = 'BR-E2E-001';
const COORDINATES = [
  'K1,-40130.000,32740.000,コンクリート杭',
  'K2,-40130.000,32760.000,金属標',
  'K3,-40145.000,32780.000,鋲',
  'K4,-40145.000,32740.000,コンクリート杭',
].join('\n');
const EXPECTED_SIDES = ['20.000', '25.000', '40.000', '15.000'];

let recordId: string;
let documentBytes: Buffer;
const metrics: Record<string, unknown> = {};

/** GraphQL from outside the browser with a user's own session (test setup); its errors fail the setup. */
async function asUser<T>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<{ token: string; data: T }> {
  const reply = await graphqlAs<T>(server, username, query, variables);
  if (reply.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(reply.errors)}`);
  return { token: reply.token, data: reply.data! };
}

beforeAll(async () => {
  // Setup through the API: the record and its scanned 境界確定図 (a real PDF, made by Chromium).
  const created = await asUser<{ createBoundaryRecord: { id: string } }>(
    'roads',
    `mutation($a: JSONObject!, $c: String!) { createBoundaryRecord(attributes: $a, coordinates: $c) { id } }`,
    { a: { record_no: RECORD_NO, determined_on: '2026-04-01', parcel_no: '吉岡 1234番5', surveyor: '(株)四街道測量' }, c: COORDINATES },
  );
  recordId = created.data.createBoundaryRecord.id;
  const maker = await guarded.browser.newPage();
  await maker.setContent('<h1>境界確定図 BR-E2E-001</h1><p>K1 K2 K3 K4</p>');
  documentBytes = await maker.pdf({ format: 'A4' });
  await maker.close();
  const upload = await fetch(`${server.url}/api/features/${recordId}/attachments?filename=${encodeURIComponent('境界確定図_BR-E2E-001.pdf')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/pdf' },
    body: new Uint8Array(documentBytes),
  });
  expect(upload.status).toBe(201);
}, 240_000);

afterAll(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  fs.writeFileSync(path.join(screenshotDir, 'ledger-metrics.json'), JSON.stringify(metrics, null, 2));
});

async function clickMapCentre() {
  const box = await page.locator('.map canvas').boundingBox();
  if (!box) throw new Error('map canvas not visible');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('road staff', () => {
  test('opens a boundary record from the map and reads its coordinate table (辺長, perimeter, area)', async () => {
    await logIn(page, 'roads');
    const { coordinateTable } = await graphql<{ coordinateTable: { points: { name: string; lon: number; lat: number; sideLengthM: number | null }[] } }>(
      page,
      `query($id: ID!) { coordinateTable(featureId: $id) { points { name lon lat sideLengthM } } }`,
      { id: recordId },
    );
    // Inside the trapezoid, away from its sides and from the road: the centroid of K1, K2, K4.
    const [k1, k2, , k4] = coordinateTable.points;
    const lon = (k1.lon + k2.lon + k4.lon) / 3;
    const lat = (k1.lat + k2.lat + k4.lat) / 3;
    await goTo(page, { zoom: 19, lat, lon });
    await clickMapCentre();

    const record = page.locator('.identify-panel .hit', { has: page.locator('.hit-layer', { hasText: '境界確定' }) });
    await record.waitFor({ timeout: 15_000 });
    await record.locator('.hit-select').click();
    expect(await record.locator('.hit-title').textContent()).toBe(RECORD_NO);
    await record.getByRole('button', { name: '座標一覧・添付ファイル' }).click();

    const panel = page.locator('.ledger-panel');
    await panel.getByRole('heading', { name: `境界確定 ${RECORD_NO}` }).waitFor();
    const table = panel.getByRole('table', { name: /座標一覧/ });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await eventually(async () => expect(await rows.count()).toBe(4));
    const names = await rows.locator('th').allTextContents();
    expect(names).toEqual(['K1', 'K2', 'K3', 'K4']);
    // X and Y exactly as surveyed, to the millimetre.
    expect(await rows.nth(2).locator('td[data-x]').textContent()).toBe('-40145.000');
    expect(await rows.nth(2).locator('td[data-y]').textContent()).toBe('32780.000');
    // 辺長 on screen: what the API says, and what the hand computation says.
    const shown = await rows.locator('td[data-side-length]').allTextContents();
    expect(shown).toEqual(coordinateTable.points.map((p) => p.sideLengthM!.toFixed(3)));
    expect(shown).toEqual(EXPECTED_SIDES);
    expect(await panel.locator('dd[data-perimeter]').textContent()).toBe('100.000 m');
    expect(await panel.locator('dd[data-area]').textContent()).toBe('450.000 m²');
    expect(await rows.nth(1).locator('td').last().textContent()).toBe('金属標');
    await guarded.screenshot('ledger-01-boundary-record');

    // The CSV has the same 辺長.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: `${RECORD_NO} の座標一覧をCSVでダウンロード` }).click()]);
    const csvFile = path.join(screenshotDir, 'ledger-coordinates.csv');
    await csvDownload.saveAs(csvFile);
    const csv = parseCsv(fs.readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, ''));
    expect(csv[0].slice(0, 5)).toEqual(['順', '点名', 'X(m)', 'Y(m)', '辺長(m)']);
    expect(csv.slice(1, 5).map((r) => r[4])).toEqual(EXPECTED_SIDES);
  });

  test('prints the record’s 境界確定図 with its 座標求積表: Xn(Yn+1 − Yn−1) per point, 倍面積 900, 面積 450, on one A4 page', async () => {
    const panel = page.locator('.ledger-panel');
    const link = panel.getByRole('link', { name: `境界確定 ${RECORD_NO} の境界確定図（座標求積表）をPDFで印刷` });
    const href = (await link.getAttribute('href'))!;
    const url = new URL(href, server.url);
    expect(url.pathname).toBe('/api/print/boundary.pdf');
    expect(url.searchParams.get('featureId')).toBe(recordId);
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const file = path.join(screenshotDir, 'ledger-boundary-sheet.pdf');
    fs.writeFileSync(file, await response.body());
    const text = pdfText(file);
    expect(text).toContain('境界確定図');
    expect(text).toContain('座標求積表');
    expect(text).toContain(RECORD_NO);
    expect(text).toContain('吉岡 1234番5');
    // By hand: K1 −40130 × (32760 − 32740) = −802600, K2 −40130 × 40, K3 −40145 × −20, K4 −40145 × −40.
    for (const part of ['-802600.000000', '-1605200.000000', '802900.000000', '1605800.000000']) expect(text).toContain(part);
    expect(text).toMatch(/倍面積 \(m²\)\s+900\.000000/);
    expect(text).toMatch(/面積 \(m²\)\s+450\.000000/);
    expect(text).toMatch(/地積[^\n]*\s+450\.00\b/);
    for (const side of EXPECTED_SIDES) expect(text).toContain(side);
    expect(text).toContain('IX'); // the zone of the coordinates
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
  });

  test('previews and downloads the record’s document', async () => {
    const panel = page.locator('.ledger-panel');
    const item = panel.locator('.attachment-list li', { hasText: '境界確定図_BR-E2E-001.pdf' });
    await item.waitFor();
    await item.getByRole('button', { name: '境界確定図_BR-E2E-001.pdf を表示' }).click();
    const frame = panel.locator('.attachment-preview iframe');
    await frame.waitFor();
    expect(await frame.getAttribute('title')).toBe('境界確定図_BR-E2E-001.pdf のプレビュー');
    // The preview is served inline, as a PDF.
    const inline = await page.request.get((await frame.getAttribute('src'))!);
    expect(inline.headers()['content-type']).toBe('application/pdf');
    expect(inline.headers()['content-disposition']).toMatch(/^inline;/);
    await guarded.screenshot('ledger-02-document-preview');

    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('link', { name: '境界確定図_BR-E2E-001.pdf をダウンロード' }).click()]);
    expect(download.suggestedFilename()).toBe('境界確定図_BR-E2E-001.pdf');
    const saved = path.join(screenshotDir, 'ledger-document.pdf');
    await download.saveAs(saved);
    const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
    expect(sha(fs.readFileSync(saved))).toBe(sha(documentBytes));
  });

  test('uploads a photo, and a file of the wrong type is refused before it is sent', async () => {
    const panel = page.locator('.ledger-panel');
    const input = panel.getByLabel('ファイルを添付');
    const uploads = () => guarded.responses.filter((r) => r.url.includes(`/api/features/${recordId}/attachments`)).length;
    const before = uploads();
    await input.setInputFiles({ name: 'memo.txt', mimeType: 'text/plain', buffer: Buffer.from('not a drawing') });
    await panel.getByText('memo.txt: 添付できるのはPDF・JPEG・PNGのみです。').waitFor();
    expect(uploads()).toBe(before);

    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 64, height: 48 } });
    await input.setInputFiles({ name: '現地写真.png', mimeType: 'image/png', buffer: png });
    await panel.getByText('現地写真.png を添付しました。').waitFor({ timeout: 15_000 });
    const item = panel.locator('.attachment-list li', { hasText: '現地写真.png' });
    await item.getByRole('button', { name: '現地写真.png を表示' }).click();
    await eventually(async () => expect(await panel.locator('.attachment-preview img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64 * 1));
  });

  test('a new record from a pasted coordinate table: bad lines are listed, then it is created', async () => {
    await page.locator('.ledger-panel').getByRole('button', { name: '台帳パネルを閉じる' }).click();
    await page.getByRole('button', { name: '座標一覧から境界確定を登録' }).click();
    const form = page.locator('.boundary-record-form');
    await form.waitFor();
    await form.locator('[data-field="record_no"]').fill('BR-E2E-002');
    await form.locator('[data-field="determined_on"]').fill('2026-05-12');
    const text = form.getByLabel('座標一覧（点名,X,Y,標識）');
    // Line 3 has a typo in X; line 4 repeats a name.
    await text.fill('点名,X,Y,標識\nP1,-40160.000,32740.000,鋲\nP2,-4O160.000,32755.000,鋲\nP1,-40175.000,32755.000,鋲');
    const problems = form.locator('.coordinate-problems li');
    await eventually(async () => expect(await problems.count()).toBe(2));
    expect(await problems.evaluateAll((items) => items.map((li) => li.getAttribute('data-line')))).toEqual(['3', '4']);
    // The server's codes in the user's language, not its English message.
    expect(await problems.allTextContents()).toEqual(['3行目: X座標が数値ではありません。', '4行目: 点名 P1 が重複しています。']);
    expect(await form.getByRole('button', { name: '登録' }).isDisabled()).toBe(true);

    await text.fill('点名,X,Y,標識\nP1,-40160.000,32740.000,鋲\nP2,-40160.000,32755.000,鋲\nP3,-40175.000,32755.000,鋲');
    await eventually(async () => expect(await form.locator('[data-point-count]').getAttribute('data-point-count')).toBe('3'));
    expect(await problems.count()).toBe(0);
    await form.getByRole('button', { name: '地図で確認' }).click();
    await waitForMapIdle(page);
    await guarded.screenshot('ledger-03-new-record-preview');
    await form.getByRole('button', { name: '登録' }).click();

    // The new record opens with its table: a right triangle with legs 15 m and 15 m.
    const panel = page.locator('.ledger-panel');
    await panel.getByRole('heading', { name: '境界確定 BR-E2E-002' }).waitFor({ timeout: 15_000 });
    await eventually(async () => expect(await panel.locator('td[data-side-length]').allTextContents()).toEqual(['15.000', '15.000', (15 * Math.SQRT2).toFixed(3)]));
    expect(await panel.locator('dd[data-area]').textContent()).toBe('112.500 m²');
  });

  test("a record's points are replaced from an edited table, as a new version", async () => {
    const panel = page.locator('.ledger-panel');
    await panel.getByRole('button', { name: '座標一覧を差し替え' }).click();
    const text = panel.getByLabel('座標一覧（点名,X,Y,標識）');
    // The form starts from the stored points, exactly as surveyed.
    expect(await text.inputValue()).toBe('P1,-40160.000,32740.000,鋲\nP2,-40160.000,32755.000,鋲\nP3,-40175.000,32755.000,鋲');
    // P3 moves 5 m south: legs 15 m and 20 m, hypotenuse 25 m, area 150 m².
    await text.fill('P1,-40160.000,32740.000,鋲\nP2,-40160.000,32755.000,鋲\nP3,-40180.000,32755.000,鋲');
    await eventually(async () => expect(await panel.locator('[data-point-count]').getAttribute('data-point-count')).toBe('3'));
    await panel.getByRole('button', { name: '座標を保存' }).click();
    await eventually(async () => expect(await panel.locator('td[data-side-length]').allTextContents()).toEqual(['15.000', '20.000', '25.000']), 15_000);
    expect(await panel.locator('dd[data-area]').textContent()).toBe('150.000 m²');
  });

  test('finds a route by its number and shows its segments, length, widths and ledger sheet link', async () => {
    const { route } = await graphql<{ route: { routeNo: string; routeName: string; lengthM: number; segmentCount: number } }>(
      page,
      `{ route(routeNo: "1-01") { routeNo routeName lengthM segmentCount } }`,
    );
    await page.getByRole('combobox', { name: '検索' }).fill('1-01');
    const option = page.getByRole('option', { name: /道路台帳\s*1-01/ });
    await option.waitFor();
    await option.click();
    const panel = page.locator('.ledger-panel .route-panel[data-route-no="1-01"]');
    await panel.locator('.route-facts').waitFor();
    expect(await panel.locator('tr[data-row="route-name"] td').textContent()).toBe(route.routeName);
    expect(await panel.locator('tr[data-row="length"] td').textContent()).toBe(`${route.lengthM.toLocaleString('ja-JP', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} m`);
    expect(await panel.locator('.segment-table tbody tr').count()).toBe(route.segmentCount);
    const link = panel.getByRole('link', { name: '路線 1-01 の道路台帳をPDFで印刷' });
    expect(new URL((await link.getAttribute('href'))!, server.url).pathname).toBe('/api/print/route.pdf');
    // A segment opens in the identify panel.
    await panel.getByRole('button', { name: '区間 2 を地図で表示' }).click();
    await eventually(async () => expect(await page.locator('.identify-panel .hit.selected .hit-layer').textContent()).toBe('道路台帳'));
    await waitForMapIdle(page);
    await guarded.screenshot('ledger-04-route');

    const started = Date.now();
    const sheet = await page.request.get((await link.getAttribute('href'))!);
    metrics.routeSheetPdfMs = Date.now() - started;
    expect(sheet.status()).toBe(200);
    const file = path.join(screenshotDir, 'ledger-route-1-01.pdf');
    fs.writeFileSync(file, await sheet.body());
    const text = pdfText(file);
    expect(text).toContain('道路台帳');
    expect(text).toContain('1-01');
    expect(text).toContain(route.routeName);
  });
});

describe('counter', () => {
  let routeNo: string;
  let pdfHref: string;

  test('clicks a road on the map and sees the answer for that place', async () => {
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await logIn(page, 'counter');
    const { route } = await graphql<{ route: { routeNo: string; segments: { geometry: { coordinates: number[][] } }[] } }>(
      page,
      `{ route(routeNo: "1-02") { routeNo segments { geometry } } }`,
    );
    routeNo = route.routeNo;
    // The middle of the first edge of the second segment lies on the road.
    const [a, b] = route.segments[1].geometry.coordinates;
    await goTo(page, { zoom: 18, lon: (a[0] + b[0]) / 2, lat: (a[1] + b[1]) / 2 });
    await clickMapCentre();
    const hit = page.locator('.identify-panel .hit.selected');
    await eventually(async () => expect(await hit.locator('.hit-layer').textContent()).toBe('道路台帳'), 15_000);

    const enquiry = page.locator('.enquiry-panel');
    await eventually(async () => expect(await enquiry.locator('[data-route-no]').getAttribute('data-route-no')).toBe(routeNo), 15_000);
    expect(await enquiry.locator('tr[data-row="street-light"] td').textContent()).toMatch(/管理自治会: .+自治会/);
    expect(await enquiry.locator('tr[data-row="garbage-point"] td').textContent()).toMatch(/可燃: /);
    // Viewers get no editing controls here.
    expect(await page.getByRole('button', { name: '座標一覧から境界確定を登録' }).count()).toBe(0);

    await enquiry.getByLabel('縮尺').selectOption({ label: '1/1,000' });
    await enquiry.getByLabel('用紙').selectOption({ label: 'A4縦' });
    await enquiry.getByLabel('作成日').fill('2026-11-24');
    const link = enquiry.getByRole('link', { name: '窓口案内図をPDFで開く' });
    pdfHref = (await link.getAttribute('href'))!;
    const url = new URL(pdfHref, server.url);
    expect(url.pathname).toBe('/api/print/enquiry.pdf');
    expect(url.searchParams.get('scale')).toBe('1000');
    expect(url.searchParams.get('paper')).toBe('A4-portrait');
    expect(url.searchParams.get('date')).toBe('2026-11-24');
    await guarded.screenshot('ledger-05-enquiry-panel');
  });

  test('the PDF sheet made by the server says the route number and the scale 1/1,000, on one A4 page', async () => {
    const started = Date.now();
    const response = await page.request.get(pdfHref);
    metrics.enquirySheetPdfMs = Date.now() - started;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const body = await response.body();
    metrics.enquirySheetPdfBytes = body.length;
    const file = path.join(screenshotDir, 'ledger-enquiry.pdf');
    fs.writeFileSync(file, body);
    const text = pdfText(file);
    expect(text).toContain('窓口案内図');
    expect(text).toContain(routeNo);
    expect(text).toContain('1/1,000');
    expect(text).toContain('2026-11-24');
    expect(text).toContain('管理自治会');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
  });

  test('the PNG sheet is the paper at 192 dpi, and the same request gives the same image', async () => {
    const pngHref = pdfHref.replace('/enquiry.pdf?', '/enquiry.png?');
    const started = Date.now();
    const first = await page.request.get(pngHref);
    metrics.enquirySheetPngMs = Date.now() - started;
    expect(first.status()).toBe(200);
    const png = await first.body();
    metrics.enquirySheetPngBytes = png.length;
    fs.writeFileSync(path.join(screenshotDir, 'ledger-enquiry.png'), png);
    // IHDR: width and height of A4 (794 × 1123 CSS px) at device scale 2.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1588, 2246]);

    // Again: the same sheet. The software WebGL rasteriser may round a handful of pixels by one
    // level differently from run to run; anything beyond that would be a different sheet.
    const again = await (await page.request.get(pngHref)).body();
    const same = await comparePngs(page, png, again);
    metrics.enquirySheetRepeatDifference = same;
    expect(same.differing).toBeLessThan(50); // of 3.5 million pixels
    expect(same.maxChannelDelta).toBeLessThanOrEqual(2);
    // The comparison does tell sheets apart: another scale is another image.
    const other = await (await page.request.get(pngHref.replace('scale=1000', 'scale=2500'))).body();
    const different = await comparePngs(page, png, other);
    expect(different.differing).toBeGreaterThan(10_000);
  });

  test('the print page draws the map at the stated scale, with a true scale bar', async () => {
    const url = new URL(pdfHref, server.url);
    await page.goto(`/print/enquiry?${url.searchParams}`);
    await page.waitForFunction(() => (window as { __chizuSheetReady?: boolean }).__chizuSheetReady === true, undefined, { timeout: 60_000 });
    const map = page.locator('.sheet-map');
    // Measured on the drawn map (GRS80 geodesic across the centre): 1/1,000 within 0.5 %.
    const measured = Number(await map.getAttribute('data-measured-scale'));
    metrics.measuredScaleAt1000 = measured;
    expect(Math.abs(measured - 1000) / 1000).toBeLessThan(0.005);
    // 50 m at 1/1,000 is 50 mm of paper: 50 × 96 / 25.4 CSS px.
    const bar = page.locator('.sheet-scalebar');
    expect(await bar.getAttribute('data-metres')).toBe('50');
    const width = await page.locator('.sheet-scalebar-bar').evaluate((svg) => svg.getBoundingClientRect().width);
    metrics.scaleBar50mPx = width;
    expect(width).toBeCloseTo((50 * 96) / 25.4, 1);
    expect(await page.locator('.sheet-map-image').count()).toBe(1);
    expect(await page.locator('.sheet-legend li[data-layer]').count()).toBeGreaterThan(0);
    await guarded.screenshot('ledger-06-print-page');
  });

  test('without a session the print page reports the missing login instead of drawing', async () => {
    const context = await guarded.browser.newContext({ baseURL: server.url });
    try {
      const anonymous = await context.newPage();
      await anonymous.goto(`/print/enquiry?${new URL(pdfHref, server.url).searchParams}`);
      const error = await anonymous.waitForFunction(() => (window as { __chizuSheetError?: string }).__chizuSheetError, undefined, { timeout: 30_000 });
      expect(await error.jsonValue()).toMatch(/not logged in/);
      expect(await anonymous.evaluate(() => (window as { __chizuSheetReady?: boolean }).__chizuSheetReady)).toBeUndefined();
    } finally {
      await context.close();
    }
  });
});
