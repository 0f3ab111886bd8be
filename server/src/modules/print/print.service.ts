import { execFile } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { Config } from '../../config';
import { SESSION_COOKIE } from '../../context';
import { checkLonLat } from '../../domain/geometry';
import { isValidDate } from '../../domain/fields';
import { AppError, badInput } from '../../errors';
import { PrintQueue } from './print.queue';

export const PAPERS = {
  'A4-portrait': { format: 'A4', landscape: false, widthMm: 210, heightMm: 297 },
  'A4-landscape': { format: 'A4', landscape: true, widthMm: 297, heightMm: 210 },
  'A3-landscape': { format: 'A3', landscape: true, widthMm: 420, heightMm: 297 },
} as const;
export type Paper = keyof typeof PAPERS;
export const SCALES = [500, 1000, 2500, 5000];
export type SheetKind = 'enquiry' | 'route';
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

/** Today in Japan, the date a counter sheet shows when none is asked for. */
export const todayInJapan = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

/**
 * Checks a sheet request and returns the canonical query for the web client's print page.
 * The same request always produces the same sheet: the date is part of it.
 */
export function sheetQuery(kind: SheetKind, q: Record<string, unknown>): URLSearchParams {
  const out = new URLSearchParams();
  const paper = String(q.paper ?? 'A4-portrait');
  if (!(paper in PAPERS)) throw badInput(`paper must be one of ${Object.keys(PAPERS).join(', ')}`, { field: 'paper' });
  const date = String(q.date ?? todayInJapan());
  if (!isValidDate(date)) throw badInput('date must be YYYY-MM-DD', { field: 'date' });
  out.set('paper', paper);
  out.set('date', date);
  if (q.lang !== undefined) out.set('lang', q.lang === 'en' ? 'en' : 'ja');
  // The visible raster layers (issue 19), bottom first: key or key:opacity percent. The page reads
  // them with the caller's session, so the raster tiles' own permission check applies.
  if (q.rasters !== undefined && String(q.rasters) !== '') {
    const parts = String(q.rasters).split(',').filter(Boolean);
    if (!parts.every((p) => /^[a-z][a-z0-9_]{1,62}(:\d{1,3})?$/.test(p))) throw badInput('rasters must be layer keys (key or key:opacity percent) separated by commas', { field: 'rasters' });
    out.set('rasters', parts.join(','));
  }
  if (kind === 'enquiry') {
    const lon = Number(q.lon);
    const lat = Number(q.lat);
    const bad = checkLonLat(lon, lat);
    if (q.lon === undefined || q.lat === undefined || bad) throw badInput(bad ?? 'lon and lat are required', { field: 'lon' });
    const scale = Number(q.scale ?? 1000);
    if (!SCALES.includes(scale)) throw badInput(`scale must be one of ${SCALES.map((s) => `1/${s}`).join(', ')}`, { field: 'scale' });
    out.set('lon', String(lon));
    out.set('lat', String(lat));
    out.set('scale', String(scale));
    // An empty list is kept: a sheet asked for with every layer hidden draws none.
    if (q.layers !== undefined) {
      const keys = String(q.layers).split(',').filter(Boolean);
      if (!keys.every((k) => /^[a-z][a-z0-9_]{1,62}$/.test(k))) throw badInput('layers must be layer keys separated by commas', { field: 'layers' });
      out.set('layers', keys.join(','));
    }
    if (q.featureId) {
      if (!/^\d{1,18}$/.test(String(q.featureId))) throw badInput('featureId is not a feature id', { field: 'featureId' });
      out.set('featureId', String(q.featureId));
    }
  } else {
    const routeNo = String(q.routeNo ?? '');
    if (!/^[\w-]{1,20}$/.test(routeNo)) throw badInput('routeNo is required', { field: 'routeNo' });
    out.set('routeNo', routeNo);
  }
  return out;
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
    const paper = PAPERS[query.get('paper') as Paper];
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
    context.setDefaultTimeout(this.config.abuse.print.timeoutMs);
    try {
      if (token) await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl }]);
      const page = await context.newPage();
      // The sheet must load nothing from other hosts, like the client itself.
      await page.route((url) => new URL(url).origin !== new URL(baseUrl).origin, (r) => r.abort());
      await page.goto(`${baseUrl}/print/${kind}?${query}`);
      const handle = await page.waitForFunction(
        // Runs in the page: the print page sets these when its map and data are drawn.
        () => { const w = globalThis as any; return w.__chizuSheetError ?? (w.__chizuSheetReady ? 'ready' : null); },
        undefined, { timeout: this.config.abuse.print.timeoutMs }).catch((err) => {
        if ((err as Error)?.name !== 'TimeoutError') throw err;
        throw badInput(`印刷に時間がかかりすぎたため中止しました (the sheet took longer than ${this.config.abuse.print.timeoutMs / 1000} s)`, { reason: 'PRINT_TIMEOUT' });
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
