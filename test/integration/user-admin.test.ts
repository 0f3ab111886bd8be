import { describeBackends } from '../helpers/backends';

const CREATE = `mutation($input: NewUserInput!) { createUser(input: $input) { id username displayName role department { key } disabled } }`;
const UPDATE = `mutation($u: String!, $patch: UserPatch!) { updateUser(username: $u, patch: $patch) { username role department { key } disabled grantedLayers } }`;
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
const CHANGE = 'mutation($c: String!, $n: String!) { changeOwnPassword(currentPassword: $c, newPassword: $n) }';

describeBackends('user and department administration', (get) => {
  let admin: string;
  beforeAll(async () => { admin = await get().login('admin'); });
  const audit = async (kind: string, target: string) => (await get().db.pool.query(
    'SELECT kind, username, target, details FROM audit_log WHERE kind = $1 AND target = $2 ORDER BY id', [kind, target])).rows;
  const hashOf = async (username: string) => (await get().db.pool.query('SELECT password_hash FROM app_user WHERE username = $1', [username])).rows[0]?.password_hash;

  test('creating a user applies the password policy with a coded error and writes nothing when refused', async () => {
    const input = { username: 'tanaka', displayName: '田中 一郎', role: 'EDITOR', departmentKey: 'env' };
    for (const [password, reason] of [['short', 'passwordTooShort'], ['tanaka12345', 'passwordIsUsername'], ['password2026', 'passwordWeak']]) {
      const r = await get().gql(CREATE, { input: { ...input, password } }, admin);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, field: 'password' });
    }
    expect((await get().gql(CREATE, { input: { ...input, password: 'short' } }, admin)).errors?.[0].message).toBe(
      'パスワードは10文字以上にしてください (the password must be at least 10 characters long)');
    expect(await hashOf('tanaka')).toBeUndefined();
    expect(await audit('user.create', 'tanaka')).toEqual([]);
  });

  test('a user with a department and role is created, listed and audited; an unknown department or a taken name is refused', async () => {
    const bad = await get().gql(CREATE, { input: { username: 'sato', displayName: '佐藤', role: 'VIEWER', departmentKey: 'nowhere', password: 'hydrant-Lamp-42' } }, admin);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'unknownDepartment', params: { department: 'nowhere' } });
    const r = await get().gql(CREATE, { input: { username: 'tanaka', displayName: '田中 一郎', role: 'EDITOR', departmentKey: 'env', password: 'hydrant-Lamp-42' } }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.createUser).toMatchObject({ username: 'tanaka', role: 'EDITOR', department: { key: 'env' }, disabled: false });
    const again = await get().gql(CREATE, { input: { username: 'tanaka', displayName: 'x', role: 'VIEWER', password: 'hydrant-Lamp-42' } }, admin);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'userExists' });
    const users = await get().gql('{ users { username disabled department { key } } }', {}, admin);
    expect(users.data.users.find((u: { username: string }) => u.username === 'tanaka')).toEqual({ username: 'tanaka', disabled: false, department: { key: 'env' } });
    expect(await audit('user.create', 'tanaka')).toMatchObject([{ username: 'admin', details: { after: { role: 'editor', departmentKey: 'env' } } }]);
    expect(await get().login('tanaka', 'hydrant-Lamp-42')).toEqual(expect.any(String));
  });

  test('department and role are changed and audited; disabling ends the sessions and refuses the login', async () => {
    const token = await get().login('tanaka', 'hydrant-Lamp-42');
    const moved = await get().gql(UPDATE, { u: 'tanaka', patch: { departmentKey: 'roads', role: 'EDITOR' } }, admin);
    expect(moved.data.updateUser).toMatchObject({ department: { key: 'roads' }, role: 'EDITOR' });
    expect((await get().gql('{ me { editableLayers } }', {}, token)).data.me.editableLayers).toContain('road_ledger');
    expect((await audit('user.update', 'tanaka')).pop().details).toEqual({ before: { departmentKey: 'env' }, after: { departmentKey: 'roads' } });
    const weak = await get().gql(UPDATE, { u: 'tanaka', patch: { password: 'qwerty12345' } }, admin);
    expect(weak.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'passwordWeak' });

    const off = await get().gql(UPDATE, { u: 'tanaka', patch: { disabled: true } }, admin);
    expect(off.data.updateUser.disabled).toBe(true);
    expect((await get().gql('{ me { username } }', {}, token)).data.me).toBeNull();
    expect((await get().gql(LOGIN, { u: 'tanaka', p: 'hydrant-Lamp-42' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    await get().gql(UPDATE, { u: 'tanaka', patch: { disabled: false } }, admin);
    expect(await get().login('tanaka', 'hydrant-Lamp-42')).toEqual(expect.any(String));
  });

  test('a reset password is returned once, works, is never logged, and ends the user\'s sessions', async () => {
    const token = await get().login('tanaka', 'hydrant-Lamp-42');
    const r = await get().gql('mutation { resetPassword(username: "tanaka") }', {}, admin);
    const temporary: string = r.data.resetPassword;
    expect(temporary).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect((await get().gql('{ me { username } }', {}, token)).data.me).toBeNull();
    expect((await get().gql(LOGIN, { u: 'tanaka', p: 'hydrant-Lamp-42' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await get().login('tanaka', temporary)).toEqual(expect.any(String));
    const logged = await audit('user.password_reset', 'tanaka');
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain(temporary);
    const unknown = await get().gql('mutation { resetPassword(username: "nobody-at-all") }', {}, admin);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'userNotFound' });
  });

  test('a user changes its own password: the current one is checked, the policy applies, other sessions end, this one stays', async () => {
    const temporary = (await get().gql('mutation { resetPassword(username: "tanaka") }', {}, admin)).data.resetPassword as string;
    const here = await get().login('tanaka', temporary);
    const elsewhere = await get().login('tanaka', temporary);
    const wrong = await get().gql(CHANGE, { c: 'not-the-password', n: 'Kaido-lamp-Map-9' }, here);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'currentPasswordWrong' });
    expect(await audit('user.password_change_failed', 'tanaka')).toHaveLength(1);
    const weak = await get().gql(CHANGE, { c: temporary, n: 'tanaka-2026' }, here);
    expect(weak.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'passwordIsUsername' });
    const same = await get().gql(CHANGE, { c: temporary, n: temporary }, here);
    expect(same.errors?.[0].extensions).toMatchObject({ reason: 'passwordUnchanged' });
    const ok = await get().gql(CHANGE, { c: temporary, n: 'Kaido-lamp-Map-9' }, here);
    expect(ok.data?.changeOwnPassword).toBe(true);
    expect((await get().gql('{ me { username } }', {}, here)).data.me).toEqual({ username: 'tanaka' });
    expect((await get().gql('{ me { username } }', {}, elsewhere)).data.me).toBeNull();
    expect(await get().login('tanaka', 'Kaido-lamp-Map-9')).toEqual(expect.any(String));
    expect((await audit('user.password_changed', 'tanaka')).pop().details).toEqual({ otherSessionsEnded: 1 });
    const anonymous = await get().gql(CHANGE, { c: 'x', n: 'Kaido-lamp-Map-10' });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('an administrator unlocks a locked login, and the unlock is audited', async () => {
    for (let i = 0; i < 6; i++) await get().gql(LOGIN, { u: 'tanaka', p: 'wrong-password' });
    expect((await get().gql(LOGIN, { u: 'tanaka', p: 'Kaido-lamp-Map-9' })).errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
    const cleared = await get().gql('mutation { unlockLogin(username: "tanaka") }', {}, admin);
    expect(cleared.data.unlockLogin).toBeGreaterThan(0);
    expect(await get().login('tanaka', 'Kaido-lamp-Map-9')).toEqual(expect.any(String));
    expect((await audit('login.unlock', 'tanaka')).length).toBe(1);
  });

  test('departments are created and renamed (key kept, layers and users follow), audited; empty names are refused', async () => {
    const created = await get().gql('mutation { createDepartment(input: { key: "parks", nameJa: "公園緑地課", nameEn: "Parks Division" }) { key nameJa } }', {}, admin);
    expect(created.data.createDepartment).toEqual({ key: 'parks', nameJa: '公園緑地課' });
    const empty = await get().gql('mutation { renameDepartment(key: "parks", nameJa: " ", nameEn: "Parks") { key } }', {}, admin);
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'departmentNameRequired' });
    const unknown = await get().gql('mutation { renameDepartment(key: "nowhere", nameJa: "x", nameEn: "x") { key } }', {}, admin);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'departmentNotFound' });
    const renamed = await get().gql('mutation { renameDepartment(key: "env", nameJa: "環境保全課", nameEn: "Environmental Conservation") { key nameJa nameEn } }', {}, admin);
    expect(renamed.data.renameDepartment).toEqual({ key: 'env', nameJa: '環境保全課', nameEn: 'Environmental Conservation' });
    const layer = await get().gql('{ layer(key: "garbage_points") { department { key nameJa } } }', {}, admin);
    expect(layer.data.layer.department).toEqual({ key: 'env', nameJa: '環境保全課' });
    expect((await audit('department.update', 'env')).pop()).toMatchObject({ username: 'admin',
      details: { before: { nameJa: '環境政策課', nameEn: 'Environmental Policy Division' }, after: { nameJa: '環境保全課' } } });
    expect((await audit('department.create', 'parks'))).toHaveLength(1);
  });
}, { scale: 0 });
