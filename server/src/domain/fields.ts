/**
 * Layer field definitions and attribute validation: pure rules, no I/O.
 * The same rules check writes (editing) and filter values (reads).
 */
import { parseSchedule } from './collection';
import { isValidDate } from './dates';
import { isFieldKey } from './ids';

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
  /** No two live features of the layer may share a value (e.g. 管理番号); checked on every write. */
  unique?: boolean;
  /** Personal data: read only by the layer's editors, admins and these departments and users (see permissions.ts). */
  restricted?: { departments: string[]; users: number[] };
  /** A text field with a validated format: 'collectionDays' is 収集曜日 (月・木, 第2・第4水; see collection.ts). */
  format?: FieldFormat;
}

/** Validated text formats a field may have. */
export const FIELD_FORMATS = ['collectionDays'] as const;
export type FieldFormat = (typeof FIELD_FORMATS)[number];

export { isValidDate };

export const DEFAULT_TEXT_MAX_LENGTH = 1000;

/**
 * Machine codes of attribute problems. The value codes are the web client's own
 * (web/src/editing/validate.ts ProblemCode), so it shows the same Japanese text for both.
 */
export type ProblemCode =
  | 'required' | 'text' | 'characters' | 'maxLength' | 'number' | 'integer' | 'min' | 'max' | 'date' | 'boolean' | 'enum'
  | 'unknownField' | 'computed' | 'collectionDays'
  // field definitions (layer administration)
  | 'fieldKey' | 'duplicateField' | 'fieldType' | 'fieldLabel' | 'enumOptions' | 'minAboveMax' | 'fieldFormat';

/** Values a message needs: limits (`min`, `max`) and choices (`options`). */
export type ProblemParams = Record<string, string | number | string[]>;

export interface FieldProblem {
  field: string;
  code: ProblemCode;
  params: ProblemParams;
  /** English, for scripts and logs; clients translate `code` with `params`. */
  message: string;
}

export type ValueProblem = Omit<FieldProblem, 'field'>;

const list = (options: ProblemParams[string]) => (options as string[]).join(', ');
const MESSAGES: Record<ProblemCode, (p: ProblemParams) => string> = {
  required: () => 'is required',
  text: () => 'must be text',
  characters: () => 'contains characters that cannot be stored (NUL or a broken character)',
  maxLength: (p) => `must be at most ${p.max} characters`,
  number: () => 'must be a number',
  integer: () => 'must be a whole number',
  min: (p) => `must be at least ${p.min}`,
  max: (p) => `must be at most ${p.max}`,
  date: () => 'must be a date as YYYY-MM-DD',
  boolean: () => 'must be true or false',
  enum: (p) => `must be one of: ${list(p.options)}`,
  unknownField: () => 'is not a field of this layer',
  computed: () => 'is computed by the server and cannot be set',
  collectionDays: () => 'must be collection days as 月・木 or 第2・第4水 (曜日 separated by ・)',
  fieldKey: () => 'key must be lower-case letters, digits and _',
  duplicateField: () => 'is defined twice',
  fieldType: (p) => `type must be one of ${list(p.options)}`,
  fieldLabel: () => 'needs a Japanese label',
  enumOptions: () => 'enum fields need options',
  minAboveMax: () => 'min is greater than max',
  fieldFormat: (p) => `format must be one of ${list(p.options)}, on a text field`,
};

function problem(code: ProblemCode, params: ProblemParams = {}): ValueProblem {
  return { code, params, message: MESSAGES[code](params) };
}

const fieldProblem = (field: string, code: ProblemCode, params?: ProblemParams): FieldProblem => ({ field, ...problem(code, params) });


/**
 * Text PostgreSQL can store: no NUL (text and jsonb refuse it) and no lone UTF-16 surrogate
 * (not valid UTF-8). The one rule for every text input, GraphQL and attributes alike.
 */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE_RE.test(value);
}
// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL text cannot store
const UNSTORABLE_RE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A feature's readable name: its layer's label field as text ("G-9001"), or null when the layer has none or it is empty. */
export function featureLabel(layer: { labelField: string | null }, attributes: Record<string, unknown> | null | undefined): string | null {
  const value = layer.labelField ? attributes?.[layer.labelField] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() || null : null;
}

/** Empty or only whitespace: a required field is not filled by spaces, and "cleared" means absent. */
export const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** Checks one value against its field: a problem with its code, or null. */
export function valueProblem(field: FieldDefinition, value: unknown): ValueProblem | null {
  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') return problem('text');
      if (!isStorableText(value)) return problem('characters');
      const max = field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      if (value.length > max) return problem('maxLength', { max });
      return field.format === 'collectionDays' && !parseSchedule(value) ? problem('collectionDays') : null;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return problem('number');
      if (field.type === 'integer' && !Number.isInteger(value)) return problem('integer');
      if (field.min !== undefined && value < field.min) return problem('min', { min: field.min });
      if (field.max !== undefined && value > field.max) return problem('max', { max: field.max });
      return null;
    }
    case 'date':
      return typeof value === 'string' && isValidDate(value) ? null : problem('date');
    case 'boolean':
      return typeof value === 'boolean' ? null : problem('boolean');
    case 'enum':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? null : problem('enum', { options: field.options ?? [] });
  }
}

/** The English reason of `valueProblem`, or null (filters put it into their own message). */
export function checkValue(field: FieldDefinition, value: unknown): string | null {
  return valueProblem(field, value)?.message ?? null;
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
    if (!field) { problems.push(fieldProblem(key, 'unknownField')); continue; }
    if (field.computed) { problems.push(fieldProblem(key, 'computed')); continue; }
    if (isBlank(value)) {
      if (field.required) problems.push(fieldProblem(key, 'required'));
      continue;
    }
    const found = valueProblem(field, value);
    if (found) problems.push({ field: key, ...found });
  }
  if (!options.partial) {
    for (const field of fields) {
      if (field.required && !field.computed && !(field.key in attributes)) problems.push(fieldProblem(field.key, 'required'));
    }
  }
  return problems;
}

/** Drops empty values so that "cleared" means "absent" in storage. */
export function normalizeAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => !isBlank(v)));
}

/** Validates a layer's field definitions themselves (layer administration). */
export function checkFieldDefinitions(fields: FieldDefinition[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const f of fields) {
    if (!isFieldKey(f.key)) problems.push(fieldProblem(f.key, 'fieldKey'));
    if (seen.has(f.key)) problems.push(fieldProblem(f.key, 'duplicateField'));
    seen.add(f.key);
    if (!FIELD_TYPES.includes(f.type)) problems.push(fieldProblem(f.key, 'fieldType', { options: [...FIELD_TYPES] }));
    if (!f.label?.trim()) problems.push(fieldProblem(f.key, 'fieldLabel'));
    if (f.type === 'enum' && !(f.options && f.options.length > 0)) problems.push(fieldProblem(f.key, 'enumOptions'));
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) problems.push(fieldProblem(f.key, 'minAboveMax', { min: f.min, max: f.max }));
    if (f.format !== undefined && (f.type !== 'text' || !FIELD_FORMATS.includes(f.format))) problems.push(fieldProblem(f.key, 'fieldFormat', { options: [...FIELD_FORMATS] }));
  }
  return problems;
}

export function describeProblems(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('; ');
}
