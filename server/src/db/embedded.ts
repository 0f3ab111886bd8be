import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Extension } from '@electric-sql/pglite';
import { Worker } from 'node:worker_threads';

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

/**
 * The database thread: PGlite and its socket server. PGlite runs queries synchronously in WebAssembly,
 * so on the server's own thread a heavy read would stop every other request (even one answered from
 * memory) until it ends. In a worker thread only the database waits; the server keeps answering.
 * Plain CommonJS run with `eval` (the packages resolved by the caller), so it needs no build step.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const m = workerData.modules;
(async () => {
  const { PGlite } = require(m.pglite);
  const { postgis } = require(m.postgis);
  const { btree_gist } = require(m.btreeGist);
  const { pg_trgm } = require(m.pgTrgm);
  const { PGLiteSocketServer } = require(m.socket);
  const loadDataDir = workerData.load ? new Blob([workerData.load]) : undefined;
  const db = await PGlite.create({ dataDir: workerData.dataDir, loadDataDir, extensions: { postgis, btree_gist, pg_trgm } });
  // The pool uses one connection at a time, but pg closes a client after an error and opens a new one
  // before the old socket is gone: allow that overlap instead of refusing the new connection.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  parentPort.on('message', async (msg) => {
    try {
      if (msg.type === 'dump') {
        // The checkpoint writes out every committed page, so the copy opens without replaying WAL.
        await db.exec('CHECKPOINT');
        const buffer = await (await db.dumpDataDir('gzip')).arrayBuffer();
        parentPort.postMessage({ id: msg.id, ok: true, value: buffer }, [buffer]);
      } else if (msg.type === 'close') {
        await server.stop();
        await db.close();
        parentPort.postMessage({ id: msg.id, ok: true });
      }
    } catch (err) {
      parentPort.postMessage({ id: msg.id, ok: false, error: String((err && err.stack) || err) });
    }
  });
  parentPort.postMessage({ type: 'ready', port: server.server.address().port });
})().catch((err) => parentPort.postMessage({ type: 'failed', error: String((err && err.stack) || err) }));
`;

/** Starts PGlite (PostGIS 3.6 in WebAssembly) in a worker thread and serves it on a loopback port for pg. */
export async function openEmbedded(dataDir: string | undefined, log: (m: string) => void = () => undefined, loadDataDir?: Blob): Promise<EmbeddedServer> {
  const firstStart = !loadDataDir && (!dataDir || !fs.existsSync(path.join(dataDir, 'PG_VERSION')));
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  log(firstStart
    ? `Creating the embedded PostGIS database${dataDir ? ` in ${dataDir}` : ' in memory'} (first start unpacks PostGIS; this takes a few seconds)…`
    : `Opening the embedded PostGIS database in ${dataDir}…`);
  const modules = {
    pglite: require.resolve('@electric-sql/pglite'), postgis: require.resolve('@electric-sql/pglite-postgis'),
    btreeGist: require.resolve('@electric-sql/pglite/contrib/btree_gist'), pgTrgm: require.resolve('@electric-sql/pglite/contrib/pg_trgm'),
    socket: require.resolve('@electric-sql/pglite-socket'),
  };
  const load = loadDataDir ? await loadDataDir.arrayBuffer() : undefined;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { dataDir, load, modules }, transferList: load ? [load] : [] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { type: string; port?: number; error?: string }) => {
      worker.off('error', reject);
      if (m.type === 'ready') resolve(m.port!); else reject(new Error(`the embedded database did not start: ${m.error}`));
    });
  });
  worker.on('message', (m: { id?: number; ok?: boolean; value?: unknown; error?: string }) => {
    const call = m.id === undefined ? undefined : pending.get(m.id);
    if (!call) return;
    pending.delete(m.id!);
    if (m.ok) call.resolve(m.value); else call.reject(new Error(m.error));
  });
  worker.on('error', (err) => {
    log(`embedded database thread failed: ${err.message}`);
    for (const call of pending.values()) call.reject(err);
    pending.clear();
  });
  const ask = (type: 'dump' | 'close') => new Promise<unknown>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ type, id });
  });
  return {
    connection: { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' },
    firstStart,
    async dumpDataDir() {
      return new Blob([(await ask('dump')) as ArrayBuffer]);
    },
    async close() {
      await ask('close').catch(() => undefined);
      await worker.terminate();
    },
  };
}
