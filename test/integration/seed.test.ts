import { prepareDatabase } from '../../server/src/bootstrap';
import { Database } from '../../server/src/db/database';
import { DEMO_COUNTS, seedDemo } from '../../server/src/seed/demo';
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

    test('the demo features are written through the edit path: a create history row each, by the department\'s editor', async () => {
      const { rows } = await db.pool.query(`
        SELECT count(*)::int AS features, count(h.feature_id)::int AS created,
               count(*) FILTER (WHERE u.department_key = l.department_key)::int AS by_editor
        FROM feature f JOIN layer l ON l.id = f.layer_id
        LEFT JOIN feature_history h ON h.feature_id = f.id AND h.version = 1 AND h.operation = 'create'
        LEFT JOIN app_user u ON u.id = h.changed_by
        WHERE l.key = ANY($1)`, [Object.keys(DEMO_COUNTS)]);
      expect(rows[0].features).toBeGreaterThan(0);
      expect(rows[0]).toEqual({ features: rows[0].features, created: rows[0].features, by_editor: rows[0].features });
    });

    test('the edit path validates the demo features: route numbers longer than the road ledger allows refuse the seed', async () => {
      await db.pool.query(`UPDATE layer SET fields = (SELECT jsonb_agg(CASE WHEN f->>'key' = 'route_no' THEN f || '{"maxLength": 1}' ELSE f END)
        FROM jsonb_array_elements(fields) f) WHERE key = 'road_ledger'`);
      const before = (await db.pool.query('SELECT count(*)::int AS n FROM feature_history')).rows[0].n;
      await expect(seedDemo(db, { scale: SCALE, users: true, config: fresh.config })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'route_no' } });
      expect((await db.pool.query('SELECT count(*)::int AS n FROM feature_history')).rows[0].n).toBe(before);
    });

    test('a database with features but no finished seed is refused at start with a message saying what to do', async () => {
      await db.pool.query('DELETE FROM seed_state');
      const before = await inspect();
      await expect(seedDemoOnFirstStart(db, { scale: SCALE }, quiet)).rejects.toThrow(/demo seed never finished.*DATA_DIR.*SEED_DEMO=false/s);
      expect(await inspect()).toEqual(before);
    });
  });
}
