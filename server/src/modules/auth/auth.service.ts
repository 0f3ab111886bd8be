import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Config } from '../../config';
import { Database } from '../../db/database';
import { appError } from '../../errors';
import {
  clearLoginFailuresSql, closeExpiredSessionSql, insertLoginAttemptSql, lockActiveAdminsSql, lockLoginAddressSql, loginFailuresSql, loginSucceededSql, sessionUserSql,
} from './auth.sql';
import { requireAdmin, requireUser, SessionUser, SYSTEM_ACTOR } from './permissions';
import { PASSWORD_MAX_LENGTH, passwordProblem } from '../../domain/password';
import { AuditActor, changes, prismaQueryable, recordAudit } from '../audit/audit.service';
import { SecuritySettingsService } from '../settings/settings.service';
import type { Prisma } from '../../generated/prisma/client';
import { SessionCache } from './session-cache';

/** Longest user name a login may name (checked before any database work). */
export const MAX_USERNAME_LENGTH = 64;
const MAX_PASSWORD_LENGTH = PASSWORD_MAX_LENGTH;

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export const hashPassword = (password: string) => hash(password); // argon2id with the library's defaults

/** A user as the administrators' list shows it: with its disabled flag. */
export type ListedUser = SessionUser & { disabled: boolean };

const toListed = (u: { id: number; username: string; displayName: string; role: string; departmentKey: string | null; disabled: boolean;
  grants: { layerId: number }[] }): ListedUser => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role as SessionUser['role'],
  departmentKey: u.departmentKey, grantedLayerIds: u.grants.map((g) => g.layerId), disabled: u.disabled,
});

/** A temporary password an administrator hands over once: 16 characters of an alphabet without look-alikes (0/O, 1/l/I). */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(crypto.randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: 'admin' | 'editor' | 'viewer';
  departmentKey?: string | null;
}

/** A Prisma transaction client (the password is stored inside the caller's transaction). */
type PrismaTx = Prisma.TransactionClient;

export class AuthService {
  readonly settings: SecuritySettingsService;
  private readonly sessions: SessionCache<{ user: SessionUser }>;

  constructor(private readonly db: Database, private readonly config: Config) {
    this.settings = new SecuritySettingsService(db, config);
    this.sessions = new SessionCache(db.changes);
  }

  /** Users, grants or sessions changed through this process: no session is served from memory as it was. */
  private changed(): void {
    this.db.changes.touched(null, 'users');
  }

  /**
   * Refuses a password that is one of the user's last N (the security setting; the current one counts
   * among them). Each earlier hash is verified, so this costs up to N hashings: N is at most 24.
   */
  private async checkNotReused(userId: number, currentHash: string | null, password: string): Promise<void> {
    const { passwordHistoryCount: count } = await this.settings.get();
    if (count === 0) return;
    const history = await this.db.prisma.passwordHistory.findMany({ where: { userId }, orderBy: { setAt: 'desc' }, take: count, select: { passwordHash: true } });
    const hashes = [...new Set([...(currentHash ? [currentHash] : []), ...history.map((h) => h.passwordHash)])];
    for (const h of hashes) {
      if (await verify(h, password).catch(() => false)) throw appError('passwordReused', { count }, { field: 'password' });
    }
  }

  /** Stores a new password hash: the current hash, when it was set (the expiry counts from then) and the history. */
  private async storePassword(tx: PrismaTx, userId: number, passwordHash: string): Promise<void> {
    await tx.appUser.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date(), passwordMustChange: false } });
    await tx.passwordHistory.create({ data: { userId, passwordHash } });
  }

  /** Days after which the password expired, or null while it is valid (or passwords do not expire). */
  private static expiredAfterDays(passwordChangedAt: Date, days: number): number | null {
    return days > 0 && passwordChangedAt.getTime() < Date.now() - days * 86_400_000 ? days : null;
  }

  /**
   * Checks the password and opens a session. Throttled per (user name, client address) and per
   * client address, atomically: the attempt is counted (as a failure) before the password is checked.
   * There is deliberately no lock per user name alone: a stranger must not lock out the user's own
   * right password from the user's own desk (README "Login throttling").
   */
  async login(username: string, password: string, clientAddress = '', newPassword?: string | null): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
    // Refused before any database work or hashing: names are at most 40 characters when created.
    if (username.length > MAX_USERNAME_LENGTH) throw appError('usernameTooLong', { max: MAX_USERNAME_LENGTH }, { field: 'username' });
    if (password.length > MAX_PASSWORD_LENGTH) throw appError('passwordTooLong', { max: MAX_PASSWORD_LENGTH }, { field: 'password' });
    const windowStart = new Date(Date.now() - this.config.loginThrottleMinutes * 60_000);
    const attemptId = await this.db.transaction(async (tx) => {
      await tx.query(lockLoginAddressSql, [clientAddress]);
      const { pair, address } = (await tx.query(loginFailuresSql, [username, clientAddress, windowStart])).rows[0];
      if (pair >= this.config.loginMaxFailures || address >= this.config.abuse.loginAddressMaxFailures) return null;
      return (await tx.query(insertLoginAttemptSql, [username, clientAddress])).rows[0].id as string;
    });
    if (!attemptId) {
      await recordAudit(this.db.pool, { kind: 'login.locked', actor: { user: null, address: clientAddress }, username });
      throw appError('loginLocked', { minutes: this.config.loginThrottleMinutes });
    }
    const user = await this.db.prisma.appUser.findUnique({ where: { username } });
    // Verify against a dummy hash when the user is unknown, so timing does not reveal which names exist.
    const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    if (!ok || !user || user.disabled) {
      await recordAudit(this.db.pool, { kind: 'login.failed', actor: { user: null, address: clientAddress }, username,
        details: { reason: !user ? 'unknown user' : !ok ? 'wrong password' : 'disabled' } });
      throw appError('wrongLogin');
    }
    await this.db.pool.query(loginSucceededSql, [attemptId]);
    // An expired password opens no session: the login form asks for a new one and logs in with both.
    const settings = await this.settings.get();
    const expiredDays = AuthService.expiredAfterDays(user.passwordChangedAt, settings.passwordMaxAgeDays);
    if (newPassword) {
      this.checkPassword(newPassword, user.username);
      if (newPassword === password) throw appError('passwordUnchanged', {}, { field: 'password' });
      await this.checkNotReused(user.id, user.passwordHash, newPassword);
      const passwordHash = await hashPassword(newPassword);
      await this.db.prisma.$transaction(async (tx) => {
        await this.storePassword(tx, user.id, passwordHash);
        await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
        await recordAudit(prismaQueryable(tx), { kind: 'user.password_changed', actor: { user: null, address: clientAddress }, username,
          target: username, details: { atLogin: true, ...(expiredDays ? { expiredAfterDays: expiredDays } : {}) } });
      });
    } else if (user.passwordMustChange) {
      await recordAudit(this.db.pool, { kind: 'login.password_expired', actor: { user: null, address: clientAddress }, username,
        details: { requiredByAdministrator: true } });
      throw appError('passwordChangeRequired', {}, { field: 'newPassword' });
    } else if (expiredDays) {
      await recordAudit(this.db.pool, { kind: 'login.password_expired', actor: { user: null, address: clientAddress }, username,
        details: { days: expiredDays } });
      throw appError('passwordExpired', { days: expiredDays }, { field: 'newPassword' });
    }
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + settings.sessionLifetimeHours * 3_600_000);
    await this.db.prisma.userSession.create({ data: { tokenHash: sha256(token), userId: user.id, expiresAt } });
    const sessionUser = (await this.sessionUser(user.id))!;
    await recordAudit(this.db.pool, { kind: 'login', actor: { user: sessionUser, address: clientAddress }, details: { expiresAt: expiresAt.toISOString() } });
    return { token, expiresAt, user: sessionUser };
  }

  /** The user of a valid (unexpired, unrevoked) session token, or null. */
  async authenticate(token: string | undefined, clientAddress = ''): Promise<SessionUser | null> {
    if (!token) return null;
    const tokenHash = sha256(token);
    const cached = this.sessions.get(tokenHash);
    if (cached) return cached.user;
    const version = this.sessions.version();
    const row = (await this.db.pool.query(sessionUserSql, [tokenHash])).rows[0];
    if (!row) {
      // The session's expiry goes into the audit log when the expired session is next presented (once).
      const expired = (await this.db.pool.query(closeExpiredSessionSql, [sha256(token)])).rows[0];
      if (expired) await recordAudit(this.db.pool, { kind: 'session.expired', actor: { user: null, address: clientAddress }, username: expired.username });
      return null;
    }
    const user: SessionUser = {
      id: row.id, username: row.username, displayName: row.display_name, role: row.role,
      departmentKey: row.department_key, grantedLayerIds: row.granted_layer_ids,
    };
    this.sessions.set(tokenHash, { user }, version, row.expires_at);
    return user;
  }

  /** Administrators: the user name's failed logins no longer count; returns how many were cleared. */
  async unlockLogin(caller: SessionUser | null, username: string, actor: AuditActor = { user: caller, address: '' }): Promise<number> {
    requireAdmin(caller);
    if (username.length > MAX_USERNAME_LENGTH) throw appError('usernameTooLong', { max: MAX_USERNAME_LENGTH }, { field: 'username' });
    return this.db.transaction(async (tx) => {
      const cleared = (await tx.query(clearLoginFailuresSql, [username])).rowCount ?? 0;
      await recordAudit(tx, { kind: 'login.unlock', actor, target: username, rowCount: cleared });
      return cleared;
    });
  }

  async logout(token: string, actor?: AuditActor): Promise<void> {
    const { count } = await this.db.prisma.userSession.updateMany({
      where: { tokenHash: sha256(token), revokedAt: null }, data: { revokedAt: new Date() },
    });
    this.changed();
    if (count && actor) await recordAudit(this.db.pool, { kind: 'logout', actor });
  }

  /** Ends all sessions of a user (administrators); returns how many were open. */
  async revokeSessions(caller: SessionUser | null, username: string, actor?: AuditActor): Promise<number> {
    requireAdmin(caller);
    const user = await this.db.prisma.appUser.findUnique({ where: { username } });
    if (!user) throw appError('unknownUser', { username }, { field: 'username' });
    const { count } = await this.db.prisma.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    this.changed();
    if (actor) await recordAudit(this.db.pool, { kind: 'user.sessions_revoked', actor, target: username, rowCount: count });
    return count;
  }

  async sessionUser(userId: number): Promise<SessionUser | null> {
    const user = await this.db.prisma.appUser.findUnique({ where: { id: userId }, include: { grants: true } });
    if (!user || user.disabled) return null;
    return {
      id: user.id, username: user.username, displayName: user.displayName,
      role: user.role as SessionUser['role'], departmentKey: user.departmentKey,
      grantedLayerIds: user.grants.map((g) => g.layerId),
    };
  }

  async listUsers(caller: SessionUser | null): Promise<ListedUser[]> {
    requireAdmin(caller);
    const users = await this.db.prisma.appUser.findMany({ orderBy: { username: 'asc' }, include: { grants: true } });
    return users.map(toListed);
  }

  /** The password policy (domain/password.ts) as a coded BAD_USER_INPUT. */
  checkPassword(password: string, username: string): void {
    const problem = passwordProblem(password, username, this.config.passwordMinLength);
    if (problem) throw appError(problem.key, problem.params, { field: 'password' });
  }

  private async checkDepartment(departmentKey: string | null | undefined): Promise<void> {
    if (departmentKey && !(await this.db.prisma.department.findUnique({ where: { key: departmentKey } }))) {
      throw appError('unknownDepartment', { department: departmentKey }, { field: 'departmentKey' });
    }
  }

  /**
   * Administrators: gives the user a new temporary password, returned once (never stored in clear or
   * logged), and ends its sessions. The user changes it with changeOwnPassword.
   */
  async resetPassword(caller: SessionUser | null, username: string, actor: AuditActor = { user: caller, address: '' }): Promise<string> {
    requireAdmin(caller);
    const user = await this.db.prisma.appUser.findUnique({ where: { username } });
    if (!user) throw appError('userNotFound', { username });
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    await this.db.prisma.$transaction(async (tx) => {
      await this.storePassword(tx, user.id, passwordHash);
      const { count } = await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
      await recordAudit(prismaQueryable(tx), { kind: 'user.password_reset', actor, target: username, details: { sessionsEnded: count } });
    });
    this.changed();
    return password;
  }

  /**
   * The caller changes its own password: the current one is checked (a stolen open session cannot take
   * the account over), the policy applies, and the caller's other sessions end.
   */
  async changeOwnPassword(caller: SessionUser | null, currentPassword: string, newPassword: string, currentToken: string | undefined,
    actor: AuditActor = { user: caller, address: '' }): Promise<void> {
    requireUser(caller);
    if (caller.scope) throw appError('loginRequired'); // a personal access token cannot change the password
    const user = await this.db.prisma.appUser.findUnique({ where: { id: caller.id } });
    if (!user) throw appError('loginRequired');
    if (currentPassword.length > MAX_PASSWORD_LENGTH || !(await verify(user.passwordHash, currentPassword).catch(() => false))) {
      await recordAudit(this.db.pool, { kind: 'user.password_change_failed', actor, target: user.username });
      throw appError('currentPasswordWrong', {}, { field: 'currentPassword' });
    }
    this.checkPassword(newPassword, user.username);
    if (newPassword === currentPassword) throw appError('passwordUnchanged', {}, { field: 'password' });
    await this.checkNotReused(user.id, user.passwordHash, newPassword);
    const passwordHash = await hashPassword(newPassword);
    const keep = currentToken ? sha256(currentToken) : '';
    await this.db.prisma.$transaction(async (tx) => {
      await this.storePassword(tx, user.id, passwordHash);
      const { count } = await tx.userSession.updateMany({
        where: { userId: user.id, revokedAt: null, tokenHash: { not: keep } }, data: { revokedAt: new Date() },
      });
      await recordAudit(prismaQueryable(tx), { kind: 'user.password_changed', actor, target: user.username, details: { otherSessionsEnded: count } });
    });
    this.changed();
  }

  /** Changes a user (administrators). Disabling a user or changing its password ends its sessions. */
  async updateUser(caller: SessionUser | null, username: string, patch: {
    displayName?: string; password?: string; role?: NewUser['role']; departmentKey?: string | null; disabled?: boolean; grantedLayerIds?: number[];
    mustChangePassword?: boolean | null;
  }, actor: AuditActor = { user: caller, address: '' }): Promise<ListedUser> {
    requireAdmin(caller);
    const user = await this.db.prisma.appUser.findUnique({ where: { username }, include: { grants: true } });
    if (!user) throw appError('userNotFound', { username });
    if (patch.password !== undefined) {
      this.checkPassword(patch.password, username);
      await this.checkNotReused(user.id, user.passwordHash, patch.password);
    }
    if (patch.displayName !== undefined && !patch.displayName.trim()) throw appError('displayNameRequired', {}, { field: 'displayName' });
    const role = patch.role ?? user.role;
    const departmentKey = patch.departmentKey !== undefined ? patch.departmentKey || null : user.departmentKey;
    if (role === 'editor' && !departmentKey) throw appError('editorNeedsDepartment', {}, { field: 'departmentKey' });
    if (patch.departmentKey) await this.checkDepartment(patch.departmentKey);
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    await this.db.prisma.$transaction(async (tx) => {
      if (role !== 'admin' || patch.disabled) {
        const admins = await tx.$queryRawUnsafe<{ id: number }[]>(lockActiveAdminsSql);
        if (admins.some((a) => a.id === user.id) && admins.length === 1) {
          throw appError('lastAdmin', {}, { field: 'role' });
        }
      }
      await tx.appUser.update({
        where: { id: user.id },
        data: { displayName: patch.displayName?.trim(), role, departmentKey, disabled: patch.disabled },
      });
      if (passwordHash) await this.storePassword(tx, user.id, passwordHash);
      if (patch.mustChangePassword !== undefined && patch.mustChangePassword !== null) {
        await tx.appUser.update({ where: { id: user.id }, data: { passwordMustChange: patch.mustChangePassword } });
      }
      if (patch.grantedLayerIds) {
        await tx.userLayerGrant.deleteMany({ where: { userId: user.id } });
        await tx.userLayerGrant.createMany({ data: patch.grantedLayerIds.map((layerId) => ({ userId: user.id, layerId })) });
      }
      if (patch.disabled || passwordHash) {
        await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
      }
      // Before/after of what an admin may change; a password only as "changed".
      const before = { displayName: user.displayName, role: user.role, departmentKey: user.departmentKey, disabled: user.disabled,
        grantedLayerIds: user.grants.map((g) => g.layerId), mustChangePassword: user.passwordMustChange };
      const after = { displayName: patch.displayName ?? user.displayName, role, departmentKey, disabled: patch.disabled ?? user.disabled,
        grantedLayerIds: patch.grantedLayerIds ?? before.grantedLayerIds,
        mustChangePassword: passwordHash ? false : patch.mustChangePassword ?? user.passwordMustChange };
      await recordAudit(prismaQueryable(tx), { kind: 'user.update', actor, target: username,
        details: { ...changes(before, after), ...(passwordHash ? { passwordChanged: true } : {}) } });
    });
    this.changed();
    return toListed((await this.db.prisma.appUser.findUnique({ where: { id: user.id }, include: { grants: true } }))!);
  }

  /** Creates a user: administrators, or the server itself (create-admin on the host). */
  async createUser(caller: SessionUser | null | typeof SYSTEM_ACTOR, input: NewUser, actor?: AuditActor): Promise<ListedUser> {
    requireAdmin(caller);
    if (!/^[a-zA-Z0-9_.-]{2,40}$/.test(input.username)) throw appError('usernameFormat', {}, { field: 'username' });
    if (!input.displayName.trim()) throw appError('displayNameRequired', {}, { field: 'displayName' });
    this.checkPassword(input.password, input.username);
    if (input.role === 'editor' && !input.departmentKey) throw appError('editorNeedsDepartment', {}, { field: 'departmentKey' });
    await this.checkDepartment(input.departmentKey);
    const existing = await this.db.prisma.appUser.findUnique({ where: { username: input.username } });
    if (existing) throw appError('userExists', { username: input.username }, { field: 'username' });
    const passwordHash = await hashPassword(input.password);
    const user = await this.db.prisma.$transaction(async (tx) => {
      const created = await tx.appUser.create({
        data: { username: input.username, displayName: input.displayName.trim(), role: input.role, departmentKey: input.departmentKey || null, passwordHash },
      });
      await tx.passwordHistory.create({ data: { userId: created.id, passwordHash } });
      await recordAudit(prismaQueryable(tx), { kind: 'user.create', actor: actor ?? { user: null, address: 'cli' }, target: input.username,
        details: { after: { displayName: input.displayName, role: input.role, departmentKey: input.departmentKey ?? null } } });
      return created;
    });
    return toListed((await this.db.prisma.appUser.findUnique({ where: { id: user.id }, include: { grants: true } }))!);
  }
}

// argon2id hash of a random string nobody knows; used to equalise timing for unknown users.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$5Yx0C9mM8pJqkFQ6m5m8H0v5m3Lr2wYb3xWm9o7k9Fo';
