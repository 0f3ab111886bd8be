import { ChangeFeed } from '../../db/change-feed';
import type { SessionUser } from './permissions';

/** How long a session or token is served from memory at most (any change to users or sessions drops it at once). */
const SESSION_CACHE_MS = 30_000;
const MAX_ENTRIES = 10_000;

interface Entry<T> { value: T; version: number; until: number }

/**
 * Sessions (or tokens) by the SHA-256 of their token, so that a request does not ask the database
 * who its caller is. An entry lives SESSION_CACHE_MS at most, never past the session's expiry, and
 * not past any change to users, grants, sessions or tokens (db.changes 'users': logout, disable,
 * password reset, role change, revocation — also by another process or in SQL).
 */
export class SessionCache<T extends { user: SessionUser }> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly feed: ChangeFeed, private readonly ttlMs = SESSION_CACHE_MS) {}

  /** The version to load under: take it before the query, so a change during the query wins. */
  version(): number {
    return this.feed.version('users');
  }

  get(tokenHash: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (!this.feed.reliable || entry.version !== this.feed.version('users') || now >= entry.until) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.value;
  }

  set(tokenHash: string, value: T, version: number, expiresAt: Date, now = Date.now()): void {
    if (!this.feed.reliable || version !== this.feed.version('users')) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { value, version, until: Math.min(now + this.ttlMs, expiresAt.getTime()) });
  }
}
