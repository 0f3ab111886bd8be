import { describeBackends } from '../helpers/backends';

const AUDIT = `query($filter: AuditFilter, $first: Int, $before: ID) {
  auditLog(filter: $filter, first: $first, before: $before) {
    totalCount nextBefore entries { id at kind username clientAddress target layerKey rowCount details } } }`;

describeBackends('audit trail', (get) => {
  let admin: string;
  beforeAll(async () => { admin = await get().login('admin'); });

  const rows = async (kind: string, extra = '', values: unknown[] = []) => (await get().db.pool.query(
    `SELECT kind, user_id, username, client_address, target, layer_key, row_count, details FROM audit_log WHERE kind = $1 ${extra} ORDER BY id`,
    [kind, ...values])).rows;
  const last = async (kind: string) => (await rows(kind)).pop();

  test('logins, failed logins, the lockout and logout are logged with user and client address', async () => {
    const token = await get().login('counter');
    const login = (await rows('login', 'AND username = $2', ['counter'])).pop();
    expect(login).toMatchObject({ username: 'counter', client_address: expect.stringMatching(/127\.0\.0\.1/) });
    expect(login.user_id).toEqual(expect.any(Number));

    const attempt = (password: string) => get().gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: 'disaster', p: password });
    for (let i = 0; i < 3; i++) await attempt('wrong-password');
    const failed = await rows('login.failed', 'AND username = $2', ['disaster']);
    expect(failed.length).toBe(2); // LOGIN_MAX_FAILURES=2: the third attempt is refused before the password is checked
    expect(failed[0]).toMatchObject({ user_id: null, details: { reason: 'wrong password' } });
    expect(await rows('login.locked', 'AND username = $2', ['disaster'])).toHaveLength(1);
    await get().gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: 'nobody-here', p: 'x' });
    expect((await last('login.failed'))).toMatchObject({ username: 'nobody-here', details: { reason: 'unknown user' } });

    expect((await get().gql('mutation { logout }', {}, token)).data.logout).toBe(true);
    expect(await last('logout')).toMatchObject({ username: 'counter' });
    // A second logout with the dead token ends nothing and logs nothing.
    await get().gql('mutation { logout }', {}, token);
    expect(await rows('logout', 'AND username = $2', ['counter'])).toHaveLength(1);
  });

  test('an expired session is logged once, when it is next presented', async () => {
    const token = await get().login('env');
    await get().db.pool.query(
      "UPDATE user_session SET expires_at = now() - interval '1 second' WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')", [token]);
    expect((await get().gql('{ me { username } }', {}, token)).data.me).toBeNull();
    expect((await get().gql('{ me { username } }', {}, token)).data.me).toBeNull();
    const expired = await rows('session.expired', 'AND username = $2', ['env']);
    expect(expired).toHaveLength(1);
    expect(expired[0].client_address).toMatch(/127\.0\.0\.1/);
  });

  test('a layer definition change is logged with before and after in its transaction; a refused change leaves no row', async () => {
    const before = (await rows('layer.update')).length;
    const r = await get().gql('mutation { updateLayer(key: "curve_mirrors", patch: { nameJa: "カーブミラー（道路反射鏡）" }) { nameJa } }', {}, admin);
    expect(r.errors).toBeUndefined();
    const entry = await last('layer.update');
    expect(entry).toMatchObject({ username: 'admin', target: 'curve_mirrors', layer_key: 'curve_mirrors',
      details: { before: { name_ja: 'カーブミラー' }, after: { name_ja: 'カーブミラー（道路反射鏡）' } } });
    expect(Object.keys(entry.details.after)).toEqual(['name_ja']); // only what changed

    const refused = await get().gql('mutation { updateLayer(key: "curve_mirrors", patch: { geometryTypes: ["Polygon"] }) { key } }', {}, admin);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rows('layer.update')).toHaveLength(before + 1);
  });

  test('a new layer is logged with its definition; ending a user\'s sessions is logged with how many', async () => {
    const created = await get().gql(`mutation { createLayer(input: { key: "audit_hydrants", nameJa: "消火栓", nameEn: "Hydrants", departmentKey: "disaster",
      geometryTypes: ["Point"], fields: [{ key: "no", label: "番号", labelEn: "No.", type: TEXT, restricted: { departments: ["disaster"] } }] }) { key } }`, {}, admin);
    expect(created.errors).toBeUndefined();
    expect(await last('layer.create')).toMatchObject({ username: 'admin', target: 'audit_hydrants', layer_key: 'audit_hydrants',
      details: { after: { nameJa: '消火栓', departmentKey: 'disaster', geometryTypes: ['Point'],
        fields: [expect.objectContaining({ key: 'no', restricted: expect.objectContaining({ departments: ['disaster'] }) })] } } });
    await get().login('env');
    await get().login('env');
    const revoked = await get().gql('mutation { revokeSessions(username: "env") }', {}, admin);
    expect(revoked.data.revokeSessions).toBeGreaterThanOrEqual(2);
    expect(await last('user.sessions_revoked')).toMatchObject({ username: 'admin', target: 'env', row_count: revoked.data.revokeSessions });
  });

  test('user and role changes are logged with before/after; a new password only as "changed"', async () => {
    const created = await get().gql(`mutation { createUser(input: { username: "audit-user", displayName: "監査 太郎", password: "secret-pass-1", role: VIEWER }) { id } }`, {}, admin);
    expect(created.errors).toBeUndefined();
    expect(await last('user.create')).toMatchObject({ username: 'admin', target: 'audit-user', details: { after: { role: 'viewer' } } });
    const updated = await get().gql(`mutation { updateUser(username: "audit-user", patch: { role: EDITOR, departmentKey: "roads", password: "another-pass-2" }) { role } }`, {}, admin);
    expect(updated.errors).toBeUndefined();
    const entry = await last('user.update');
    expect(entry).toMatchObject({ target: 'audit-user', details: {
      before: { role: 'viewer', departmentKey: null }, after: { role: 'editor', departmentKey: 'roads' }, passwordChanged: true } });
    expect(JSON.stringify(entry)).not.toContain('another-pass-2');
  });

  test('an export is logged with its layer, feature count, format and the restricted fields it carried', async () => {
    const roads = await get().login('roads');
    const res = await fetch(`${get().url}/api/layers/boundary_records/export?format=csv`, { headers: { authorization: `Bearer ${roads}` } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const { rows: [{ n }] } = await get().db.pool.query(
      "SELECT count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'boundary_records' AND f.deleted_at IS NULL");
    expect(await last('export')).toMatchObject({ username: 'roads', layer_key: 'boundary_records', row_count: n,
      details: { format: 'csv', restrictedFields: ['witnesses'] } });
    // The counter's export of the same layer carries no restricted field, and says so.
    const counter = await get().login('counter');
    await (await fetch(`${get().url}/api/layers/boundary_records/export?format=geojson`, { headers: { authorization: `Bearer ${counter}` } })).arrayBuffer();
    expect(await last('export')).toMatchObject({ username: 'counter', details: { format: 'geojson', restrictedFields: [] } });
  });

  test('attachment upload, download and removal are logged with the file, feature and layer', async () => {
    const roads = await get().login('roads');
    const { id: featureId, label } = (await get().db.pool.query(
      "SELECT f.id::text, f.attributes->>'mirror_no' AS label FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'curve_mirrors' LIMIT 1")).rows[0];
    expect(label).toMatch(/^CM-/);
    const up = await fetch(`${get().url}/api/features/${featureId}/attachments?filename=${encodeURIComponent('点検写真.pdf')}`, {
      method: 'POST', body: Buffer.from('%PDF-1.4\n%%EOF\n'), headers: { authorization: `Bearer ${roads}`, 'content-type': 'application/pdf' },
    });
    expect(up.status).toBe(201);
    const { id } = await up.json() as { id: string };
    const down = await fetch(`${get().url}/api/attachments/${id}`, { headers: { authorization: `Bearer ${roads}` } });
    expect(down.status).toBe(200);
    expect(await last('attachment.download')).toMatchObject({ username: 'roads', target: String(id), layer_key: 'curve_mirrors',
      details: { filename: '点検写真.pdf', featureId } });
    // The feature by its readable name too, for the recent-changes view ("カーブミラー CM-…", not "#…").
    expect(await last('attachment.upload')).toMatchObject({ username: 'roads', target: String(id), layer_key: 'curve_mirrors',
      details: { filename: '点検写真.pdf', featureId, featureLabel: label } });
    const removed = await get().gql('mutation($id: ID!) { deleteAttachment(id: $id) }', { id }, roads);
    expect(removed.errors).toBeUndefined();
    expect(await last('attachment.delete')).toMatchObject({ username: 'roads', target: String(id), details: { featureId, featureLabel: label } });
  });

  test('the log is append-only: the database refuses updates and deletes', async () => {
    await expect(get().db.pool.query("UPDATE audit_log SET username = 'someone-else'")).rejects.toThrow(/append-only/);
    await expect(get().db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect((await get().db.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBeGreaterThan(0);
  });

  test('administrators read it with filters and paging; others are refused', async () => {
    const counter = await get().login('counter');
    await get().login('roads');
    expect((await get().gql(AUDIT, {}, counter)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const all = (await get().gql(AUDIT, { first: 1000 }, admin)).data.auditLog;
    const ids = all.entries.map((e: any) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a)); // newest first
    expect(all.totalCount).toBe(all.entries.length);

    const logins = (await get().gql(AUDIT, { filter: { kind: 'login' }, first: 1000 }, admin)).data.auditLog;
    expect(new Set(logins.entries.map((e: any) => e.kind))).toEqual(new Set(['login', 'login.failed', 'login.locked', 'login.unlock'].filter((k) =>
      all.entries.some((e: any) => e.kind === k))));
    const byUser = (await get().gql(AUDIT, { filter: { username: 'roads' } }, admin)).data.auditLog;
    expect(byUser.entries.length).toBeGreaterThan(0);
    expect(byUser.entries.every((e: any) => e.username === 'roads')).toBe(true);
    const future = (await get().gql(AUDIT, { filter: { from: new Date(Date.now() + 3_600_000).toISOString() } }, admin)).data.auditLog;
    expect(future).toMatchObject({ totalCount: 0, entries: [], nextBefore: null });
    const bad = await get().gql(AUDIT, { filter: { from: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' } }, admin);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    expect((await get().gql(AUDIT, { first: 5000 }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    // Pages of 3 walk the whole log without gaps or repeats.
    const seen: string[] = [];
    for (let before: string | null = null, i = 0; i < 100; i++) {
      const page: any = (await get().gql(AUDIT, { first: 3, before }, admin)).data.auditLog;
      seen.push(...page.entries.map((e: any) => e.id));
      before = page.nextBefore;
      if (!before) break;
    }
    expect(seen).toEqual(all.entries.map((e: any) => e.id).filter((id: string) => Number(id) <= Number(seen[0])));
  });

  test('the CSV export is formula-safe, filtered, administrators only, and logged itself', async () => {
    // A user name typed at the login form is attacker-controlled text.
    await get().gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: '=HYPERLINK("http://x")', p: 'x' });
    const csv = (token: string, query = '') => fetch(`${get().url}/api/audit.csv${query}`, { headers: { authorization: `Bearer ${token}` } });
    const counter = await get().login('counter');
    expect((await csv(counter)).status).toBe(403);
    const res = await csv(admin, '?kind=login.failed');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads the Japanese
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('種別 (kind)');
    expect(lines.slice(1).every((l) => l.includes(',login.failed,'))).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(await last('audit.export')).toMatchObject({ username: 'admin', details: { filter: { kind: 'login.failed' } } });
    expect((await csv(admin, '?from=yesterday')).status).toBe(400);
  });

  test('the retention purge removes only entries older than the retention period and logs itself', async () => {
    await get().db.pool.query("INSERT INTO audit_log (kind, username, at) VALUES ('login', 'old-timer', now() - interval '6 years')");
    const total = (await get().db.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    const counter = await get().login('counter');
    expect((await get().gql('mutation { purgeAuditLog }', {}, counter)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const r = await get().gql('mutation { purgeAuditLog }', {}, admin);
    expect(r.data.purgeAuditLog).toBe(1);
    expect((await get().db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE username = 'old-timer'")).rows[0].n).toBe(0);
    // total − the old row + counter's login + the purge's own row
    expect((await get().db.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(total - 1 + 1 + 1);
    expect(await last('audit.purge')).toMatchObject({ username: 'admin', row_count: 1, details: { retentionYears: 5 } });
  });
}, { env: { LOGIN_MAX_FAILURES: '2' } });
