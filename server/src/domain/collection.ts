/**
 * Garbage collection days (収集曜日) as a validated text format, and the next collection dates.
 * Format: weekdays joined by ・ (`月・木`), or nth weekdays of the month (`第2・第4水`), optional 曜/曜日.
 * Pure; public holidays come from @holiday-jp/holiday_jp, the city's own days off from the caller.
 */
import holidayJp from '@holiday-jp/holiday_jp';

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

export interface CollectionSchedule {
  /** Every week on these weekdays (0 = Sunday). */
  weekdays: number[];
  /** The nth weekday of each month: 第2水 is { n: 2, weekday: 3 }. */
  nth: { n: number; weekday: number }[];
}

/** The schedule a text describes, or null when it is not in the format (the edit path refuses it). */
export function parseSchedule(text: string): CollectionSchedule | null {
  const s = text.normalize('NFKC').replace(/\s+/g, '').replace(/曜日?/g, '');
  if (!s) return null;
  const nth = /^((?:第[1-5][・,、]?)+)([日月火水木金土])$/.exec(s);
  if (nth) {
    const weekday = WEEKDAYS.indexOf(nth[2]);
    const ns = [...nth[1].matchAll(/第([1-5])/g)].map((m) => Number(m[1]));
    return { weekdays: [], nth: [...new Set(ns)].sort().map((n) => ({ n, weekday })) };
  }
  const parts = s.split(/[・,、]/);
  if (!parts.every((p) => p.length === 1 && WEEKDAYS.includes(p))) return null;
  return { weekdays: [...new Set(parts.map((p) => WEEKDAYS.indexOf(p)))].sort(), nth: [] };
}

/** The text of a schedule in the stored format (`月・木`, `第2・第4水`); '' for an empty schedule. The picker writes it. */
export function formatSchedule(schedule: CollectionSchedule): string {
  if (schedule.nth.length) {
    const ns = [...new Set(schedule.nth.map((r) => r.n))].sort();
    return `${ns.map((n) => `第${n}`).join('・')}${WEEKDAYS[schedule.nth[0].weekday]}`;
  }
  return [...new Set(schedule.weekdays)].sort().map((d) => WEEKDAYS[d]).join('・');
}

const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/** Days without collection: public holidays, and the city's list (e.g. 12-31 to 01-03, as MM-DD). */
export function isDayOff(iso: string, cityDaysOff: string[]): boolean {
  return iso in holidayJp.holidays || cityDaysOff.includes(iso.slice(5));
}

/**
 * The next `count` collection dates on or after `from` (ISO, Japan date), skipping days off.
 * Looks at most a year ahead.
 */
export function nextCollections(schedule: CollectionSchedule, from: string, count: number, cityDaysOff: string[]): string[] {
  const out: string[] = [];
  const day = new Date(`${from}T00:00:00Z`);
  for (let i = 0; i < 366 && out.length < count; i++, day.setUTCDate(day.getUTCDate() + 1)) {
    const weekday = day.getUTCDay();
    const nthOfMonth = Math.floor((day.getUTCDate() - 1) / 7) + 1;
    const due = schedule.weekdays.includes(weekday) || schedule.nth.some((r) => r.weekday === weekday && r.n === nthOfMonth);
    if (due && !isDayOff(isoOf(day), cityDaysOff)) out.push(isoOf(day));
  }
  return out;
}

/** The year-end and new-year days the city does not collect (四街道市: 12/31–1/3). */
export const CITY_DAYS_OFF = ['12-31', '01-01', '01-02', '01-03'];
