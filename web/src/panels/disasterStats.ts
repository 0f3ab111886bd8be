// Counting disaster history records per year and type, for the chart and the year filter.
import type { Feature, FieldDefinition, Layer } from '../api/model';

export interface DisasterFields {
  date: FieldDefinition;
  type: FieldDefinition | null;
}

/** The date field (occurred_on) and the type field (disaster_type) of the disaster layer. */
export function disasterFields(layer: Layer): DisasterFields | null {
  const date = layer.fields.find((f) => f.key === 'occurred_on') ?? layer.fields.find((f) => f.type === 'DATE');
  if (!date) return null;
  const type = layer.fields.find((f) => f.key === 'disaster_type') ?? layer.fields.find((f) => f.type === 'ENUM') ?? null;
  return { date, type };
}

export function yearOf(value: unknown): number | null {
  const match = typeof value === 'string' ? /^(\d{4})/.exec(value) : null;
  return match ? Number(match[1]) : null;
}

export interface YearCounts {
  years: number[];
  types: string[];
  /** counts.get(year).get(type) */
  counts: Map<number, Map<string, number>>;
  max: number;
}

export function countByYearAndType(features: Feature[], fields: DisasterFields): YearCounts {
  const counts = new Map<number, Map<string, number>>();
  const seenTypes = new Set<string>();
  for (const feature of features) {
    const year = yearOf(feature.attributes?.[fields.date.key]);
    if (year === null) continue;
    const type = String(fields.type ? (feature.attributes?.[fields.type.key] ?? '') : '');
    seenTypes.add(type);
    const perType = counts.get(year) ?? new Map<string, number>();
    perType.set(type, (perType.get(type) ?? 0) + 1);
    counts.set(year, perType);
  }
  const known = fields.type?.options ?? [];
  const types = [...known.filter((t) => seenTypes.has(t)), ...[...seenTypes].filter((t) => !known.includes(t)).sort()];
  const present = [...counts.keys()];
  const years: number[] = [];
  if (present.length) for (let y = Math.min(...present); y <= Math.max(...present); y++) years.push(y);
  let max = 0;
  for (const perType of counts.values()) max = Math.max(max, [...perType.values()].reduce((a, b) => a + b, 0));
  return { years, types, counts, max };
}

/** MapLibre filter keeping features whose date falls in [from, to] (whole years). */
export function yearRangeFilter(dateKey: string, from: number, to: number) {
  const year = ['to-number', ['slice', ['to-string', ['coalesce', ['get', dateKey], '']], 0, 4], 0];
  return ['all', ['>=', year, from], ['<=', year, to]];
}
