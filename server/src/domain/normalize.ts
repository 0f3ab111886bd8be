/**
 * One normalisation for search, applied alike to what is indexed and to what a clerk types, so
 * that the spellings citizens use for the same place compare equal: full-width and half-width
 * forms, hyphen look-alikes, kanji numerals in numbers (一丁目 = 1丁目), ヶ/ケ/ガ/が between kanji,
 * 之/の, spaces, 番地/番/号/の in lot numbers and addresses, katakana/hiragana, and case.
 * Pure: no I/O.
 */
import { kanji2number } from '@geolonia/japanese-numeral';
import { toHiragana } from 'wanakana';
import type { FieldDefinition } from './fields';

const HYPHENS = /[\u2010-\u2015\u2212\u2043\uFE58\uFE63\uFF0D]/g; // ‐ ‑ ‒ – — ― − ⁃ ﹘ ﹣ －
const KANJI_DIGITS = '〇零一二三四五六七八九十百千';
const KANJI_NUMBER = `[${KANJI_DIGITS}]+`;
const HAN = '\\p{Script=Han}';

/** Kanji numerals that are numbers here: before 丁目/番/号/の/-, or after 番/番地/-, not inside a name like 四街道. */
const NUMERAL_BEFORE = new RegExp(`(${KANJI_NUMBER})(?=丁目|丁|番地|番|号|-|の[0-9${KANJI_DIGITS}])`, 'gu');
const NUMERAL_AFTER = new RegExp(`(?<=番地の?|番|号|-|[0-9]の)(${KANJI_NUMBER})`, 'gu');

function kanjiNumeralsToDigits(text: string): string {
  const toDigits = (run: string) => {
    try {
      return String(kanji2number(run));
    } catch {
      return run; // not a well-formed numeral (e.g. 十十): leave it as written
    }
  };
  return text.replace(NUMERAL_BEFORE, toDigits).replace(NUMERAL_AFTER, toDigits);
}

/**
 * The search form of a text. `normalizeSearchText('鹿渡字東９３３番地の１')` is `鹿渡933-1`,
 * `normalizeSearchText('旭ヶ丘一丁目')` and `('旭ケ丘1丁目')` are both `旭が丘1丁目`.
 */
export function normalizeSearchText(text: string): string {
  let s = text.normalize('NFKC') // full-width letters, digits, '－' and half-width kana to their plain forms
    .replace(/\s+/gu, '')
    .toLowerCase()
    .replace(HYPHENS, '-')
    // The long-vowel mark typed for a hyphen next to a number or letter (G－1451 typed as Gー1451).
    .replace(/(?<=[0-9a-z])ー|ー(?=[0-9a-z])/g, '-');
  s = toHiragana(s, { passRomaji: true, convertLongVowelMark: false });
  s = s
    .replace(/[ヶゖヵゕ]/g, 'が') // small ke in names is read ga (旭ヶ丘); katakana became hiragana above
    .replace(new RegExp(`(?<=[${HAN}\\p{Script=Hiragana}])[けが](?=${HAN})`, 'gu'), 'が') // 旭ケ丘 / 旭ガ丘 / 旭が丘, さつきケ丘
    .replace(/之/g, 'の')
    .replace(/[大小]字(?=\p{Script=Han})/gu, '');
  s = kanjiNumeralsToDigits(s);
  s = s
    .replace(/字[^0-9-]*?(?=[0-9])/gu, '') // 小字 between the town and the lot number: 鹿渡字東933 → 鹿渡933
    .replace(/([0-9])(?:丁目|番地の?|番|号|の)(?=[0-9])/g, '$1-') // 1丁目2番3号 → 1-2-3, 933番地の1 → 933-1
    .replace(/([0-9])(?:番地|番|号)$/g, '$1')
    .replace(/-{2,}/g, '-')
    // A management number's letter prefix: G-1451 and G1451 are the same number.
    .replace(/(?<=[a-z])-(?=[0-9])|(?<=[0-9])-(?=[a-z])/g, '')
    .replace(/[|%_\\]/g, ''); // never part of a key: '|' separates the values of a search key
  return s;
}

/** Separates the values in a search key, so "exact" and "prefix" can be matched per value. */
export const KEY_SEPARATOR = '|';

/**
 * The search key of a thing with several identifying values (a parcel's 大字 and 地番, a facility's
 * name and reading): each value normalised, plus all of them run together (鹿渡 + 933-1 = 鹿渡933-1),
 * as `|v1|v2|…|`. Empty values are left out; null when nothing is left.
 */
export function searchKeyOf(values: Array<unknown>, options: { joined?: boolean } = {}): string | null {
  const parts = values
    .filter((v): v is string | number => (typeof v === 'string' || typeof v === 'number') && String(v).trim() !== '')
    .map((v) => normalizeSearchText(String(v)))
    .filter((v) => v !== '');
  if (parts.length === 0) return null;
  const unique = [...new Set(parts.length > 1 && options.joined !== false ? [...parts, parts.join('')] : parts)];
  return `${KEY_SEPARATOR}${unique.join(KEY_SEPARATOR)}${KEY_SEPARATOR}`;
}

/** Compares labels in natural order: 一丁目, 二丁目 … 十丁目 and G-2 before G-10. */
const collator = new Intl.Collator('ja', { numeric: true });
export const naturalCompare = (a: string, b: string) => collator.compare(normalizeSearchText(a), normalizeSearchText(b));

/** What a layer's features are found by: its label field, required text fields, and text numbers, names and readings. */
export function searchFieldKeys(layer: { fieldDefs: FieldDefinition[]; labelField?: string | null }): string[] {
  // Restricted (personal) fields are never indexed: the shared search key must not reveal them.
  return layer.fieldDefs
    .filter((f) => !f.restricted)
    .filter((f) => f.key === layer.labelField
      || (f.type === 'text' && !f.computed && (f.required || /(^|_)(no|name|reading|kana)$/.test(f.key))))
    .map((f) => f.key);
}

/** A feature's search key: '' when it has nothing to search by (so it is not keyed again). */
export function featureSearchKey(fieldKeys: string[], attributes: Record<string, unknown>): string {
  return searchKeyOf(fieldKeys.map((k) => attributes[k])) ?? '';
}

/** Whether two texts differ by at most one edit: one character replaced, added or dropped (by code point). */
export function withinOneEdit(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  return x.length - head - tail <= 1 && y.length - head - tail <= 1;
}

/**
 * A near spelling of one value of a key (normalised texts): 'exact' when the query is one edit from
 * the whole value (鹿戸 → 鹿渡), 'prefix' when one edit from its start (四街堂 → 四街道1丁目; queries of
 * three or more characters only), null otherwise. Values shorter than two characters are never near,
 * nor a value typed whole with more after it (四街道駅 holds 四街道: no misspelling of it).
 */
export function nearMatch(q: string, value: string): 'exact' | 'prefix' | null {
  const n = [...q].length;
  const v = [...value];
  if (n < 2 || v.length < 2 || q.startsWith(value)) return null;
  if (withinOneEdit(q, value)) return 'exact';
  if (n < 3) return null;
  for (const len of [n - 1, n, n + 1]) {
    if (len < v.length && len >= 2 && withinOneEdit(q, v.slice(0, len).join(''))) return 'prefix';
  }
  return null;
}
