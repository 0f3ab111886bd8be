import { createServer } from '../../server/src/app';
import { openDatabase } from '../../server/src/db/database';
import { describeBackends } from '../helpers/backends';

// Sessions, tokens and the layer catalogue are served from memory (change-feed.ts, session-cache.ts):
// a change must still be seen by the very next request — here, and by another server on the same database.

const RESTRICT = `mutation($access: LayerReadAccessInput) {
  updateLayer(key: "curve_mirrors", patch: { readAccess: $access }) { key } }`;
const UPDATE_USER = `mutation($u: String!, $patch: UserPatch!) { updateUser(username: $u, patch: $patch) { username role disabled } }`;
const TILE = '/tiles/curve_mirrors/14/14552/6451.mvt';

describeBackends('no stale permission after a change', (get, kind) => {
  let admin: string;
  beforeAll(async () => { admin = await get().login('admin'); });

  const me = async (token: string) => (await get().gql('{ me { username role } }', {}, token)).data?.me ?? null;
  const tile = (token: string, base = get().url) => fetch(`${base}${TILE}`, { headers: { authorization: `Bearer ${token}` } });
  const sees = async (token: string) => (await get().gql('{ layer(key: "curve_mirrors") { key } }', {}, token)).data?.layer?.key ?? null;

  test('a layer restricted through the API is gone on the very next request (GraphQL and a warm tile), and back once lifted', async () => {
    const counter = await get().login('counter');
    expect(await sees(counter)).toBe('curve_mirrors');
    expect((await tile(counter)).status).toBe(200);
    const warm = await tile(counter);
    expect(warm.status).toBe(200);
    expect(warm.headers.get('x-tile-cache')).toBe('hit');

    expect((await get().gql(RESTRICT, { access: { departments: ['disaster'], users: [] } }, admin)).errors).toBeUndefined();
    expect(await sees(counter)).toBeNull();
    expect((await tile(counter)).status).toBe(404);

    expect((await get().gql(RESTRICT, { access: null }, admin)).errors).toBeUndefined();
    expect(await sees(counter)).toBe('curve_mirrors');
    expect((await tile(counter)).status).toBe(200);
  });

  test('a disabled user is refused on the next request, a role change is seen on the next request, logout ends the session at once', async () => {
    const env = await get().login('env');
    expect(await me(env)).toEqual({ username: 'env', role: 'EDITOR' });
    expect((await get().gql(UPDATE_USER, { u: 'env', patch: { role: 'VIEWER' } }, admin)).errors).toBeUndefined();
    expect(await me(env)).toEqual({ username: 'env', role: 'VIEWER' });
    expect((await get().gql(UPDATE_USER, { u: 'env', patch: { disabled: true } }, admin)).errors).toBeUndefined();
    expect(await me(env)).toBeNull();
    expect((await tile(env)).status).toBe(401);

    const roads = await get().login('roads');
    expect(await me(roads)).toEqual({ username: 'roads', role: 'EDITOR' });
    expect((await get().gql('mutation { logout }', {}, roads)).errors).toBeUndefined();
    expect(await me(roads)).toBeNull();
  });

  test('a revoked access token is refused on the next request', async () => {
    const community = await get().login('community');
    const created = await get().gql(`mutation { createAccessToken(input: { name: "QGIS", readOnly: true }) { token accessToken { id } } }`, {}, community);
    const { token, accessToken } = created.data.createAccessToken;
    expect((await tile(token)).status).toBe(200);
    expect((await tile(token)).status).toBe(200);
    expect((await get().gql('mutation($id: ID!) { revokeAccessToken(id: $id) }', { id: accessToken.id }, community)).errors).toBeUndefined();
    expect((await tile(token)).status).toBe(401);
  });

  if (kind === 'postgis') {
    test('a second server on the same PostgreSQL sees changes made through the first, and in SQL (NOTIFY)', async () => {
      const db2 = await openDatabase({ databaseUrl: get().config.databaseUrl });
      const second = await createServer(db2, { ...get().config, webDist: '/nonexistent' }, () => undefined);
      const url2 = `http://127.0.0.1:${await second.listen(0)}`;
      // Another process is told asynchronously: allow it a moment, but not the session cache's 30 s.
      const soon = async (check: () => Promise<boolean>) => {
        for (const until = Date.now() + 2000; Date.now() < until;) {
          if (await check()) return true;
          await new Promise((r) => setTimeout(r, 20));
        }
        return false;
      };
      try {
        const counter = await get().login('counter');
        expect((await tile(counter, url2)).status).toBe(200);
        expect((await tile(counter, url2)).headers.get('x-tile-cache')).toBe('hit');
        await get().gql(RESTRICT, { access: { departments: ['disaster'], users: [] } }, admin);
        expect(await soon(async () => (await tile(counter, url2)).status === 404)).toBe(true);
        await get().gql(RESTRICT, { access: null }, admin);
        expect(await soon(async () => (await tile(counter, url2)).status === 200)).toBe(true);

        await get().gql(UPDATE_USER, { u: 'counter', patch: { disabled: true } }, admin);
        expect(await soon(async () => (await tile(counter, url2)).status === 401)).toBe(true);
        await get().gql(UPDATE_USER, { u: 'counter', patch: { disabled: false } }, admin);

        const disaster = await get().login('disaster');
        expect((await tile(disaster, url2)).status).toBe(200);
        await get().db.pool.query(`UPDATE user_session SET revoked_at = now() WHERE revoked_at IS NULL
          AND user_id = (SELECT id FROM app_user WHERE username = 'disaster')`);
        expect(await soon(async () => (await tile(disaster, url2)).status === 401)).toBe(true);
        expect((await tile(disaster)).status).toBe(401);
      } finally {
        await second.stop();
        await db2.close();
      }
    });
  }
});
