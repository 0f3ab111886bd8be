// The server's errors in the user's language: a catalogued error (extensions.reason, params) is
// shown from the server's own catalogue (server/src/domain/errors.ts), which holds both languages;
// an error without a catalogued reason keeps the server's message.
import { errorText, isErrorKey, type ErrorParams } from '../../../server/src/domain/errors';

export function serverErrorText(lang: 'ja' | 'en', message: string, extensions: Record<string, unknown> = {}): string {
  if (!isErrorKey(extensions.reason)) return message;
  const params = typeof extensions.params === 'object' && extensions.params !== null ? (extensions.params as ErrorParams) : {};
  return errorText(extensions.reason, lang, params);
}
