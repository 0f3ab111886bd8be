import { Database } from '../db/database';
import { inOneTransaction } from '../db/one-transaction';
import { SeedOptions, seedDemo } from './demo';
import { markSeededSql, seedStateSql } from './seed-state.sql';

/**
 * The demo city in one transaction with its seed_state marker: an interrupted seed (a crash, a
 * kill, a failing step) leaves the database as it was, and the next start seeds again.
 */
export async function seedDemoAtomically(db: Database, options: SeedOptions = {}): Promise<Record<string, number>> {
  return inOneTransaction(db, async (tx) => {
    const counts = await seedDemo(tx, options);
    await tx.pool.query(markSeededSql, [options.scale ?? 1]);
    return counts;
  });
}

/**
 * Start-up with SEED_DEMO: an empty database gets the demo city (atomically); a finished one is
 * left alone; a half-seeded one (features, no marker) is refused with what to do.
 */
export async function seedDemoOnFirstStart(db: Database, { scale, referenceScale, config }: Pick<SeedOptions, 'referenceScale' | 'config'> & { scale: number },
  log: (m: string) => void): Promise<boolean> {
  const state = await seedState(db);
  if (state === 'half-seeded') throw new Error(HALF_SEEDED_MESSAGE);
  if (state === 'seeded') return false;
  log(`Writing the demo city (scale ${scale})…`);
  const counts = await seedDemoAtomically(db, { scale, referenceScale, users: true, log, config });
  log(`Demo city ready: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return true;
}

export type SeedState = 'empty' | 'seeded' | 'half-seeded';

/** empty: no features yet; seeded: the seed finished; half-seeded: features but no marker. */
export async function seedState(db: Database): Promise<SeedState> {
  const { rows } = await db.pool.query(seedStateSql);
  if (rows[0].completed_at) return 'seeded';
  return rows[0].features === 0 ? 'empty' : 'half-seeded';
}

export const HALF_SEEDED_MESSAGE =
  'This database holds features but the demo seed never finished (no seed_state row): an earlier first start was ' +
  'interrupted while writing the demo city, so some layers may be empty or incomplete. Nothing was changed. ' +
  'Either remove the embedded database directory (DATA_DIR, default ./data) and start again to get a complete demo city, ' +
  'or, if this data is real and should be kept, start with SEED_DEMO=false.';
