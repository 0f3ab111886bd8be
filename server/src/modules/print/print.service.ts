import { execFile } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { Config } from '../../config';
import { SESSION_COOKIE } from '../auth/session-token';
import { PAPERS, parseSheetParams, PLAN_TIME_FACTOR, sheetQueryOf, type PaperKey, type SheetKind } from '../../domain/sheets';
import { AppError, badInput } from '../../errors';
import { PrintQueue } from './print.queue';

export { SHEET_KINDS, type SheetKind } from '../../domain/sheets';
export type SheetFormat = 'pdf' | 'png';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Chromium (its own process group, started by this process) runs at a lower CPU priority than the
 * server, so that a flood of prints slows the prints and not everyone's map. Best effort (Linux).
 */
function lowerChromiumPriority(): void {
  execFile('ps', ['-o', 'pid=,pgid=,args=', '--ppid', String(process.pid)], (err, out) => {
    if (err) return;
    for (const line of out.split('\n')) {
      const [pid, pgid, command] = line.trim().split(/\s+/, 3);
      if (command && /chrom/i.test(command) && pid === pgid) execFile('renice', ['-n', '10', '-g', pgid], () => undefined);
    }
  });
}

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

/**
 * Prints sheets on the server with Chromium: it opens the web client's print page
 * (/print/{kind}?…) with the caller's session and saves it as PDF or PNG.
 */
export class PrintService {
  private browser?: Promise<Browser>;
  readonly queue: PrintQueue;

  constructor(private readonly config: Config) {
    this.queue = new PrintQueue(config.abuse.print);
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
        const browser = await chromium.launch({ executablePath: this.config.chromiumPath, args: CHROMIUM_ARGS });
        // Chromium crashed or was killed (e.g. by the OOM killer): the next print starts a new one.
        browser.on('disconnected', () => { if (this.browser === launching) this.browser = undefined; });
        lowerChromiumPriority();
        return browser;
      }).catch((err) => {
        this.browser = undefined;
        throw new AppError('BAD_USER_INPUT', `印刷用のChromiumを起動できません (cannot start Chromium at ${this.config.chromiumPath}: install it or set CHROMIUM_PATH)`, { cause: String(err?.message ?? err).slice(0, 200) });
      });
      this.browser = launching;
    }
    return this.browser;
  }

  /**
   * Renders a sheet through the bounded queue (`userKey`: whose share it uses); `signal` drops a
   * request whose caller went away while it waited.
   */
  render(userKey: string, baseUrl: string, kind: SheetKind, query: URLSearchParams, format: SheetFormat, token: string | undefined, signal?: AbortSignal): Promise<Buffer> {
    return this.queue.run(userKey, () => this.renderNow(baseUrl, kind, query, format, token), signal);
  }

  private async renderNow(baseUrl: string, kind: SheetKind, query: URLSearchParams, format: SheetFormat, token: string | undefined): Promise<Buffer> {
    const paper = PAPERS[query.get('paper') as PaperKey];
    let browser = await this.launch();
    if (!browser.isConnected()) { // died before its 'disconnected' event reached us
      this.browser = undefined;
      browser = await this.launch();
    }
    const pxPerMm = 96 / 25.4;
    const context = await browser.newContext({
      viewport: { width: Math.round(paper.widthMm * pxPerMm), height: Math.round(paper.heightMm * pxPerMm) },
      deviceScaleFactor: format === 'png' ? 2 : 1,
    });
    const timeoutMs = this.config.abuse.print.timeoutMs * (kind === 'plan' ? PLAN_TIME_FACTOR : 1);
    context.setDefaultTimeout(timeoutMs);
    try {
      if (token) await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl }]);
      const page = await context.newPage();
      // The sheet must load nothing from other hosts, like the client itself.
      await page.route((url) => new URL(url).origin !== new URL(baseUrl).origin, (r) => r.abort());
      await page.goto(`${baseUrl}/print/${kind}?${query}`);
      const handle = await page.waitForFunction(
        // Runs in the page: the print page sets these when its map and data are drawn.
        () => { const w = globalThis as any; return w.__chizuSheetError ?? (w.__chizuSheetReady ? 'ready' : null); },
        undefined, { timeout: timeoutMs }).catch((err) => {
        if ((err as Error)?.name !== 'TimeoutError') throw err;
        throw badInput(`印刷に時間がかかりすぎたため中止しました (the sheet took longer than ${timeoutMs / 1000} s)`, { reason: 'PRINT_TIMEOUT' });
      });
      const state = await handle.jsonValue();
      if (state !== 'ready') throw badInput(`the sheet could not be made: ${String(state)}`);
      if (format === 'pdf') {
        return await page.pdf({ format: paper.format, landscape: paper.landscape, printBackground: true, preferCSSPageSize: true });
      }
      return await page.screenshot({ type: 'png', fullPage: false });
    } finally {
      await context.close().catch(() => undefined); // closes its pages too, also after a crash
    }
  }

  async close(): Promise<void> {
    const b = await this.browser?.catch(() => undefined);
    await b?.close();
  }
}
