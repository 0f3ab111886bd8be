// The counter's search box end to end, in headless Debian Chromium against the real server: the
// clerk types what the citizen says — a town with an arabic 丁目, a management number in full
// width, a lot number with 番 — picks the first hit with the keyboard and lands on the place:
// the map centre inside it, the feature panel open, and for a parcel its enquiry with 接道.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { logIn, type GuardedBrowser } from './support/browser';
import { eventually } from './support/eventually';
import { goTo, readView, waitForMapIdle } from './support/map';
import type { RunningServer } from './support/server';
import { browserSuite, graphqlAs } from './support/suite';

let server: RunningServer;
let guarded: GuardedBrowser;
let page: Page;
browserSuite((suite) => ({ server, guarded, page } = suite));

// A parcel in 鹿渡 with a 6 m city road whose centreline runs 3 m south of it.
const PARCEL = { oaza: '鹿渡', chiban: '933-1', lon: 140.1804, lat: 35.668, size: 0.0002 };
const parcelBox = [PARCEL.lon, PARCEL.lat, PARCEL.lon + PARCEL.size, PARCEL.lat + PARCEL.size];

type Hit = { kind: string; label: string; bbox: number[]; featureId: string | null };
const search = async (text: string) =>
  (await graphqlAs<{ search: Hit[] }>(server, 'counter', 'query($t: String!) { search(text: $t) { kind label bbox featureId } }', { t: text })).data!.search;

/** Types into the search box, waits for the first option (and its group heading) and picks it with Enter. */
async function typeAndPick(text: string, firstOption: RegExp, firstHeading: string) {
  await goTo(page, { zoom: 12, lat: 35.7, lon: 140.14 }); // far away, so landing is a real move
  const box = page.getByRole('combobox', { name: '検索' });
  await box.fill(text);
  const first = page.getByRole('option').first();
  await eventually(async () => expect(await first.textContent()).toMatch(firstOption));
  expect(await page.locator('.search-results .search-group').first().textContent()).toBe(firstHeading);
  await box.press('Enter');
  await eventually(async () => expect((await readView(page)).zoom).toBeGreaterThan(14));
  await waitForMapIdle(page);
}

function expectCentreIn([minLon, minLat, maxLon, maxLat]: number[], view: { lon: number; lat: number }, slack = 0) {
  expect(view.lon).toBeGreaterThanOrEqual(minLon - slack);
  expect(view.lon).toBeLessThanOrEqual(maxLon + slack);
  expect(view.lat).toBeGreaterThanOrEqual(minLat - slack);
  expect(view.lat).toBeLessThanOrEqual(maxLat + slack);
}

beforeAll(async () => {
  const s = PARCEL.size;
  const { lon, lat } = PARCEL;
  // The demo city has its own lots here: the test lot replaces them (deleted through the edit path), so it is the one parcel at its spot.
  const m = 0.0003;
  const demo = await graphqlAs<{ features: { edges: Array<{ node: { id: string; version: number } }> } }>(server, 'admin',
    'query($b: [Float!]!) { features(layer: "parcels", bbox: $b, first: 500) { edges { node { id version } } } }',
    { b: [lon - m, lat - m, lon + s + m, lat + s + m] });
  expect(demo.errors).toBeUndefined();
  const removals = demo.data!.features.edges.map(({ node }) => ({ op: 'DELETE', id: node.id, expectedVersion: node.version }));
  const created = await graphqlAs(server, 'admin', 'mutation($c: [FeatureChangeInput!]!) { applyChanges(changes: $c) { id } }', { c: [
    ...removals,
    { op: 'CREATE', layer: 'parcels', attributes: { oaza: PARCEL.oaza, chiban: PARCEL.chiban, land_category: '宅地', registered_area_m2: 401.5 },
      geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + s, lat], [lon + s, lat + s], [lon, lat + s], [lon, lat]]] } },
    { op: 'CREATE', layer: 'road_ledger', attributes: { route_no: 'E-901', route_name: '鹿渡試験線', road_class: '2級', width_min_m: 6, width_max_m: 6 },
      geometry: { type: 'LineString', coordinates: [[lon - 0.0001, lat - 0.000027], [lon + s + 0.0001, lat - 0.000027]] } },
  ] });
  expect(created.errors).toBeUndefined();
}, 60_000);

test('the counter logs in', async () => {
  await logIn(page, 'counter');
});

test('typing 四街道1丁目 lands on 四街道一丁目, under the 町丁目 heading', async () => {
  const [town] = await search('四街道1丁目');
  expect(town).toMatchObject({ kind: 'town', label: '四街道一丁目' });
  await typeAndPick('四街道1丁目', /四街道一丁目/, '町丁目');
  expectCentreIn(town.bbox, await readView(page));
  await guarded.screenshot('search-01-town');
});

test('typing Ｇ－１４５１ in full width lands on garbage point G-1451 with its panel open', async () => {
  const [hit] = await search('Ｇ－１４５１');
  expect(hit.label).toBe('G-1451');
  await typeAndPick('Ｇ－１４５１', /G-1451/, '台帳・管理番号');
  expectCentreIn(hit.bbox, await readView(page), 0.0005);
  const selected = page.locator('.identify-panel .hit.selected');
  await eventually(async () => expect(await selected.locator('.hit-layer').textContent()).toBe('ゴミ集積所'));
  await guarded.screenshot('search-02-management-number');
});

test('typing a lot number with 番 lands on the parcel and shows its enquiry with the road along it', async () => {
  await typeAndPick('鹿渡933番1', /鹿渡933-1/, '地番');
  expectCentreIn(parcelBox, await readView(page), 0.0001);
  const answer = page.locator('.enquiry-panel .enquiry-answer');
  await eventually(async () => expect(await answer.locator('[data-row="parcel"] .answer-main').textContent()).toBe('鹿渡933-1'), 20_000);
  const frontage = await answer.locator('[data-row="frontage"]').textContent();
  expect(frontage).toContain('E-901');
  expect(frontage).toContain('2級');
  await guarded.screenshot('search-03-lot');
});

test('a lot number that does not exist offers the nearest 枝番 and says so', async () => {
  const box = page.getByRole('combobox', { name: '検索' });
  await box.fill('鹿渡933-3');
  const option = page.getByRole('option').filter({ hasText: '鹿渡933-1' });
  await option.waitFor();
  expect(await option.locator('.result-note').textContent()).toContain('最も近い');
  await box.press('Escape');
});

test('the printed 窓口案内図 for the parcel outlines it and names its 地番 and road frontage', async () => {
  const q = new URLSearchParams({
    lon: (PARCEL.lon + PARCEL.size / 2).toFixed(6), lat: (PARCEL.lat + PARCEL.size / 2).toFixed(6), scale: '1000', paper: 'A4-portrait', date: '2026-11-29',
  });
  await page.goto(`/print/enquiry?${q}`);
  await page.waitForFunction(() => (window as { __chizuSheetReady?: boolean }).__chizuSheetReady === true, undefined, { timeout: 60_000 });
  const answer = page.locator('.enquiry-answer');
  expect(await answer.locator('[data-row="parcel"] .answer-main').textContent()).toBe('鹿渡933-1');
  expect(await answer.locator('[data-row="frontage"]').textContent()).toContain('E-901');
  // No feature was selected: the outlined shape is the parcel's.
  expect(await page.locator('.sheet-legend li[data-symbol="highlight"]').count()).toBe(1);
  await guarded.screenshot('search-04-print');
  // The PDF the counter hands over: one page, with the 地番 in its text.
  const pdf = await (await page.request.get(`/api/print/enquiry.pdf?${q}`)).body();
  const file = path.join(os.tmpdir(), `chizu-parcel-sheet-${process.pid}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    expect(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).toContain('鹿渡933-1');
  } finally {
    fs.rmSync(file, { force: true });
  }
});
