import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';

/**
 * CSV that Excel opens safely: every CSV the system writes goes through here.
 * - A cell starting with = + - @, tab or CR would run as a formula (CSV injection): it gets a leading '.
 *   Plain numbers written as text ("-36000.123") are left alone: they cannot run anything.
 * - Codes Excel would turn into dates or numbers ("1-22", "0123", "1E5") are written as ="…" so they stay text.
 * - UTF-8 gets a byte order mark (Excel then reads Japanese correctly); CP932 (Shift_JIS) is for older systems.
 */
export type CsvEncoding = 'utf8' | 'cp932';
export const CSV_ENCODINGS: readonly CsvEncoding[] = ['utf8', 'cp932'];

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/; // Excel reads these as the right date: leave them dates
const EXCEL_COERCES = /^(\d+[-/]\d+([-/]\d+)?|0\d+|\d+(\.\d+)?[eE][+-]?\d+|\d{16,})$/;

/** One cell as Excel-safe text (before CSV quoting). */
export function excelCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (PLAIN_NUMBER.test(text) && !/^0\d/.test(text)) return text;
  if (FORMULA_START.test(text)) return `'${text}`;
  if (EXCEL_COERCES.test(text) && !ISO_DATE.test(text)) return `="${text}"`;
  return text;
}

/**
 * The inverse of `excelCell`, for CSV read back in: `="1-22"` → `1-22`, and the `'` put before
 * = + - @ tab CR is removed. A text that starts with `'` followed by anything else is kept as it is,
 * so only a value that itself started with `'` and then one of those characters cannot come back.
 */
export function unExcelCell(text: string): string {
  const quoted = /^="(.*)"$/s.exec(text);
  if (quoted && !quoted[1].includes('"')) return quoted[1];
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** Rows as CSV text (CRLF, RFC 4180 quoting), every cell made Excel-safe; no BOM. */
export function csvText(rows: unknown[][]): string {
  return stringify(rows.map((row) => row.map(excelCell)), { record_delimiter: 'windows' });
}

/** The byte order mark that starts a UTF-8 file (empty for CP932). */
export function csvPreamble(encoding: CsvEncoding): Buffer {
  return encoding === 'utf8' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
}

/**
 * Characters that JIS maps differently from Windows' CP932 (the 〜/～ problem): text typed on a Mac or
 * read from a JIS source has the left one, Shift_JIS files for Windows need the right one.
 */
const CP932_VARIANTS: Record<string, string> = {
  '\u301c': '\uff5e', '\u2212': '\uff0d', '\u2014': '\u2015', '\u2016': '\u2225', '\u00a2': '\uffe0', '\u00a3': '\uffe1', '\u00ac': '\uffe2',
};
const VARIANT_RE = new RegExp(`[${Object.keys(CP932_VARIANTS).join('')}]`, 'g');

/** Text as it will be written in the encoding (CP932: JIS variants mapped to Windows' code points). */
export function forEncoding(text: string, encoding: CsvEncoding): string {
  return encoding === 'cp932' ? text.replace(VARIANT_RE, (c) => CP932_VARIANTS[c]) : text;
}

/** The first character the encoding cannot hold (e.g. 𠮷 or an emoji in CP932), or null. */
export function firstUnencodable(text: string, encoding: CsvEncoding): string | null {
  if (encoding === 'utf8') return null;
  for (const ch of forEncoding(text, encoding)) {
    // ¥ becomes 0x5C, which Japanese Windows shows as ¥.
    if (ch !== '\u00a5' && iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') !== ch) return ch;
  }
  return null;
}

export function encodeText(text: string, encoding: CsvEncoding): Buffer {
  return encoding === 'cp932' ? iconv.encode(forEncoding(text, encoding), 'cp932') : Buffer.from(text, 'utf8');
}

/** A whole CSV file as bytes. */
export function csvFile(rows: unknown[][], encoding: CsvEncoding = 'utf8'): Buffer {
  return Buffer.concat([csvPreamble(encoding), encodeText(csvText(rows), encoding)]);
}
