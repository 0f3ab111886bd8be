/**
 * Tiny helpers for building parameterised SQL. Values always travel as $n parameters;
 * identifiers are fixed in the *.sql.ts files or escaped with ident().
 */
export class Params {
  readonly values: unknown[] = [];
  /** Adds a value and returns its placeholder, e.g. `$3`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Quotes an SQL identifier (for the rare dynamic one). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Escapes LIKE wildcards so user text matches literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
