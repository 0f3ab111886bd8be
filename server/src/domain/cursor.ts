/**
 * Opaque pagination cursors. Default order pages by id (keyset, stable under inserts);
 * attribute-sorted pages carry an offset.
 */
export type Cursor = { id: string } | { offset: number };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string): Cursor | null {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (parsed && typeof parsed.id === 'string' && /^\d{1,19}$/.test(parsed.id)) return { id: parsed.id };
    if (parsed && Number.isInteger(parsed.offset) && parsed.offset >= 0) return { offset: parsed.offset };
  } catch { /* fall through */ }
  return null;
}
