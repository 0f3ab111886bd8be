// The security settings an administrator edits in the web (issue 14): how many earlier passwords may
// not be reused, after how many days a password expires, how long a login session lasts. One row
// (migration 0017); the session lifetime falls back to SESSION_TTL_HOURS when unset.
import { Config } from '../../config';
import { Database } from '../../db/database';
import { appError } from '../../errors';
import { requireAdmin, SessionUser } from '../auth/permissions';
import { AuditActor, changes, prismaQueryable, recordAudit } from '../audit/audit.service';

export interface SecuritySettingsValues {
  /** A new password may not be one of the last N (0 = only "not the current one"). */
  passwordHistoryCount: number;
  /** After this many days the user must set a new password at the next login; 0 = never. */
  passwordMaxAgeDays: number;
  /** Hours a login session lasts. */
  sessionLifetimeHours: number;
}

/** The accepted range of each setting (the migration's CHECKs say the same). */
export const SECURITY_SETTING_RANGES: Record<keyof SecuritySettingsValues, { min: number; max: number; label: string }> = {
  passwordHistoryCount: { min: 0, max: 24, label: '再使用を禁止する過去のパスワード数' },
  passwordMaxAgeDays: { min: 0, max: 3650, label: 'パスワードの有効期限(日)' },
  sessionLifetimeHours: { min: 1, max: 720, label: 'セッションの有効時間(時間)' },
};

export class SecuritySettingsService {
  constructor(private readonly db: Database, private readonly config: Config) {}

  async get(): Promise<SecuritySettingsValues> {
    const row = await this.db.prisma.securitySettings.findUnique({ where: { id: 1 } });
    return {
      passwordHistoryCount: row?.passwordHistoryCount ?? 5,
      passwordMaxAgeDays: row?.passwordMaxAgeDays ?? 0,
      sessionLifetimeHours: row?.sessionLifetimeHours ?? this.config.sessionTtlHours,
    };
  }

  /** Administrators: changes some settings; audited with before/after. */
  async update(caller: SessionUser | null, patch: Partial<SecuritySettingsValues>, actor: AuditActor = { user: caller, address: '' }): Promise<SecuritySettingsValues> {
    requireAdmin(caller);
    for (const [key, range] of Object.entries(SECURITY_SETTING_RANGES) as [keyof SecuritySettingsValues, typeof SECURITY_SETTING_RANGES[keyof SecuritySettingsValues]][]) {
      const v = patch[key];
      if (v === undefined || v === null) continue;
      if (!Number.isInteger(v) || v < range.min || v > range.max) {
        throw appError('securitySettingRange', { field: range.label, min: range.min, max: range.max }, { field: key });
      }
    }
    const before = await this.get();
    const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined && v !== null)) };
    await this.db.prisma.$transaction(async (tx) => {
      await tx.securitySettings.upsert({
        where: { id: 1 },
        create: { id: 1, ...after },
        update: { ...after, updatedAt: new Date() },
      });
      await recordAudit(prismaQueryable(tx), { kind: 'settings.update', actor, target: 'security', details: changes({ ...before }, { ...after }) });
    });
    return after;
  }
}
