/**
 * Dates as people in Japanese offices write them: 和暦 (令和7年4月1日, R7.4.1) and ISO.
 * Pure and dependency-free: the web imports this file too, so server and browser read and
 * write 和暦 with one implementation.
 */

/** Full-width digits, letters, signs and spaces to ASCII (ＡＢ１２３－４ → AB123-4), trimmed. */
export function toHalfWidth(text: string): string {
  return text.normalize('NFKC').replace(/[−‐‑–—](?=\d)/g, '-').trim();
}

/** Japanese eras (元号) with their first day, newest first; a date before the next era's start belongs to this one. */
const ERAS = [
  { name: '令和', letter: 'R', start: '2019-05-01' },
  { name: '平成', letter: 'H', start: '1989-01-08' },
  { name: '昭和', letter: 'S', start: '1926-12-25' },
  { name: '大正', letter: 'T', start: '1912-07-30' },
  { name: '明治', letter: 'M', start: '1868-01-25' },
];

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? iso(y, m, d) : null;
}

/**
 * 和暦 (`平成27年4月1日`, `H27.4.1`, `令和元年5月1日`, `R1/5/1`) to ISO. A date outside its era
 * (`平成31年5月1日` is 令和元年) is refused: such a typo usually hides another.
 */
export function parseWareki(text: string): string | null {
  const s = toHalfWidth(text).replace(/\s+/g, '');
  const m = /^(明治|大正|昭和|平成|令和|[MTSHR])(元|\d{1,2})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?$/i.exec(s);
  if (!m) return null;
  const index = ERAS.findIndex((e) => e.name === m[1] || e.letter === m[1].toUpperCase());
  const era = ERAS[index];
  const year = Number(era.start.slice(0, 4)) + (m[2] === '元' ? 1 : Number(m[2])) - 1;
  const date = realDate(year, Number(m[3]), Number(m[4]));
  if (!date || date < era.start) return null;
  const next = ERAS[index - 1];
  return next && date >= next.start ? null : date;
}

/** Excel stores dates as days since 1899-12-30 (its 1900 leap-year bug included). */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465) return null;
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

/** Gregorian dates as clerks write them (2015-04-01, 2015/4/1, 2015年4月1日, 20150401) or 和暦; ISO or null. */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return excelSerialToDate(value);
  if (typeof value !== 'string') return null;
  const s = toHalfWidth(value).replace(/\s+/g, '');
  const g = /^(\d{4})(?:[-/.年])(\d{1,2})(?:[-/.月])(\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (g) return realDate(Number(g[1]), Number(g[2]), Number(g[3]));
  if (/^\d{5}$/.test(s)) return excelSerialToDate(Number(s));
  return parseWareki(s);
}

/** How a user likes dates shown: 令和7年4月1日 (`wareki`), R7.4.1 (`warekiShort`) or 2025-04-01 (`iso`). */
export type DateStyle = 'wareki' | 'warekiShort' | 'iso';
export const DATE_STYLES: DateStyle[] = ['wareki', 'warekiShort', 'iso'];

/** An ISO date (or timestamp; its first ten characters) in the given style; text that is not a date is returned as given. */
export function formatDate(value: string, style: DateStyle): string {
  const day = value.slice(0, 10);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m || style === 'iso') return m ? day : value;
  const era = ERAS.find((e) => day >= e.start);
  if (!era) return day; // before 明治: no 和暦 in use
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const year = y - Number(era.start.slice(0, 4)) + 1;
  if (style === 'warekiShort') return `${era.letter}${year}.${mo}.${d}`;
  return `${era.name}${year === 1 ? '元' : year}年${mo}月${d}日`;
}

/** A real calendar date written YYYY-MM-DD (2025-02-29 is not). */
export function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The city's time zone: dates without a time (today, a day's start and end) are days in Japan. */
export const JAPAN_TIME_ZONE = 'Asia/Tokyo';
const JST_OFFSET_MS = 9 * 3_600_000; // Japan has no daylight saving time

/** Today's date in Japan (YYYY-MM-DD), whatever the machine's time zone. */
export function todayInJapan(now = Date.now()): string {
  return new Date(now + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant (ISO, UTC) a day in Japan starts, or its last millisecond with `end`. */
export function dayBoundaryInJapan(date: string, end: boolean): string {
  return new Date(`${date}T${end ? '23:59:59.999' : '00:00:00'}+09:00`).toISOString();
}
