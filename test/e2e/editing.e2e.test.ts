// Editing end to end in headless Debian Chromium: the roads editor adds a curve mirror by clicking
// the map (it snaps to the road), fills the form (a bad value is reported next to its field),
// saves, moves it twice and undoes one move, saves, restores the first version from the history,
// and resolves a conflict with a colleague's edit field by field. A viewer sees no edit controls,
// and the environment department's editor cannot edit mirrors.
import type { Page } from 'playwright-core';
import { logIn, type GuardedBrowser } from './support/browser';
import { eventually } from './support/eventually';
import { goTo, graphql, metres, screenOf, type Position } from './support/map';
import type { RunningServer } from './support/server';
import { browserSuite, graphqlAs, storedFeature as readStored } from './support/suite';

let server: RunningServer;
let guarded: GuardedBrowser;
let page: Page;
// Confirmations (restore, discard) are accepted.
browserSuite((suite) => ({ server, guarded, page } = suite), { acceptDialogs: true });

/** A colleague: GraphQL from outside the browser, with its own login. */
const asColleague = <T>(username: string, query: string, variables: Record<string, unknown> = {}) => graphqlAs<T>(server, username, query, variables);

const storedFeature = (id: string) => readStored<Position>(server, id);

/** Metres from a point to a segment (the same approximation as metres). */
function metresToSegment(p: Position, a: Position, b: Position): number {
  const k = Math.cos((p[1] * Math.PI) / 180);
  const [px, py, ax, ay, bx, by] = [p[0] * k, p[1], a[0] * k, a[1], b[0] * k, b[1]];
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay))) * 111_320;
}

async function logout() {
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.getByRole('heading', { name: 'ログイン' }).waitFor();
}

const panel = () => page.locator('.edit-panel');
const pendingStatus = () => page.locator('.edit-pending');
const saveStatus = () => page.getByTestId('save-status');

let mirrorId = '';
let view = { zoom: 19, lat: 0, lon: 0 };
let road: [Position, Position];
let created: Position;
let afterFirstDrag: Position;

test('the roads editor adds a curve mirror by clicking next to a road: it snaps onto the road line', async () => {
  await logIn(page, 'roads');
  await page.getByRole('combobox', { name: '編集するレイヤ' }).selectOption({ label: 'カーブミラー' });
  expect(await page.getByRole('button', { name: '点を追加' }).count()).toBe(1);
  // Mirrors are points: no line or area tools.
  expect(await page.getByRole('button', { name: '線を追加' }).count()).toBe(0);

  // The longest segment of a road ledger line, away from junctions (where mirrors stand).
  const { features } = await graphql<{ features: { edges: { node: { geometry: { type: string; coordinates: unknown } } }[] } }>(
    page,
    `{ features(layer: "road_ledger", first: 20, orderBy: { field: "id" }) { edges { node { geometry } } } }`,
  );
  const segments = features.edges.flatMap(({ node }) => {
    const lines = (node.geometry.type === 'LineString' ? [node.geometry.coordinates] : node.geometry.coordinates) as Position[][];
    return lines.flatMap((line) => line.slice(1).map((p, i) => [line[i], p] as [Position, Position]));
  });
  road = segments.sort((s, t) => metres(t[0], t[1]) - metres(s[0], s[1]))[0];
  const middle: Position = [(road[0][0] + road[1][0]) / 2, (road[0][1] + road[1][1]) / 2];
  view = { zoom: 19, lat: middle[1], lon: middle[0] };
  await goTo(page, view);

  // Click 7 px to the side of the road's middle.
  const a = await screenOf(page, view, road[0]);
  const b = await screenOf(page, view, road[1]);
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  const normal = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
  const at = await screenOf(page, view, middle);
  await page.getByRole('button', { name: '点を追加' }).click();
  expect(await page.getByRole('button', { name: '点を追加' }).getAttribute('aria-pressed')).toBe('true');
  await page.mouse.click(at.x + normal.x * 7, at.y + normal.y * 7);

  await panel().locator('.edit-feature').waitFor();
  await eventually(async () => expect(await pendingStatus().textContent()).toBe('未保存の変更 1件'));
  await guarded.screenshot('10-edit-new-mirror');
});

test('the form is generated from the layer: a bad value is reported next to its field and blocks saving until fixed', async () => {
  const form = panel().locator('.attribute-form');
  // Japanese labels, required marks, units, selects for enums.
  expect(await form.locator('label', { hasText: '管理番号' }).locator('.required-mark').count()).toBe(1);
  expect(await form.locator('.form-row', { hasText: '鏡面サイズ' }).locator('.unit').textContent()).toBe('mm');
  expect(await form.locator('select[data-field="shape"] option').allTextContents()).toEqual(['（未設定）', '丸', '角']);
  expect(await form.locator('input[data-field="last_inspected_on"]').getAttribute('type')).toBe('date');

  // Required and unset: reported.
  expect(await panel().getByTestId('problem-mirror_no').textContent()).toContain('入力してください');
  await form.locator('[data-field="mirror_no"]').fill('CM-E2E-1');
  await form.locator('[data-field="mirror_size_mm"]').fill('5000');
  await eventually(async () => expect(await panel().getByTestId('problem-mirror_size_mm').textContent()).toBe('1200以下で入力してください。'));
  expect(await panel().getByTestId('problem-mirror_no').count()).toBe(0);
  await form.locator('select[data-field="shape"]').selectOption('丸');
  await form.locator('select[data-field="condition"]').selectOption('良好');
  await guarded.screenshot('11-edit-form-invalid');

  await page.getByRole('button', { name: '保存', exact: true }).click();
  await eventually(async () => expect(await saveStatus().textContent()).toContain('入力内容に誤りがあります'));
  // Nothing reached the server.
  const { data } = await asColleague<{ features: { totalCount: number } }>('admin', '{ features(layer: "curve_mirrors", where: [{ field: "mirror_no", eq: "CM-E2E-1" }]) { totalCount } }');
  expect(data!.features.totalCount).toBe(0);

  await form.locator('[data-field="mirror_size_mm"]').fill('600');
  await eventually(async () => expect(await panel().getByTestId('problem-mirror_size_mm').count()).toBe(0));
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await eventually(async () => expect(await saveStatus().textContent()).toBe('1件の変更を保存しました。'));
  await eventually(async () => expect(await pendingStatus().textContent()).toBe('未保存の変更はありません'));

  mirrorId = (await panel().locator('.edit-feature').getAttribute('data-feature-id'))!;
  expect(mirrorId).toMatch(/^\d+$/);
  const stored = await storedFeature(mirrorId);
  expect(stored.version).toBe(1);
  expect(stored.attributes).toMatchObject({ mirror_no: 'CM-E2E-1', mirror_size_mm: 600, shape: '丸', condition: '良好' });
  created = stored.geometry.coordinates;
  // Snapped onto the road line (the click was ~1.5 m beside it).
  expect(metresToSegment(created, road[0], road[1])).toBeLessThan(0.2);
  await guarded.screenshot('12-edit-saved');
});

async function dragPoint(from: Position, dx: number, dy: number) {
  const start = await screenOf(page, view, from);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + dx / 2, start.y + dy / 2, { steps: 5 });
  await page.mouse.move(start.x + dx, start.y + dy, { steps: 5 });
  await page.mouse.up();
}

async function draftPosition(): Promise<Position> {
  // The edit panel shows the draft's position; read lat/lon from it.
  const text = (await panel().getByTestId('current-position').textContent())!;
  const [lat, lon] = /（([-\d.]+), ([-\d.]+)）/.exec(text)!.slice(1).map(Number);
  return [lon, lat];
}

test('moving the mirror twice and undoing once (Ctrl+Z) takes back exactly one drag; saving stores that position', async () => {
  await page.getByLabel('近くの頂点・線にスナップ').uncheck();
  await panel().getByRole('button', { name: '座標入力' }).click();
  expect(metres(await draftPosition(), created)).toBeLessThan(0.05);

  await dragPoint(created, 60, 0);
  await eventually(async () => expect(metres(await draftPosition(), created)).toBeGreaterThan(5));
  afterFirstDrag = await draftPosition();
  await dragPoint(afterFirstDrag, 0, 60);
  await eventually(async () => expect(metres(await draftPosition(), afterFirstDrag)).toBeGreaterThan(5));
  expect(await pendingStatus().textContent()).toBe('未保存の変更 1件');
  expect(await page.getByRole('button', { name: /元に戻す/ }).getAttribute('title')).toBe('元に戻す: 移動');

  await page.locator('.map canvas').focus();
  await page.keyboard.press('Control+z');
  await eventually(async () => expect(metres(await draftPosition(), afterFirstDrag)).toBeLessThan(0.05));
  // Redo and undo again with Ctrl+Shift+Z: the same single step.
  await page.keyboard.press('Control+Shift+z');
  await eventually(async () => expect(metres(await draftPosition(), afterFirstDrag)).toBeGreaterThan(5));
  await page.keyboard.press('Control+z');
  await eventually(async () => expect(metres(await draftPosition(), afterFirstDrag)).toBeLessThan(0.05));
  await guarded.screenshot('13-edit-moved-undone');

  await page.getByRole('button', { name: '保存', exact: true }).click();
  await eventually(async () => expect(await saveStatus().textContent()).toBe('1件の変更を保存しました。'));
  const stored = await storedFeature(mirrorId);
  expect(stored.version).toBe(2);
  expect(metres(stored.geometry.coordinates, afterFirstDrag)).toBeLessThan(0.05);
  expect(metres(stored.geometry.coordinates, created)).toBeGreaterThan(5);
});

test('the history lists both versions with who changed what, and restoring version 1 puts the mirror back', async () => {
  await panel().getByRole('button', { name: '履歴' }).click();
  const history = panel().locator('.history-panel');
  await history.locator('.history-version').nth(1).waitFor();
  expect(await history.locator('.history-version').evaluateAll((items) => items.map((i) => i.getAttribute('data-version')))).toEqual(['2', '1']);
  const first = history.locator('.history-version[data-version="1"]');
  expect(await first.textContent()).toContain('作成');
  expect(await first.textContent()).toContain('管理番号');
  expect(await history.locator('.history-version[data-version="2"]').textContent()).toContain('形状を変更');
  await first.getByRole('button', { name: '地図で表示' }).click();
  await guarded.screenshot('14-history-preview');

  await first.getByRole('button', { name: 'この版に戻す' }).click();
  await eventually(async () => expect(await history.getByRole('status').textContent()).toBe('第1版に戻しました（第3版）。'));
  const stored = await storedFeature(mirrorId);
  expect(stored.version).toBe(3);
  expect(metres(stored.geometry.coordinates, created)).toBeLessThan(0.05);
  await eventually(async () => expect(metres(await draftPosition(), created)).toBeLessThan(0.05));
  await guarded.screenshot('15-history-restored');
});

test('a colleague saved first: the conflict shows both versions, and merging field by field keeps both edits', async () => {
  // The colleague (admin) changes 状態 and 路線名 on version 3.
  const colleague = await asColleague<{ updateFeature: { version: number } }>(
    'admin',
    'mutation($id: ID!) { updateFeature(id: $id, expectedVersion: 3, attributes: { condition: "要清掃", route_name: "1-99" }) { version } }',
    { id: mirrorId },
  );
  expect(colleague.data?.updateFeature.version).toBe(4);

  // Meanwhile, on version 3: 状態 and 鏡面数.
  const form = panel().locator('.attribute-form');
  await form.locator('select[data-field="condition"]').selectOption('要補修');
  await form.locator('select[data-field="faces"]').selectOption('2面');
  await page.getByRole('button', { name: '保存', exact: true }).click();

  // The dialog names the colleague who saved first, not "他のユーザー".
  const dialog = page.getByRole('dialog', { name: '管理者さんが先に更新しました' });
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain('編集中に管理者さん（');
  const row = (field: string) => dialog.locator(`tr[data-field="${field}"]`);
  expect(await row('condition').textContent()).toContain('両方が変更');
  expect(await row('condition').locator('td').allTextContents()).toEqual(['良好', ' 要補修', ' 要清掃']);
  expect(await row('route_name').locator('td').allTextContents()).toEqual(['—', ' —', ' 1-99']);
  expect(await row('faces').locator('td').nth(1).textContent()).toContain('2面');
  await guarded.screenshot('16-conflict');

  // Each side keeps what it changed; on the clash, take the colleague's 状態.
  await row('condition').getByRole('radio', { name: '状態: 保存済み' }).check();
  await dialog.getByRole('button', { name: '統合して保存' }).click();
  await dialog.waitFor({ state: 'detached' });
  await eventually(async () => expect(await saveStatus().textContent()).toBe('1件の変更を保存しました。'));

  const stored = await storedFeature(mirrorId);
  expect(stored.version).toBe(5);
  expect(stored.attributes).toMatchObject({ condition: '要清掃', route_name: '1-99', faces: '2面', mirror_no: 'CM-E2E-1' });
  await guarded.screenshot('17-conflict-merged');
});

test('coordinates typed as zone IX X/Y add a point there; the server\'s refusal of a place outside the city shows at the geometry', async () => {
  await page.getByRole('button', { name: '選択・移動' }).click();
  await page.keyboard.press('Escape');
  await panel().getByRole('button', { name: '閉じる' }).click();
  const add = panel().locator('details.coordinate-add');
  await add.locator('summary').click();
  // Tokyo Station, far outside Yotsukaido but inside Japan: only the server can tell.
  await add.getByRole('combobox', { name: '座標系' }).selectOption('latlon');
  await add.locator('textarea').fill('35.6812, 139.7671');
  await add.getByRole('button', { name: 'この座標で追加' }).click();
  await panel().locator('.edit-feature').waitFor();
  await panel().locator('[data-field="mirror_no"]').fill('CM-E2E-2');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  // In the user's language from the error catalogue (it used to show the server's English text here).
  await eventually(async () => expect(await panel().getByTestId('problem-geometry').textContent()).toContain('市の区域(境界から500 m以内)の外には登録できません'));
  await guarded.screenshot('18-server-problem');

  // Typed as plane coordinates (X northing, Y easting) at the first mirror's place instead.
  const toggle = panel().getByRole('button', { name: '座標入力' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const entry = panel().locator('.coordinate-entry');
  const { data } = await asColleague<{ enquiry: { planeX: number; planeY: number } }>('admin', 'query($lon: Float!, $lat: Float!) { enquiry(lon: $lon, lat: $lat) { planeX planeY } }', { lon: afterFirstDrag[0], lat: afterFirstDrag[1] });
  await entry.locator('textarea').fill(`${data!.enquiry.planeX.toFixed(3)}, ${data!.enquiry.planeY.toFixed(3)}`);
  await entry.getByRole('button', { name: '選択中の地物をこの座標に移動' }).click();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await eventually(async () => expect(await saveStatus().textContent()).toBe('1件の変更を保存しました。'));
  const id = (await panel().locator('.edit-feature').getAttribute('data-feature-id'))!;
  const stored = await storedFeature(id);
  expect(metres(stored.geometry.coordinates, afterFirstDrag)).toBeLessThan(0.01);
});

test('a viewer sees no edit controls', async () => {
  await logout();
  await logIn(page, 'counter');
  expect(await page.locator('.edit-section').count()).toBe(0);
  expect(await page.getByRole('combobox', { name: '編集するレイヤ' }).count()).toBe(0);
  const me = await graphql<{ me: { editableLayers: string[] } }>(page, '{ me { editableLayers } }');
  expect(me.me.editableLayers).toEqual([]);
  await guarded.screenshot('19-viewer-no-editing');
});

test('the environment editor can edit garbage points but not curve mirrors', async () => {
  await logout();
  await logIn(page, 'env');
  const options = await page.getByRole('combobox', { name: '編集するレイヤ' }).locator('option').allTextContents();
  expect(options).toContain('ゴミ集積所');
  expect(options).not.toContain('カーブミラー');
  // Nor through the API: the server refuses.
  const refused = await asColleague('env', 'mutation($id: ID!) { updateFeature(id: $id, expectedVersion: 5, attributes: { condition: "良好" }) { version } }', { id: mirrorId });
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

  // Editing garbage points, a click on the mirror picks nothing.
  await page.getByRole('combobox', { name: '編集するレイヤ' }).selectOption({ label: 'ゴミ集積所' });
  const mirror = await storedFeature(mirrorId);
  view = { zoom: 19, lat: mirror.geometry.coordinates[1], lon: mirror.geometry.coordinates[0] };
  await goTo(page, view);
  const at = await screenOf(page, view, mirror.geometry.coordinates);
  await page.mouse.click(at.x, at.y);
  await page.waitForTimeout(1000);
  expect(await panel().locator('.edit-feature').count()).toBe(0);
  // …and says why.
  await eventually(async () => expect(await page.getByTestId('save-status').textContent()).toContain('「カーブミラー」は編集中のレイヤ「ゴミ集積所」の地物ではない'));
  await guarded.screenshot('20-env-editor');
});

test('an administrator filters recent changes by layer and user, and creates a layer with fields and a previewed style', async () => {
  await logout();
  await logIn(page, 'admin');
  const changes = page.locator('details.changes-section');
  await changes.locator('summary').click();
  await changes.getByRole('combobox', { name: 'レイヤ' }).selectOption({ label: 'カーブミラー' });
  await changes.getByRole('textbox', { name: 'ユーザー名' }).fill('roads');
  await changes.getByRole('button', { name: '表示', exact: true }).click();
  const items = changes.locator(`.changes-list li[data-feature-id="${mirrorId}"]`);
  // Versions 1, 2, 3 and 5 are the roads editor's; 4 was the colleague's.
  await eventually(async () => expect(await items.count()).toBe(4));
  await changes.getByRole('textbox', { name: 'ユーザー名' }).fill('admin');
  await changes.getByRole('button', { name: '表示', exact: true }).click();
  await eventually(async () => expect(await items.count()).toBe(1));
  expect(await items.first().textContent()).toContain('第4版');
  await items.first().getByRole('button', { name: '地物と履歴を表示' }).click();
  await items.first().locator('.history-version').first().waitFor();
  await guarded.screenshot('21-admin-changes');
  await changes.locator('summary').click();

  const admin = page.locator('details.layer-admin-section');
  await admin.locator('summary').click();
  await admin.getByRole('textbox', { name: 'キー（英小文字・数字・_）' }).fill('fire_hydrants');
  await admin.getByRole('textbox', { name: 'レイヤ名', exact: true }).fill('消火栓');
  await admin.getByRole('textbox', { name: 'レイヤ名（英語）' }).fill('Fire hydrants');
  await admin.locator('input[type="color"]').fill('#e8590c');
  await admin.getByRole('slider', { name: /点の大きさ/ }).fill('8');
  expect(await admin.getByTestId('style-preview').locator('circle').getAttribute('fill')).toBe('#e8590c');
  expect(await admin.getByTestId('style-preview').locator('circle').getAttribute('r')).toBe('8');
  await admin.getByRole('button', { name: '項目を追加' }).click();
  const field = admin.locator('.field-editor[data-field-index="1"]');
  await field.getByRole('textbox', { name: 'キー' }).fill('pressure');
  await field.getByRole('textbox', { name: '項目名', exact: true }).fill('水圧');
  await field.getByRole('combobox', { name: '型' }).selectOption('NUMBER');
  await field.getByRole('textbox', { name: '最小', exact: true }).fill('2');
  await field.getByRole('textbox', { name: '最大' }).fill('1');
  await field.getByRole('textbox', { name: '単位' }).fill('MPa');
  await admin.getByRole('button', { name: 'レイヤを作成' }).click();
  await eventually(async () => expect(await admin.getByRole('alert').textContent()).toBe('最大は最小以上にしてください。'));
  await field.getByRole('textbox', { name: '最小', exact: true }).fill('0');
  await admin.getByRole('button', { name: 'レイヤを作成' }).click();
  // (An error would show as an alert in the same place; reading both puts it in the failure.)
  await eventually(async () => expect(await admin.locator('form > [role="status"], form > [role="alert"]').textContent()).toBe('「消火栓」を保存しました。'));
  await page.getByRole('checkbox', { name: '消火栓を表示' }).waitFor();
  await guarded.screenshot('22-admin-layer');
  // The new layer is editable in the same session, without a reload: permissions come with the layers, not from login.
  const editLayer = page.getByRole('combobox', { name: '編集するレイヤ' });
  await editLayer.locator('option', { hasText: '消火栓' }).waitFor({ state: 'attached' });
  await editLayer.selectOption({ label: '消火栓' });
  await page.getByTestId('edit-toolbar').getByRole('toolbar').waitFor();
  await editLayer.selectOption('');

  const { data } = await asColleague<{ layer: { nameJa: string; style: { color: string; circle: Record<string, unknown> }; fields: { key: string; type: string; min: number; max: number; unit: string }[] } }>(
    'admin',
    '{ layer(key: "fire_hydrants") { nameJa style fields { key type min max unit } } }',
  );
  expect(data!.layer.nameJa).toBe('消火栓');
  expect(data!.layer.style.color).toBe('#e8590c');
  expect(data!.layer.style.circle['circle-radius']).toBe(8);
  expect(data!.layer.fields).toEqual([
    { key: 'name', type: 'TEXT', min: null, max: null, unit: null },
    { key: 'pressure', type: 'NUMBER', min: 0, max: 1, unit: 'MPa' },
  ]);

  // The role picker: 消火栓 takes the 公共施設 role from the layer that had it (named in the list), then hands it back.
  const rolePicker = admin.getByRole('combobox', { name: /^役割/ });
  expect(await rolePicker.inputValue()).toBe('');
  expect(await rolePicker.locator('option[value="FACILITIES"]').textContent()).toBe('公共施設（現在: 公共施設）');
  await rolePicker.selectOption('FACILITIES');
  await admin.getByRole('button', { name: 'レイヤを保存' }).click();
  await eventually(async () => expect(await admin.locator('form > [role="status"], form > [role="alert"]').textContent()).toBe('「消火栓」を保存しました。'));
  const roles = async () => (await asColleague<{ layers: { key: string; role: string | null }[] }>('admin', '{ layers { key role } }')).data!.layers
    .filter((l) => l.key === 'fire_hydrants' || l.key === 'facilities');
  expect(await roles()).toEqual(expect.arrayContaining([{ key: 'fire_hydrants', role: 'FACILITIES' }, { key: 'facilities', role: null }]));
  // The road ledger's role can only be handed on: "none" is not offered for it.
  await admin.getByRole('combobox', { name: 'レイヤ', exact: true }).selectOption({ label: '道路台帳' });
  await eventually(async () => expect(await rolePicker.inputValue()).toBe('ROAD_LEDGER'));
  expect(await rolePicker.locator('option[value=""]').isDisabled()).toBe(true);
  await admin.getByRole('combobox', { name: 'レイヤ', exact: true }).selectOption({ label: '公共施設' });
  await eventually(async () => expect(await rolePicker.locator('option[value="FACILITIES"]').textContent()).toBe('公共施設（現在: 消火栓）'));
  await rolePicker.selectOption('FACILITIES');
  await admin.getByRole('button', { name: 'レイヤを保存' }).click();
  await eventually(async () => expect(await admin.locator('form > [role="status"], form > [role="alert"]').textContent()).toBe('「公共施設」を保存しました。'));
  expect(await roles()).toEqual(expect.arrayContaining([{ key: 'fire_hydrants', role: null }, { key: 'facilities', role: 'FACILITIES' }]));
});
