/**
 * Turning the cells of other departments' files into field values: pure rules, no I/O.
 * A cell that cannot be read as its field's type keeps its text, so that validation in the
 * edit path (fields.ts) reports it with the same problem code an edit would get.
 */
import { FieldDefinition, FieldType } from './fields';
import { parseDate, toHalfWidth } from './dates';

// Callers import these from here since the import work; the rules live in dates.ts, shared with the web.
export { excelSerialToDate, parseDate, parseWareki, toHalfWidth } from './dates';

/** A number written by hand: full-width, thousands separators, a leading + or −. */
export function parseNumber(text: string): number | null {
  const s = toHalfWidth(text).replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const TRUE_WORDS = ['true', 't', 'yes', 'y', '1', '有', 'あり', '○', '〇', '◯', 'はい', '済', '要'];
const FALSE_WORDS = ['false', 'f', 'no', 'n', '0', '無', 'なし', '×', '✕', 'いいえ', '未', '不要'];

export function parseBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value !== 'string') return null;
  const s = toHalfWidth(value).toLowerCase();
  if (TRUE_WORDS.includes(s) || value.trim() === '○') return true;
  if (FALSE_WORDS.includes(s)) return false;
  return null;
}

/** An enum cell by its label, ignoring width and case ("ＬＥＤ" is "LED"); or by its 1-based code. */
export function parseEnum(field: FieldDefinition, value: unknown): string | null {
  const options = field.options ?? [];
  const s = toHalfWidth(String(value)).toLowerCase();
  const found = options.find((o) => toHalfWidth(o).toLowerCase() === s);
  if (found) return found;
  const code = /^\d+$/.test(s) ? Number(s) : NaN;
  return code >= 1 && code <= options.length ? options[code - 1] : null;
}

/**
 * The value of one cell for its field; `undefined` for an empty cell. A cell that does not
 * read as the type is returned as given, for validation to refuse with the field's problem code.
 */
export function coerceValue(field: FieldDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const readers: Record<FieldType, () => unknown> = {
    text: () => (value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.trim() : String(value)),
    integer: () => (typeof value === 'number' ? value : parseNumber(String(value))),
    number: () => (typeof value === 'number' ? value : parseNumber(String(value))),
    date: () => parseDate(value),
    boolean: () => parseBoolean(value),
    enum: () => parseEnum(field, value),
  };
  const read = readers[field.type]();
  return read === null ? value : read;
}

/** Column names under which files carry coordinates, lower-cased and half-width. */
export const LON_NAMES = ['lon', 'lng', 'long', 'longitude', 'x_lon', '経度', '東経'];
export const LAT_NAMES = ['lat', 'latitude', 'y_lat', '緯度', '北緯'];
export const PLANE_X_NAMES = ['x(北)', 'x_north', 'x', 'x座標', 'ｘ座標', 'x(m)', 'x座標(m)', '座標x', 'northing'];
export const PLANE_Y_NAMES = ['y(東)', 'y_east', 'y', 'y座標', 'ｙ座標', 'y(m)', 'y座標(m)', '座標y', 'easting'];
export const WKT_NAMES = ['wkt', 'geometry', 'geom', 'the_geom', '形状'];
export const ADDRESS_NAMES = ['address', '住所', '所在地', '所在', '設置場所', '町丁目', '地区'];

const norm = (s: string) => toHalfWidth(s).toLowerCase().replace(/\s+/g, '');

/** The first column whose name is one of the names (width, case and spaces ignored). */
export function findColumn(columns: string[], names: string[]): string | undefined {
  const wanted = names.map(norm);
  return columns.find((c) => wanted.includes(norm(c)));
}

/** The column of WKT and the EPSG code its header names, as our exports write it: `WKT(EPSG:6677)`. */
export function findWktColumn(columns: string[]): { column: string; srid?: number } | undefined {
  const named = findColumn(columns, WKT_NAMES);
  if (named) return { column: named };
  for (const column of columns) {
    const m = /^wkt\(epsg:(\d+)\)$/.exec(norm(column));
    if (m) return { column, srid: Number(m[1]) };
  }
  return undefined;
}

/**
 * Matches file columns to layer fields by key or label (Japanese or English), ignoring width
 * and case. Returns column → field key.
 */
export function matchColumns(columns: string[], fields: FieldDefinition[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const column of columns) {
    const n = norm(column);
    // A label may carry its unit, as the attribute table and exports write it: 利用世帯数(世帯).
    const names = (f: FieldDefinition) => [f.key, f.label, f.labelEn, f.unit ? `${f.label}(${f.unit})` : undefined];
    const field = fields.find((f) => !f.computed && names(f).some((name) => name && norm(name) === n));
    if (field && !Object.values(mapping).includes(field.key)) mapping[column] = field.key;
  }
  return mapping;
}

/**
 * Plane rectangular coordinates of the city's zone: X (northing) and Y (easting) are both within a
 * few hundred km of the origin. Surveyors write X first; GIS people often put easting first.
 * A point whose swapped reading falls inside the city while the given one does not was swapped.
 */
export function looksSwapped(x: number, y: number, cityBox: { minX: number; maxX: number; minY: number; maxY: number }): boolean {
  const inside = (px: number, py: number) => px >= cityBox.minX && px <= cityBox.maxX && py >= cityBox.minY && py <= cityBox.maxY;
  return !inside(x, y) && inside(y, x);
}

/** A field type that fits every non-empty value of a column (for a new layer made from a file). */
export function inferFieldType(values: unknown[]): FieldType {
  const present = values.filter((v) => v !== null && v !== undefined && String(v).trim() !== '');
  if (present.length === 0) return 'text';
  const all = (test: (v: unknown) => boolean) => present.every(test);
  const num = (v: unknown) => (typeof v === 'number' ? v : parseNumber(String(v)));
  // Codes with leading zeros ("007") or hyphens stay text.
  if (all((v) => typeof v === 'number' || (/^[+-]?[1-9]\d*$|^0$/.test(toHalfWidth(String(v)).replace(/,/g, ''))))) {
    return all((v) => Number.isInteger(num(v))) ? 'integer' : 'number';
  }
  if (all((v) => typeof v === 'number' || (num(v) !== null && !/^0\d/.test(toHalfWidth(String(v)))))) return 'number';
  if (all((v) => v instanceof Date || (typeof v === 'string' && parseDate(v) !== null && !/^\d{5}$/.test(v.trim())))) return 'date';
  if (all((v) => typeof v === 'boolean' || (typeof v === 'string' && ['有', '無', '○', '×', 'はい', 'いいえ', 'true', 'false'].includes(v.trim())))) return 'boolean';
  return 'text';
}

/** A field key made from a column name: ASCII names kept (snake_case), others numbered. */
export function fieldKeyFor(column: string, index: number, taken: Set<string>): string {
  let key = toHalfWidth(column).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(key)) key = `field_${index + 1}`;
  let candidate = key;
  for (let n = 2; taken.has(candidate); n++) candidate = `${key}_${n}`;
  taken.add(candidate);
  return candidate;
}
