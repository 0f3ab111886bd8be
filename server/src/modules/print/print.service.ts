import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { Config, repoRoot } from '../../config';
import { SESSION_COOKIE } from '../auth/session-token';
import { PAPERS, parseSheetParams, PLAN_TIME_FACTOR, sheetQueryOf, type PaperKey, type SheetKind } from '../../domain/sheets';
import { appError, badInput } from '../../errors';
import { PrintPagePool } from './print.pool';
import { PrintQueue } from './print.queue';

export { SHEET_KINDS, type SheetKind } from '../../domain/sheets';
export type SheetFormat = 'pdf' | 'png';

const PRINT_PAGE_HEADER = 'x-chizu-print-page';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Chromium is started through this script, at the lowest CPU priority and unable to raise it, so
 * that a flood of prints slows the prints and not everyone's map (the script says how). Linux only.
 */
const LOW_PRIORITY_LAUNCHER = path.join(repoRoot, 'server', 'src', 'modules', 'print', 'chromium-low-priority.sh');

/**
 * Checks a sheet request (the shared rules of domain/sheets.ts, which the print page reads back with)
 * and returns the canonical query for the web client's print page. The same request always produces
 * the same sheet: the date (today in Japan unless asked) is part of it.
 */
export function sheetQuery(kind: SheetKind, q: Record<string, unknown>): URLSearchParams {
  const sheet = parseSheetParams(kind, q);
  if (!('kind' in sheet)) throw badInput(sheet.message, { field: sheet.field });
  return sheetQueryOf(sheet);
}

/** How long each part of one printed sheet took (ms), as the route reports it in Server-Timing. */
export interface PrintTiming {
  /** Waiting in the print queue for a render slot. */
  queue: number;
  /** Starting Chromium (0 once it runs). */
  browser: number;
  /** A page with the print app: a new context and page load, or a warm page asked for the next sheet. */
  page: number;
  /** In the page: the user, layers and settings, then the sheet's own data (enquiry, feature). */
  data: number;
  /** In the page: the map drawn (style, tiles, labels) and frozen to an image. */
  map: number;
  /** Fonts and the last paint, until the page said it is ready. */
  settle: number;
  /** Chromium writing the PDF or PNG. */
  output: number;
  total: number;
  /** The sheet was drawn in a warm page. */
  warm: boolean;
}

/** What the page marks (web/src/print/timings.ts), ms since the sheet was asked for. */
interface PageMarks { app?: number; basics?: number; data?: number; mapDrawn?: number; ready?: number }

/**
 * Prints sheets on the server with Chromium: it opens the web client's print page
 * (/print/{kind}?…) with the caller's session and saves it as PDF or PNG. Pages are kept warm in a
 * pool (print.pool.ts) and draw one sheet after another.
 */
export class PrintService {
  private browser?: Promise<Browser>;
  readonly queue: PrintQueue;
  readonly pool: PrintPagePool;
  private webBuilt = false;

  /**
   * Sent by this server's Chromium with every request of a sheet (PRINT_PAGE_HEADER) and known to
   * nobody else: those requests are part of a print the caller was already charged for, so the
   * caller's request and cost budgets do not refuse them halfway through a sheet.
   */
  private readonly pageKey = randomBytes(24).toString('base64url');

  constructor(private readonly config: Config) {
    this.queue = new PrintQueue(config.abuse.print);
    this.pool = new PrintPagePool(config.abuse.print.concurrency, { [PRINT_PAGE_HEADER]: this.pageKey });
  }

  /** The request comes from one of this server's sheets (its Chromium's header, compared in constant time). */
  isPrintPage(req: { get(name: string): string | undefined }): boolean {
    const sent = req.get(PRINT_PAGE_HEADER);
    return sent !== undefined && sent.length === this.pageKey.length && timingSafeEqual(Buffer.from(sent), Buffer.from(this.pageKey));
  }

  /**
   * Loads the Chromium driver (playwright-core) ahead of the first print: compiling it takes the
   * server's thread for most of a second, which should not land on everyone's requests mid-day.
   */
  async preload(): Promise<void> {
    await import('playwright-core');
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launching: Promise<Browser> = import('playwright-core').then(async ({ chromium }) => {
        const browser = await chromium.launch(process.platform === 'linux'
          ? { executablePath: LOW_PRIORITY_LAUNCHER, env: { ...process.env, CHIZU_CHROMIUM: this.config.chromiumPath }, args: CHROMIUM_ARGS }
          : { executablePath: this.config.chromiumPath, args: CHROMIUM_ARGS });
        // Chromium crashed or was killed (e.g. by the OOM killer): the next print starts a new one.
        browser.on('disconnected', () => { if (this.browser === launching) this.browser = undefined; });
        return browser;
      }).catch((err) => {
        this.browser = undefined;
        throw appError('printBrowserMissing', { path: this.config.chromiumPath }, { cause: String(err?.message ?? err).slice(0, 200) });
      });
      this.browser = launching;
    }
    return this.browser;
  }

  /**
   * The print page is the web client's: a server whose web client was never built (`npm run
   * build:web`) cannot print, and says so at once instead of waiting for a page that never comes.
   */
  private checkWebBuilt(): void {
    if (this.webBuilt) return;
    if (!fs.existsSync(path.join(this.config.webDist, 'index.html'))) throw appError('printPageMissing', { dir: this.config.webDist });
    this.webBuilt = true;
  }

  /**
   * Renders a sheet through the bounded queue (`userKey`: whose share it uses); `signal` drops a
   * request whose caller went away while it waited.
   */
  async render(userKey: string, baseUrl: string, kind: SheetKind, query: URLSearchParams, format: SheetFormat, token: string | undefined, signal?: AbortSignal): Promise<{ body: Buffer; timing: PrintTiming }> {
    this.checkWebBuilt();
    const asked = performance.now();
    return this.queue.run(userKey, () => this.renderNow(baseUrl, kind, query, format, token, performance.now() - asked), signal);
  }

  private async renderNow(baseUrl: string, kind: SheetKind, query: URLSearchParams, format: SheetFormat, token: string | undefined, queued: number): Promise<{ body: Buffer; timing: PrintTiming }> {
    const t0 = performance.now();
    const paper = PAPERS[query.get('paper') as PaperKey];
    let browser = await this.launch();
    if (!browser.isConnected()) { // died before its 'disconnected' event reached us
      this.browser = undefined;
      browser = await this.launch();
    }
    const tBrowser = performance.now();
    const pxPerMm = 96 / 25.4;
    const { slot, warm } = await this.pool.acquire(browser, format === 'png' ? 2 : 1);
    const { context, page } = slot;
    const timeoutMs = this.config.abuse.print.timeoutMs * (kind === 'plan' ? PLAN_TIME_FACTOR : 1);
    context.setDefaultTimeout(timeoutMs);
    let healthy = false;
    try {
      await page.setViewportSize({ width: Math.round(paper.widthMm * pxPerMm), height: Math.round(paper.heightMm * pxPerMm) });
      if (token) await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl }]);
      if (!warm) {
        // The sheet must load nothing from other hosts, like the client itself.
        await page.route((url) => new URL(url).origin !== new URL(baseUrl).origin, (r) => r.abort());
      }
      const sheetUrl = `/print/${kind}?${query}`;
      const tPage = performance.now();
      // A warm page draws the next sheet in place (web/src/print/PrintRoot.tsx); a new one loads the print app.
      const inPlace = slot.appLoaded && await page.evaluate((next) => {
        const w = globalThis as any;
        if (typeof w.__chizuPrint !== 'function') return false;
        w.__chizuPrint(next);
        return true;
      }, sheetUrl);
      // The page load and then the drawing each have the render timeout; either beyond it is PRINT_TIMEOUT.
      const timedOut = (err: unknown): never => {
        if ((err as Error)?.name !== 'TimeoutError') throw err;
        throw badInput(`印刷に時間がかかりすぎたため中止しました (the sheet took longer than ${timeoutMs / 1000} s)`, { reason: 'PRINT_TIMEOUT' });
      };
      if (!inPlace) {
        const response = await page.goto(`${baseUrl}${sheetUrl}`, { timeout: timeoutMs }).catch(timedOut);
        if (response && !response.ok()) throw appError('printPageMissing', { dir: this.config.webDist }, { status: response.status() });
      }
      const handle = await page.waitForFunction(
        // Runs in the page: the print page sets these when its map and data are drawn.
        () => { const w = globalThis as any; return w.__chizuSheetError ?? (w.__chizuSheetReady ? 'ready' : null); },
        undefined, { timeout: timeoutMs }).catch(timedOut);
      const state = await handle.jsonValue();
      if (state !== 'ready') throw badInput(`the sheet could not be made: ${String(state)}`);
      const marks = await page.evaluate(() => (globalThis as any).__chizuSheetTimings ?? {}) as PageMarks;
      slot.appLoaded = await page.evaluate(() => typeof (globalThis as any).__chizuPrint === 'function');
      const tReady = performance.now();
      const body = format === 'pdf'
        ? await page.pdf({ format: paper.format, landscape: paper.landscape, printBackground: true, preferCSSPageSize: true })
        : await page.screenshot({ type: 'png', fullPage: false });
      healthy = true;
      const tEnd = performance.now();
      return { body, timing: timingOf(marks, { queued, t0, tBrowser, tPage, tReady, tEnd, warm: inPlace }) };
    } finally {
      await this.pool.release(slot, healthy);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
    const b = await this.browser?.catch(() => undefined);
    await b?.close();
  }
}

/**
 * The parts of a sheet from the server's clock and the page's marks (which count from the page's
 * navigation, or from window.__chizuPrint in a warm page: both about when the page part began).
 */
function timingOf(marks: PageMarks, t: { queued: number; t0: number; tBrowser: number; tPage: number; tReady: number; tEnd: number; warm: boolean }): PrintTiming {
  const inPage = t.tReady - t.tPage;
  const app = Math.min(marks.app ?? 0, inPage);
  const data = Math.min(Math.max(marks.data ?? inPage, app), inPage);
  const mapDrawn = Math.min(Math.max(marks.mapDrawn ?? data, data), inPage);
  const r = (v: number) => Math.round(Math.max(0, v));
  return {
    queue: r(t.queued), browser: r(t.tBrowser - t.t0), page: r(t.tPage - t.tBrowser + app),
    data: r(data - app), map: r(mapDrawn - data), settle: r(inPage - mapDrawn), output: r(t.tEnd - t.tReady),
    total: r(t.queued + t.tEnd - t.t0), warm: t.warm,
  };
}

/** The Server-Timing header of a printed sheet (the browser's developer tools show it). */
export function serverTiming(t: PrintTiming): string {
  const parts: (keyof PrintTiming)[] = ['queue', 'browser', 'page', 'data', 'map', 'settle', 'output', 'total'];
  return [...parts.map((p) => `${p};dur=${t[p] as number}`), `warm;desc="${t.warm ? 'yes' : 'no'}"`].join(', ');
}
