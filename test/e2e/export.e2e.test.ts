// Exporting from the attribute table end to end: a filtered table, the export dialog, a GeoPackage
// downloaded by Chromium and read back with Debian's GDAL.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir, type GuardedBrowser } from './support/browser';
import { graphql } from './support/map';
import { eventually } from './support/eventually';
import type { RunningServer } from './support/server';
import { browserSuite } from './support/suite';

let server: RunningServer;
let guarded: GuardedBrowser;
let page: Page;
browserSuite((suite) => ({ server, guarded, page } = suite));

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
