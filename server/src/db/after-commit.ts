import type pg from 'pg';

// Work that may only happen once a transaction's writes are visible to others (live events).
const pending = new WeakMap<pg.PoolClient, Array<() => void>>();

/** Runs fn after the transaction on tx commits; never when it rolls back. */
export function afterCommit(tx: pg.PoolClient, fn: () => void): void {
  const list = pending.get(tx);
  if (list) list.push(fn);
  else pending.set(tx, [fn]);
}

/** Called by the transaction's owner after COMMIT (committed) or ROLLBACK (not). */
export function settleTransaction(tx: pg.PoolClient, committed: boolean): void {
  const list = pending.get(tx);
  pending.delete(tx);
  if (!committed || !list) return;
  for (const fn of list) {
    try { fn(); } catch { /* a listener's failure must not fail a committed write */ }
  }
}
