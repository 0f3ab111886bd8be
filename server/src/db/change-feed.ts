import pg from 'pg';
import { afterCommit } from './after-commit';

/**
 * What the in-memory caches hold: the layer catalogue (layers, their fields, roles, read access,
 * departments, data versions) and the sessions and tokens (users, grants, revocations).
 */
type ChangeTopic = 'layers' | 'users';
const TOPICS: readonly ChangeTopic[] = ['layers', 'users'];

/** The channel the triggers of migration 0019 notify on, with the topic as payload. */
const CHANGE_CHANNEL = 'chizu_changes';

/**
 * A version per topic, bumped when data behind a cache changes. Caches keep what they loaded
 * with the version it was loaded under and drop it when the version moved on.
 *
 * The triggers of migration 0019 NOTIFY every change. PGlite delivers it to the pool before the
 * writer's statement returns (`follow`). On PostgreSQL a connection of its own listens (`listen`),
 * which is asynchronous: this process's writers therefore also bump after their commit
 * (`touched`), so the very next request sees the change; other processes follow within moments. While that connection is down nothing is cached (`reliable` false): a missed
 * notification could otherwise keep a revoked session alive.
 */
export class ChangeFeed {
  private readonly versions = new Map<ChangeTopic, number>(TOPICS.map((t) => [t, 0]));
  private listener?: pg.Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  /** False while another process's changes could go unseen (PostgreSQL, LISTEN not connected). */
  reliable = true;

  version(topic: ChangeTopic): number {
    return this.versions.get(topic)!;
  }

  bump(...topics: ChangeTopic[]): void {
    for (const t of topics.length ? topics : TOPICS) this.versions.set(t, this.version(t) + 1);
  }

  /**
   * A writer changed data of a topic: bumped now (a reload during the transaction reads the old
   * rows, tagged with the old version) and again after the commit (tx), when others can see it.
   */
  touched(tx: pg.PoolClient | null, ...topics: ChangeTopic[]): void {
    this.bump(...topics);
    if (tx) afterCommit(tx, () => this.bump(...topics));
  }

  private readonly notified = (n: pg.Notification) => {
    if (n.channel === CHANGE_CHANNEL) this.bump(...TOPICS.filter((t) => t === n.payload));
  };

  /**
   * PGlite: one database session behind the pool, so LISTEN once and every commit's notification
   * arrives on the pool's connection ahead of the statement's own result — before the writer (a
   * service, a test, anyone with SQL) goes on.
   */
  async follow(pool: pg.Pool): Promise<void> {
    pool.on('connect', (client) => client.on('notification', this.notified));
    await pool.query(`LISTEN ${CHANGE_CHANNEL}`);
  }

  /** PostgreSQL: follows the other processes' changes; caches stay off until the first LISTEN succeeds. */
  async listen(config: pg.ClientConfig, log: (m: string) => void = () => undefined): Promise<void> {
    this.reliable = false;
    const connect = async () => {
      const client = new pg.Client(config);
      client.on('notification', this.notified);
      const lost = (err?: Error) => {
        if (this.listener !== client) return;
        this.listener = undefined;
        this.reliable = false;
        client.end().catch(() => undefined);
        if (this.stopped) return;
        log(`change notifications lost (${err?.message ?? 'connection ended'}); caches off until reconnected`);
        this.retry = setTimeout(() => { connect().catch(() => undefined); }, 1000).unref();
      };
      client.on('error', lost);
      client.on('end', () => lost());
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      } catch (err) {
        await client.end().catch(() => undefined);
        if (!this.stopped) this.retry = setTimeout(() => { connect().catch(() => undefined); }, 1000).unref();
        throw err;
      }
      if (this.stopped) { await client.end(); return; }
      this.listener = client;
      // Whatever changed while nobody listened is unknown: everything is reloaded.
      this.bump();
      this.reliable = true;
    };
    await connect();
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.listener;
    this.listener = undefined;
    this.reliable = false;
    await client?.end().catch(() => undefined);
  }
}

/**
 * A value loaded from the database and kept until its topic's version moves on. Concurrent callers
 * share one load; a load that a change overtook is used by its callers but not kept.
 */
export class VersionedCache<T> {
  private entry?: { version: number; value: Promise<T> };

  constructor(private readonly feed: ChangeFeed, private readonly topic: ChangeTopic, private readonly load: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.feed.reliable) return this.load();
    const version = this.feed.version(this.topic);
    if (this.entry?.version === version) return this.entry.value;
    const value = this.load();
    const entry = { version, value };
    this.entry = entry;
    value.catch(() => { if (this.entry === entry) this.entry = undefined; });
    return value;
  }
}
