import { DocumentNode, visit, BREAK } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { isStorableText } from '../domain/fields';
import { badInput } from '../errors';

/** Deepest nesting of objects and arrays in variables (a MultiPolygon in a batch is about 8). */
export const MAX_INPUT_DEPTH = 32;

/** Where in the variables a value breaks the rules, and which rule; null when all is well. */
export function inputProblem(value: unknown, path = '$'): { path: string; reason: 'depth' | 'characters' } | null {
  // Iterative, so that a hostile 5,000-deep value cannot exhaust the stack.
  const stack: Array<[unknown, string, number]> = [[value, path, 0]];
  while (stack.length) {
    const [v, at, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return { path: at, reason: 'characters' };
    } else if (v && typeof v === 'object') {
      if (depth >= MAX_INPUT_DEPTH) return { path: at, reason: 'depth' };
      for (const [k, child] of Object.entries(v)) {
        if (!isStorableText(k)) return { path: at, reason: 'characters' };
        stack.push([child, Array.isArray(v) ? `${at}[${k}]` : `${at}.${k}`, depth + 1]);
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
 * deeper than MAX_INPUT_DEPTH: refused with BAD_USER_INPUT before any resolver runs.
 */
export function inputGuardPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const problem = inputProblem(request.variables ?? {}, '$');
          const where = problem?.path ?? documentProblem(document);
          if (!where) return;
          const deep = problem?.reason === 'depth';
          throw badInput(deep
            ? `入力の入れ子が深すぎます (input nested deeper than ${MAX_INPUT_DEPTH} levels at ${where})`
            : `保存できない文字 (NUL や壊れた文字) が含まれています (input contains characters that cannot be stored at ${where})`,
          { field: where.replace(/^\$\.?/, '') || undefined, reason: deep ? 'INPUT_TOO_DEEP' : 'UNSTORABLE_TEXT' });
        },
      };
    },
  };
}
