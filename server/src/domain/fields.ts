/**
 * Layer field definitions and attribute validation: pure rules, no I/O.
 * The same rules check writes (editing) and filter values (reads).
 */
export const FIELD_TYPES = ['text', 'integer', 'number', 'date', 'boolean', 'enum'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Computed fields are filled by the server from the geometry and never taken from a client. */
export type ComputedKind = 'length' | 'area';

export interface FieldDefinition {
  key: string;
  /** Japanese label (the UI's default language). */
  label: string;
  labelEn: string;
  type: FieldType;
  required?: boolean;
  options?: string[];
  min?: number;
  max?: number;
  maxLength?: number;
  unit?: string;
  computed?: ComputedKind;
}

export const DEFAULT_TEXT_MAX_LENGTH = 1000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const FIELD_KEY_RE = /^[a-z][a-z0-9_]{0,62}$/;

export interface FieldProblem {
  field: string;
  message: string;
}

export function isValidDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Checks one value against its field; returns a user-facing reason or null. */
export function checkValue(field: FieldDefinition, value: unknown): string | null {
  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') return 'must be text';
      const max = field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      if (value.length > max) return `must be at most ${max} characters`;
      return null;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (field.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return null;
    }
    case 'date':
      return typeof value === 'string' && isValidDate(value) ? null : 'must be a date as YYYY-MM-DD';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'enum':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? null : `must be one of: ${(field.options ?? []).join(', ')}`;
  }
}

/**
 * Validates attributes for a write. With `partial`, only the given keys are checked
 * (an update merges them into the stored ones). Computed fields may not be written.
 */
export function validateAttributes(
  fields: FieldDefinition[], attributes: Record<string, unknown>, options: { partial?: boolean } = {},
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(attributes)) {
    const field = byKey.get(key);
    if (!field) { problems.push({ field: key, message: 'is not a field of this layer' }); continue; }
    if (field.computed) { problems.push({ field: key, message: 'is computed by the server and cannot be set' }); continue; }
    if (value === null || value === undefined || value === '') {
      if (field.required) problems.push({ field: key, message: 'is required' });
      continue;
    }
    const reason = checkValue(field, value);
    if (reason) problems.push({ field: key, message: reason });
  }
  if (!options.partial) {
    for (const field of fields) {
      if (field.required && !field.computed && !(field.key in attributes)) problems.push({ field: field.key, message: 'is required' });
    }
  }
  return problems;
}

/** Drops empty values so that "cleared" means "absent" in storage. */
export function normalizeAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

/** Validates a layer's field definitions themselves (layer administration). */
export function checkFieldDefinitions(fields: FieldDefinition[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const f of fields) {
    if (!FIELD_KEY_RE.test(f.key)) problems.push({ field: f.key, message: 'key must be lower-case letters, digits and _' });
    if (seen.has(f.key)) problems.push({ field: f.key, message: 'is defined twice' });
    seen.add(f.key);
    if (!FIELD_TYPES.includes(f.type)) problems.push({ field: f.key, message: `type must be one of ${FIELD_TYPES.join(', ')}` });
    if (!f.label?.trim()) problems.push({ field: f.key, message: 'needs a Japanese label' });
    if (f.type === 'enum' && !(f.options && f.options.length > 0)) problems.push({ field: f.key, message: 'enum fields need options' });
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) problems.push({ field: f.key, message: 'min is greater than max' });
  }
  return problems;
}

export function describeProblems(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('; ');
}
