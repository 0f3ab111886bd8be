// Who sees what, end to end (issue 14): a restricted field (立会者) is missing for the counter and
// there for 道路管理課; an administrator manages users and departments, limits who reads a layer and
// publishes another; a field the administrator restricts disappears for the counter from the table,
// identify, the CSV and a printed sheet; the public map shows the published layer to a browser without
// a login, and nothing else.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { GuardedBrowser } from './support/browser';
import { logIn, screenshotDir } from './support/browser';
import { parseCsv } from './support/csv';
import { eventually } from './support/eventually';
import type { RunningServer } from './support/server';
import { browserSuite, graphqlAs } from './support/suite';

let server: RunningServer;
let guarded: GuardedBrowser;
let page: Page;
browserSuite((suite) => ({ server, guarded, page } = suite), { acceptDialogs: true });

/**
 * A layer's attribute table: its column headers and the identify panel of its first row; `whileOpen` reads
 * more of the open table (its CSV) before it is closed.
 */
async function tableAndIdentify<T>(layerName: string, whileOpen: (table: Locator) => Promise<T>): Promise<{ headers: string[]; identify: string; more: T }> {
  await page.getByRole('button', { name: `${layerName}の属性表を開く` }).click();
  const table = page.locator('.attribute-table');
  await table.getByRole('heading', { name: `${layerName} 属性表` }).waitFor();
  const rows = table.locator('tbody tr');
  await rows.first().waitFor();
  const headers = await table.locator('thead th').allTextContents();
  await rows.first().locator('td').first().click();
  const panel = page.locator('.identify-panel .hit.selected');
  await panel.waitFor();
  await eventually(async () => expect(await panel.locator('.feature-meta').count()).toBeGreaterThan(0));
  const identify = (await page.locator('.identify-panel').textContent()) ?? '';
  const more = await whileOpen(table);
  await table.getByRole('button', { name: '閉じる' }).click();
  return { headers, identify, more };
}

const boundaryTableAndIdentify = () => tableAndIdentify('境界確定', async () => undefined);

/** The burnable-collection days of a garbage point, as the seed writes them (no other field holds a "・"). */
const BURNABLE_DAYS = ['月・木', '火・金', '水・土'];
const BURNABLE_LABEL = '収集曜日(可燃ごみ)';

/**
 * What the logged-in user reads of the garbage points: the attribute table's headers, the identify panel of
 * its first row, the table's CSV download and the text of a printed 窓口案内図 at `place` (its answer names the
 * nearest garbage point's collection days).
 */
async function garbageViews(who: string, place: { lon: number; lat: number }): Promise<{ headers: string[]; identify: string; csv: string[][]; print: string }> {
  const { headers, identify, more: csv } = await tableAndIdentify('ゴミ集積所', async (table) => {
    const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'CSV出力' }).click()]);
    const file = path.join(screenshotDir, `access-restricted-${who}.csv`);
    await download.saveAs(file);
    return parseCsv(fs.readFileSync(file).toString('utf8').replace(/^\uFEFF/, ''));
  });

  // The sheet is printed with the page's session, as its print link would be.
  const sheet = await page.request.get(`/api/print/enquiry.pdf?lon=${place.lon}&lat=${place.lat}&scale=1000&paper=A4-portrait&layers=garbage_points&date=2025-04-01`, { timeout: 170_000 });
  if (sheet.status() !== 200) throw new Error(`the sheet was refused: ${sheet.status()} ${await sheet.text()}`);
  const pdf = path.join(screenshotDir, `access-restricted-${who}.pdf`);
  fs.writeFileSync(pdf, await sheet.body());
  const print = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '');
  return { headers, identify, csv, print };
}

async function logOut() {
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.getByLabel('ユーザー名').waitFor();
}

/** Each test starts logged out, whatever the one before left behind. */
beforeEach(async () => {
  await page.context().clearCookies();
});

test('立会者 is personal data: the counter does not see it in the table or identify; 道路管理課 does', async () => {
  await logIn(page, 'counter');
  const counter = await boundaryTableAndIdentify();
  expect(counter.headers.some((h) => h.startsWith('確定番号'))).toBe(true);
  expect(counter.headers.some((h) => h.startsWith('立会者'))).toBe(false);
  expect(counter.identify).not.toContain('立会者');
  await guarded.screenshot('access-01-counter');
  await page.context().clearCookies();

  await logIn(page, 'roads');
  const roads = await boundaryTableAndIdentify();
  expect(roads.headers.some((h) => h.startsWith('立会者'))).toBe(true);
  expect(roads.identify).toContain('立会者');
  await guarded.screenshot('access-02-roads');
  await logOut();
});

test('an administrator adds a department and a user, resets its password, limits a layer to a department and publishes another', async () => {
  await logIn(page, 'admin');
  const section = page.locator('details.user-admin-section');
  await section.locator('summary').click();
  await section.getByRole('button', { name: 'ユーザー・課の管理' }).click();
  const dialog = page.getByRole('dialog', { name: 'ユーザー・課の管理' });
  await dialog.locator('tr[data-username="counter"]').waitFor();

  const newDept = dialog.locator('form.new-department');
  await newDept.getByLabel('キー').fill('parks');
  await newDept.getByLabel('名称').fill('公園緑地課');
  await newDept.getByLabel('英語名').fill('Parks Division');
  await newDept.getByRole('button', { name: '課を追加' }).click();
  await dialog.getByRole('status').getByText('課「公園緑地課」を追加しました。').waitFor();
  await dialog.locator('tr[data-department="parks"]').waitFor();

  const form = dialog.locator('form.new-user');
  await form.getByLabel('ユーザー名', { exact: true }).fill('yamada');
  await form.getByLabel('表示名').fill('山田 花子');
  await form.getByLabel('権限').selectOption({ label: '編集者' });
  await form.getByLabel('所属課').selectOption({ label: '公園緑地課' });
  await form.getByLabel('初期パスワード').fill('password2026');
  await form.getByRole('button', { name: '追加する' }).click();
  await eventually(async () => expect(await dialog.getByRole('alert').textContent()).toBe('このパスワードは推測されやすいため使えません。別のパスワードにしてください'));
  await form.getByLabel('初期パスワード').fill('Hanami-Kouen-73');
  await form.getByRole('button', { name: '追加する' }).click();
  await dialog.getByRole('status').getByText('ユーザー「yamada」を追加しました。').waitFor();
  const row = dialog.locator('tr[data-username="yamada"]');
  await eventually(async () => expect(await row.textContent()).toContain('公園緑地課'));
  expect(await row.textContent()).toContain('編集者');

  await row.getByRole('button', { name: 'パスワード再発行' }).click(); // the confirmation is accepted
  const temporary = (await dialog.getByTestId('temporary-password').textContent())!.trim();
  expect(temporary).toMatch(/^[A-Za-z2-9]{16}$/);
  await guarded.screenshot('access-03-user-admin');
  const asYamada = await fetch(`${server.url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($p: String!) { login(username: "yamada", password: $p) { user { department { key } } } }', variables: { p: temporary } }),
  }).then((r) => r.json());
  expect(asYamada.data.login.user.department.key).toBe('parks');

  // Extra layers: yamada also edits the street lights of 自治振興課.
  await row.getByRole('button', { name: '編集', exact: true }).click();
  await row.getByLabel('追加の編集レイヤ').selectOption([{ label: '防犯灯' }]);
  await row.getByRole('button', { name: '変更を保存' }).click();
  await dialog.getByRole('status').getByText('「yamada」を変更しました。').waitFor();
  await eventually(async () => expect(await row.textContent()).toContain('防犯灯'));
  const granted = await graphqlAs<{ users: { username: string; grantedLayers: string[] }[] }>(server, 'admin', '{ users { username grantedLayers } }');
  expect(granted.data!.users.find((u) => u.username === 'yamada')!.grantedLayers).toEqual(['street_lights']);

  // 公園緑地課 is merged into 環境政策課: yamada moves with it, and 公園緑地課 is gone.
  const merge = dialog.locator('form.merge-departments');
  await merge.getByLabel('統合する課').selectOption({ label: '公園緑地課' });
  await merge.getByLabel('統合先').selectOption({ label: '環境政策課' });
  await merge.getByRole('button', { name: '統合する' }).click(); // the confirmation is accepted
  await dialog.getByRole('status').getByText('課「公園緑地課」を「環境政策課」に統合しました。ユーザー1人と担当レイヤーが移りました。').waitFor();
  await eventually(async () => expect(await dialog.locator('tr[data-department="parks"]').count()).toBe(0));
  await eventually(async () => expect(await row.textContent()).toContain('環境政策課'));

  // Passwords expire after 90 days; the last 5 may not be reused.
  const security = dialog.locator('form.security-settings');
  await security.getByLabel(/パスワードの有効期限/).fill('90');
  await security.getByRole('button', { name: '設定を保存' }).click();
  await dialog.getByRole('status').getByText('パスワードとセッションの設定を保存しました。').waitFor();
  const settings = await graphqlAs<{ securitySettings: Record<string, number> }>(server, 'admin', '{ securitySettings { passwordMaxAgeDays passwordHistoryCount } }');
  expect(settings.data!.securitySettings).toEqual({ passwordMaxAgeDays: 90, passwordHistoryCount: 5 });
  await dialog.getByRole('button', { name: '閉じる' }).click();

  // Street lights: only 自治振興課 (and administrators) read them from now on.
  const admin = page.locator('details.layer-admin-section');
  await admin.locator('summary').click();
  await admin.getByRole('combobox', { name: 'レイヤ', exact: true }).selectOption({ label: '防犯灯' });
  await admin.getByRole('radio', { name: /指定した課のみ/ }).check();
  expect(await admin.locator('.read-access-departments').getByRole('checkbox', { name: '自治振興課' }).isChecked()).toBe(true);
  await admin.getByRole('button', { name: 'レイヤを保存' }).click();
  await eventually(async () => expect(await admin.locator('form > [role="status"], form > [role="alert"]').textContent()).toBe('「防犯灯」を保存しました。'));
  const counterLayers = await graphqlAs<{ layers: { key: string }[] }>(server, 'counter', '{ layers { key } }');
  expect(counterLayers.data!.layers.map((l) => l.key)).not.toContain('street_lights');
  const communityLayers = await graphqlAs<{ layers: { key: string }[] }>(server, 'community', '{ layers { key } }');
  expect(communityLayers.data!.layers.map((l) => l.key)).toContain('street_lights');

  // Garbage collection points go on the public map.
  await admin.getByRole('combobox', { name: 'レイヤ', exact: true }).selectOption({ label: 'ゴミ集積所' });
  await admin.getByRole('checkbox', { name: '公開型地図（/public）に公開する' }).check();
  // All its fields but the address go public.
  await admin.getByRole('checkbox', { name: 'すべての項目を公開（個人情報を除く）' }).uncheck();
  await admin.locator('input[data-published-field="address"]').uncheck();
  await admin.getByRole('button', { name: 'レイヤを保存' }).click();
  await eventually(async () => expect(await admin.locator('form > [role="status"], form > [role="alert"]').textContent()).toBe('「ゴミ集積所」を保存しました。'));
  await guarded.screenshot('access-04-layer-access');
  const published = await graphqlAs<{ layer: { published: boolean; publishedFields: string[] } }>(server, 'admin',
    '{ layer(key: "garbage_points") { published publishedFields } }');
  expect(published.data!.layer.published).toBe(true);
  expect(published.data!.layer.publishedFields).toContain('point_no');
  expect(published.data!.layer.publishedFields).not.toContain('address');
  // The layer editor is a full-width page over the map; back to the map.
  await page.getByRole('button', { name: '地図に戻る' }).click();
  await eventually(async () => expect(await page.locator('.layer-admin-page').count()).toBe(0));

  // Each of these changes is in the audit log.
  const audit = await graphqlAs<{ auditLog: { entries: { kind: string; target: string | null }[] } }>(server, 'admin',
    '{ auditLog(first: 50) { entries { kind target } } }');
  const kinds = audit.data!.auditLog.entries.map((e) => `${e.kind} ${e.target}`);
  for (const k of ['department.create parks', 'department.merge parks', 'settings.update security', 'user.create yamada', 'user.password_reset yamada', 'user.update yamada', 'layer.update street_lights', 'layer.update garbage_points']) {
    expect(kinds).toContain(k);
  }
  await logOut();
});

test('a user asked for a new password sets it at login (the policy applies) and is let in', async () => {
  const created = await graphqlAs(server, 'admin', `mutation { createUser(input: { username: "kimura", displayName: "木村", role: VIEWER, password: "Sakura-Namiki-58" }) { username } }`);
  expect(created.errors).toBeUndefined();
  expect((await graphqlAs(server, 'admin', 'mutation { updateUser(username: "kimura", patch: { mustChangePassword: true }) { username } }')).errors).toBeUndefined();
  await page.goto('/');
  await page.getByLabel('ユーザー名').fill('kimura');
  await page.getByLabel('パスワード', { exact: true }).fill('Sakura-Namiki-58');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('status').getByText('管理者の指示により、新しいパスワードを設定してからログインしてください').waitFor();
  await page.getByLabel('新しいパスワード', { exact: true }).fill('Sakura-Namiki-58');
  await page.getByLabel('新しいパスワード（確認）').fill('Sakura-Namiki-58');
  await page.getByRole('button', { name: '変更してログイン' }).click();
  await eventually(async () => expect(await page.getByRole('alert').textContent()).toBe('新しいパスワードが現在のものと同じです'));
  await page.getByLabel('新しいパスワード', { exact: true }).fill('Ginkgo-Namiki-61');
  await page.getByLabel('新しいパスワード（確認）').fill('Ginkgo-Namiki-61');
  await guarded.screenshot('access-06-password-change-at-login');
  await page.getByRole('button', { name: '変更してログイン' }).click();
  await page.getByText('ログイン中: ').waitFor({ timeout: 30_000 });
  await logOut();
});

test('an administrator restricts a field: the counter no longer reads it in the table, identify, CSV or a print; the administrator still does', async () => {
  const first = await graphqlAs<{ features: { edges: { node: { geometry: { coordinates: number[] }; attributes: { burnable_days: string } } }[] } }>(server, 'admin',
    '{ features(layer: "garbage_points", first: 1) { edges { node { geometry attributes } } } }');
  const point = first.data!.features.edges[0].node;
  const place = { lon: point.geometry.coordinates[0], lat: point.geometry.coordinates[1] };
  const days = point.attributes.burnable_days;
  expect(BURNABLE_DAYS).toContain(days);

  // Before: the counter reads the collection days everywhere (so the checks below can fail).
  await logIn(page, 'counter');
  const before = await garbageViews('counter-before', place);
  expect(before.headers.some((h) => h.startsWith(BURNABLE_LABEL))).toBe(true);
  expect(before.print).toContain(days);
  await logOut();

  // The administrator marks 収集曜日(可燃ごみ) of ゴミ集積所 as personal data, readable by 道路管理課 only.
  await logIn(page, 'admin');
  const admin = page.locator('details.layer-admin-section');
  await admin.locator('summary').click();
  await admin.getByRole('combobox', { name: 'レイヤ', exact: true }).selectOption({ label: 'ゴミ集積所' });
  const editors = admin.locator('.field-editor');
  await editors.first().waitFor();
  const index = await editors.evaluateAll((all) => all.findIndex((e) => e.querySelector('input')?.value === 'burnable_days'));
  expect(index).toBeGreaterThanOrEqual(0);
  const editor = admin.locator(`.field-editor[data-field-index="${index}"]`);
  await editor.getByRole('checkbox', { name: '個人情報（閲覧制限）' }).check();
  await editor.getByLabel(/閲覧できる課/).fill('roads');
  await admin.getByRole('button', { name: 'レイヤを保存' }).click();
  await eventually(async () => expect(await admin.locator('form > [role="status"], form > [role="alert"]').textContent()).toBe('「ゴミ集積所」を保存しました。'));
  await guarded.screenshot('access-07-field-restricted');
  const stored = await graphqlAs<{ layer: { fields: { key: string; restricted: { departments: string[] } | null }[] } }>(server, 'admin',
    '{ layer(key: "garbage_points") { fields { key restricted { departments } } } }');
  expect(stored.data!.layer.fields.find((f) => f.key === 'burnable_days')!.restricted?.departments).toEqual(['roads']);
  await page.getByRole('button', { name: '地図に戻る' }).click();
  await eventually(async () => expect(await page.locator('.layer-admin-page').count()).toBe(0));
  await logOut();

  // The counter: not in the table's headers, identify, the CSV's header or cells, nor the printed sheet.
  await logIn(page, 'counter');
  const counter = await garbageViews('counter', place);
  expect(counter.headers.some((h) => h.startsWith('集積所番号'))).toBe(true);
  expect(counter.headers.some((h) => h.startsWith(BURNABLE_LABEL))).toBe(false);
  expect(counter.identify).toContain('集積所番号');
  expect(counter.identify).not.toContain(BURNABLE_LABEL);
  for (const d of BURNABLE_DAYS) expect(counter.identify).not.toContain(d);
  const [counterHeader, ...counterRecords] = counter.csv;
  expect(counterHeader).toContain('集積所番号');
  expect(counterHeader).toContain('収集曜日(不燃ごみ)');
  expect(counterHeader.some((h) => h.includes(BURNABLE_LABEL) || h.includes('burnable_days'))).toBe(false);
  expect(counterRecords.length).toBeGreaterThan(0);
  expect(counterRecords.flat().filter((cell) => BURNABLE_DAYS.some((d) => cell.includes(d)))).toEqual([]);
  expect(counter.print).toContain('窓口案内図');
  expect(counter.print).not.toContain(days);
  await guarded.screenshot('access-08-counter-without-field');
  await logOut();

  // The administrator still reads it everywhere.
  await logIn(page, 'admin');
  // The audit log screen shows the counter's login, export and print, and the restriction itself.
  await page.getByText('監査ログ', { exact: true }).click();
  await page.getByRole('button', { name: '監査ログを開く' }).click();
  const audit = page.getByRole('dialog', { name: '監査ログ' });
  await audit.getByLabel('ユーザー名').fill('counter');
  await audit.getByRole('button', { name: '絞り込む' }).click();
  const rowOf = (kind: string) => audit.locator('tbody tr').filter({ has: page.getByRole('cell', { name: kind, exact: true }) });
  await rowOf('エクスポート').first().waitFor();
  expect(await rowOf('ログイン').count()).toBeGreaterThanOrEqual(2); // before and after the restriction
  expect(await rowOf('エクスポート').first().textContent()).toContain('garbage_points');
  expect(await rowOf('エクスポート').first().textContent()).toContain('"restrictedFields":[]');
  expect(await rowOf('印刷').count()).toBeGreaterThanOrEqual(2);
  await audit.getByLabel('ユーザー名').fill('admin');
  await audit.getByLabel('種別').selectOption({ label: 'レイヤー定義の変更' });
  await audit.getByRole('button', { name: '絞り込む' }).click();
  await audit.locator('tbody tr', { hasText: 'burnable_days' }).first().waitFor();
  expect(await audit.locator('tbody tr', { hasText: 'burnable_days' }).first().textContent()).toContain('"departments":["roads"]');
  await guarded.screenshot('access-09-audit-log');
  await audit.getByRole('button', { name: '閉じる' }).click();
  const asAdmin = await garbageViews('admin', place);
  expect(asAdmin.headers.some((h) => h.startsWith(BURNABLE_LABEL))).toBe(true);
  expect(asAdmin.identify).toContain(BURNABLE_LABEL);
  const [adminHeader, ...adminRecords] = asAdmin.csv;
  const column = adminHeader.findIndex((h) => h.startsWith(BURNABLE_LABEL));
  expect(column).toBeGreaterThanOrEqual(0);
  expect(adminRecords.some((r) => BURNABLE_DAYS.includes(r[column]))).toBe(true);
  expect(asAdmin.print).toContain(days);
  await logOut();
}, 600_000);

test('the public map shows the published layer without a login, its details on a search, and nothing unpublished', async () => {
  // Published here too, so that this test stands on its own (the step above publishes it through the layer form).
  const publish = await graphqlAs(server, 'admin',
    'mutation { updateLayer(key: "garbage_points", patch: { published: true, publishedFields: ["point_no", "households", "installation_type"] }) { key } }');
  expect(publish.errors).toBeUndefined();
  const requests: string[] = [];
  const record = (request: { url(): string }) => { requests.push(new URL(request.url()).pathname); };
  page.on('request', record);
  await page.context().clearCookies();
  await page.goto('/public');
  await page.getByRole('heading', { name: /四街道市 公開地図/ }).waitFor();
  let layers = page.getByRole('region', { name: '表示する情報' });
  await layers.getByRole('checkbox', { name: 'ゴミ集積所' }).waitFor();
  expect(await layers.getByRole('checkbox').count()).toBe(1);
  const publicMapIdle = () => page.waitForSelector('.public-map[data-idle="true"]', { timeout: 60_000 });
  await publicMapIdle();

  const pointNo = (await graphqlAs<{ features: { edges: { node: { attributes: { point_no: string } } }[] } }>(server, 'admin',
    '{ features(layer: "garbage_points", first: 1) { edges { node { attributes } } } }')).data!.features.edges[0].node.attributes.point_no;
  await page.getByLabel('地名・施設名で検索').fill(pointNo);
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await page.locator('.public-hits button').first().click();
  const info = page.getByRole('region', { name: '詳細' });
  await info.getByRole('heading', { name: 'ゴミ集積所' }).waitFor();
  expect(await info.textContent()).toContain(pointNo);
  expect(await info.textContent()).not.toContain('住所'); // not a published field
  await publicMapIdle();
  await guarded.screenshot('access-05-public-map');

  // The page never asked a staff path: only itself, its scripts and styles, the glyphs and /public/….
  page.off('request', record);
  const staffPaths = requests.filter((p) => /^\/(graphql|api|tiles|ogc)(\/|$)/.test(p));
  expect(staffPaths).toEqual([]);
  expect(requests.some((p) => p.startsWith('/public/tiles/garbage_points/'))).toBe(true);
  expect(requests.some((p) => /street_lights|boundary_records|curve_mirrors/.test(p))).toBe(false);
  // By keyboard: back from the search box to the header's last link, whose focus ring stands out on the dark header
  // (white, not the orange of the white panels, which is about 2:1 there).
  await page.getByLabel('地名・施設名で検索').focus();
  await page.keyboard.press('Shift+Tab');
  const ring = await page.evaluate(() => {
    const active = document.activeElement as HTMLElement;
    const style = getComputedStyle(active);
    return { tag: active.tagName, inHeader: !!active.closest('.public-header'), color: style.outlineColor, width: style.outlineWidth };
  });
  expect(ring).toEqual({ tag: 'A', inHeader: true, color: 'rgb(255, 255, 255)', width: '3px' });
  // Larger text, and English.
  await page.getByRole('button', { name: '大', exact: true }).click();
  expect(await page.locator('.public-page.public-large').count()).toBe(1);
  await page.locator('.lang-toggle').click();
  layers = page.getByRole('region', { name: 'Layers' });
  await page.getByRole('heading', { name: /Yotsukaido City public map/ }).waitFor();
  await layers.getByRole('checkbox', { name: 'Garbage collection points' }).waitFor();
});
