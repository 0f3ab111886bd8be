// Exporting from the attribute table end to end: a filtered table, the export dialog, a GeoPackage
// downloaded by Chromium and read back with Debian's GDAL.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir, type GuardedBrowser } from './support/browser';
import fs from 'node:fs';
import { goTo, graphql, lonLatOf, waitForMapIdle } from './support/map';
import { parseCsv } from './support/csv';
import { eventually } from './support/eventually';
import { browserSuite } from './support/suite';

let guarded: GuardedBrowser;
let page: Page;
browserSuite((suite) => ({ guarded, page } = suite));

test('the attribute table exports its filtered rows to a GeoPackage that GDAL reads', async () => {
  await page.goto('/');
  await page.getByLabel('ユーザー名').fill('counter');
  await page.getByLabel('パスワード').fill('chizu-demo');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByText('ログイン中: ').waitFor({ timeout: 30_000 });

  await page.getByRole('button', { name: 'カーブミラーの属性表を開く' }).click();
  const table = page.locator('.attribute-table');
  await table.locator('select[data-field="condition"]').selectOption('要交換');
  const expected = await graphql<{ features: { totalCount: number } }>(
    page, '{ features(layer: "curve_mirrors", where: [{ field: "condition", eq: "要交換" }]) { totalCount } }');
  const total = expected.features.totalCount;
  expect(total).toBeGreaterThan(0);
  await eventually(async () => expect(await table.locator('.table-count').textContent()).toContain(`全${total.toLocaleString('ja-JP')}件`), 15_000);

  await table.getByRole('button', { name: 'カーブミラーをファイルに出力' }).click();
  const dialog = page.getByRole('dialog', { name: 'カーブミラーのエクスポート' });
  expect(await dialog.getByLabel('形式').inputValue()).toBe('gpkg');
  expect(await dialog.getByLabel('現在の絞り込み条件で出力').isChecked()).toBe(true);
  await dialog.getByLabel('平面直角座標 第IX系 (EPSG:6677, X=北, Y=東)').check();
  await guarded.screenshot('export-dialog');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'ダウンロード' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^カーブミラー_\d{8}\.gpkg$/);
  const file = path.join(screenshotDir, 'export-curve-mirrors.gpkg');
  await download.saveAs(file);
  await dialog.getByRole('status').waitFor();

  const info = execFileSync('ogrinfo', ['-so', file, 'カーブミラー'], { encoding: 'utf8' });
  expect(info).toContain(`Feature Count: ${total}`);
  expect(info).toMatch(/ID\["EPSG",6677\]\]\s*Data axis/);
  const values = execFileSync('ogrinfo', ['-q', '-sql', 'SELECT DISTINCT "状態" FROM "カーブミラー"', file], { encoding: 'utf8' });
  expect(values).toContain('状態 (String) = 要交換');
  expect(values).not.toContain('良好');
  await dialog.getByRole('button', { name: '閉じる' }).click();
});

test('the layer panel exports only what the map shows when asked (current extent)', async () => {
  await goTo(page, { zoom: 15, lat: 35.67, lon: 140.168 });
  await waitForMapIdle(page);
  // The map's extent, from the canvas corners; features within 5 m of its edge may go either way.
  const view = { zoom: 15, lat: 35.67, lon: 140.168 };
  const box = (await page.locator('.map canvas').boundingBox())!;
  const [west, north] = await lonLatOf(page, view, { x: box.x, y: box.y });
  const [east, south] = await lonLatOf(page, view, { x: box.x + box.width, y: box.y + box.height });
  const d = 5 / 111_000;
  const count = async (grow: number) => (await graphql<{ features: { totalCount: number } }>(page,
    `query($b: [Float!]) { features(layer: "curve_mirrors", bbox: $b) { totalCount } }`,
    { b: [west - grow * d, south - grow * d, east + grow * d, north + grow * d] })).features.totalCount;
  const [inner, outer] = [await count(-1), await count(1)];
  const all = (await graphql<{ features: { totalCount: number } }>(page, '{ features(layer: "curve_mirrors") { totalCount } }')).features.totalCount;
  expect(inner).toBeGreaterThan(0);
  expect(outer).toBeLessThan(all);

  await page.locator('.layer-item').getByRole('button', { name: 'カーブミラーをファイルに出力' }).click();
  const dialog = page.getByRole('dialog', { name: 'カーブミラーのエクスポート' });
  await dialog.getByLabel('形式').selectOption('csv');
  await dialog.getByLabel('現在の表示範囲のみ出力').check();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'ダウンロード' }).click()]);
  const file = path.join(screenshotDir, 'export-extent.csv');
  await download.saveAs(file);
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  expect(rows.length).toBeGreaterThanOrEqual(inner);
  expect(rows.length).toBeLessThanOrEqual(outer);
  const [lonAt, latAt] = [header.indexOf('経度'), header.indexOf('緯度')];
  for (const r of rows) {
    expect(Number(r[lonAt])).toBeGreaterThan(west - d);
    expect(Number(r[lonAt])).toBeLessThan(east + d);
    expect(Number(r[latAt])).toBeGreaterThan(south - d);
    expect(Number(r[latAt])).toBeLessThan(north + d);
  }
  await dialog.getByRole('button', { name: '閉じる' }).click();
});
