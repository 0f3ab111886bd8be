import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLObjectType } from 'graphql';
import { AuthService } from '../../server/src/modules/auth/auth.service';
import { describeBackends, TestServer } from '../helpers/backends';

/** Every administrators-only GraphQL entry point, called with arguments that would succeed for an administrator. */
const ADMIN_OPERATIONS: Record<string, string> = {
  users: '{ users { username } }',
  changes: '{ changes(first: 1) { featureId } }',
  createUser: 'mutation { createUser(input: { username: "intruder", displayName: "x", password: "long-enough-1", role: ADMIN }) { username } }',
  updateUser: 'mutation { updateUser(username: "counter", patch: { role: ADMIN }) { username } }',
  revokeSessions: 'mutation { revokeSessions(username: "admin") }',
  unlockLogin: 'mutation { unlockLogin(username: "admin") }',
  resetPassword: 'mutation { resetPassword(username: "admin") }',
  renameDepartment: 'mutation { renameDepartment(key: "env", nameJa: "乗っ取り課", nameEn: "Taken") { key } }',
  createDepartment: 'mutation { createDepartment(input: { key: "intruders", nameJa: "侵入課", nameEn: "Intruders" }) { key } }',
  createLayer: `mutation { createLayer(input: { key: "intruder_layer", nameJa: "x", nameEn: "x", departmentKey: "roads",
    geometryTypes: ["Point"], fields: [{ key: "n", label: "n", type: TEXT }] }) { key } }`,
  updateLayer: 'mutation { updateLayer(key: "curve_mirrors", patch: { nameJa: "乗っ取り" }) { key } }',
  auditLog: '{ auditLog(first: 1) { totalCount } }',
  purgeAuditLog: 'mutation { purgeAuditLog }',
  createBasemap: 'mutation { createBasemap(input: { nameJa: "乗っ取り", nameEn: "x", kind: STYLE, url: "https://evil.example/style.json" }) { id } }',
  updateBasemap: 'mutation { updateBasemap(id: "1", patch: { enabled: false }) { id } }',
  deleteBasemap: 'mutation { deleteBasemap(id: "1") }',
  mergeDepartments: 'mutation { mergeDepartments(from: "env", into: "roads") { key } }',
  securitySettings: '{ securitySettings { passwordHistoryCount } }',
  updateSecuritySettings: 'mutation { updateSecuritySettings(patch: { passwordHistoryCount: 0 }) { passwordHistoryCount } }',
};

/** The Query and Mutation fields the schema documents as "(administrators)". */
function documentedAdminFields(): string[] {
  const schema = buildSchema(fs.readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
  return [schema.getQueryType(), schema.getMutationType()]
    .flatMap((t) => Object.values((t as GraphQLObjectType).getFields()))
    .filter((f) => /\(administrators\)/.test(f.description ?? ''))
    .map((f) => f.name)
    .sort();
}

describeBackends('Administrators-only entry points', (get: () => TestServer) => {
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    for (const u of ['admin', 'roads', 'counter']) tokens[u] = await get().login(u);
  });

  test('the list below covers every operation the schema documents as administrators-only', () => {
    expect(Object.keys(ADMIN_OPERATIONS).sort()).toEqual(documentedAdminFields());
  });

  test.each(['roads', 'counter'])('%s (not an administrator) gets FORBIDDEN with one message from each of them and the backup route', async (who) => {
    const refusals = [];
    for (const [name, query] of Object.entries(ADMIN_OPERATIONS)) {
      const r = await get().gql(query, {}, tokens[who]);
      expect({ name, data: r.data ?? null }).toEqual({ name, data: null });
      refusals.push({ name, code: r.errors?.[0].extensions?.code, reason: r.errors?.[0].extensions?.reason, message: r.errors?.[0].message });
    }
    const backup = await fetch(`${get().url}/api/admin/backup`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    const body = (await backup.json()) as { error: Record<string, unknown> };
    refusals.push({ name: 'GET /api/admin/backup', code: body.error.code, reason: body.error.reason, message: body.error.message });
    expect(backup.status).toBe(403);
    const message = '管理者のみ行えます (only administrators may do this)';
    expect(refusals).toEqual(refusals.map(({ name }) => ({ name, code: 'FORBIDDEN', reason: 'adminOnly', message })));
  });

  test('nothing was changed by the refused calls; an administrator is let through', async () => {
    const users = await get().gql('{ users { username role } }', {}, tokens.admin);
    expect(users.errors).toBeUndefined();
    expect(users.data.users.map((u: { username: string }) => u.username)).not.toContain('intruder');
    expect(users.data.users.find((u: { username: string }) => u.username === 'counter').role).toBe('VIEWER');
    const layer = await get().gql('{ layer(key: "curve_mirrors") { nameJa } }', {}, tokens.admin);
    expect(layer.data.layer.nameJa).toBe('カーブミラー');
    const changes = await get().gql(ADMIN_OPERATIONS.changes, {}, tokens.admin);
    expect(changes.errors).toBeUndefined();
  });

  test('AuthService.createUser checks the caller itself: an editor is refused even without the resolver', async () => {
    const auth = new AuthService(get().db, get().config);
    const roads = await auth.authenticate(tokens.roads);
    await expect(auth.createUser(roads, { username: 'direct', displayName: 'x', password: 'long-enough-1', role: 'admin' }))
      .rejects.toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'adminOnly' } });
    await expect(auth.createUser(null, { username: 'direct', displayName: 'x', password: 'long-enough-1', role: 'admin' }))
      .rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
