// What a failed save means for the session and the status line: a pure function of the error, so
// each server answer (conflict, field problems, refusal, anything else) is decided in one tested place.
import { ApiError } from '../api/client';
import type { Lang } from '../i18n';
import { serverErrorText } from '../i18n/errors';
import type { StoredVersion } from './conflict';
import type { PendingChange } from './diff';
import type { EditText } from './messages';
import type { SessionEvent } from './session';
import { serverProblems } from './validate';

export interface SaveStatus {
  state: 'idle' | 'saving' | 'saved' | 'error';
  message?: string;
}

export interface SaveFailure {
  /** What the session learns (an open conflict, the server's problems with one feature), if anything. */
  event: SessionEvent | null;
  status: SaveStatus;
}

/** The session event and status after `applyChanges(changes)` failed with `error`. */
export function saveFailure(error: unknown, changes: readonly PendingChange[], lang: Lang, text: EditText): SaveFailure {
  if (!(error instanceof ApiError)) {
    return { event: null, status: { state: 'error', message: text('saveFailed', { message: String(error) }) } };
  }
  // The batch names the failing change by index; a batch of one needs no index.
  const index = typeof error.extensions.index === 'number' ? error.extensions.index : changes.length === 1 ? 0 : -1;
  const change = changes[index];
  if (error.code === 'CONFLICT' && change && error.extensions.current) {
    return {
      event: { type: 'conflict', conflict: { key: change.key, stored: error.extensions.current as StoredVersion, message: error.message } },
      status: { state: 'idle' },
    };
  }
  if (error.code === 'BAD_USER_INPUT' && change) {
    return {
      event: { type: 'serverProblems', key: change.key, problems: serverProblems(error.message, error.extensions, lang) },
      status: { state: 'error', message: text('saveBlocked') },
    };
  }
  if (error.code === 'FORBIDDEN') {
    return { event: null, status: { state: 'error', message: text('forbidden', { message: serverErrorText(lang, error.message, error.extensions) }) } };
  }
  return { event: null, status: { state: 'error', message: text('saveFailed', { message: error.message }) } };
}
