// Personal access tokens end to end: a user makes a read-only token limited to one layer in the header's
// dialog, the secret (shown once) works for the OGC API outside the browser, and revoking it ends it;
// an administrator then finds both in the audit log screen.
import type { Page } from 'playwright-core';
import type { GuardedBrowser } from './support/browser';
import type { RunningServer } from './support/server';
import { browserSuite } from './support/suite';

let server: RunningServer;
let guarded: GuardedBrowser;
let page: Page;
browserSuite((suite) => ({ server, guarded, page } = suite), { acceptDialogs: true });

async function login(username: string) {
  await page.goto('/');
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill('chizu-demo');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByText('ログイン中: ').waitFor({ timeout: 30_000 });
}

const ogcCollections = async (token: string) => fetch(`${server.url}/ogc/collections`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });

test('a user makes a token for QGIS, sees it once, uses it, and revokes it; the admin sees it in the audit log', async () => {
  await login('community');
  await page.getByRole('button', { name: 'アクセストークン' }).click();
  const dialog = page.getByRole('dialog', { name: 'アクセストークン（デスクトップGIS用）' });
  await dialog.getByText('発行したトークンはありません。').waitFor();
  await dialog.getByLabel('名前（用途）').fill('QGIS 自治振興課');
  expect(await dialog.getByLabel('読み取り専用').isChecked()).toBe(true);
  await dialog.getByLabel('対象レイヤー（未選択ならすべて）').selectOption({ label: '防犯灯' });
  await dialog.getByRole('button', { name: '発行する' }).click();
  const secret = (await dialog.getByLabel('token').textContent())!.trim();
  expect(secret).toMatch(/^chizu_pat_/);
  await dialog.getByText('QGIS 自治振興課').waitFor();
  await guarded.screenshot('tokens-dialog');

  const res = await ogcCollections(secret);
  expect(res.status).toBe(200);
  const { collections } = await res.json() as { collections: { id: string }[] };
  expect(collections.map((c) => c.id)).toEqual(['street_lights']);

  await dialog.getByRole('button', { name: '無効にする: QGIS 自治振興課' }).click(); // the confirmation is accepted
  await dialog.getByText('無効', { exact: true }).waitFor();
  expect((await ogcCollections(secret)).status).toBe(401);
  await dialog.getByRole('button', { name: '閉じる' }).click();
  await page.getByRole('button', { name: 'ログアウト' }).click();

  await login('admin');
  await page.getByText('監査ログ', { exact: true }).click();
  await page.getByRole('button', { name: '監査ログを開く' }).click();
  const audit = page.getByRole('dialog', { name: '監査ログ' });
  await audit.getByLabel('種別').selectOption({ label: 'アクセストークン' });
  await audit.getByRole('button', { name: '絞り込む' }).click();
  await audit.getByText('アクセストークン (token.revoke)').waitFor();
  await audit.getByText('アクセストークン (token.create)').waitFor();
  expect(await audit.locator('tbody tr').count()).toBeGreaterThanOrEqual(3); // create, use, revoke
  expect(await audit.locator('tbody').textContent()).not.toContain(secret);
  await guarded.screenshot('audit-dialog');
});
