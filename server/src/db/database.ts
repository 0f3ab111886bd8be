import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { openEmbedded, EmbeddedServer } from './embedded';
import { settleTransaction } from './after-commit';
import { ChangeFeed } from './change-feed';

/** Anything that runs SQL with bound parameters: the pool or a client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface Database {
  kind: 'postgis' | 'pglite';
  pool: pg.Pool;
  prisma: PrismaClient;
  /** Embedded only: a consistent copy of the running database (see backup/). */
  dumpDataDir?: () => Promise<Blob>;
  /** Runs fn in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: pg.PoolClient) => Promise<T>): Promise<T>;
  /** Versions of what the in-memory caches hold (layer catalogue, sessions); writers bump them. */
  changes: ChangeFeed;
  /** How another thread reaches this same database (the import worker); none for one bound to a transaction. */
  connection?: DatabaseConnection;
  close(): Promise<void>;
}

/** PostgreSQL by URL, or the embedded database another thread runs, on its loopback socket. */
export type DatabaseConnection = { databaseUrl: string } | { embeddedSocket: EmbeddedServer['connection'] };

// bigint ids (int8) come back as strings, which is what GraphQL IDs want; counts are cast to int in SQL.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface OpenOptions {
  databaseUrl?: string;
  /** The embedded database of another thread (the server's), instead of starting one. */
  embeddedSocket?: EmbeddedServer['connection'];
  /** Embedded database directory; undefined = in memory (tests). */
  dataDir?: string;
  log?: (message: string) => void;
  /** Embedded only: start from a dump of another embedded database (dumpDataDir) instead of an empty one. */
  loadDataDir?: Blob;
  /** PostgreSQL only: statement_timeout of every connection (0 = none). PGlite in WebAssembly ignores it. */
  statementTimeoutMs?: number;
  /**
   * Work that waits longer than this for a connection leaves the pool's queue without running and
   * fails with `databaseBusy` (security/timeout.ts); 0 = wait for ever. On the embedded database,
   * whose one connection cannot interrupt a running statement, this is the request deadline.
   */
  queueTimeoutMs?: number;
}

/**
 * Opens the database. With a URL: real PostgreSQL/PostGIS through a pg pool.
 * Without: PGlite with PostGIS, exposed on a loopback socket so that pg, Prisma and
 * every query run the same code path on both backends.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let embeddedSocket: EmbeddedServer['connection'] | undefined;
  let pool: pg.Pool;
  if (options.databaseUrl) {
    // A runaway query ends on the server, not only in the client that gave up; JIT compiling the
    // big GeoJSON queries costs more than it saves.
    pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, options: `-c statement_timeout=${options.statementTimeoutMs ?? 0} -c jit=off`,
      connectionTimeoutMillis: options.queueTimeoutMs ?? 0 });
  } else {
    if (!options.embeddedSocket) embedded = await openEmbedded(options.dataDir, options.log, options.loadDataDir);
    embeddedSocket = options.embeddedSocket ?? embedded!.connection;
    // PGlite is a single session: one connection keeps transactions from interleaving (the socket
    // server runs another connection's statements only between this one's transactions).
    pool = new pg.Pool({ ...embeddedSocket, max: 1, connectionTimeoutMillis: options.queueTimeoutMs ?? 0 });
  }
  pool.on('error', (err) => options.log?.(`database pool error: ${err.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Changes to the cached catalogue and sessions, from this or another process (change-feed.ts).
  const changes = new ChangeFeed();
  if (options.databaseUrl) await changes.listen({ connectionString: options.databaseUrl }, options.log);
  else await changes.follow(pool);

  return {
    kind: options.databaseUrl ? 'postgis' : 'pglite',
    pool,
    connection: options.databaseUrl ? { databaseUrl: options.databaseUrl } : { embeddedSocket: embeddedSocket! },
    prisma,
    dumpDataDir: embedded?.dumpDataDir,
    changes,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        settleTransaction(client, true);
        return result;
      } catch (err) {
        settleTransaction(client, false);
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await changes.close();
      await prisma.$disconnect().catch(() => undefined);
      if (!pool.ending) await pool.end(); // Prisma's adapter may have ended it already
      await embedded?.close();
    },
  };
}
