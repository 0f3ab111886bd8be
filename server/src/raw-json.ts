import { randomBytes } from 'node:crypto';

/**
 * JSON text that PostgreSQL already wrote (a feature's GeoJSON, its attributes), put into the
 * GraphQL response as it is. A viewport holds thousands of features: parsing their JSON in the
 * server only to stringify it again was a large part of a viewport query's time.
 */
export class RawJSON {
  constructor(readonly text: string) {}

  /** Outside stringifyResponse (a log line, a test), the value itself. */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

// A placeholder is a string: NUL (written \u0000 in JSON), a random tag and an index. PostgreSQL
// text cannot hold NUL and the tag is unknown outside this process, so no value can look like one.
const TAG = randomBytes(9).toString('base64url');
const PLACEHOLDER = `\u0000${TAG}:`;
const PLACEHOLDER_IN_JSON = `"\\u0000${TAG}:`;

/** Replaces every RawJSON in the tree by a placeholder and collects their texts in order. */
function swapOut(value: object, texts: string[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v === null || typeof v !== 'object') continue;
      if (v instanceof RawJSON) value[i] = PLACEHOLDER + (texts.push(v.text) - 1);
      else swapOut(v, texts);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (v === null || typeof v !== 'object') continue;
    if (v instanceof RawJSON) record[key] = PLACEHOLDER + (texts.push(v.text) - 1);
    else swapOut(v, texts);
  }
}

/**
 * JSON.stringify for GraphQL responses (Apollo's stringifyResult) that splices RawJSON texts in.
 * The native stringify of short placeholders plus one pass of splicing is faster than letting
 * JSON.stringify call toJSON thousands of times.
 */
export function stringifyResponse(value: object): string {
  const texts: string[] = [];
  swapOut(value, texts);
  const json = JSON.stringify(value);
  if (texts.length === 0) return json;
  const parts = json.split(PLACEHOLDER_IN_JSON);
  let out = parts[0];
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    const end = part.indexOf('"');
    out += texts[Number(part.slice(0, end))] + part.slice(end + 1);
  }
  return out;
}
