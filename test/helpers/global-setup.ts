import pg from 'pg';
import { removeSeededCopies, setPostgisAvailable, TEST_RUN, testDatabaseUrl, wantedBackends } from './test-env';

/**
 * Decides once, before workers start, whether the PostGIS backend can run, and names the run whose
 * seeded copies the workers share (workers inherit the env).
 */
export default async function globalSetup(): Promise<void> {
  process.env[TEST_RUN] = Date.now().toString(36);
  if (!wantedBackends().includes('postgis')) return;
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3000 });
  let ok: boolean;
  try {
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'postgis'");
    ok = rows[0].n > 0;
  } catch {
    ok = false;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!ok && process.env.CI) throw new Error(`PostGIS is not reachable at ${testDatabaseUrl}; CI must test both backends`);
  if (!ok) console.warn(`\nSkipping PostGIS tests: no PostGIS at ${testDatabaseUrl} (set TEST_DATABASE_URL).\n`);
  setPostgisAvailable(ok);
  if (ok) await removeSeededCopies(undefined, true); // templates of runs that were killed
}
