// Print what I see, with redline (朱書き): a counter clerk frames the place at 1/1,000 on A4
// landscape, marks the citizen's house, draws an arrow and writes a word, and gets a PDF with the
// title, the note and the scale, and a PNG where the red marks are where they were drawn. The
// redline is never saved: no feature changes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { logIn, screenshotDir, type GuardedBrowser } from './support/browser';
import { eventually } from './support/eventually';
import { colourShares } from './support/images';
import { goTo, metresPerPixel, readView, screenOf } from './support/map';
import type { RunningServer } from './support/server';
import { browserSuite, graphqlAs } from './support/suite';
import { planPages } from '../../web/src/print/planPages';

let server: RunningServer;
let guarded: GuardedBrowser;
let page: Page;
// A small demo city (a disc of parcels ~400 m around the station) starts in seconds.
browserSuite((suite) => ({ server, guarded, page } = suite), { demoScale: 0.05 });

const STATION = { lon: 140.1676, lat: 35.6698 };
const REDLINE_RED: [number, number, number] = [0xe0, 0x31, 0x31];

/** The newest entry of the change history (administrators read it): a saved redline would add one. */
async function newestChange(): Promise<string> {
  const reply = await graphqlAs<{ changes: { featureId: string; changedAt: string }[] }>(server, 'admin', '{ changes(first: 1) { featureId changedAt } }');
  expect(reply.errors).toBeUndefined();
  return JSON.stringify(reply.data!.changes);
}

test('a clerk frames the place, draws redline and prints it: the PDF has title, note and scale; the PNG has the red marks', async () => {
  await logIn(page, 'counter');
  const zoom = 17;
  await goTo(page, { ...STATION, zoom });
  const panel = page.locator('.print-map-panel');
  await panel.locator('summary').click();
  await panel.getByLabel('用紙').selectOption('A4-landscape');
  await panel.getByLabel('縮尺').selectOption('1000');

  // The frame is the paper's map frame at 1/1,000, drawn at the map's zoom: (297 − 20) mm wide on paper.
  const frame = page.locator('.print-frame');
  await frame.waitFor();
  const box = (await frame.boundingBox())!;
  const groundWidthM = ((297 - 20) * 1000) / 1000; // mm on paper × scale → metres
  const expectedPx = groundWidthM / metresPerPixel(zoom, STATION.lat);
  expect(Math.abs(box.width - expectedPx) / expectedPx).toBeLessThan(0.02);
  expect(await frame.getAttribute('data-scale')).toBe('1000');

  await panel.getByLabel('表題').fill('ご案内図');
  await panel.getByLabel('備考').fill('赤丸がお問い合わせの場所です');

  // Redline: a mark with a caption at the station, an arrow towards it, a word.
  const view = await readView(page);
  const changesBefore = await newestChange();
  await panel.getByRole('button', { name: '印', exact: true }).click();
  await panel.getByLabel('印の添え書き（任意）').fill('ご自宅');
  const at = await screenOf(page, view, [STATION.lon, STATION.lat]);
  await page.mouse.click(at.x, at.y);
  await panel.getByRole('button', { name: '矢印' }).click();
  await page.mouse.click(at.x - 120, at.y + 80);
  await page.mouse.click(at.x - 20, at.y + 15);
  await panel.getByRole('button', { name: '文字', exact: true }).click();
  await panel.getByLabel('書く文字').fill('ここまで市道');
  await page.mouse.click(at.x + 100, at.y - 60);
  await panel.getByRole('button', { name: '文字', exact: true }).click(); // tool off: clicks identify again
  await eventually(async () => expect(await panel.locator('[data-redline-count]').getAttribute('data-redline-count')).toBe('3'));
  await guarded.screenshot('print-01-frame-and-redline');

  // Drawn on the screen map too.
  const shot = await page.locator('.map canvas').screenshot();
  expect((await colourShares(page, shot, { red: REDLINE_RED }, 20)).colours.red).toBeGreaterThan(0.0005);

  const pdfHref = (await panel.getByRole('link', { name: '表示中の地図をPDFで印刷' }).getAttribute('href'))!;
  const url = new URL(pdfHref, server.url);
  expect(url.pathname).toBe('/api/print/map.pdf');
  expect(url.searchParams.get('scale')).toBe('1000');
  expect(url.searchParams.get('paper')).toBe('A4-landscape');
  expect(JSON.parse(url.searchParams.get('redline')!)).toHaveLength(3);

  const pdf = await page.request.get(pdfHref, { timeout: 120_000 });
  if (pdf.status() !== 200) throw new Error(`the sheet was refused: ${pdf.status()} ${await pdf.text()}`);
  const file = path.join(screenshotDir, 'print-map.pdf');
  fs.mkdirSync(screenshotDir, { recursive: true });
  fs.writeFileSync(file, await pdf.body());
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('ご案内図');
  expect(text).toContain('赤丸がお問い合わせの場所です');
  expect(text).toContain('1/1,000');
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(/Pages:\s+1\n/);
  expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/); // A4 landscape

  // The PNG: red ink where the redline is; the same sheet without redline has (almost) none.
  const pngHref = pdfHref.replace('/map.pdf?', '/map.png?');
  const withRedline = await page.request.get(pngHref, { timeout: 120_000 });
  expect(withRedline.status()).toBe(200);
  const plainUrl = new URL(pngHref, server.url);
  plainUrl.searchParams.delete('redline');
  const without = await page.request.get(plainUrl.pathname + plainUrl.search, { timeout: 120_000 });
  const red = (await colourShares(page, await withRedline.body(), { red: REDLINE_RED }, 20)).colours.red;
  const redWithout = (await colourShares(page, await without.body(), { red: REDLINE_RED }, 20)).colours.red;
  expect(red).toBeGreaterThan(redWithout + 0.0005);
  fs.writeFileSync(path.join(screenshotDir, 'print-map.png'), await withRedline.body());

  // Nothing was saved: the redline is not an edit.
  expect(await newestChange()).toBe(changesBefore);
});

test('a redline or title the server cannot take is refused with a clear error, not printed', async () => {
  const base = `/api/print/map.pdf?lon=${STATION.lon}&lat=${STATION.lat}&scale=1000&paper=A4-landscape&date=2026-11-29`;
  for (const [query, field] of [
    ['&redline=' + encodeURIComponent('[["a",140.1,35.6]]'), 'redline'],
    ['&title=' + encodeURIComponent('あ'.repeat(61)), 'title'],
    ['&scale=7', 'scale'],
  ] as const) {
    const res = await page.request.get(base.replace('&scale=1000', query.startsWith('&scale') ? '' : '&scale=1000') + query);
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(body)).toContain(field);
  }
});

test('the road ledger plan of a route prints at 1/500 over as many A3 sheets as its length needs, after an index', async () => {
  // A route of a few hundred metres: a handful of sheets at 1/500.
  const reply = await graphqlAs<{ routes: { routeNo: string; lengthM: number; geometry: { type: string; coordinates: unknown } }[] }>(
    server, 'counter', '{ routes(search: "-", first: 100) { routeNo lengthM geometry } }');
  expect(reply.errors).toBeUndefined();
  const candidates = reply.data!.routes.filter((r) => r.lengthM > 300 && r.lengthM < 900);
  expect(candidates.length).toBeGreaterThan(0);
  const route = candidates[0];
  const parts = (route.geometry.type === 'LineString' ? [route.geometry.coordinates] : route.geometry.coordinates) as [number, number][][];
  // What the sheet should lay out: A3 landscape frames of 400 × 239 mm at 1/500, 12 mm kept free.
  const expected = planPages(parts, { width: 200, height: 119.5 }, 6).length;
  expect(expected).toBeGreaterThan(1);

  const href = `/api/print/plan.pdf?routeNo=${encodeURIComponent(route.routeNo)}&scale=500&paper=A3-landscape&date=2026-11-29`;
  const res = await page.request.get(href, { timeout: 170_000 });
  if (res.status() !== 200) throw new Error(`the plan was refused: ${res.status()} ${await res.text()}`);
  const file = path.join(screenshotDir, 'print-plan.pdf');
  fs.writeFileSync(file, await res.body());
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(new RegExp(`Pages:\\s+${expected + 1}\\n`));
  expect(info).toMatch(/Page size:\s+119[01]\.\d+ x 841\.\d+ pts \(A3\)/);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('道路台帳平面図');
  expect(text).toContain('索引図');
  expect(text).toContain('1/500');
  // Every sheet is numbered (the match lines' numbers are drawn into the map image, not text).
  const sheetNumber = (n: number) => new RegExp(`(^|\\s)${n}\\s*/\\s*${expected + 1}(\\s|$)`, 'm');
  for (let n = 1; n <= expected + 1; n++) expect(text).toMatch(sheetNumber(n));
}, 200_000);

test('sheet after sheet in a warm page: each is drawn for its own request and its own user, the next one in place of the last', async () => {
  const sheet = async (username: string, date: string, lon: number) => {
    const { token } = await graphqlAs(server, username, '{ me { username } }');
    const res = await fetch(`${server.url}/api/print/enquiry.pdf?lon=${lon}&lat=${STATION.lat}&scale=1000&paper=A4-portrait&date=${date}`,
      { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`the sheet was refused: ${res.status} ${await res.text()}`);
    const file = path.join(screenshotDir, `print-warm-${username}.pdf`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return { timing: res.headers.get('server-timing') ?? '', text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }) };
  };
  const first = await sheet('roads', '2025-04-01', STATION.lon);
  const second = await sheet('counter', '2025-05-02', STATION.lon + 0.0005);
  // The parts of each sheet are reported; the second reuses the page the first left warm.
  for (const part of ['queue', 'browser', 'page', 'data', 'map', 'settle', 'output', 'total']) expect(first.timing).toMatch(new RegExp(`${part};dur=\\d+`));
  expect(second.timing).toContain('warm;desc="yes"');
  expect(first.text).toContain('窓口案内図');
  expect(second.text).toContain('窓口案内図');
  expect(first.text).toContain('2025-04-01');
  expect(second.text).toContain('2025-05-02');
  expect(second.text).not.toContain('2025-04-01');
}, 200_000);
