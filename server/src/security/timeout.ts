import { appError, badInput } from '../errors';

/** PostgreSQL's query_canceled: statement_timeout ended the query. */
const QUERY_CANCELED = '57014';

/** A statement that ran out of time becomes a coded error the user can act on, not a 500. */
export function statementTimeoutError(err: unknown) {
  if ((err as { code?: unknown })?.code !== QUERY_CANCELED) return null;
  return badInput('処理に時間がかかりすぎたため中止しました。範囲や条件を絞ってください (the query took too long; narrow it down)', { reason: 'STATEMENT_TIMEOUT' });
}

/** pg-pool's answer to a waiter that did not get a connection within connectionTimeoutMillis (DATABASE_QUEUE_TIMEOUT_MS). */
const QUEUE_TIMEOUT = 'timeout exceeded when trying to connect';

/**
 * Work dropped from the database queue unrun becomes `databaseBusy` (TOO_MANY_REQUESTS, Retry-After),
 * not a 500. Prisma wraps driver errors, so the cause chain is searched.
 */
export function databaseBusyError(err: unknown, queueTimeoutMs: number) {
  for (let e = err as { message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.message === QUEUE_TIMEOUT) return appError('databaseBusy', { seconds: Math.round(queueTimeoutMs / 100) / 10 }, { retryAfter: 2 });
  }
  return null;
}

/** A database limit (statement timeout, queue timeout) as the coded error the caller sees, or null. */
export function databaseLimitError(err: unknown, queueTimeoutMs: number) {
  return statementTimeoutError(err) ?? databaseBusyError(err, queueTimeoutMs);
}
