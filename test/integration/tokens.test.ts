import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describeBackends } from '../helpers/backends';

const run = promisify(execFile); // async: the server answering GDAL lives in this process

const CREATE = `mutation($input: AccessTokenInput!) {
  createAccessToken(input: $input) { token accessToken { id name prefix readOnly layers expiresAt revokedAt } } }`;

describeBackends('personal access tokens', (get) => {
  let community: string; // editor of street lights (自治振興課)
  let counter: string; // viewer
  beforeAll(async () => {
    community = await get().login('community');
    counter = await get().login('counter');
  });

  const newToken = async (session: string, input: Record<string, unknown>) => {
    const r = await get().gql(CREATE, { input }, session);
    expect(r.errors).toBeUndefined();
    return r.data.createAccessToken as { token: string; accessToken: { id: string; prefix: string; layers: string[] | null; expiresAt: string } };
  };
  const ogc = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${get().url}/ogc${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
  const featureOf = async (layer: string) => (await get().db.pool.query(
    `SELECT f.id::text, f.version FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = $1 AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`,
    [layer])).rows[0] as { id: string; version: number };
  const patchLight = (token: string, f: { id: string; version: number }, watts: number) => ogc(`/collections/street_lights/items/${f.id}`, token, {
    method: 'PATCH', body: JSON.stringify({ properties: { watts } }),
    headers: { 'content-type': 'application/merge-patch+json', 'if-match': `"${f.version}"` },
  });

  test('a token is shown once, stored hashed, listed without its secret, and reads GraphQL, OGC API and tiles', async () => {
    const { token, accessToken } = await newToken(community, { name: 'QGIS 自治振興課', readOnly: true });
    expect(token).toMatch(/^chizu_pat_[A-Za-z0-9_-]{40,}$/);
    expect(token.startsWith(accessToken.prefix)).toBe(true);
    const days = (Date.parse(accessToken.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364); // default: a year
    expect(days).toBeLessThan(366);
    const { rows } = await get().db.pool.query('SELECT token_hash FROM access_token WHERE id = $1', [accessToken.id]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(token.slice(10));

    const list = await get().gql('{ accessTokens { id name prefix readOnly lastUsedAt } }', {}, community);
    expect(list.data.accessTokens).toEqual([expect.objectContaining({ id: accessToken.id, name: 'QGIS 自治振興課', readOnly: true, lastUsedAt: null })]);
    expect(JSON.stringify(list)).not.toContain(token);

    expect((await get().gql('{ me { username } }', {}, token)).data.me.username).toBe('community');
    expect((await ogc('/collections/street_lights/items?limit=1', token)).status).toBe(200);
    const tilejson = await fetch(`${get().url}/tiles/street_lights.json`, { headers: { authorization: `Bearer ${token}` } });
    expect(tilejson.status).toBe(200);
    const again = await get().gql('{ accessTokens { id lastUsedAt lastUsedAddress } }', {}, community);
    expect(again.data.accessTokens[0].lastUsedAt).not.toBeNull();
  });

  test('a read-only token cannot write: OGC API Part 4 answers 403, GraphQL mutations are refused', async () => {
    const { token } = await newToken(community, { name: 'read only', readOnly: true });
    const light = await featureOf('street_lights');
    const res = await patchLight(token, light, 33);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const created = await ogc('/collections/street_lights/items', token, {
      method: 'POST', body: JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [140.17, 35.67] }, properties: { light_no: 'SL-RO1' } }),
      headers: { 'content-type': 'application/geo+json' },
    });
    expect(created.status).toBe(403);
    const mutation = await get().gql('mutation { logout }', {}, token);
    expect(mutation.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await featureOf('street_lights')).version).toBe(light.version); // nothing written
    // The same user's read-write token writes, through the edit path (history row).
    const { token: rw } = await newToken(community, { name: 'read write', readOnly: false });
    const ok = await patchLight(rw, light, 33);
    expect(ok.status).toBe(200);
    const { rows } = await get().db.pool.query('SELECT count(*)::int AS n FROM feature_history WHERE feature_id = $1 AND version = $2', [light.id, light.version + 1]);
    expect(rows[0].n).toBe(1);
  });

  test('a token never exceeds its user: a viewer\'s read-write token cannot write', async () => {
    const { token } = await newToken(counter, { name: 'viewer rw', readOnly: false });
    expect((await patchLight(token, await featureOf('street_lights'), 44)).status).toBe(403);
  });

  test('a token limited to one layer does not see the others (404), in OGC API, tiles and GraphQL', async () => {
    const { token, accessToken } = await newToken(community, { name: 'lights only', readOnly: false, layers: ['street_lights'] });
    expect(accessToken.layers).toEqual(['street_lights']);
    const { collections } = await (await ogc('/collections', token)).json() as any;
    expect(collections.map((c: any) => c.id)).toEqual(['street_lights']);
    expect((await ogc('/collections/curve_mirrors/items', token)).status).toBe(404);
    expect((await fetch(`${get().url}/tiles/curve_mirrors.json`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    const layers = await get().gql('{ layers { key } }', {}, token);
    expect(layers.data.layers.map((l: any) => l.key)).toEqual(['street_lights']);
    expect((await patchLight(token, await featureOf('street_lights'), 21)).status).toBe(200);
  });

  test('revoked and expired tokens are refused with 401; a token cannot manage tokens', async () => {
    const revoked = await newToken(community, { name: 'to revoke', readOnly: true });
    expect((await ogc('/collections', revoked.token)).status).toBe(200);
    const r = await get().gql('mutation($id: ID!) { revokeAccessToken(id: $id) }', { id: revoked.accessToken.id }, community);
    expect(r.data.revokeAccessToken).toBe(true);
    const after = await ogc('/collections', revoked.token);
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toBe('Bearer');
    // Someone else's token: not found, and stays valid.
    const other = await newToken(counter, { name: 'counter token', readOnly: true });
    const foreign = await get().gql('mutation($id: ID!) { revokeAccessToken(id: $id) }', { id: other.accessToken.id }, community);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await ogc('/collections', other.token)).status).toBe(200);

    const expired = await newToken(community, { name: 'expired', readOnly: true, expiresInDays: 1 });
    await get().db.pool.query("UPDATE access_token SET expires_at = now() - interval '1 second' WHERE id = $1", [expired.accessToken.id]);
    expect((await ogc('/collections', expired.token)).status).toBe(401);
    expect((await get().gql('{ me { username } }', {}, expired.token)).data.me).toBeNull();

    const rw = await newToken(community, { name: 'rw', readOnly: false });
    const minted = await get().gql(CREATE, { input: { name: 'from a token', readOnly: false } }, rw.token);
    expect(minted.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test('bad input: expiry beyond the maximum, an unknown layer, an empty name', async () => {
    const code = async (input: Record<string, unknown>) => (await get().gql(CREATE, { input }, community)).errors?.[0].extensions;
    expect(await code({ name: 'x', expiresInDays: get().config.accessTokenMaxDays + 1 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresInDays' });
    expect(await code({ name: 'x', expiresInDays: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresInDays' });
    expect(await code({ name: 'x', layers: ['no_such_layer'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'layers' });
    expect(await code({ name: '  ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  test('creating, using and revoking a token are in the audit log', async () => {
    const { token, accessToken } = await newToken(community, { name: 'audited', readOnly: true });
    await ogc('/collections', token);
    await ogc('/collections/curve_mirrors', token); // every use is a row, also within the minute from the same address
    expect((await patchLight(token, await featureOf('street_lights'), 1)).status).toBe(403); // refused, and checked twice: still one use
    await get().server.services.tokens.uses.flush(); // uses are written together, about once a second
    await get().gql('mutation($id: ID!) { revokeAccessToken(id: $id) }', { id: accessToken.id }, community);
    const { rows } = await get().db.pool.query('SELECT kind, username, details FROM audit_log WHERE target = $1 AND kind LIKE $2 ORDER BY id',
      [accessToken.id, 'token.%']);
    expect(rows.map((r: any) => r.kind)).toEqual(['token.create', 'token.use', 'token.use', 'token.use', 'token.revoke']);
    expect(rows.every((r: any) => r.username === 'community')).toBe(true);
    expect(rows[1].details).toMatchObject({ method: 'GET', path: '/ogc/collections' });
    expect(rows[2].details).toMatchObject({ method: 'GET', path: '/ogc/collections/curve_mirrors' });
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  test('GDAL reads with a token: ogrinfo lists exactly the layers the token reaches', async () => {
    const { token } = await newToken(community, { name: 'GDAL', readOnly: true, layers: ['street_lights', 'curve_mirrors'] });
    const env = { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}` };
    const { stdout } = await run('ogrinfo', ['-ro', '-q', `OGCAPI:${get().url}/ogc`], { env });
    expect(stdout).toContain(`OGCAPI:${get().url}/ogc/collections/street_lights?f=json`);
    expect(stdout).toContain(`OGCAPI:${get().url}/ogc/collections/curve_mirrors?f=json`);
    expect(stdout).not.toContain('collections/boundary_records');
    const { stdout: summary } = await run('ogrinfo', ['-ro', '-so', `OGCAPI:${get().url}/ogc/collections/street_lights`, 'street_lights'], { env });
    const { rows } = await get().db.pool.query(
      "SELECT count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'street_lights' AND f.deleted_at IS NULL");
    expect(summary).toContain(`Feature Count: ${rows[0].n}`);
    // Revoked: GDAL gets nothing.
    await get().db.pool.query('UPDATE access_token SET revoked_at = now() WHERE token_hash = encode(sha256(convert_to($1, \'UTF8\')), \'hex\')', [token]);
    await expect(run('ogrinfo', ['-ro', '-q', `OGCAPI:${get().url}/ogc`], { env })).rejects.toThrow();
  }, 60_000);
});
