// When each part of a printed sheet was done, in ms since the sheet was asked for (the page's start,
// or window.__chizuPrint in a reused page). The server reads window.__chizuSheetTimings after the
// sheet is ready and reports the parts (Server-Timing, npm run bench).

export type SheetMark = 'app' | 'basics' | 'data' | 'mapDrawn' | 'ready';

declare global {
  interface Window {
    __chizuSheetTimings?: Partial<Record<SheetMark, number>>;
  }
}

let start = 0;

export function startSheetTimings(): void {
  start = performance.now();
  window.__chizuSheetTimings = {};
}

/** Marks a part as done: the first time, except for the map, done when the last of a sheet's maps is. */
export function markSheet(mark: SheetMark): void {
  const timings = (window.__chizuSheetTimings ??= {});
  if (timings[mark] === undefined || mark === 'mapDrawn') timings[mark] = Math.round(performance.now() - start);
}
