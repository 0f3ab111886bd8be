// Plain JS: jest loads the global setup before any transform is configured.
const pg = require('pg');

const adminUrl = process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Decides once, before workers start, whether the PostGIS backend can run (workers inherit the env). */
module.exports = async function globalSetup() {
  const wanted = (process.env.TEST_BACKENDS || 'pglite,postgis').split(',');
  if (!wanted.includes('postgis')) return;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  let ok = false;
  try {
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'postgis'");
    ok = rows[0].n > 0;
  } catch {
    ok = false;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!ok && process.env.CI) throw new Error(`PostGIS is not reachable at ${adminUrl}; CI must test both backends`);
  if (!ok) console.warn(`\nSkipping PostGIS tests: no PostGIS at ${adminUrl} (set TEST_DATABASE_URL).\n`);
  process.env.CHIZU_POSTGIS_AVAILABLE = ok ? '1' : '0';
};
