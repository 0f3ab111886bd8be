// Headless Debian Chromium through playwright-core, guarded for the closed network:
// any request to a host other than the test server, any console error and any failed
// request to our server is recorded, and the test asserts there were none.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { waitForMapIdle } from './map';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { repoRoot } from './server';


export const screenshotDir = path.join(repoRoot, 'test-output', 'e2e');

export interface GuardedBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests that left for another host (blocked). */
  foreignRequests: string[];
  /** console.error messages and uncaught page errors. */
  consoleErrors: string[];
  /** Our own requests that failed or answered with an error status. */
  failedRequests: string[];
  /** Every response from our server. */
  responses: { url: string; status: number }[];
  /** Bytes of every script the page loaded, by URL. */
  scripts: Map<string, Buffer>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Aborted requests are the client cancelling superseded work (e.g. search-as-you-type). */
const IGNORED_FAILURES = /net::ERR_ABORTED/;

export async function launchGuarded(baseUrl: string): Promise<GuardedBrowser> {
  const origin = new URL(baseUrl);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1400, height: 900 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    acceptDownloads: true,
    // Map animations become instant, so the view can be read right after a move.
    reducedMotion: 'reduce',
  });
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const scripts = new Map<string, Buffer>();
  const responses: { url: string; status: number }[] = [];

  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const ours = url.host === origin.host;
    // The browser's own pages (its PDF viewer, for an attachment preview) are not network requests.
    const local = url.protocol === 'blob:' || url.protocol === 'data:' || url.protocol === 'chrome:' || url.protocol === 'chrome-extension:';
    if (ours || local) return route.continue();
    foreignRequests.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  context.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? '';
    if (new URL(request.url()).host === origin.host && !IGNORED_FAILURES.test(failure)) failedRequests.push(`${request.url()}: ${failure}`);
  });
  context.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.host !== origin.host) return;
    responses.push({ url: response.url(), status: response.status() });
    if (response.status() >= 400) failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
    if (response.request().resourceType() === 'script') {
      try {
        scripts.set(response.url(), await response.body());
      } catch {
        // Body unavailable (e.g. page closed); size not recorded.
      }
    }
  });

  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));

  fs.mkdirSync(screenshotDir, { recursive: true });
  return {
    browser,
    context,
    page,
    foreignRequests,
    consoleErrors,
    failedRequests,
    responses,
    scripts,
    async screenshot(name: string) {
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: () => browser.close(),
  };
}

/**
 * Every step must keep the closed-network and clean-console promises. The lists are emptied
 * afterwards so that one step's failure is not blamed on the next. Call it from afterEach.
 */
export function expectCleanStep(guarded: GuardedBrowser): void {
  const { foreignRequests, consoleErrors, failedRequests } = guarded;
  const found = { foreignRequests: [...foreignRequests], consoleErrors: [...consoleErrors], failedRequests: [...failedRequests] };
  foreignRequests.length = consoleErrors.length = failedRequests.length = 0;
  expect(found).toEqual({ foreignRequests: [], consoleErrors: [], failedRequests: [] });
}

/**
 * Logs in through the login screen (demo password) and waits until every layer is drawn. `start` is the
 * address to open first (a shared link such as `/?layers=road_ledger#16/35.67/140.17`); the login keeps it.
 */
export async function logIn(page: Page, username: string, start = '/'): Promise<void> {
  await page.goto(start);
  await page.getByLabel('ユーザー名').waitFor();
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill('chizu-demo');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByText('ログイン中: ').waitFor({ timeout: 30_000 });
  await page.waitForSelector('.layer-item');
  await page.waitForFunction(() => document.querySelectorAll('.layer-status').length === 0, undefined, { timeout: 60_000 });
  await waitForMapIdle(page);
}
