import 'reflect-metadata';
import { loadConfig } from '../config';
import { prepareDatabase } from '../bootstrap';
import { seedRasterDemo } from './rasters';
import { seedDemoAtomically } from './seed-state';

/**
 * npm run seed [-- --scale N] [--users]
 * Writes the demo city into the configured database (DATABASE_URL, or the embedded one in DATA_DIR).
 * Refuses to write into a database that already has features unless --force.
 */
async function main() {
  const args = process.argv.slice(2);
  const scaleArg = args.indexOf('--scale');
  const scale = scaleArg >= 0 ? Number(args[scaleArg + 1]) : 1;
  if (!Number.isFinite(scale) || scale <= 0) throw new Error('--scale needs a positive number');
  const base = loadConfig();
  // Bulk writing a large city may take longer than a request may.
  const config = { ...base, seedDemoOnFirstStart: false, abuse: { ...base.abuse, statementTimeoutMs: 0 } };
  const db = await prepareDatabase(config);
  try {
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM feature');
    if (rows[0].n > 0 && !args.includes('--force')) {
      console.log(`The database already has ${rows[0].n} features; nothing written (use --force to add the demo city again).`);
      return;
    }
    const t0 = Date.now();
    const counts = await seedDemoAtomically(db, { scale, users: args.includes('--users') || !config.databaseUrl, log: console.log, config });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Wrote ${total} features in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (config.demoRasters) await seedRasterDemo(db, config, console.log);
  } finally {
    await db.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
