// The import wizard end to end in headless Debian Chromium: the roads editor chooses another
// department's curve-mirror list (Shift_JIS CSV, 和暦 dates, plane X/Y), sees the mapping and the
// location columns found, runs the dry run (one refused row, listed with its line), imports the
// rest with the refused row left out, finds the new mirror on the map, and undoes the import.
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import type { Page } from 'playwright-core';
import { logIn } from './support/browser';
import { eventually } from './support/eventually';
import { goTo, screenOf } from './support/map';
import type { RunningServer } from './support/server';
import { browserSuite, graphqlAs } from './support/suite';

let server: RunningServer;
let page: Page;
browserSuite((suite) => ({ server, page } = suite), { acceptDialogs: true });

// JGD2011 plane rectangular zone IX (EPSG:6677): [easting, northing] in metres.
const ZONE_IX = '+proj=tmerc +lat_0=36 +lon_0=139.8333333333333 +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const place: [number, number] = [140.1679, 35.6697];
const [easting, northing] = proj4('EPSG:4326', ZONE_IX, place);

const csv = iconv.encode([
  '管理番号,路線名,鏡面サイズ,最終点検日,X座標,Y座標',
  `CM-E2E-1,市道１－０１,６００,平成27年4月1日,${northing.toFixed(3)},${easting.toFixed(3)}`,
  `CM-E2E-2,市道１－０１,約600,H28.5.10,${(northing + 30).toFixed(3)},${(easting + 30).toFixed(3)}`,
].join('\r\n'), 'cp932');

const mirrorCount = async () => {
  const { data } = await graphqlAs<{ features: { totalCount: number } }>(server, 'admin',
    '{ features(layer: "curve_mirrors", where: [{ field: "mirror_no", eq: "CM-E2E-1" }]) { totalCount } }');
  return data?.features.totalCount;
};

test('file chosen → mapping → dry run with a refused row → import → the mirror on the map → undo', async () => {
  await logIn(page, 'roads');
  const wizard = page.locator('.import-wizard');
  await page.locator('.import-section > summary').click();
  await wizard.getByTestId('import-layer').selectOption({ label: 'カーブミラー' });
  await wizard.getByTestId('import-file').setInputFiles({ name: 'カーブミラー台帳.csv', mimeType: 'text/csv', buffer: csv });
  await wizard.getByRole('button', { name: 'ファイルを読み込む' }).click();

  // Location and mapping found by the column names; X is said to be the northing.
  await eventually(async () => expect(await wizard.getByTestId('import-plane-x').inputValue()).toBe('X座標'));
  expect(await wizard.getByTestId('import-plane-y').inputValue()).toBe('Y座標');
  expect(await wizard.getByText('X が北方向(縦軸)').count()).toBe(1);
  expect(await wizard.getByRole('combobox', { name: '管理番号' }).inputValue()).toBe('mirror_no');
  expect(await wizard.getByRole('combobox', { name: '最終点検日' }).inputValue()).toBe('last_inspected_on');
  await wizard.getByTestId('import-key').selectOption('mirror_no');

  await wizard.getByRole('button', { name: '確認(試行)' }).click();
  await eventually(async () => expect(await wizard.getByTestId('import-counts').textContent()).toBe('新規 1件・更新 0件・変更なし 0件・取込不可 1件'));
  const refused = wizard.getByRole('table', { name: '取込できない行' });
  expect(await refused.locator('tbody tr').first().textContent()).toBe('3mirror_size_mmnumber: must be a number (約600)');
  expect(await mirrorCount()).toBe(0); // a dry run writes nothing

  expect(await wizard.getByRole('button', { name: '取り込む' }).isDisabled()).toBe(true);
  await wizard.getByLabel('取込不可の行を除いて取り込む').check();
  await wizard.getByRole('button', { name: '取り込む' }).click();
  await eventually(async () => expect(await wizard.getByTestId('import-done').textContent()).toBe('取込が完了しました(新規 1件・更新 0件)。'));
  expect(await mirrorCount()).toBe(1);

  // On the map: the identify panel names the mirror at the imported plane coordinates.
  const view = { zoom: 19, lon: place[0], lat: place[1] };
  await goTo(page, view);
  const at = await screenOf(page, view, place);
  // Each click asks again and drops the answer to the click before, so wait for this click's answer.
  await eventually(async () => {
    await page.mouse.click(at.x, at.y);
    await page.locator('.identify-body[aria-busy="false"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.identify-panel').textContent()).toContain('CM-E2E-1');
  }, 60_000);

  await wizard.getByRole('button', { name: '取込を元に戻す' }).click();
  await eventually(async () => expect(await wizard.getByTestId('import-undone').textContent()).toBe('取込を元に戻しました(1件)。'));
  expect(await mirrorCount()).toBe(0);
});

test('an administrator makes a new layer from a GeoJSON file: fields inferred, a key renamed, the layer listed', async () => {
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await logIn(page, 'admin');
  await page.locator('.import-section > summary').click();
  const wizard = page.locator('.import-wizard');
  await wizard.getByTestId('import-layer').selectOption({ label: '新しいレイヤを作成' });
  await wizard.getByLabel('レイヤキー(英小文字)').fill('fire_hydrants');
  await wizard.getByLabel('レイヤ名').fill('消火栓');
  const geojson = JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { 番号: 'H-1', 口径: 75 }, geometry: { type: 'Point', coordinates: place } },
    { type: 'Feature', properties: { 番号: 'H-2', 口径: 100 }, geometry: { type: 'Point', coordinates: [place[0] + 0.001, place[1]] } },
  ] });
  await wizard.getByTestId('import-file').setInputFiles({ name: '消火栓.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(geojson) });
  await wizard.getByRole('button', { name: 'ファイルを読み込む' }).click();
  await wizard.getByLabel('番号 key').fill('hydrant_no');
  expect(await wizard.getByLabel('口径 type').inputValue()).toBe('integer');
  await wizard.getByRole('button', { name: '確認(試行)' }).click();
  await eventually(async () => expect(await wizard.getByTestId('import-counts').textContent()).toBe('新規 2件・更新 0件・変更なし 0件・取込不可 0件'));
  await wizard.getByRole('button', { name: '取り込む' }).click();
  await eventually(async () => expect(await wizard.getByTestId('import-done').textContent()).toBe('取込が完了しました(新規 2件・更新 0件)。'));
  await eventually(async () => expect(await page.locator('.layer-item[data-layer="fire_hydrants"] .layer-name').textContent()).toBe('消火栓'));
  const { data } = await graphqlAs<{ features: { edges: { node: { attributes: Record<string, unknown> } }[] } }>(server, 'admin',
    '{ features(layer: "fire_hydrants") { edges { node { attributes } } } }');
  expect(data?.features.edges.map((e) => e.node.attributes)).toEqual([{ hydrant_no: 'H-1', field_2: 75 }, { hydrant_no: 'H-2', field_2: 100 }]);
});
