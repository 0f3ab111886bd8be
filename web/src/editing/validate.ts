// Client-side attribute checks that mirror the server's (server/src/domain/fields.ts), so the
// form can say what is wrong before saving. The server still checks every write; its
// BAD_USER_INPUT problems carry the same codes and are shown the same way (see serverProblems).
import type { Attributes, FieldDefinition } from '../api/types';
import { parseDate } from '../../../server/src/domain/dates';
import { serverErrorText } from '../i18n/errors';

/** The client's checks, the server's 'unknownField', and 'server' for anything else it reports. */
export type ProblemCode =
  | 'required' | 'text' | 'maxLength' | 'number' | 'integer' | 'min' | 'max' | 'date' | 'boolean' | 'enum'
  | 'unknownField' | 'collectionDays' | 'server';

/** Server codes shown with the client's own text; any other code falls back to the server's message. */
const SERVER_CODES: ReadonlySet<string> = new Set<ProblemCode>([
  'required', 'text', 'maxLength', 'number', 'integer', 'min', 'max', 'date', 'boolean', 'enum', 'unknownField', 'collectionDays',
]);

export interface FieldProblem {
  field: string;
  code: ProblemCode;
  /** Values for the message (limits, options) or the server's own message. */
  params: Record<string, string | number>;
}

/** Same default as the server's DEFAULT_TEXT_MAX_LENGTH. */
export const DEFAULT_TEXT_MAX_LENGTH = 1000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

// Spaces alone do not fill a required field (the server's isBlank).
const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function checkValue(field: FieldDefinition, value: unknown): Omit<FieldProblem, 'field'> | null {
  switch (field.type) {
    case 'TEXT': {
      if (typeof value !== 'string') return { code: 'text', params: {} };
      const max = field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      return value.length > max ? { code: 'maxLength', params: { max } } : null;
    }
    case 'INTEGER':
    case 'NUMBER': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'number', params: {} };
      if (field.type === 'INTEGER' && !Number.isInteger(value)) return { code: 'integer', params: {} };
      if (field.min != null && value < field.min) return { code: 'min', params: { min: field.min } };
      if (field.max != null && value > field.max) return { code: 'max', params: { max: field.max } };
      return null;
    }
    case 'DATE':
      return typeof value === 'string' && isValidDate(value) ? null : { code: 'date', params: {} };
    case 'BOOLEAN':
      return typeof value === 'boolean' ? null : { code: 'boolean', params: {} };
    case 'ENUM':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? null
        : { code: 'enum', params: { options: (field.options ?? []).join('、') } };
  }
}

/** All problems of a feature's attributes (computed fields are the server's and not checked). */
export function validateAttributes(fields: FieldDefinition[], attributes: Attributes): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of fields) {
    if (field.computed) continue;
    const value = attributes[field.key];
    if (isEmpty(value)) {
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

/** The server's params as message values; lists (enum options) are joined as the client's own checks join them. */
function messageParams(params: unknown): FieldProblem['params'] {
  if (typeof params !== 'object' || params === null) return {};
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join('、') : typeof v === 'number' ? v : String(v)]));
}
