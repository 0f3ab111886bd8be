import { Database } from '../../db/database';
import { basemapOrigin, basemapProblems, BasemapKind } from '../../domain/basemap';
import { appError } from '../../errors';
import type { Basemap as BasemapRow } from '../../generated/prisma/client';
import { AuditActor, changes, prismaQueryable, recordAudit } from '../audit/audit.service';
import { isAdmin, requireAdmin, SessionUser } from '../auth/permissions';
import { Basemap, BasemapInput, BasemapKindEnum, BasemapPatch } from './basemap.type';

/** Another server process may have changed the list: the CSP's origins are re-read at most this often. */
const ORIGINS_TTL_MS = 30_000;

const toBasemap = (r: BasemapRow): Basemap => ({
  id: String(r.id), nameJa: r.nameJa, nameEn: r.nameEn, kind: r.kind as BasemapKindEnum, url: r.url, attribution: r.attribution,
  isDefault: r.isDefault, sortOrder: r.sortOrder, enabled: r.enabled,
});

const snapshot = (r: BasemapRow) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = r;
  return rest as Record<string, unknown>;
};

function validate(b: { nameJa: string; nameEn: string; kind: BasemapKind; url: string; attribution?: string | null }): void {
  const [problem] = basemapProblems(b);
  if (problem) throw appError(problem.key, problem.params, { field: problem.field });
}

function parseId(id: string): number {
  if (!/^\d{1,9}$/.test(id)) throw appError('basemapNotFound', { id });
  return Number(id);
}

/**
 * The base maps an administrator lists (issue 11): the switcher's entries after the built-in ones and
 * the only outside origins the Content-Security-Policy allows. Written with Prisma (a plain table),
 * each change in one transaction with its audit row.
 */
export class BasemapService {
  private origins: string[] = [];
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly db: Database) {}

  async list(user: SessionUser | null): Promise<Basemap[]> {
    const rows = await this.db.prisma.basemap.findMany({
      where: isAdmin(user) ? {} : { enabled: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toBasemap);
  }

  async create(actor: AuditActor, input: BasemapInput): Promise<Basemap> {
    requireAdmin(actor.user);
    const data = {
      nameJa: input.nameJa.trim(), nameEn: input.nameEn.trim(), kind: input.kind, url: input.url.trim(),
      attribution: input.attribution?.trim() || null, isDefault: input.isDefault, sortOrder: input.sortOrder, enabled: input.enabled,
    };
    validate(data);
    const row = await this.db.prisma.$transaction(async (tx) => {
      if (data.isDefault) await tx.basemap.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
      const created = await tx.basemap.create({ data });
      await recordAudit(prismaQueryable(tx), { kind: 'basemap.create', actor, target: String(created.id), details: { after: snapshot(created) } });
      return created;
    });
    await this.refresh();
    return toBasemap(row);
  }

  async update(actor: AuditActor, id: string, patch: BasemapPatch): Promise<Basemap> {
    requireAdmin(actor.user);
    const key = parseId(id);
    const row = await this.db.prisma.$transaction(async (tx) => {
      const before = await tx.basemap.findUnique({ where: { id: key } });
      if (!before) throw appError('basemapNotFound', { id });
      const data = {
        nameJa: patch.nameJa?.trim() ?? before.nameJa, nameEn: patch.nameEn?.trim() ?? before.nameEn,
        kind: patch.kind ?? before.kind, url: patch.url?.trim() ?? before.url,
        attribution: patch.attribution === undefined ? before.attribution : patch.attribution?.trim() || null,
        isDefault: patch.isDefault ?? before.isDefault, sortOrder: patch.sortOrder ?? before.sortOrder, enabled: patch.enabled ?? before.enabled,
      };
      validate({ ...data, kind: data.kind as BasemapKind });
      if (data.isDefault && !before.isDefault) await tx.basemap.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
      const after = await tx.basemap.update({ where: { id: key }, data: { ...data, updatedAt: new Date() } });
      await recordAudit(prismaQueryable(tx), { kind: 'basemap.update', actor, target: id, details: changes(snapshot(before), snapshot(after)) });
      return after;
    });
    await this.refresh();
    return toBasemap(row);
  }

  async remove(actor: AuditActor, id: string): Promise<void> {
    requireAdmin(actor.user);
    const key = parseId(id);
    await this.db.prisma.$transaction(async (tx) => {
      const before = await tx.basemap.findUnique({ where: { id: key } });
      if (!before) throw appError('basemapNotFound', { id });
      await tx.basemap.delete({ where: { id: key } });
      await recordAudit(prismaQueryable(tx), { kind: 'basemap.delete', actor, target: id, details: { before: snapshot(before) } });
    });
    await this.refresh();
  }

  /** Re-reads the enabled base maps' origins (at start-up and after every change). */
  async refresh(): Promise<void> {
    const rows = await this.db.prisma.basemap.findMany({ where: { enabled: true }, select: { url: true } });
    this.origins = [...new Set(rows.map((r) => basemapOrigin(r.url)).filter((o): o is string => !!o))].sort();
    this.loadedAt = Date.now();
  }

  /**
   * The origins the CSP allows beyond our own, for the response being sent now: the last list read.
   * A list older than ORIGINS_TTL_MS is re-read in the background (another server process may have
   * changed it); a failure keeps the old list.
   */
  cspOrigins(): string[] {
    if (Date.now() - this.loadedAt > ORIGINS_TTL_MS && !this.loading) {
      this.loading = this.refresh().catch(() => undefined).finally(() => { this.loading = null; });
    }
    return this.origins;
  }
}
