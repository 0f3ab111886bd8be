import '../../runtime';
import 'reflect-metadata';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Config } from '../../config';
import { DatabaseConnection, openDatabase } from '../../db/database';
import { AppError, appError, ErrorCode } from '../../errors';
import type { AuditActor } from '../audit/audit.service';
import type { SessionUser } from '../auth/permissions';
import type { LiveEvent } from '../live/event.bus';
import type { ImportOptions, ImportPreview, ImportProgress, ImportSummary } from './import.service';

/**
 * The server's imports read their files (preview, dry run, commit) and undo in a worker thread whose old generation is capped
 * (IMPORT_HEAP_MB). An import holds one chunk of rows at a time, but V8 collects the old generation
 * lazily: in the server's own heap the dead chunks would pile up and the server's peak memory grow
 * with the file. The worker has its own connection (the embedded database is reached on its
 * loopback socket, whose transactions do not interleave) and its own services; what they announce
 * (progress, live edits) is posted back. An import that needs more than the cap is stopped
 * (its transaction rolled back) with a coded error; the server itself is not touched.
 *
 * Only the build runs it (dist/…/import.worker.js): from the TypeScript sources (the tests, through
 * SWC) a worker thread cannot load this file, and imports run in the server's thread.
 */
export const importWorkerAvailable = __filename.endsWith('.js');

/**
 * Starts `filename` in a worker thread whose old generation is capped at `heapMb` (IMPORT_HEAP_MB),
 * for the server's imports and for `npm run import`. `onError` gets what stopped it: running out of
 * that memory is the coded `importOutOfMemory`.
 */
export function cappedImportWorker(filename: string, data: unknown, heapMb: number, onError: (err: Error) => void): Worker {
  const worker = new Worker(filename, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  worker.on('error', (err: NodeJS.ErrnoException) => onError(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? appError('importOutOfMemory', { mb: heapMb }) : err));
  return worker;
}

/** What each operation the worker runs answers. */
interface Answers { preview: ImportPreview; dryRun: ImportSummary; commit: ImportSummary; undo: number }
type Operation = keyof Answers;

interface RunMessage { type: 'run'; call: number; op: Operation; user: SessionUser | null; jobId: string; options: ImportOptions; actor?: AuditActor }
type ToWorker = RunMessage | { type: 'cancel'; jobId: string };
type FromWorker =
  | { type: 'progress'; jobId: string; progress: ImportProgress }
  | { type: 'live'; events: Omit<LiveEvent, 'seq'>[] }
  | { type: 'done'; call: number; ok: true; value: unknown }
  | { type: 'done'; call: number; ok: false; error: { message: string; extensions: Record<string, unknown> } | string };

export interface ImportWorkerHooks {
  progress(jobId: string, progress: ImportProgress): void;
  /** Live edit events of a commit or undo, published on the server's own bus. */
  live(events: Omit<LiveEvent, 'seq'>[]): void;
  /** An operation ended: the server's caches (layer catalogue, data versions) reload. */
  settled(): void;
  /** The worker stopped (e.g. out of memory) while it ran this job's operation, which posted no end of its own. */
  stopped(jobId: string): void;
}

/** The server's side: one worker, started on the first import and again after one ran out of memory. */
export class ImportWorker {
  private worker?: Worker;
  private readonly calls = new Map<number, { jobId: string; resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  private nextCall = 0;

  constructor(private readonly config: Config, private readonly connection: DatabaseConnection, private readonly hooks: ImportWorkerHooks) {}

  run<K extends Operation>(op: K, user: SessionUser | null, jobId: string, options: ImportOptions, actor?: AuditActor): Promise<Answers[K]> {
    const call = this.nextCall++;
    return new Promise<Answers[K]>((resolve, reject) => {
      this.calls.set(call, { jobId, resolve: resolve as (value: unknown) => void, reject });
      this.post({ type: 'run', call, op, user, jobId, options, actor });
    }).finally(() => this.hooks.settled());
  }

  cancel(jobId: string): void {
    this.worker?.postMessage({ type: 'cancel', jobId } satisfies ToWorker);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private post(message: ToWorker): void {
    this.started().postMessage(message);
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = cappedImportWorker(__filename, { importWorker: { config: this.config, connection: this.connection } },
      this.config.importHeapMb, (error) => this.failAll(error));
    worker.unref(); // an idle worker does not keep the server's process alive
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') this.hooks.progress(m.jobId, m.progress);
      else if (m.type === 'live') this.hooks.live(m.events);
      else this.settle(m);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('the import worker stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private settle(m: Extract<FromWorker, { type: 'done' }>): void {
    const call = this.calls.get(m.call);
    if (!call) return;
    this.calls.delete(m.call);
    if (m.ok) call.resolve(m.value);
    else if (typeof m.error === 'object') call.reject(new AppError(m.error.extensions.code as ErrorCode, m.error.message, m.error.extensions));
    else call.reject(new Error(m.error));
  }

  private failAll(error: Error): void {
    for (const call of this.calls.values()) {
      this.hooks.stopped(call.jobId);
      call.reject(error);
    }
    this.calls.clear();
  }
}

/** The worker's side: its own database connection and services, one operation after another as posted. */
async function serveImports(config: Config, connection: DatabaseConnection): Promise<void> {
  // Required here, not imported above: the services import this module (a cycle at load time).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createServices } = require('../../context') as typeof import('../../context');
  const db = await openDatabase({ ...connection, statementTimeoutMs: config.abuse.statementTimeoutMs });
  const services = createServices(db, config);
  const port = parentPort!;
  const send = (m: FromWorker) => port.postMessage(m);
  services.events.subscribe((event) => { const { seq: _, ...e } = event; send({ type: 'live', events: [e] }); });
  // Progress as it moves (the service updates its object in place), every 200 ms and at the end.
  const timer = setInterval(() => {
    for (const [jobId, progress] of services.imports.running()) send({ type: 'progress', jobId, progress: { ...progress } });
  }, 200);
  timer.unref();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'cancel') { services.imports.stop(m.jobId); return; }
    const { imports } = services;
    const done: Promise<unknown> = m.op === 'preview' ? imports.preview(m.user, m.jobId, m.options)
      : m.op === 'dryRun' ? imports.dryRun(m.user, m.jobId, m.options)
        : m.op === 'commit' ? imports.commit(m.user, m.jobId, m.options, m.actor)
          : imports.undo(m.user, m.jobId);
    done.finally(() => {
      const progress = imports.progressOf(m.jobId);
      if (progress) send({ type: 'progress', jobId: m.jobId, progress: { ...progress } });
    }).then((value) => send({ type: 'done', call: m.call, ok: true, value }), (err: unknown) => send({
      type: 'done', call: m.call, ok: false,
      error: err instanceof AppError ? { message: err.message, extensions: err.extensions as Record<string, unknown> } : String((err as Error)?.stack ?? err),
    }));
  });
}

if (!isMainThread && (workerData as { importWorker?: unknown })?.importWorker) {
  const { config, connection } = (workerData as { importWorker: { config: Config; connection: DatabaseConnection } }).importWorker;
  serveImports(config, connection).catch((err) => { console.error(err); process.exit(1); });
}
