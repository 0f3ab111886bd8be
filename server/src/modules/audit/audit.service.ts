import { Config } from '../../config';
import { Database, Queryable } from '../../db/database';
import { appError } from '../../errors';
import { csvPreamble, csvText } from '../../domain/csv';
import { requireAdmin, SessionUser } from '../auth/permissions';
import { allowAuditPurgeSql, auditBatchSql, auditCountSql, auditPageSql, insertAuditRowsSql, insertAuditSql, layerSnapshotSql, purgeAuditSql } from './audit.sql';
import type { AuditEntry, AuditFilter, AuditPage } from './audit.type';


/** Who acted and from where: the request's user (null before login) and client address. */
export interface AuditActor {
  user: SessionUser | null;
  address: string;
}

export interface AuditRecord {
  kind: string;
  /** Who: the actor; for a failed login the name typed is `username` with no user. */
  actor: AuditActor;
  username?: string;
  target?: string | null;
  layerKey?: string | null;
  rowCount?: number | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one audit row. Pass the transaction of the change it records (so both commit or neither),
 * or the pool when there is none (logins, downloads).
 */
export async function recordAudit(q: Queryable, r: AuditRecord): Promise<void> {
  await q.query(insertAuditSql, auditValues(r));
}

/** A record as the row's values, in insertAuditSql's order (insertAuditRowsSql's after `at`). */
function auditValues(r: AuditRecord): unknown[] {
  return [r.kind, r.actor.user?.id ?? null, r.username ?? r.actor.user?.username ?? null, r.actor.address || null,
    r.target ?? null, r.layerKey ?? null, r.rowCount ?? null, JSON.stringify(r.details ?? {})];
}

/**
 * Audit rows of an event that comes in floods (each use of an access token: a desktop GIS drawing a map
 * sends hundreds of requests) wait here and are written together, one INSERT at most `intervalMs` after
 * the first of them, each with its own time: every use is in the log without a write per request. A crash
 * loses at most that interval's rows. `flush()` writes what waits (at shutdown; tests before they read).
 */
export class AuditBuffer {
  private pending: Array<{ at: Date; record: AuditRecord }> = [];
  private timer: NodeJS.Timeout | null = null;
  private written: Promise<void> = Promise.resolve();

  constructor(private readonly q: Queryable, private readonly log: (message: string) => void,
    private readonly intervalMs = 1000, private readonly maxRows = 1000) {}

  record(record: AuditRecord): void {
    this.pending.push({ at: new Date(), record });
    if (this.pending.length >= this.maxRows) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.intervalMs).unref();
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.pending;
    this.pending = [];
    if (rows.length) {
      this.written = this.written.then(() => this.write(rows)).catch((err: Error) => this.log(`internal error: ${rows.length} audit rows not written: ${err.message}`));
    }
    return this.written;
  }

  private async write(rows: Array<{ at: Date; record: AuditRecord }>): Promise<void> {
    const values = rows.map(({ record }) => auditValues(record));
    // One array per column (unnest), from the rows' values.
    await this.q.query(insertAuditRowsSql, [rows.map((r) => r.at), ...values[0].map((_, i) => values.map((v) => v[i]))]);
  }
}

/** A Prisma interactive transaction as a Queryable, so that the audit row commits with the change. */
export function prismaQueryable(tx: { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> }): Queryable {
  return { query: async (sql: string, values: unknown[] = []) => ({ rows: [], rowCount: await tx.$executeRawUnsafe(sql, ...values) }) } as unknown as Queryable;
}

/** A layer's stored definition, for before/after in the audit log. */
export async function layerSnapshot(q: Queryable, layerId: number): Promise<Record<string, unknown>> {
  return (await q.query(layerSnapshotSql, [layerId])).rows[0] ?? {};
}

/** Only what changed: { before, after } of the keys whose values differ. */
export function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])), after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])) };
}

/** Restricted (personal data) fields read in one request, per layer: what the audit log records once per request. */
export interface RestrictedRead {
  layerKey: string;
  fields: string[];
  features: number;
}

/**
 * One audit row per request for the personal data it read: the restricted fields and how many
 * features of each layer went out (kind read.restricted). Nothing is written when none were read.
 */
export async function auditRestrictedReads(q: Queryable,
  ctx: { user: SessionUser | null; req?: { ip?: string }; layers: { restrictedReadsOf(): Promise<RestrictedRead[]> } },
  via: 'graphql' | 'ogc', operation?: string | null): Promise<void> {
  const layers = await ctx.layers.restrictedReadsOf();
  if (!layers.length) return;
  await recordAudit(q, { kind: 'read.restricted', actor: actorOf(ctx), layerKey: layers.length === 1 ? layers[0].layerKey : null,
    rowCount: layers.reduce((n, l) => n + l.features, 0), details: { via, ...(operation ? { operation } : {}), layers } });
}

/** The actor of a request: its user and client address (Express's req.ip, which honours TRUST_PROXY). */
export function actorOf(ctx: { user: SessionUser | null; req?: { ip?: string } }): AuditActor {
  return { user: ctx.user, address: ctx.req?.ip ?? '' };
}

const PAGE_DEFAULT = 100;
const PAGE_MAX = 1000;
const CSV_BATCH = 5000;
const CSV_HEADER = ['日時 (at)', '種別 (kind)', 'ユーザー (user)', 'アドレス (address)', '対象 (target)', 'レイヤー (layer)', '件数 (rows)', '詳細 (details)'];

interface AuditRow {
  id: string; at: Date; kind: string; username: string | null; client_address: string | null;
  target: string | null; layer_key: string | null; row_count: number | null; details: Record<string, unknown>;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id, at: r.at, kind: r.kind, username: r.username, clientAddress: r.client_address, target: r.target,
  layerKey: r.layer_key, rowCount: r.row_count, details: r.details,
});

function filterValues(filter: AuditFilter | undefined | null): unknown[] {
  const f = filter ?? {};
  if (f.from && f.until && f.from >= f.until) throw appError('fromAfterUntil', {}, { field: 'from' });
  return [f.username?.trim() || null, f.kind?.trim() || null, f.from ?? null, f.until ?? null];
}

/** Reading the audit log (administrators): pages, the CSV export and the retention purge. */
export class AuditService {
  constructor(private readonly db: Database, private readonly config: Config) {}

  async page(user: SessionUser | null, filter: AuditFilter | undefined | null, first?: number | null, before?: string | null): Promise<AuditPage> {
    requireAdmin(user);
    const limit = first ?? PAGE_DEFAULT;
    if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX) throw appError('pageSize', { field: 'first', min: 1, max: PAGE_MAX }, { field: 'first' });
    if (before != null && !/^\d{1,18}$/.test(before)) throw appError('notAuditId', { value: before }, { field: 'before' });
    const values = filterValues(filter);
    const { rows } = await this.db.pool.query<AuditRow>(auditPageSql, [...values, before ?? null, limit + 1]);
    const count = await this.db.pool.query(auditCountSql, values);
    const more = rows.length > limit;
    const entries = rows.slice(0, limit).map(toEntry);
    return { entries, totalCount: count.rows[0].n, nextBefore: more ? entries[entries.length - 1].id : null };
  }

  /**
   * The filtered log as formula-safe CSV (UTF-8 with BOM), oldest first, written in batches so a
   * five-year log never sits in memory. The export is itself logged.
   */
  async writeCsv(actor: AuditActor, filter: AuditFilter, write: (chunk: Buffer | string) => void): Promise<number> {
    requireAdmin(actor.user);
    const values = filterValues(filter);
    await recordAudit(this.db.pool, { kind: 'audit.export', actor, details: { filter: { ...filter } } });
    write(csvPreamble('utf8'));
    write(csvText([CSV_HEADER]));
    let after = '0';
    let n = 0;
    for (;;) {
      const { rows } = await this.db.pool.query<AuditRow>(auditBatchSql, [...values, after, CSV_BATCH]);
      if (!rows.length) return n;
      write(csvText(rows.map((r) => [r.at.toISOString(), r.kind, r.username, r.client_address, r.target, r.layer_key, r.row_count,
        Object.keys(r.details).length ? r.details : null])));
      n += rows.length;
      after = rows[rows.length - 1].id;
    }
  }

  /** Deletes entries older than the retention period (AUDIT_RETENTION_YEARS); the purge is logged in the same transaction. */
  async purge(actor: AuditActor, now = new Date()): Promise<number> {
    requireAdmin(actor.user);
    const cutoff = new Date(now);
    cutoff.setFullYear(cutoff.getFullYear() - this.config.auditRetentionYears);
    return this.db.transaction(async (tx) => {
      await tx.query(allowAuditPurgeSql);
      const removed = (await tx.query(purgeAuditSql, [cutoff])).rowCount ?? 0;
      await recordAudit(tx, { kind: 'audit.purge', actor, rowCount: removed,
        details: { before: cutoff.toISOString(), retentionYears: this.config.auditRetentionYears } });
      return removed;
    });
  }
}
