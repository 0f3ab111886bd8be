// The attribute form's checks: the server's own rules (#domain/fields, server/src/domain/fields.ts), so
// the form says what is wrong before saving, in the same codes. The server still checks every write;
// its BAD_USER_INPUT problems are shown the same way (see serverProblems).
import { parseDate } from '#domain/dates';
import { isBlank, valueProblem, type FieldDefinition as RuleField, type ProblemCode as RuleCode } from '#domain/fields';
import type { Attributes, FieldDefinition } from '../api/model';
import { serverErrorText } from '../i18n/errors';

/** The shared rules' codes, and 'server' for a problem the server reports in its own words. */
export type ProblemCode = RuleCode | 'server';

/** Server codes shown with the client's own text; any other code falls back to the server's message. */
const SERVER_CODES: ReadonlySet<string> = new Set<ProblemCode>([
  'required', 'text', 'characters', 'maxLength', 'number', 'integer', 'min', 'max', 'date', 'boolean', 'enum', 'unknownField', 'collectionDays',
]);

export interface FieldProblem {
  field: string;
  code: ProblemCode;
  /** Values for the message (limits, options) or the server's own message. */
  params: Record<string, string | number>;
}

/** A field as the API sends it (TEXT, nulls) as the shared rules take it (text, absent). */
export function ruleField(field: FieldDefinition): RuleField {
  const given = <T>(v: T | null | undefined) => (v == null ? undefined : v);
  return {
    key: field.key,
    label: field.label,
    labelEn: field.labelEn,
    type: field.type.toLowerCase() as RuleField['type'],
    required: field.required,
    options: given(field.options),
    min: given(field.min),
    max: given(field.max),
    maxLength: given(field.maxLength),
    unit: given(field.unit),
    computed: field.computed ? (field.computed.toLowerCase() as RuleField['computed']) : undefined,
    unique: field.unique,
  };
}

/** The problem of one value of a field, or null. */
export function checkValue(field: FieldDefinition, value: unknown): Omit<FieldProblem, 'field'> | null {
  const found = valueProblem(ruleField(field), value);
  return found ? { code: found.code, params: messageParams(found.params) } : null;
}

/** All problems of a feature's attributes, in field order (computed fields are the server's and not checked). */
export function validateAttributes(fields: FieldDefinition[], attributes: Attributes): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of fields) {
    if (field.computed) continue;
    const value = attributes[field.key];
    if (isBlank(value)) {
      if (field.required) problems.push({ field: field.key, code: 'required', params: {} });
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) problems.push({ field: field.key, ...problem });
  }
  return problems;
}

/**
 * The value a form input stands for: numbers for numeric fields (the text itself when it is not
 * a number, so the form keeps what was typed and the check can say so), booleans, "" for empty.
 */
export function parseInput(field: FieldDefinition, raw: string | boolean): unknown {
  if (field.type === 'BOOLEAN') return typeof raw === 'boolean' ? raw : raw === 'true';
  const text = String(raw).trim();
  if (text === '') return '';
  if (field.type === 'INTEGER' || field.type === 'NUMBER') {
    // Full-width digits are common in Japanese input.
    const ascii = text.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/,/g, '');
    const n = Number(ascii);
    return Number.isFinite(n) ? n : text;
  }
  // 和暦 and 2025/4/1 become ISO; text that is no date stays, for the check to name.
  if (field.type === 'DATE') return parseDate(text) ?? text;
  return field.type === 'TEXT' ? String(raw) : text;
}

/** The text a form input shows for a value. */
export function formatInput(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

interface ServerProblemExtensions {
  field?: unknown;
  problems?: unknown;
  index?: unknown;
  reason?: unknown;
  params?: unknown;
}

/**
 * The server's BAD_USER_INPUT extensions as field problems: `problems` [{field, code, params, message}]
 * when attributes failed, else the single `field` (e.g. geometry) with the error's message, in the
 * user's language when the server's catalogue has it (e.g. outside the service area).
 */
export function serverProblems(message: string, extensions: ServerProblemExtensions, lang: 'ja' | 'en' = 'ja'): FieldProblem[] {
  const listed = Array.isArray(extensions.problems)
    ? (extensions.problems as { field?: unknown; code?: unknown; params?: unknown; message?: unknown }[])
    : [];
  const problems = listed
    .filter((p) => typeof p.field === 'string')
    .map((p): FieldProblem => typeof p.code === 'string' && SERVER_CODES.has(p.code)
      ? { field: p.field as string, code: p.code as ProblemCode, params: messageParams(p.params) }
      : { field: p.field as string, code: 'server', params: { message: String(p.message ?? '') } });
  if (problems.length) return problems;
  const field = typeof extensions.field === 'string' ? extensions.field : 'geometry';
  // The batch prefix "changes[3]: " names the position, which the UI shows as the feature instead.
  return [{ field, code: 'server', params: { message: serverErrorText(lang, message.replace(/^changes\[\d+\]:\s*/, ''), { ...extensions }) } }];
}

/** The rules' params as message values; lists (enum options) are joined with 、. */
function messageParams(params: unknown): FieldProblem['params'] {
  if (typeof params !== 'object' || params === null) return {};
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join('、') : typeof v === 'number' ? v : String(v)]));
}
