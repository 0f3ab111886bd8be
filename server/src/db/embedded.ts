import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Extension } from '@electric-sql/pglite';

// The contrib entry's types are declared for ESM only; its CommonJS build loads fine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { btree_gist } = require('@electric-sql/pglite/contrib/btree_gist') as { btree_gist: Extension };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

export interface EmbeddedServer {
  connection: { host: string; port: number; user: string; database: string };
  firstStart: boolean;
  /** A consistent copy of the running database (gzipped tar of its data directory). */
  dumpDataDir(): Promise<Blob>;
  close(): Promise<void>;
}

/** PGlite with the extensions Chizu's migrations use; loadDataDir fills a new data directory from a dump. */
export function createPGlite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<PGlite> {
  return PGlite.create({ ...options, extensions: { postgis, btree_gist, pg_trgm } });
}

/** Starts PGlite (PostGIS 3.6 in WebAssembly) and serves it on a loopback port for pg. */
export async function openEmbedded(dataDir: string | undefined, log: (m: string) => void = () => undefined, loadDataDir?: Blob): Promise<EmbeddedServer> {
  const firstStart = !loadDataDir && (!dataDir || !fs.existsSync(path.join(dataDir, 'PG_VERSION')));
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  log(firstStart
    ? `Creating the embedded PostGIS database${dataDir ? ` in ${dataDir}` : ' in memory'} (first start unpacks PostGIS; this takes a few seconds)…`
    : `Opening the embedded PostGIS database in ${dataDir}…`);
  const db = await createPGlite({ dataDir, loadDataDir });
  // The pool uses one connection at a time, but pg closes a client after an error and opens a new one
  // before the old socket is gone: allow that overlap instead of refusing the new connection.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  return {
    connection: { host: '127.0.0.1', port: address.port, user: 'postgres', database: 'postgres' },
    firstStart,
    async dumpDataDir() {
      // The checkpoint writes out every committed page, so the copy opens without replaying WAL; the tar
      // itself is read from PGlite's file system in one synchronous step, between two statements.
      await db.exec('CHECKPOINT');
      return db.dumpDataDir('gzip');
    },
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
