import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A page prints at most this many sheets before it is replaced: what a long-lived page leaks stays bounded. */
export const SHEETS_PER_PAGE = 50;

/**
 * One warm Chromium page in a context of its own. After its first sheet it has the print app
 * loaded (the web client's PrintRoot), and the next sheet is drawn in place of the last one
 * without loading the page again.
 */
export interface PrintSlot {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Device pixels per CSS pixel (1 for PDF, 2 for PNG): fixed per context. */
  scaleFactor: number;
  /** Sheets printed so far. */
  sheets: number;
  /** The print app is loaded and answers window.__chizuPrint. */
  appLoaded: boolean;
}

/**
 * The idle warm pages, at most `size` of them (the print concurrency: a flood of prints never holds
 * more pages than renders run at once). A page is taken for one sheet and given back only when the
 * sheet succeeded; after a failure or a timeout its state is unknown and it is closed.
 */
export class PrintPagePool {
  private readonly idle: PrintSlot[] = [];

  /** headers: sent with every request of the pages (the print page's key, print.service.ts). */
  constructor(private readonly size: number, private readonly headers: Record<string, string> = {}) {}

  /** A warm page of this browser and scale factor, or a new one (the caller sets its viewport). */
  async acquire(browser: Browser, scaleFactor: number): Promise<{ slot: PrintSlot; warm: boolean }> {
    this.dropDead();
    const at = this.idle.findIndex((s) => s.browser === browser && s.scaleFactor === scaleFactor);
    if (at >= 0) return { slot: this.idle.splice(at, 1)[0], warm: true };
    const context = await browser.newContext({ deviceScaleFactor: scaleFactor, extraHTTPHeaders: this.headers });
    try {
      const page = await context.newPage();
      return { slot: { browser, context, page, scaleFactor, sheets: 0, appLoaded: false }, warm: false };
    } catch (err) {
      await context.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Gives a page back after a sheet: signed out (its cookies cleared) and kept warm, unless it has
   * printed its share or the pool is full (then the oldest idle page goes).
   */
  async release(slot: PrintSlot, healthy: boolean): Promise<void> {
    slot.sheets++;
    if (!healthy || slot.sheets >= SHEETS_PER_PAGE || !slot.browser.isConnected() || slot.page.isClosed()) {
      await discard(slot);
      return;
    }
    try {
      await slot.context.clearCookies();
    } catch {
      await discard(slot);
      return;
    }
    this.idle.push(slot);
    while (this.idle.length > this.size) await discard(this.idle.shift()!);
  }

  /** Pages of a browser that went away are gone with it. */
  private dropDead(): void {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      if (!this.idle[i].browser.isConnected() || this.idle[i].page.isClosed()) this.idle.splice(i, 1);
    }
  }

  get idlePages(): number {
    this.dropDead();
    return this.idle.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map(discard));
  }
}

function discard(slot: PrintSlot): Promise<void> {
  return slot.context.close().catch(() => undefined); // closes its page too, also after a crash
}
