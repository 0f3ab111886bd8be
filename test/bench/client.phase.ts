// The web client's own rows of `npm run bench` (issue 16 goal 8), in headless Debian Chromium against
// the embedded demo city: login → map idle with every demo layer, and what a warm reload transfers
// (the browser's cache kept, so only what the server answers again counts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium';
import { percentile } from './load';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..'); // dist/bench/test/bench → the repository

export interface ClientResult {
  /** Login click → map idle with every demo layer loaded, each run in a fresh browser profile. */
  loginToIdleMs: number[];
  reloadToIdleMs: number[];
  /** Bytes on the wire (headers and bodies) for one warm reload, by kind of request. */
  reloadBytes: { total: number; graphql: number; tiles: number; other: number };
}

/** The client the server serves (web/dist) must exist; `npm run bench` builds only the server. */
export function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) return;
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'], {
    cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** Waits for the map's first idle (MapView marks it) and for every layer's loading note to go. */
async function mapReady(page: Page): Promise<void> {
  // Functions, not strings: the page's CSP (script-src 'self') refuses a string predicate (eval). They run
  // in the page; the bench compiles without the DOM's types, hence globalThis as any.
  // One predicate: two waits one after the other would add a polling round (a frame) to the time.
  await page.waitForFunction(() => (globalThis as any).performance.getEntriesByName('chizu-map-idle').length > 0
    && (globalThis as any).document.querySelectorAll('.layer-status').length === 0, undefined, { timeout: 180_000 });
}

export async function benchClient(o: { url: string; runs: number; log: (m: string) => void }): Promise<ClientResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const loginToIdleMs: number[] = [];
    const reloadToIdleMs: number[] = [];
    let reloadBytes = { total: 0, graphql: 0, tiles: 0, other: 0 };
    for (let run = 0; run < o.runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
      const page = await context.newPage();
      await page.goto(`${o.url}/`);
      await page.getByLabel('ユーザー名').fill('counter');
      await page.getByLabel('パスワード').fill('chizu-demo');
      const t0 = performance.now();
      await page.getByRole('button', { name: 'ログイン' }).click();
      await mapReady(page);
      loginToIdleMs.push(performance.now() - t0);

      // Count what one warm reload puts on the wire (CDP's encodedDataLength: headers and body).
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const kinds = new Map<string, keyof typeof reloadBytes>();
      const bytes = { total: 0, graphql: 0, tiles: 0, other: 0 };
      cdp.on('Network.requestWillBeSent', (e) => {
        const p = new URL(e.request.url, o.url).pathname;
        kinds.set(e.requestId, p.startsWith('/graphql') ? 'graphql' : p.startsWith('/tiles') ? 'tiles' : 'other');
      });
      cdp.on('Network.loadingFinished', (e) => {
        bytes.total += e.encodedDataLength;
        bytes[kinds.get(e.requestId) ?? 'other'] += e.encodedDataLength;
      });
      const t1 = performance.now();
      await page.reload();
      await mapReady(page);
      reloadToIdleMs.push(performance.now() - t1);
      await page.waitForLoadState('networkidle');
      if (bytes.total > reloadBytes.total) reloadBytes = bytes; // the worst run is reported
      await context.close();
    }
    o.log(`client: login → idle p50 ${percentile([...loginToIdleMs].sort((a, b) => a - b), 50).toFixed(0)} ms; warm reload ${(reloadBytes.total / 1024).toFixed(1)} KiB `
      + `(GraphQL ${(reloadBytes.graphql / 1024).toFixed(1)}, tiles ${(reloadBytes.tiles / 1024).toFixed(1)}, other ${(reloadBytes.other / 1024).toFixed(1)})`);
    return { loginToIdleMs, reloadToIdleMs, reloadBytes };
  } finally {
    await browser.close();
  }
}
