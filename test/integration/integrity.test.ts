import { FieldDefinition } from '../../server/src/domain/fields';
import { AppError } from '../../server/src/errors';
import { AuthService } from '../../server/src/modules/auth/auth.service';
import { SessionUser } from '../../server/src/modules/auth/permissions';
import { EditService, FeatureChange } from '../../server/src/modules/edits/edit.service';
import { LayerService } from '../../server/src/modules/layers/layer.service';
import { backends, openBackend, TestBackend } from '../helpers/backends';

const LAYER = 'street_lights';

for (const kind of backends()) {
  describe(`Edits and layer changes at commit [${kind}]`, () => {
    let t: TestBackend;
    let layers: LayerService;
    let edits: EditService;
    const users: Record<string, SessionUser> = {};

    beforeAll(async () => {
      t = await openBackend(kind);
      layers = new LayerService(t.db);
      edits = new EditService(t.db, t.config);
      const auth = new AuthService(t.db, t.config);
      for (const name of ['admin', 'community']) {
        const u = await t.db.prisma.appUser.findUniqueOrThrow({ where: { username: name } });
        users[name] = (await auth.sessionUser(u.id))!;
      }
      // The batch: 5,000 street lights (copies of the demo ones).
      await t.db.pool.query(`INSERT INTO feature (layer_id, geom, attributes, created_by, updated_by)
        SELECT f.layer_id, f.geom, f.attributes, f.created_by, f.updated_by FROM feature f JOIN layer l ON l.id = f.layer_id, generate_series(1, 12)
        WHERE l.key = $1`, [LAYER]);
    });
    afterAll(async () => { await t?.close(); });

    const lampType = async () => (await layers.list()).find((l) => l.key === LAYER)!.fieldDefs;
    const withOptions = (fields: FieldDefinition[], options: string[]) =>
      fields.map((f) => (f.key === 'lamp_type' ? { ...f, options } : f)) as never;
    /** Features no later edit could save: an option the layer no longer has. */
    const unsaveable = async () => {
      const options = (await lampType()).find((f) => f.key === 'lamp_type')!.options!;
      const { rows } = await t.db.pool.query(
        `SELECT count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id
         WHERE l.key = $1 AND f.attributes ? 'lamp_type' AND NOT (f.attributes->>'lamp_type' = ANY($2::text[]))`, [LAYER, options]);
      return rows[0].n as number;
    };
    const setAll = async (value: string): Promise<FeatureChange[]> => {
      const { rows } = await t.db.pool.query(
        `SELECT f.id::text AS id, f.version FROM feature f JOIN layer l ON l.id = f.layer_id
         WHERE l.key = $1 AND f.deleted_at IS NULL ORDER BY f.id`, [LAYER]);
      return rows.map((r) => ({ op: 'update', id: r.id, expectedVersion: r.version, attributes: { lamp_type: value } }));
    };
    const codeOf = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' && r.reason instanceof AppError ? r.reason.extensions.code : null);

    test('an edit validated against a definition that changed before commit is refused with CONFLICT', async () => {
      await layers.update(users.admin, LAYER, { fields: withOptions(await lampType(), ['LED', '蛍光灯', '水銀灯', 'ZZZ']) });
      const seenByTheEditor = await layers.list();
      const changes = (await setAll('ZZZ')).slice(0, 20);
      await layers.update(users.admin, LAYER, { fields: withOptions(await lampType(), ['LED', '蛍光灯', '水銀灯']) });
      await expect(edits.apply(users.community, seenByTheEditor, changes)).rejects.toMatchObject({ extensions: { code: 'CONFLICT', layer: LAYER } });
      expect(await unsaveable()).toBe(0);
    });

    test('removing an enum option while a batch sets it: one of the two fails with a coded error, no feature is left unsaveable', async () => {
      await layers.update(users.admin, LAYER, { fields: withOptions(await lampType(), ['LED', '蛍光灯', '水銀灯', 'ZZZ']) });
      const seenByTheEditor = await layers.list();
      const changes = await setAll('ZZZ');
      expect(changes.length).toBeGreaterThan(5000);
      const without = withOptions(await lampType(), ['LED', '蛍光灯', '水銀灯']);
      const batch = edits.apply(users.community, seenByTheEditor, changes);
      // Let the batch's transaction start before the administrator removes the option.
      await new Promise((r) => setTimeout(r, 5));
      const removal = layers.update(users.admin, LAYER, { fields: without });
      const [b, r] = await Promise.allSettled([batch, removal]);
      const outcome = [b.status, r.status];
      expect(outcome).toContain('rejected');
      expect(outcome).toContain('fulfilled');
      expect([codeOf(b), codeOf(r)].filter(Boolean)[0]).toMatch(/^(CONFLICT|BAD_USER_INPUT)$/);
      expect(await unsaveable()).toBe(0);
    });
  });
}
