import { prepareDatabase } from '../../server/src/bootstrap';
import { Database } from '../../server/src/db/database';
import { DEMO_COUNTS } from '../../server/src/seed/demo';
import { seedDemoOnFirstStart } from '../../server/src/seed/seed-state';
import { backends } from '../helpers/backends';
import { freshDatabase, FreshDatabase } from '../helpers/fresh-database';

const quiet = () => undefined;
const SCALE = 0.02;

for (const kind of backends()) {
  describe(`The demo seed at first start [${kind}]`, () => {
    let fresh: FreshDatabase;
    let db: Database;
    beforeAll(async () => {
      fresh = await freshDatabase(kind);
      // Migrated and with the reference data, as start-up has it just before the seed (PGlite in memory).
      db = await prepareDatabase({ ...fresh.config, dataDir: undefined as never, seedDemoOnFirstStart: false }, quiet);
    });
    afterAll(async () => {
      await db?.close();
      await fresh?.drop();
    });

    /** Features per demo layer, users, and boundary records without points. */
    async function inspect() {
      const { rows } = await db.pool.query(`SELECT l.key, count(f.id)::int AS n FROM layer l LEFT JOIN feature f ON f.layer_id = l.id GROUP BY l.key`);
      const users = (await db.pool.query('SELECT count(*)::int AS n FROM app_user')).rows[0].n as number;
      const pointless = (await db.pool.query(`
        SELECT count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id
        WHERE l.key = 'boundary_records' AND NOT EXISTS (SELECT 1 FROM boundary_point p WHERE p.feature_id = f.id)`)).rows[0].n as number;
      return { layers: Object.fromEntries(rows.map((r) => [r.key, r.n])) as Record<string, number>, users, pointless };
    }

    test('a seed interrupted after four layers leaves an empty database, and the next start writes the whole city', async () => {
      // The seed logs after each layer; failing there is a crash in the middle of the seed.
      const interrupted = seedDemoOnFirstStart(db, { scale: SCALE }, (m) => { if (m.includes('street_lights')) throw new Error('power cut'); });
      await expect(interrupted).rejects.toThrow('power cut');
      const after = await inspect();
      expect(Object.values(after.layers).reduce((a, b) => a + b, 0)).toBe(0);
      expect(after.users).toBe(0);

      await seedDemoOnFirstStart(db, { scale: SCALE }, quiet);
      const seeded = await inspect();
      for (const key of Object.keys(DEMO_COUNTS)) expect(seeded.layers[key]).toBeGreaterThan(0);
      expect(seeded.users).toBeGreaterThan(0);
      expect(seeded.pointless).toBe(0);
      // A finished seed is not written twice.
      await seedDemoOnFirstStart(db, { scale: SCALE }, quiet);
      expect(await inspect()).toEqual(seeded);
    });

    test('a database with features but no finished seed is refused at start with a message saying what to do', async () => {
      await db.pool.query('DELETE FROM seed_state');
      const before = await inspect();
      await expect(seedDemoOnFirstStart(db, { scale: SCALE }, quiet)).rejects.toThrow(/demo seed never finished.*DATA_DIR.*SEED_DEMO=false/s);
      expect(await inspect()).toEqual(before);
    });
  });
}
