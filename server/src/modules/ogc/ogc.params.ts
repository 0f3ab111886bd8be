import { FieldDefinition } from '../../domain/fields';
import { AppError, badInput } from '../../errors';
import { LayerRecord } from '../layers/layer.service';
import { AttributeFilter } from '../features/feature.input';

/** Query parameters of /items that are not attribute filters. */
export const ITEMS_PARAMS = new Set(['f', 'bbox', 'bbox-crs', 'crs', 'limit', 'offset', 'datetime', 'filter', 'filter-lang', 'filter-crs']);

/** A 400 that names the offending query parameter (OGC problem details carry it). */
export const badParam = (parameter: string, message: string): AppError => badInput(message, { field: parameter, parameter });

/** `bbox=minLon,minLat,maxLon,maxLat` (CRS84); the 6-number 3D form drops its heights. */
export function parseBBox(raw: unknown): number[] | undefined {
  if (raw === undefined) return undefined;
  const parts = typeof raw === 'string' ? raw.split(',').map((s) => (s.trim() === '' ? NaN : Number(s))) : [];
  if ((parts.length !== 4 && parts.length !== 6) || parts.some((n) => !Number.isFinite(n))) {
    throw badParam('bbox', 'bbox must be 4 numbers: minLon,minLat,maxLon,maxLat');
  }
  return parts.length === 4 ? parts : [parts[0], parts[1], parts[3], parts[4]];
}

/** OGC API Features 7.15.3: a limit above the maximum is clamped to it; below 1 or not a number is an error. */
export function parseLimit(raw: unknown, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1) throw badParam('limit', `limit must be a whole number from 1 (at most ${max} are returned)`);
  return Math.min(n, max);
}

export function parseOffset(raw: unknown): number {
  if (raw === undefined) return 0;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) throw badParam('offset', 'offset must be a whole number from 0');
  return Number(raw);
}

/** The field `datetime` applies to: the layer's first date field (required ones first). */
export function dateFieldOf(layer: LayerRecord): FieldDefinition | undefined {
  const dates = layer.fieldDefs.filter((f) => f.type === 'date');
  return dates.find((f) => f.required) ?? dates[0];
}

const DAY = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `datetime` (an instant or an interval with `..` for an open end) as a date range on the layer's date field. */
export function datetimeFilter(layer: LayerRecord, raw: unknown): AttributeFilter | undefined {
  if (raw === undefined) return undefined;
  const field = dateFieldOf(layer);
  if (!field) throw badParam('datetime', `layer ${layer.key} has no date field to filter by datetime`);
  const day = (s: string) => {
    const m = DAY.exec(s);
    if (!m || Number.isNaN(Date.parse(m[1]))) throw badParam('datetime', 'datetime must be a date (2024-04-01), a date-time, or an interval start/end with .. for an open end');
    return m[1];
  };
  const text = typeof raw === 'string' ? raw : '';
  const ends = text.split('/');
  if (ends.length === 1) return { field: field.key, eq: day(ends[0]) };
  if (ends.length !== 2) throw badParam('datetime', 'datetime interval must be start/end');
  const open = (s: string) => s === '..' || s === '';
  const filter: AttributeFilter = { field: field.key };
  if (!open(ends[0])) filter.gte = day(ends[0]);
  if (!open(ends[1])) filter.lte = day(ends[1]);
  if (open(ends[0]) && open(ends[1])) return undefined;
  return filter;
}

/** `?field=value` equality filters on the layer's fields; any other unknown parameter is a 400 naming it. */
export function equalityFilters(layer: LayerRecord, query: Record<string, unknown>): AttributeFilter[] {
  const filters: AttributeFilter[] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (ITEMS_PARAMS.has(name)) continue;
    const field = layer.fieldDefs.find((f) => f.key === name);
    if (!field) throw badParam(name, `unknown parameter or property "${name}"; properties of ${layer.key}: ${layer.fieldDefs.map((f) => f.key).join(', ')}`);
    if (typeof raw !== 'string') throw badParam(name, `give ${name} once`);
    filters.push({ field: name, eq: typedValue(field, raw) });
  }
  return filters;
}

/** Query strings are text: numbers and booleans are read as their field's type (the service checks them). */
function typedValue(field: FieldDefinition, raw: string): unknown {
  if ((field.type === 'integer' || field.type === 'number') && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  if (field.type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}
