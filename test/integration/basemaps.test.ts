import { describeBackends, TestServer } from '../helpers/backends';

const FIELDS = 'id nameJa nameEn kind url attribution isDefault sortOrder enabled';
const CREATE = `mutation($input: BasemapInput!) { createBasemap(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $patch: BasemapPatch!) { updateBasemap(id: $id, patch: $patch) { ${FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteBasemap(id: $id) }';
const LIST = `{ basemaps { ${FIELDS} } }`;

const tiles = { nameJa: '庁内地図タイル', nameEn: 'City tiles', kind: 'RASTER', url: 'http://tiles.lgwan.local:8080/map/{z}/{x}/{y}.png', attribution: '四街道市' };
const style = { nameJa: '住宅地図', nameEn: 'House map', kind: 'STYLE', url: 'https://gis.city.lg.jp/styles/house.json', sortOrder: 5 };

/** The sources of one CSP directive. */
function directive(csp: string, name: string): string[] {
  return csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name)?.slice(1) ?? [];
}

describeBackends('Base maps listed by administrators (issue 11)', (get: () => TestServer) => {
  let admin = '';
  let counter = '';
  const csp = async () => (await fetch(`${get().url}/api/health`)).headers.get('content-security-policy') ?? '';
  const count = async () => Number((await get().db.pool.query('SELECT count(*) AS n FROM basemap')).rows[0].n);
  beforeAll(async () => {
    admin = await get().login('admin');
    counter = await get().login('counter');
  });

  test('with no base map listed the CSP allows nothing from outside and the switcher has only the built-in maps', async () => {
    const policy = await csp();
    expect(directive(policy, 'img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directive(policy, 'connect-src')).toEqual(["'self'"]);
    expect((await get().gql(LIST, {}, counter)).data.basemaps).toEqual([]);
  });

  test('an administrator adds a raster and a style base map: everyone sees them in order, and the CSP allows exactly their origins', async () => {
    const a = await get().gql(CREATE, { input: tiles }, admin);
    expect(a.errors).toBeUndefined();
    expect(a.data.createBasemap).toMatchObject({ ...tiles, isDefault: false, sortOrder: 0, enabled: true });
    const b = await get().gql(CREATE, { input: { ...style, isDefault: true } }, admin);
    expect(b.data.createBasemap).toMatchObject({ kind: 'STYLE', isDefault: true, attribution: null });
    const seen = (await get().gql(LIST, {}, counter)).data.basemaps;
    expect(seen.map((m: { nameJa: string }) => m.nameJa)).toEqual(['庁内地図タイル', '住宅地図']);
    const policy = await csp();
    for (const name of ['img-src', 'connect-src']) {
      expect(directive(policy, name).filter((s) => s.startsWith('http'))).toEqual(['http://tiles.lgwan.local:8080', 'https://gis.city.lg.jp']);
    }
    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
  });

  test.each([
    ['an empty Japanese name', { ...tiles, nameJa: '  ' }, 'basemapName', 'nameJa'],
    ['a name of 61 characters', { ...tiles, nameEn: 'x'.repeat(61) }, 'basemapName', 'nameEn'],
    ['an ftp URL', { ...tiles, url: 'ftp://tiles.lgwan.local/{z}/{x}/{y}.png' }, 'basemapUrl', 'url'],
    ['a relative URL', { ...tiles, url: '/tiles/{z}/{x}/{y}.png' }, 'basemapUrl', 'url'],
    ['a URL with a password', { ...tiles, url: 'http://user:secret@tiles.lgwan.local/{z}/{x}/{y}.png' }, 'basemapUrl', 'url'],
    ['a host that would inject CSP sources', { ...tiles, url: 'http://evil;script-src*/{z}/{x}/{y}.png' }, 'basemapUrl', 'url'],
    ['a javascript: URL', { ...style, url: 'javascript:alert(1)' }, 'basemapUrl', 'url'],
    ['a raster URL without {y}', { ...tiles, url: 'http://tiles.lgwan.local/{z}/{x}.png' }, 'basemapRasterTemplate', 'url'],
    ['an attribution of 301 characters', { ...tiles, attribution: 'a'.repeat(301) }, 'basemapAttribution', 'attribution'],
  ])('%s is refused with a coded error and nothing is written', async (_what, input, reason, field) => {
    const before = await count();
    const r = await get().gql(CREATE, { input }, admin);
    expect(r.data).toBeNull();
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, field });
    expect(await count()).toBe(before);
  });

  test('an update is validated too: a raster template that loses {z} is refused and the row stays as it was', async () => {
    const [first] = (await get().gql(LIST, {}, admin)).data.basemaps;
    const r = await get().gql(UPDATE, { id: first.id, patch: { url: 'http://tiles.lgwan.local/{x}/{y}.png' } }, admin);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'basemapRasterTemplate' });
    expect((await get().gql(LIST, {}, admin)).data.basemaps[0]).toEqual(first);
  });

  test('one default at most: marking another base map the default unmarks the previous one', async () => {
    const list = (await get().gql(LIST, {}, admin)).data.basemaps;
    const r = await get().gql(UPDATE, { id: list[0].id, patch: { isDefault: true } }, admin);
    expect(r.data.updateBasemap.isDefault).toBe(true);
    const after = (await get().gql(LIST, {}, admin)).data.basemaps;
    expect(after.map((m: { isDefault: boolean }) => m.isDefault)).toEqual([true, false]);
  });

  test('a disabled base map leaves the switcher of non-administrators and the CSP; administrators still see it', async () => {
    const list = (await get().gql(LIST, {}, admin)).data.basemaps;
    const r = await get().gql(UPDATE, { id: list[1].id, patch: { enabled: false } }, admin);
    expect(r.data.updateBasemap.enabled).toBe(false);
    expect((await get().gql(LIST, {}, counter)).data.basemaps.map((m: { id: string }) => m.id)).toEqual([list[0].id]);
    expect((await get().gql(LIST, {}, admin)).data.basemaps).toHaveLength(2);
    expect(directive(await csp(), 'connect-src')).toEqual(["'self'", 'http://tiles.lgwan.local:8080']);
  });

  test('deleting removes the base map and its origin; an unknown id is NOT_FOUND; every change is in the audit log', async () => {
    const list = (await get().gql(LIST, {}, admin)).data.basemaps;
    for (const m of list) expect((await get().gql(DELETE, { id: m.id }, admin)).data.deleteBasemap).toBe(true);
    expect((await get().gql(DELETE, { id: list[0].id }, admin)).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'basemapNotFound' });
    expect((await get().gql(UPDATE, { id: 'x1', patch: { enabled: true } }, admin)).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(directive(await csp(), 'img-src')).toEqual(["'self'", 'data:', 'blob:']);
    const kinds = (await get().db.pool.query("SELECT kind, count(*)::int AS n FROM audit_log WHERE kind LIKE 'basemap.%' GROUP BY kind ORDER BY kind")).rows;
    expect(kinds).toEqual([{ kind: 'basemap.create', n: 2 }, { kind: 'basemap.delete', n: 2 }, { kind: 'basemap.update', n: 2 }]);
  });
}, { scale: 0.01 });
