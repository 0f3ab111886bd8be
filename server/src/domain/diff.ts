import { FieldDefinition } from './fields';

export interface AttributeChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What changed between two attribute sets, in the layer's field order (unknown keys last). */
export function diffAttributes(before: Record<string, unknown> | null, after: Record<string, unknown>, fields: FieldDefinition[]): AttributeChange[] {
  const prev = before ?? {};
  const keys = [...fields.map((f) => f.key), ...Object.keys({ ...prev, ...after }).filter((k) => !fields.some((f) => f.key === k))];
  const labels = new Map(fields.map((f) => [f.key, f.label]));
  return [...new Set(keys)]
    .filter((k) => !same(prev[k], after[k]))
    .map((k) => ({ field: k, label: labels.get(k) ?? k, before: prev[k] ?? null, after: after[k] ?? null }));
}

/** Merges a partial update: given keys replace, null or "" clears a key. */
export function mergeAttributes(stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === '') delete merged[k];
    else merged[k] = v;
  }
  return merged;
}
