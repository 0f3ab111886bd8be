import { badInput } from '../errors';

/** PostgreSQL's query_canceled: statement_timeout ended the query. */
const QUERY_CANCELED = '57014';

/** A statement that ran out of time becomes a coded error the user can act on, not a 500. */
export function statementTimeoutError(err: unknown) {
  if ((err as { code?: unknown })?.code !== QUERY_CANCELED) return null;
  return badInput('処理に時間がかかりすぎたため中止しました。範囲や条件を絞ってください (the query took too long; narrow it down)', { reason: 'STATEMENT_TIMEOUT' });
}
