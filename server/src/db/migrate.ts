import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config';
import { Database } from './database';

export const migrationsDir = path.join(repoRoot, 'prisma', 'migrations');

/**
 * Applies prisma/migrations in order and records them in Prisma's own `_prisma_migrations`
 * table with Prisma's checksum, so `prisma migrate deploy` and this runner agree on one history.
 * (Prisma's migrate engine is a native binary that cannot run inside PGlite; this runs on both.)
 */
export async function migrate(db: Database, log: (m: string) => void = () => undefined): Promise<string[]> {
  const names = fs.readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory()).map((d) => d.name).sort();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7243001)');
    await tx.query('SET LOCAL statement_timeout = 0'); // a migration of a large table may take long
    await tx.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await tx.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL');
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const done: string[] = [];
    for (const name of names) {
      const sql = fs.readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      const checksum = crypto.createHash('sha256').update(sql).digest('hex');
      const known = applied.get(name);
      if (known) {
        if (known !== checksum) throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead.`);
        continue;
      }
      log(`Applying migration ${name}`);
      await tx.query(sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`, [crypto.randomUUID(), checksum, name]);
      done.push(name);
    }
    return done;
  });
}
