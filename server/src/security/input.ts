import { DocumentNode, visit, BREAK } from 'graphql';
import { isStorableText } from '../domain/fields';
import { badInput } from '../errors';

/** Deepest nesting of objects and arrays in variables (a MultiPolygon in a batch is about 8). */
export const MAX_INPUT_DEPTH = 32;

/** Where in the variables a value breaks the rules, and which rule; null when all is well. */
export function inputProblem(value: unknown, path = '$'): { path: string; reason: 'depth' | 'characters' } | null {
  // Iterative, so that a hostile 5,000-deep value cannot exhaust the stack. The path of a value is
  // written out only for the one that breaks a rule: building it for every value of a large input
  // cost more than the checks themselves.
  interface Step { value: unknown; depth: number; key?: string; array?: boolean; parent?: Step }
  const pathOf = (step: Step): string => {
    const keys: string[] = [];
    for (let s: Step | undefined = step; s?.parent; s = s.parent) keys.push(s.parent.array ? `[${s.key}]` : `.${s.key}`);
    return path + keys.reverse().join('');
  };
  const stack: Step[] = [{ value, depth: 0 }];
  while (stack.length) {
    const step = stack.pop()!;
    const v = step.value;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return { path: pathOf(step), reason: 'characters' };
    } else if (v && typeof v === 'object') {
      if (step.depth >= MAX_INPUT_DEPTH) return { path: pathOf(step), reason: 'depth' };
      step.array = Array.isArray(v);
      for (const k in v) {
        if (!step.array && !isStorableText(k)) return { path: pathOf(step), reason: 'characters' };
        stack.push({ value: (v as Record<string, unknown>)[k], depth: step.depth + 1, key: k, parent: step });
      }
    }
  }
  return null;
}

function documentProblem(document: DocumentNode): string | null {
  let found: string | null = null;
  visit(document, {
    StringValue(node) {
      if (!isStorableText(node.value)) { found = 'a string literal'; return BREAK; }
      return undefined;
    },
  });
  return found;
}

/**
 * Every GraphQL input, in variables or in the query text, is text PostgreSQL can store and no
 * deeper than MAX_INPUT_DEPTH: a BAD_USER_INPUT error, or null. Run after the cost model
 * (operationGuardPlugin), which refuses a hostile 10,000-element list by counting it.
 */
export function inputError(variables: Record<string, unknown>, document: DocumentNode) {
  const problem = inputProblem(variables, '$');
  const where = problem?.path ?? documentProblem(document);
  if (!where) return null;
  const deep = problem?.reason === 'depth';
  return badInput(deep
    ? `入力の入れ子が深すぎます (input nested deeper than ${MAX_INPUT_DEPTH} levels at ${where})`
    : `保存できない文字 (NUL や壊れた文字) が含まれています (input contains characters that cannot be stored at ${where})`,
  { field: where.replace(/^\$\.?/, '') || undefined, reason: deep ? 'INPUT_TOO_DEEP' : 'UNSTORABLE_TEXT' });
}
