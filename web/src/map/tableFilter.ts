// The attribute table's filter as a MapLibre filter, so the map draws only the features the table lists.
// It mirrors the server's AttributeFilter (feature.sql.ts): `contains` is case-insensitive, bounds are inclusive,
// an empty value never matches a condition.
import type { FilterSpecification } from 'maplibre-gl';
import type { AttributeFilter } from '../api/model';

type Expression = unknown[];

function comparable(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function conditionsOf(filter: AttributeFilter): Expression[] {
  const get = ['get', filter.field];
  const present = ['!=', get, null];
  const out: Expression[] = [];
  if (typeof filter.contains === 'string') {
    out.push(['in', filter.contains.toLowerCase(), ['downcase', ['to-string', ['coalesce', get, '']]]]);
  }
  if (comparable(filter.eq)) out.push(['==', get, filter.eq]);
  if (comparable(filter.ne)) out.push(['!=', get, filter.ne]);
  for (const [op, value] of [['>=', filter.gte], ['<=', filter.lte], ['>', filter.gt], ['<', filter.lt]] as const) {
    if (typeof value === 'number') out.push(present, [op, ['to-number', get], value]);
    // Dates are ISO text: they compare as text.
    else if (typeof value === 'string') out.push(present, [op, ['to-string', get], value]);
  }
  if (Array.isArray(filter.in)) out.push(['in', get, ['literal', filter.in.filter(comparable)]]);
  if (filter.isNull === true) out.push(['==', get, null]);
  if (filter.isNull === false) out.push(present);
  return out;
}

/** The map filter of the table's conditions (all must hold); null when there are none. */
export function mapFilterOf(where: readonly AttributeFilter[]): FilterSpecification | null {
  const conditions = where.flatMap(conditionsOf);
  if (!conditions.length) return null;
  return (conditions.length === 1 ? conditions[0] : ['all', ...conditions]) as FilterSpecification;
}

/** [minLon, minLat, maxLon, maxLat] of two corners dragged in any direction. */
export function boxOf(a: [number, number], b: [number, number]): number[] {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
}
