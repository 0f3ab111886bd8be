/**
 * Opaque pagination cursors. Default order pages by id (keyset, stable under inserts);
 * attribute-sorted pages carry an offset.
 */
export type Cursor = { id: string } | { offset: number };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Ids are PostgreSQL bigints; offsets beyond this are no page anyone reaches by paging. */
const MAX_ID = 9223372036854775807n;
export const MAX_OFFSET = 100_000_000;

export function decodeCursor(value: string): Cursor | null {
  if (value.length > 200) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (parsed && typeof parsed.id === 'string' && /^\d{1,19}$/.test(parsed.id) && BigInt(parsed.id) <= MAX_ID) return { id: parsed.id };
    if (parsed && Number.isInteger(parsed.offset) && parsed.offset >= 0 && parsed.offset <= MAX_OFFSET) return { offset: parsed.offset };
  } catch { /* fall through */ }
  return null;
}
