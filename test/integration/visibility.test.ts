import { describeBackends, TestServer } from '../helpers/backends';

const CREATE = `mutation($attributes: JSONObject) {
  createFeature(layer: "curve_mirrors", geometry: { type: "Point", coordinates: [140.171, 35.671] }, attributes: $attributes) { id version } }`;
const DELETE = 'mutation($id: ID!, $v: Int!) { deleteFeature(id: $id, expectedVersion: $v) { id version } }';
const HISTORY = 'query($id: ID!) { featureHistory(id: $id) { version operation changedBy changedByUsername } }';
const ATTACHMENTS = 'query($id: ID!) { attachments(featureId: $id) { id filename } }';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082', 'hex');

describeBackends('Deleted data and names', (get) => {
  const tokens: Record<string, string> = {};
  let featureId = '';
  let attachmentId = '';
  beforeAll(async () => {
    for (const u of ['admin', 'roads', 'env', 'counter']) tokens[u] = await get().login(u);
    const created = await get().gql(CREATE, { attributes: { mirror_no: 'CM-DEL-1', shape: '丸' } }, tokens.roads);
    featureId = created.data.createFeature.id;
    const { rows } = await get().db.pool.query(
      `INSERT INTO attachment (feature_id, filename, content_type, size_bytes, sha256, data)
       VALUES ($1, '境界確定図.png', 'image/png', $2, encode(sha256($3), 'hex'), $3) RETURNING id::text AS id`, [featureId, PNG.length, PNG]);
    attachmentId = rows[0].id;
  });
  const as = (user: string) => (query: string, variables?: Record<string, unknown>) => get().gql(query, variables, tokens[user]);
  const fetchAttachment = (t: TestServer, user: string) =>
    fetch(`${t.url}/api/attachments/${attachmentId}`, { headers: { authorization: `Bearer ${tokens[user]}` } });

  test('viewers see display names in the history, not login names; administrators see both', async () => {
    const viewer = (await as('counter')(HISTORY, { id: featureId })).data.featureHistory;
    expect(viewer[0]).toMatchObject({ changedBy: '道路管理課 担当', changedByUsername: null });
    const editor = (await as('roads')(HISTORY, { id: featureId })).data.featureHistory;
    expect(editor[0].changedByUsername).toBeNull();
    const admin = (await as('admin')(HISTORY, { id: featureId })).data.featureHistory;
    expect(admin[0]).toMatchObject({ changedBy: '道路管理課 担当', changedByUsername: 'roads' });
  });

  test("a live feature's history and attachments are readable by viewers", async () => {
    expect((await as('counter')(HISTORY, { id: featureId })).data.featureHistory).toHaveLength(1);
    expect((await as('counter')(ATTACHMENTS, { id: featureId })).data.attachments).toHaveLength(1);
    expect((await fetchAttachment(get(), 'counter')).status).toBe(200);
  });

  test("a deleted feature's history and attachments are visible only to the layer's editors and administrators", async () => {
    expect((await as('roads')(DELETE, { id: featureId, v: 1 })).errors).toBeUndefined();
    for (const outsider of ['counter', 'env']) {
      const h = await as(outsider)(HISTORY, { id: featureId });
      expect(h.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(JSON.stringify(h)).not.toContain('CM-DEL-1');
      expect((await as(outsider)(ATTACHMENTS, { id: featureId })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const file = await fetchAttachment(get(), outsider);
      expect(file.status).toBe(404);
      expect(Buffer.from(await file.arrayBuffer()).includes(PNG)).toBe(false);
    }
    for (const insider of ['roads', 'admin']) {
      expect((await as(insider)(HISTORY, { id: featureId })).data.featureHistory.map((v: any) => v.operation)).toEqual(['delete', 'create']);
      expect((await as(insider)(ATTACHMENTS, { id: featureId })).data.attachments).toHaveLength(1);
      const file = await fetchAttachment(get(), insider);
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    }
  });

  describe('the last active administrator', () => {
    const UPDATE_USER = 'mutation($u: String!, $p: UserPatch!) { updateUser(username: $u, patch: $p) { username role } }';

    test('cannot be demoted or disabled (CONFLICT), and stays an administrator', async () => {
      for (const patch of [{ role: 'VIEWER' }, { role: 'EDITOR', departmentKey: 'roads' }, { disabled: true }]) {
        const r = await as('admin')(UPDATE_USER, { u: 'admin', p: patch });
        expect(r.errors?.[0].extensions?.code).toBe('CONFLICT');
        expect(r.errors?.[0].message).toMatch(/最後の管理者/);
      }
      const { rows } = await get().db.pool.query(`SELECT role, disabled FROM app_user WHERE username = 'admin'`);
      expect(rows[0]).toEqual({ role: 'admin', disabled: false });
    });

    test('two administrators demoting each other at once: one stays', async () => {
      const created = await as('admin')('mutation { createUser(input: { username: "admin2", displayName: "管理者2", password: "chizu-demo-2", role: ADMIN }) { username } }');
      expect(created.errors).toBeUndefined();
      tokens.admin2 = await get().login('admin2', 'chizu-demo-2');
      const [a, b] = await Promise.all([
        as('admin')(UPDATE_USER, { u: 'admin2', p: { role: 'VIEWER' } }),
        as('admin2')(UPDATE_USER, { u: 'admin', p: { role: 'VIEWER' } }),
      ]);
      expect([a, b].filter((r) => !r.errors)).toHaveLength(1);
      const { rows } = await get().db.pool.query(`SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND NOT disabled`);
      expect(rows[0].n).toBe(1);
    });
  });
});
