import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportPublished } from '../../server/src/modules/public/public-export';
import { describeBackends } from '../helpers/backends';

// Issue 14's remaining rules: department merge and layer moves, the password policy (no reuse, expiry),
// the session lifetime, and the public map's chosen fields on every public read path.

const LOGIN = 'mutation($u: String!, $p: String!, $n: String) { login(username: $u, password: $p, newPassword: $n) { token expiresAt } }';
const CHANGE = 'mutation($c: String!, $n: String!) { changeOwnPassword(currentPassword: $c, newPassword: $n) }';
const SETTINGS = 'mutation($p: SecuritySettingsPatch!) { updateSecuritySettings(patch: $p) { passwordHistoryCount passwordMaxAgeDays sessionLifetimeHours } }';

/** The tile (z, x, y) holding a point. */
function tileOf(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [z, Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)];
}

async function tileProperties(body: ArrayBuffer, layer: string): Promise<Record<string, unknown>[]> {
  const [{ VectorTile }, { default: Pbf }] = await Promise.all([import('@mapbox/vector-tile'), import('pbf')]);
  const l = new VectorTile(new Pbf(new Uint8Array(body))).layers[layer];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i).properties) : [];
}

describeBackends('access policy', (get) => {
  let admin: string;
  beforeAll(async () => { admin = await get().login('admin'); });
  const audit = async (kind: string, target?: string) => (await get().db.pool.query(
    'SELECT kind, username, target, details FROM audit_log WHERE kind = $1 AND ($2::text IS NULL OR target = $2) ORDER BY id', [kind, target ?? null])).rows;
  const createUser = async (username: string, departmentKey: string, password: string) => {
    const r = await get().gql('mutation($i: NewUserInput!) { createUser(input: $i) { username } }',
      { i: { username, displayName: username, role: 'EDITOR', departmentKey, password } }, admin);
    expect(r.errors).toBeUndefined();
  };

  describe('departments', () => {
    test('merging moves the users, the layers and every read rule naming the department, removes it, and is audited', async () => {
      for (const [key, ja] of [['parks_old', '旧公園課'], ['parks', '公園緑地課']]) {
        expect((await get().gql(`mutation { createDepartment(input: { key: "${key}", nameJa: "${ja}", nameEn: "${key}" }) { key } }`, {}, admin)).errors).toBeUndefined();
      }
      await createUser('kouen', 'parks_old', 'Benches-and-Trees-7');
      const layer = await get().gql(`mutation { createLayer(input: { key: "park_benches", nameJa: "ベンチ", nameEn: "Benches", departmentKey: "parks_old",
        geometryTypes: ["Point"], readAccess: { departments: ["parks_old"] },
        fields: [{ key: "bench_no", label: "番号", type: TEXT }, { key: "donor", label: "寄贈者", type: TEXT, restricted: { departments: ["parks_old", "roads"] } }] }) { key } }`, {}, admin);
      expect(layer.errors).toBeUndefined();

      const same = await get().gql('mutation { mergeDepartments(from: "parks", into: "parks") { key } }', {}, admin);
      expect(same.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'departmentMergeSame' });
      const unknown = await get().gql('mutation { mergeDepartments(from: "nowhere", into: "parks") { key } }', {}, admin);
      expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'departmentNotFound' });

      const merged = await get().gql('mutation { mergeDepartments(from: "parks_old", into: "parks") { key nameJa } }', {}, admin);
      expect(merged.errors).toBeUndefined();
      expect(merged.data.mergeDepartments).toEqual({ key: 'parks', nameJa: '公園緑地課' });
      const { rows: [stored] } = await get().db.pool.query(`SELECT department_key, read_access, fields FROM layer WHERE key = 'park_benches'`);
      expect(stored.department_key).toBe('parks');
      expect(stored.read_access).toEqual({ departments: ['parks'], users: [] });
      expect(stored.fields[1].restricted).toEqual({ departments: ['parks', 'roads'], users: [] });
      expect((await get().db.pool.query(`SELECT department_key FROM app_user WHERE username = 'kouen'`)).rows[0].department_key).toBe('parks');
      expect((await get().db.pool.query(`SELECT 1 FROM department WHERE key = 'parks_old'`)).rowCount).toBe(0);
      // The moved user still edits and reads the layer, restricted field included.
      const kouen = await get().login('kouen', 'Benches-and-Trees-7');
      const me = await get().gql('{ me { department { key } editableLayers } layer(key: "park_benches") { fields { key } } }', {}, kouen);
      expect(me.data.me).toMatchObject({ department: { key: 'parks' }, editableLayers: ['park_benches'] });
      expect(me.data.layer.fields.map((f: { key: string }) => f.key)).toEqual(['bench_no', 'donor']);
      expect(await audit('department.merge', 'parks_old')).toMatchObject([{ username: 'admin',
        details: { into: 'parks', users: 1, layers: ['park_benches'], readRulesRewritten: ['park_benches'] } }]);
    });

    test('a built-in department merged away does not come back when the server starts again', async () => {
      const layersBefore = (await get().db.pool.query(`SELECT key FROM layer WHERE department_key IN ('planning', 'tax') ORDER BY key`)).rows;
      const merged = await get().gql('mutation { mergeDepartments(from: "planning", into: "tax") { key } }', {}, admin);
      expect(merged.errors).toBeUndefined();
      await get().server.services.layers.ensureBuiltins(); // what every start runs
      expect((await get().db.pool.query(`SELECT 1 FROM department WHERE key = 'planning'`)).rowCount).toBe(0);
      expect((await get().db.pool.query(`SELECT key FROM layer WHERE department_key = 'tax' ORDER BY key`)).rows).toEqual(layersBefore);
    });

    test('a layer moved to another department changes who edits it, and the move is audited', async () => {
      const roads = await get().login('roads');
      const before = await get().gql('{ me { editableLayers } }', {}, roads);
      expect(before.data.me.editableLayers).not.toContain('park_benches');
      const moved = await get().gql('mutation { updateLayer(key: "park_benches", patch: { departmentKey: "roads" }) { department { key } } }', {}, admin);
      expect(moved.data.updateLayer.department.key).toBe('roads');
      expect((await get().gql('{ me { editableLayers } }', {}, roads)).data.me.editableLayers).toContain('park_benches');
      expect((await audit('layer.update', 'park_benches')).pop().details).toEqual({ before: { department_key: 'parks' }, after: { department_key: 'roads' } });
    });
  });

  describe('password policy and sessions', () => {
    test('the settings are administrators-only, range-checked with a coded error and audited', async () => {
      const counter = await get().login('counter');
      expect((await get().gql(SETTINGS, { p: { passwordHistoryCount: 0 } }, counter)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      const bad = await get().gql(SETTINGS, { p: { sessionLifetimeHours: 0 } }, admin);
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'securitySettingRange', field: 'sessionLifetimeHours' });
      const ok = await get().gql(SETTINGS, { p: { passwordHistoryCount: 3 } }, admin);
      expect(ok.data.updateSecuritySettings).toMatchObject({ passwordHistoryCount: 3, passwordMaxAgeDays: 0 });
      expect((await audit('settings.update', 'security')).pop().details).toEqual({ before: { passwordHistoryCount: 5 }, after: { passwordHistoryCount: 3 } });
    });

    test('a password that is one of the last N is refused (own change and administrator), an older one is accepted', async () => {
      await createUser('reuse', 'env', 'First-Garden-Path-1');
      const token = await get().login('reuse', 'First-Garden-Path-1');
      const passwords = ['First-Garden-Path-1', 'Second-River-Bank-2', 'Third-Hill-Road-3', 'Fourth-Sea-Wall-4'];
      for (let i = 1; i < passwords.length; i++) {
        expect((await get().gql(CHANGE, { c: passwords[i - 1], n: passwords[i] }, token)).errors).toBeUndefined();
      }
      // The last 3: Fourth (current), Third, Second.
      for (const again of ['Second-River-Bank-2', 'Third-Hill-Road-3']) {
        const r = await get().gql(CHANGE, { c: 'Fourth-Sea-Wall-4', n: again }, token);
        expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'passwordReused', params: { count: 3 }, field: 'password' });
      }
      const byAdmin = await get().gql('mutation { updateUser(username: "reuse", patch: { password: "Third-Hill-Road-3" }) { username } }', {}, admin);
      expect(byAdmin.errors?.[0].extensions).toMatchObject({ reason: 'passwordReused' });
      expect(await get().login('reuse', 'Fourth-Sea-Wall-4')).toEqual(expect.any(String));
      expect((await get().gql(CHANGE, { c: 'Fourth-Sea-Wall-4', n: 'First-Garden-Path-1' }, token)).errors).toBeUndefined();
    });

    test('an expired password opens no session: the login asks for a new one, which the policy checks, then logs in', async () => {
      await createUser('expiry', 'env', 'Old-Lantern-Street-5');
      expect((await get().gql(SETTINGS, { p: { passwordMaxAgeDays: 90 } }, admin)).errors).toBeUndefined();
      expect(await get().login('expiry', 'Old-Lantern-Street-5')).toEqual(expect.any(String)); // not yet expired
      await get().db.pool.query(`UPDATE app_user SET password_changed_at = now() - interval '91 days' WHERE username = 'expiry'`);
      const refused = await get().gql(LOGIN, { u: 'expiry', p: 'Old-Lantern-Street-5' });
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'passwordExpired', params: { days: 90 } });
      expect(await audit('login.password_expired')).toMatchObject([{ username: 'expiry', details: { days: 90 } }]);
      // Wrong current password: no change, and no hint about expiry.
      const wrong = await get().gql(LOGIN, { u: 'expiry', p: 'not-it-at-all', n: 'New-Lantern-Street-6' });
      expect(wrong.errors?.[0].extensions).toMatchObject({ reason: 'wrongLogin' });
      for (const [n, reason] of [['Old-Lantern-Street-5', 'passwordUnchanged'], ['short', 'passwordTooShort']]) {
        const r = await get().gql(LOGIN, { u: 'expiry', p: 'Old-Lantern-Street-5', n });
        expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      }
      const changed = await get().gql(LOGIN, { u: 'expiry', p: 'Old-Lantern-Street-5', n: 'New-Lantern-Street-6' });
      expect(changed.errors).toBeUndefined();
      expect((await get().gql('{ me { username } }', {}, changed.data.login.token)).data.me).toEqual({ username: 'expiry' });
      expect((await get().gql(LOGIN, { u: 'expiry', p: 'Old-Lantern-Street-5' })).errors?.[0].extensions).toMatchObject({ reason: 'wrongLogin' });
      expect(await get().login('expiry', 'New-Lantern-Street-6')).toEqual(expect.any(String));
      expect((await audit('user.password_changed', 'expiry')).pop().details).toEqual({ atLogin: true, expiredAfterDays: 90 });
      await get().gql(SETTINGS, { p: { passwordMaxAgeDays: 0 } }, admin);
    });

    test('an administrator can require a new password at the next login, without any expiry set', async () => {
      const r = await get().gql('mutation { updateUser(username: "expiry", patch: { mustChangePassword: true }) { username } }', {}, admin);
      expect(r.errors).toBeUndefined();
      const refused = await get().gql(LOGIN, { u: 'expiry', p: 'New-Lantern-Street-6' });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'passwordChangeRequired' });
      const changed = await get().gql(LOGIN, { u: 'expiry', p: 'New-Lantern-Street-6', n: 'Third-Lantern-Street-7' });
      expect(changed.errors).toBeUndefined();
      expect(await get().login('expiry', 'Third-Lantern-Street-7')).toEqual(expect.any(String));
      expect((await audit('user.update', 'expiry')).pop().details).toEqual({ before: { mustChangePassword: false }, after: { mustChangePassword: true } });
    });

    test('the session lifetime setting decides when a new session expires; an expired session is refused', async () => {
      expect((await get().gql(SETTINGS, { p: { sessionLifetimeHours: 2 } }, admin)).errors).toBeUndefined();
      const r = await get().gql(LOGIN, { u: 'counter', p: 'chizu-demo' });
      const hours = (Date.parse(r.data.login.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(1.9);
      expect(hours).toBeLessThanOrEqual(2);
      await get().db.pool.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE expires_at > now() + interval '1 hour'
        AND user_id = (SELECT id FROM app_user WHERE username = 'counter')`);
      expect((await get().gql('{ me { username } }', {}, r.data.login.token)).data.me).toBeNull();
      await get().gql(SETTINGS, { p: { sessionLifetimeHours: 12 } }, admin);
      const later = await get().gql(LOGIN, { u: 'counter', p: 'chizu-demo' });
      expect((Date.parse(later.data.login.expiresAt) - Date.now()) / 3_600_000).toBeGreaterThan(11.9);
    });
  });

  describe('the public map shows the chosen fields only', () => {
    let point: { id: string; lon: number; lat: number; address: string; point_no: string };
    const pub = (path: string) => fetch(`${get().url}${path}`);

    beforeAll(async () => {
      point = (await get().db.pool.query(
        `SELECT f.id::text AS id, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat, f.attributes->>'address' AS address, f.attributes->>'point_no' AS point_no
         FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'garbage_points' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`)).rows[0];
      expect(point).toBeDefined();
    });

    test('only unrestricted fields of the layer can be chosen (coded error), and the choice is audited', async () => {
      const unknown = await get().gql('mutation { updateLayer(key: "garbage_points", patch: { published: true, publishedFields: ["point_no", "nope"] }) { key } }', {}, admin);
      expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'publishedFieldUnknown', params: { field: 'nope' } });
      const restricted = await get().gql('mutation { updateLayer(key: "boundary_records", patch: { published: true, publishedFields: ["witnesses"] }) { key } }', {}, admin);
      expect(restricted.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'publishedFieldUnknown', params: { field: 'witnesses' } });
      const ok = await get().gql('mutation { updateLayer(key: "garbage_points", patch: { published: true, publishedFields: ["point_no", "households"] }) { published publishedFields } }', {}, admin);
      expect(ok.data.updateLayer).toEqual({ published: true, publishedFields: ['point_no', 'households'] });
      expect((await audit('layer.update', 'garbage_points')).pop().details).toEqual({
        before: { published: false, published_fields: null }, after: { published: true, published_fields: ['point_no', 'households'] } });
    });

    test('layer list, info panel, tiles and search carry the chosen fields only; staff still read everything', async () => {
      const { layers } = (await (await pub('/public/api/layers')).json()) as { layers: { key: string; fields: { key: string }[] }[] };
      expect(layers.find((l) => l.key === 'garbage_points')!.fields.map((f) => f.key)).toEqual(['point_no', 'households']);

      const feature = (await (await pub(`/public/api/layers/garbage_points/features/${point.id}`)).json()) as { attributes: Record<string, unknown> };
      expect(feature.attributes.point_no).toBe(point.point_no);
      expect(Object.keys(feature.attributes).filter((k) => !['point_no', 'households'].includes(k))).toEqual([]);

      const [z, x, y] = tileOf(point.lon, point.lat, 16);
      const publicTile = await tileProperties(await (await pub(`/public/tiles/garbage_points/${z}/${x}/${y}.mvt`)).arrayBuffer(), 'garbage_points');
      expect(publicTile.length).toBeGreaterThan(0);
      for (const p of publicTile) expect(Object.keys(p).filter((k) => !['point_no', 'households', 'version'].includes(k))).toEqual([]);
      const staffTile = await fetch(`${get().url}/tiles/garbage_points/${z}/${x}/${y}.mvt`, { headers: { authorization: `Bearer ${admin}` } });
      expect(Object.keys((await tileProperties(await staffTile.arrayBuffer(), 'garbage_points'))[0])).toContain('installation_type');

      const search = async (q: string) => ((await (await pub(`/public/api/search?q=${encodeURIComponent(q)}`)).json()) as {
        results: { layerKey: string | null; label: string; sublabel: string }[] }).results.filter((h) => h.layerKey === 'garbage_points');
      expect((await search(point.point_no)).map((h) => h.label)).toContain(point.point_no);
      // By the unpublished address: staff find the point, the public does not.
      const staff = await get().gql('query($q: String!) { search(text: $q, first: 20) { layerKey } }', { q: point.address }, admin);
      expect(staff.data.search.some((h: { layerKey: string }) => h.layerKey === 'garbage_points')).toBe(true);
      expect(await search(point.address)).toEqual([]);
      for (const h of await search(point.point_no)) expect(h.sublabel).not.toContain(point.address);
    });

    test('the export for the internet side holds the published layers with the chosen fields only', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'public-export-'));
      try {
        const files = await exportPublished(get().db, get().config, dir);
        expect(files.map((f) => path.basename(f)).sort()).toEqual(['garbage_points.geojson', 'layers.json']);
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'layers.json'), 'utf8'));
        expect(manifest.layers.map((l: { fields: { key: string }[] }) => l.fields.map((f) => f.key))).toEqual([['point_no', 'households']]);
        const geojson = JSON.parse(fs.readFileSync(path.join(dir, 'garbage_points.geojson'), 'utf8'));
        expect(geojson.features.length).toBeGreaterThan(0);
        const keys = new Set(geojson.features.flatMap((f: { properties: Record<string, unknown> }) => Object.keys(f.properties)));
        expect([...keys].filter((k) => !['id', 'point_no', 'households'].includes(k as string))).toEqual([]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('a field made restricted leaves the public list; null publishes all unrestricted fields again', async () => {
      const fields = (await get().gql('{ layer(key: "garbage_points") { fields { key label type required maxLength unit options min max } } }', {}, admin)).data.layer.fields;
      const patched = fields.map((f: Record<string, unknown>) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null)))
        .map((f: { key: string }) => (f.key === 'households' ? { ...f, restricted: { departments: ['env'] } } : f));
      const r = await get().gql('mutation($f: [FieldInput!]!) { updateLayer(key: "garbage_points", patch: { fields: $f }) { publishedFields } }', { f: patched }, admin);
      expect(r.errors).toBeUndefined();
      expect(r.data.updateLayer.publishedFields).toEqual(['point_no']);
      const all = await get().gql('mutation { updateLayer(key: "garbage_points", patch: { publishedFields: null }) { publishedFields } }', {}, admin);
      expect(all.data.updateLayer.publishedFields).toBeNull();
      const { layers } = (await (await pub('/public/api/layers')).json()) as { layers: { key: string; fields: { key: string }[] }[] };
      const keys = layers.find((l) => l.key === 'garbage_points')!.fields.map((f) => f.key);
      expect(keys).toEqual(expect.arrayContaining(['point_no', 'address']));
      expect(keys).not.toContain('households');
    });
  });
});
