import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { Database } from './database';

/**
 * Runs fn with a Database whose every statement — pool queries, Prisma, nested transactions —
 * goes through one connection inside one transaction: all of fn is written, or nothing.
 * Code written against Database (the demo seed) runs unchanged; its own transactions
 * (BEGIN/COMMIT, also Prisma's) become savepoints.
 */
export async function inOneTransaction<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (client) => {
      const bound = boundTo(db, client);
      try {
        return await fn(bound);
      } finally {
        await bound.prisma.$disconnect().catch(() => undefined);
      }
    });
  } finally {
    // The bound writers' after-commit hooks never run (their commits are savepoints): drop every cache.
    db.changes.bump();
  }
}

function boundTo({ kind, changes }: Database, client: pg.PoolClient): Database {
  let depth = 0;
  // A nested BEGIN/COMMIT/ROLLBACK must not end the outer transaction: map it to a savepoint.
  const nested = (text: string): string | null => {
    switch (text.trim().toUpperCase()) {
      case 'BEGIN': return `SAVEPOINT nested_${++depth}`;
      case 'COMMIT': return `RELEASE SAVEPOINT nested_${depth--}`;
      case 'ROLLBACK': return `ROLLBACK TO SAVEPOINT nested_${depth--}`;
      default: return null;
    }
  };
  const query = ((q: string | pg.QueryConfig, values?: unknown[]) => {
    const replaced = nested(typeof q === 'string' ? q : q.text);
    if (replaced) return client.query(replaced);
    return client.query(q as never, values as never);
  }) as pg.PoolClient['query'];
  const connection = {
    query, release: () => undefined,
    on: (e: string, l: (...a: unknown[]) => void) => { client.on(e as never, l as never); return connection; },
    removeListener: (e: string, l: (...a: unknown[]) => void) => { client.removeListener(e as never, l as never); return connection; },
  } as unknown as pg.PoolClient;
  // Prisma's adapter only takes a pg.Pool: a pool-shaped object over the one connection.
  const pool = Object.assign(Object.create(pg.Pool.prototype) as pg.Pool, {
    options: {}, query, connect: async () => connection, on: () => pool, removeListener: () => pool, end: async () => undefined,
  });
  return {
    kind, pool, changes,
    prisma: new PrismaClient({ adapter: new PrismaPg(pool) }),
    async transaction(fn) {
      await query('BEGIN');
      try {
        const result = await fn(connection);
        await query('COMMIT');
        return result;
      } catch (err) {
        await query('ROLLBACK');
        throw err;
      }
    },
    async close() { /* the caller's transaction owns the connection */ },
  };
}
