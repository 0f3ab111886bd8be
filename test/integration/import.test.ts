import { existsSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { withGdal } from '../../server/src/gdal/gdal';
import { describeBackends, TestServer } from '../helpers/backends';

const DRY_RUN = `mutation($id: ID!, $o: JSONObject) { importDryRun(id: $id, options: $o) {
  create update unchanged refused warnings geometryFrom mapping refusedRows { line field code message value } } }`;
const COMMIT = `mutation($id: ID!, $o: JSONObject) { commitImport(id: $id, options: $o) { create update unchanged refused } }`;
const UNDO = 'mutation($id: ID!) { undoImport(id: $id) }';
const PREVIEW = 'query($id: ID!, $o: JSONObject) { importPreview(id: $id, options: $o) }';

/** Zone IX X (northing) / Y (easting) of a point inside the city, computed by PostGIS. */
async function planeOf(t: TestServer, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const { rows } = await t.db.pool.query(
    'SELECT round(ST_Y(p)::numeric, 3)::float8 AS x, round(ST_X(p)::numeric, 3)::float8 AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 6677) AS p) s', [lon, lat]);
  return rows[0];
}

/** A file written by GDAL (gdal3.js) from GeoJSON in EPSG:6677, as the other GIS of the city exports it. */
async function gdalWrite(geojson: object, driver: string, name: string, extra: string[] = []): Promise<Map<string, Uint8Array>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chizu-fixture-'));
  try {
    const src = path.join(dir, `${name}.geojson`);
    await fs.writeFile(src, JSON.stringify(geojson));
    return await withGdal(async (gdal) => {
      const { datasets } = await gdal.open([src]);
      const out = await gdal.ogr2ogr(datasets[0], ['-f', driver, '-a_srs', 'EPSG:6677', ...extra], name);
      await gdal.close(datasets[0]);
      // GDAL's output directory is on disk (gdalOutputDir): ogr2ogr names every file it wrote.
      const files = new Map<string, Uint8Array>();
      for (const f of (out as { all?: { local: string; real: string }[] }).all ?? [out]) {
        files.set(path.basename(f.local), new Uint8Array(await fs.readFile(f.real)));
        // Removed through GDAL's file system: a file removed behind its back cannot be written again.
        (gdal as unknown as { Module: { FS: { unlink(p: string): void } } }).Module.FS.unlink(f.local);
      }
      expect(out).toBeTruthy();
      return files;
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const fc = (features: { props: Record<string, unknown>; type: string; coordinates: unknown }[]) => ({
  type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::6677' } },
  features: features.map((f) => ({ type: 'Feature', properties: f.props, geometry: { type: f.type, coordinates: f.coordinates } })),
});

describeBackends('Imports', (get) => {
  const tokens: Record<string, string> = {};
  let origin: { x: number; y: number };
  beforeAll(async () => {
    for (const u of ['roads', 'admin', 'counter']) tokens[u] = await get().login(u);
    origin = await planeOf(get(), 140.1679, 35.6697);
  });
  const as = (user: string) => (query: string, variables?: Record<string, unknown>) => get().gql(query, variables, tokens[user]);

  async function upload(user: string, filename: string, body: Uint8Array | string, layer?: string) {
    const qs = new URLSearchParams({ filename, ...(layer ? { layer } : {}) });
    const res = await fetch(`${get().url}/api/imports?${qs}`, { method: 'POST', body: typeof body === 'string' ? body : Buffer.from(body), headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': 'application/octet-stream' } });
    return { status: res.status, json: await res.json() as any };
  }
  const count = async (layer: string, where = 'true', params: unknown[] = []) => (await get().db.pool.query(
    `SELECT count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = $1 AND f.deleted_at IS NULL AND ${where}`, [layer, ...params])).rows[0].n;

  /** The curve-mirror ledger of another department: Shift_JIS, 和暦, plane X/Y (X northing). */
  const mirrorCsv = (rows: string[][]) => iconv.encode(
    [['管理番号', '路線名', '鏡面サイズ', '最終点検日', '状態', 'X座標', 'Y座標'], ...rows].map((r) => r.join(',')).join('\r\n'), 'cp932');
  const mirrorRows = () => [
    ['CM-9001', '市道１－０１', '６００', '平成27年4月1日', '良好', String(origin.x), String(origin.y)],
    ['CM-9002', '市道１－０２', '約600', 'H28.5.10', '要清掃', String(origin.x + 40), String(origin.y + 10)],
    ['CM-9003', '市道１－０３', '"1,000"', '令和元年5月1日', '2', String(origin.x - 30), String(origin.y - 25)],
  ];

  let firstImport: string;
  test('a Shift_JIS CSV with 和暦 and plane X/Y: dry run counts and names the refused row; nothing written', async () => {
    const up = await upload('roads', 'カーブミラー.csv', mirrorCsv(mirrorRows()), 'curve_mirrors');
    expect(up.status).toBe(201);
    firstImport = up.json.id;
    const preview = (await as('roads')(PREVIEW, { id: firstImport })).data.importPreview;
    expect(preview).toMatchObject({ format: 'csv', encoding: 'cp932', rowCount: 3, geometry: { planeX: 'X座標', planeY: 'Y座標' } });
    expect(preview.mapping).toMatchObject({ 管理番号: 'mirror_no', 鏡面サイズ: 'mirror_size_mm', 最終点検日: 'last_inspected_on', 状態: 'condition' });
    const r = await as('roads')(DRY_RUN, { id: firstImport, o: { keyField: 'mirror_no' } });
    expect(r.errors).toBeUndefined();
    const s = r.data.importDryRun;
    expect([s.create, s.update, s.unchanged, s.refused]).toEqual([2, 0, 0, 1]);
    expect(s.refusedRows).toEqual([{ line: 3, field: 'mirror_size_mm', code: 'number', message: 'must be a number', value: '約600' }]);
    expect(s.geometryFrom).toContain('6677');
    expect(await count('curve_mirrors', "f.attributes->>'mirror_no' LIKE 'CM-9%'")).toBe(0);
    const csv = await (await fetch(`${get().url}/api/imports/${firstImport}/refused.csv`, { headers: { authorization: `Bearer ${tokens.roads}` } })).text();
    expect(csv).toContain('3,mirror_size_mm,number,約600,must be a number');
  });

  test('a commit with refused rows is refused unless they are skipped; then one batch with the import on each history row', async () => {
    const refused = await as('roads')(COMMIT, { id: firstImport });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count('curve_mirrors', "f.attributes->>'mirror_no' LIKE 'CM-9%'")).toBe(0);
    const r = await as('roads')(COMMIT, { id: firstImport, o: { skipRefused: true } });
    expect(r.errors).toBeUndefined();
    expect(r.data.commitImport).toMatchObject({ create: 2, refused: 1 });
    const { rows: [audit] } = await get().db.pool.query("SELECT username, target, layer_key, row_count, details FROM audit_log WHERE kind = 'import' ORDER BY id DESC LIMIT 1");
    expect(audit).toMatchObject({ username: 'roads', target: firstImport, layer_key: 'curve_mirrors', row_count: 2,
      details: { filename: 'カーブミラー.csv', create: 2, update: 0, refused: 1 } });
    const { rows } = await get().db.pool.query(`SELECT f.attributes, ST_X(ST_Transform(f.geom, 6677)) AS e, ST_Y(ST_Transform(f.geom, 6677)) AS n, h.import_id::text AS import_id
      FROM feature f JOIN feature_history h ON h.feature_id = f.id WHERE f.attributes->>'mirror_no' LIKE 'CM-9%' ORDER BY f.attributes->>'mirror_no'`);
    expect(rows.map((x) => x.import_id)).toEqual([firstImport, firstImport]);
    expect(rows[0].attributes).toMatchObject({ mirror_no: 'CM-9001', route_name: '市道１－０１', mirror_size_mm: 600, last_inspected_on: '2015-04-01', condition: '良好' });
    expect(rows[1].attributes).toMatchObject({ mirror_size_mm: 1000, last_inspected_on: '2019-05-01', condition: '要清掃' });
    expect(Math.abs(rows[0].n - origin.x)).toBeLessThan(0.001); // X is the northing
    expect(Math.abs(rows[0].e - origin.y)).toBeLessThan(0.001);
  });

  let secondImport: string;
  test('the fixed file re-imported by 管理番号 creates the missing row only: no duplicates, unchanged rows left alone', async () => {
    const fixed = mirrorRows();
    fixed[1][2] = '600';
    fixed[2][4] = '要補修';
    secondImport = (await upload('roads', 'カーブミラー_修正.csv', mirrorCsv(fixed), 'curve_mirrors')).json.id;
    const dry = (await as('roads')(DRY_RUN, { id: secondImport, o: { keyField: 'mirror_no' } })).data.importDryRun;
    expect([dry.create, dry.update, dry.unchanged, dry.refused]).toEqual([1, 1, 1, 0]);
    const r = await as('roads')(COMMIT, { id: secondImport });
    expect(r.data.commitImport).toMatchObject({ create: 1, update: 1, unchanged: 1 });
    expect(await count('curve_mirrors', "f.attributes->>'mirror_no' LIKE 'CM-9%'")).toBe(3);
    const changes = await as('admin')('{ changes(layer: "curve_mirrors", first: 2) { featureId operation importId } }');
    expect(changes.data.changes.map((c: { operation: string; importId: string }) => [c.operation, c.importId]).sort())
      .toEqual([['create', secondImport], ['update', secondImport]]);
  });

  test('undo restores the state before the import as new versions; an import cannot be undone twice', async () => {
    const r = await as('roads')(UNDO, { id: secondImport });
    expect(r.errors).toBeUndefined();
    expect(r.data.undoImport).toBe(2);
    expect(await count('curve_mirrors', "f.attributes->>'mirror_no' LIKE 'CM-9%'")).toBe(2);
    expect(await count('curve_mirrors', "f.attributes->>'mirror_no' = 'CM-9003' AND f.attributes->>'condition' = '要清掃'")).toBe(1);
    expect((await as('roads')(UNDO, { id: secondImport })).errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  test('WKT and address columns place rows; an address on no town is a listed, unplaced row', async () => {
    const town = (await get().db.pool.query('SELECT name FROM town ORDER BY id LIMIT 1')).rows[0].name as string;
    const byAddress = `管理番号,住所\nCM-9501,四街道市${town}1-2\nCM-9502,どこか遠く1-1\n`;
    const id = (await upload('roads', 'addr.csv', byAddress, 'curve_mirrors')).json.id;
    const dry = (await as('roads')(DRY_RUN, { id })).data.importDryRun;
    expect(dry.geometryFrom).toBe('address on the town (町丁目): 住所');
    expect([dry.create, dry.refused]).toEqual([1, 1]);
    expect(dry.refusedRows[0]).toMatchObject({ line: 3, field: 'geometry', code: 'unplaced' });
    const wkt = `mirror_no\tWKT\nCM-9601\tPOINT(140.1681 35.6699)\nCM-9602\tPOINT(140.1681\n`;
    const wktId = (await upload('roads', 'wkt.tsv', wkt, 'curve_mirrors')).json.id;
    const w = (await as('roads')(DRY_RUN, { id: wktId })).data.importDryRun;
    expect([w.create, w.refused, w.refusedRows[0].line, w.refusedRows[0].code]).toEqual([1, 1, 3, 'geometry']);
  });

  test('a field with shared values cannot be declared unique', async () => {
    const layer = (await as('admin')('{ layer(key: "curve_mirrors") { fields { key label labelEn type required options min max maxLength unit computed unique } } }')).data.layer;
    await get().db.pool.query(`UPDATE feature SET attributes = attributes || '{"route_name": "同じ路線"}' WHERE id IN (
      SELECT f.id FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'curve_mirrors' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 2)`);
    const fields = layer.fields.map((f: Record<string, unknown>) => Object.fromEntries(Object.entries({ ...f, unique: f.key === 'route_name' }).filter(([, v]) => v !== null)));
    const r = await as('admin')('mutation($f: [FieldInput!]!) { updateLayer(key: "curve_mirrors", patch: { fields: $f }) { key } }', { f: fields });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'route_name' });
  });

  test('a running dry run or commit shows its progress and can be cancelled while still checking: nothing is written', async () => {
    const lines = ['管理番号,経度,緯度', ...Array.from({ length: 5000 }, (_, i) => `CM-C${i},${140.165 + (i % 60) * 0.0001},${35.668 + Math.floor(i / 60) * 0.00005}`)];
    const id = (await upload('roads', 'many.csv', lines.join('\n'), 'curve_mirrors')).json.id;
    const { imports, auth } = get().server.services;
    const roads = (await auth.authenticate(tokens.roads))!;
    const progressOf = async () => (await as('roads')('query($id: ID!) { importJob(id: $id) { status progress { phase rowsRead rowsChecked rowsWritten } } }', { id })).data.importJob;

    // The dry run stops before it checks its first chunk of rows.
    const checking = imports.dryRun(roads, id).then(() => 'checked', (e) => e.extensions?.reason);
    while (!imports.cancel(roads, id)) await new Promise((r) => setImmediate(r));
    expect(await checking).toBe('cancelled');
    const afterDryRun = await progressOf();
    expect(afterDryRun.progress.phase).toBe('cancelled');
    expect(afterDryRun.progress.rowsChecked).toBeLessThan(5000);

    // The commit reads and checks the file again; cancelled there, nothing of it is written.
    const running = imports.commit(roads, id).then(() => 'committed', (e) => e.extensions?.reason);
    while (!imports.cancel(roads, id)) await new Promise((r) => setImmediate(r));
    expect(await running).toBe('cancelled');
    const job = await progressOf();
    expect(job.status).toBe('uploaded');
    expect(job.progress.phase).toBe('cancelled');
    expect(job.progress.rowsChecked).toBeLessThan(5000);
    expect(await count('curve_mirrors', "f.attributes->>'mirror_no' LIKE 'CM-C%'")).toBe(0);

    // Left alone, the same job imports every row, and the counts show each stage.
    expect((await as('roads')(COMMIT, { id })).data.commitImport).toMatchObject({ create: 5000, refused: 0 });
    expect((await progressOf()).progress).toEqual({ phase: 'done', rowsRead: 5000, rowsChecked: 5000, rowsWritten: 5000 });
  });

  test('a big import (several chunks) writes one history row per feature, and its re-import by key one more: versions 1 then 2', async () => {
    const n = 4500; // three chunks of the commit, each written while the next is read
    const row = (i: number, dLon: number) => `CM-B${i},市道${i % 7},600,${(140.160 + (i % 75) * 0.0001 + dLon).toFixed(7)},${(35.665 + Math.floor(i / 75) * 0.00005).toFixed(7)}`;
    const file = (dLon: number) => ['管理番号,路線名,鏡面サイズ,経度,緯度', ...Array.from({ length: n }, (_, i) => row(i, dLon))].join('\n');
    const history = async () => (await get().db.pool.query(`
      SELECT h.feature_id::text AS id, h.version, h.operation, h.import_id::text AS import_id, f.version AS current
      FROM feature_history h JOIN feature f ON f.id = h.feature_id
      WHERE f.attributes->>'mirror_no' LIKE 'CM-B%' ORDER BY h.feature_id, h.version`)).rows;

    const first = (await upload('roads', 'big.csv', file(0), 'curve_mirrors')).json.id;
    expect((await as('roads')(COMMIT, { id: first, o: { keyField: 'mirror_no' } })).data.commitImport).toMatchObject({ create: n, update: 0, refused: 0 });
    const created = await history();
    expect(created).toHaveLength(n);
    expect(new Set(created.map((h) => h.id)).size).toBe(n);
    expect(created.every((h) => h.version === 1 && h.current === 1 && h.operation === 'create' && h.import_id === first)).toBe(true);

    // Every feature moved a little: updated by key, each with one new version and its history row.
    const second = (await upload('roads', 'big-moved.csv', file(0.00002), 'curve_mirrors')).json.id;
    expect((await as('roads')(COMMIT, { id: second, o: { keyField: 'mirror_no' } })).data.commitImport).toMatchObject({ create: 0, update: n, refused: 0 });
    const updated = await history();
    expect(updated).toHaveLength(2 * n);
    expect(await count('curve_mirrors', "f.attributes->>'mirror_no' LIKE 'CM-B%'")).toBe(n);
    const byFeature = new Map<string, { version: number; operation: string; import_id: string; current: number }[]>();
    for (const h of updated) byFeature.set(h.id, [...(byFeature.get(h.id) ?? []), h]);
    expect([...byFeature.values()].every((hs) => hs.length === 2 && hs[1].version === 2 && hs[1].operation === 'update'
      && hs[1].import_id === second && hs[1].current === 2)).toBe(true);
    const { rows: [moved] } = await get().db.pool.query(
      "SELECT ST_X(geom) AS lon FROM feature WHERE attributes->>'mirror_no' = 'CM-B0' AND deleted_at IS NULL");
    expect(moved.lon).toBeCloseTo(140.16002, 7);
  });

  test('an import keeps no per-row state in the process: refused rows past the limit are counted, not listed; the keys it read are in the database', async () => {
    const limit = get().config.importMaxRefusedRows; // IMPORT_MAX_REFUSED_ROWS (below)
    const n = 4500; // three chunks
    const key = (i: number) => (i === 2298 ? 'CM-K3' : `CM-K${i}`); // line 2300 (second chunk) repeats the key of line 5 (first chunk)
    const size = (i: number) => (i >= 3000 && i < 3000 + 2 * limit ? '約600' : '600'); // 2 × limit rows refused
    const row = (i: number) => `${key(i)},市道${i % 7},${size(i)},${(140.161 + (i % 75) * 0.0001).toFixed(7)},${(35.666 + Math.floor(i / 75) * 0.00005).toFixed(7)}`;
    const file = ['管理番号,路線名,鏡面サイズ,経度,緯度', ...Array.from({ length: n }, (_, i) => row(i))].join('\n');
    const id = (await upload('roads', 'limits.csv', file, 'curve_mirrors')).json.id;
    const dry = (await as('roads')(DRY_RUN, { id, o: { keyField: 'mirror_no' } })).data.importDryRun;
    expect([dry.create, dry.update, dry.refused]).toEqual([n - 1 - 2 * limit, 0, 1 + 2 * limit]);
    expect(dry.refusedRows).toHaveLength(limit);
    expect(dry.refusedRows[0]).toEqual({ line: 2300, field: 'mirror_no', code: 'duplicateKey', message: 'the key CM-K3 is also on line 5', value: 'CM-K3' });
    expect(dry.refusedRows[limit - 1]).toMatchObject({ line: 3002 + limit - 2, field: 'mirror_size_mm', code: 'number' });
    const csv = await (await fetch(`${get().url}/api/imports/${id}/refused.csv`, { headers: { authorization: `Bearer ${tokens.roads}` } })).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + limit + 1);
    expect(lines[lines.length - 1]).toContain(`(${limit + 1} more refused rows not listed)`);
    // The keys were kept in import_key while the file was checked, and removed at its end.
    expect((await get().db.pool.query('SELECT count(*)::int AS n FROM import_key')).rows[0].n).toBe(0);
  });

  test('a commit is checked against the versions its dry run saw, kept in the database: a feature edited since is a CONFLICT', async () => {
    const csv = (dLon: number) => ['管理番号,路線名,鏡面サイズ,経度,緯度',
      ...['CM-V1', 'CM-V2', 'CM-V3'].map((k, i) => `${k},市道1,600,${(140.1679 + dLon + i * 0.0001).toFixed(7)},35.6697`)].join('\n');
    const first = (await upload('roads', 'v.csv', csv(0), 'curve_mirrors')).json.id;
    expect((await as('roads')(COMMIT, { id: first, o: { keyField: 'mirror_no' } })).data.commitImport).toMatchObject({ create: 3, refused: 0 });
    const second = (await upload('roads', 'v-moved.csv', csv(0.00002), 'curve_mirrors')).json.id;
    expect((await as('roads')(DRY_RUN, { id: second, o: { keyField: 'mirror_no' } })).data.importDryRun).toMatchObject({ update: 3, refused: 0 });
    const kept = async () => (await get().db.pool.query('SELECT count(*)::int AS n FROM import_version WHERE job_id = $1', [second])).rows[0].n;
    expect(await kept()).toBe(3);

    // CM-V2 is edited after the dry run: the commit is refused and writes nothing.
    const versions = async () => (await get().db.pool.query(
      "SELECT attributes->>'mirror_no' AS no, version FROM feature WHERE attributes->>'mirror_no' LIKE 'CM-V%' AND deleted_at IS NULL ORDER BY 1")).rows;
    const v2 = (await get().db.pool.query("SELECT id::text AS id, version FROM feature WHERE attributes->>'mirror_no' = 'CM-V2' AND deleted_at IS NULL")).rows[0];
    const edit = await as('roads')('mutation($c: [FeatureChangeInput!]!) { applyChanges(changes: $c) { id version } }',
      { c: [{ op: 'UPDATE', id: v2.id, expectedVersion: v2.version, attributes: { route_name: '市道2' } }] });
    expect(edit.errors).toBeUndefined();
    const stale = await as('roads')(COMMIT, { id: second });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await versions()).toEqual([{ no: 'CM-V1', version: 1 }, { no: 'CM-V2', version: 2 }, { no: 'CM-V3', version: 1 }]);

    // A new dry run sees the edit; its commit writes every row, and the versions it kept are gone.
    expect((await as('roads')(DRY_RUN, { id: second })).data.importDryRun).toMatchObject({ update: 3 });
    expect((await as('roads')(COMMIT, { id: second })).data.commitImport).toMatchObject({ update: 3 });
    expect(await versions()).toEqual([{ no: 'CM-V1', version: 2 }, { no: 'CM-V2', version: 3 }, { no: 'CM-V3', version: 2 }]);
    expect(await kept()).toBe(0);
  });

  test('a commit into a new layer that fails leaves no empty layer behind', async () => {
    const csv = '番号,経度,緯度\nN-1,140.1679,35.6697\nN-2,139.7,35.68\n'; // N-2 lies outside the city
    const id = (await upload('admin', 'new.csv', csv)).json.id;
    const newLayer = { key: 'failed_new', nameJa: '失敗する新規', departmentKey: 'roads', geometryTypes: ['Point'],
      fields: [{ key: 'no', label: '番号', type: 'text' }] };
    const r = await as('admin')(COMMIT, { id, o: { newLayer, mapping: { 番号: 'no' } } });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'refusedRows' });
    expect((await get().db.pool.query("SELECT count(*)::int AS n FROM layer WHERE key = 'failed_new'")).rows[0].n).toBe(0);
    // The same file, told to skip the refused row, makes the layer with the one good row.
    const ok = await as('admin')(COMMIT, { id, o: { newLayer, mapping: { 番号: 'no' }, skipRefused: true } });
    expect(ok.data?.commitImport).toMatchObject({ create: 1, refused: 1 });
    expect(await count('failed_new')).toBe(1);
  });

  test('a viewer cannot import; an editor cannot import into another department\'s layer', async () => {
    expect((await upload('counter', 'a.csv', 'a,b\n1,2')).status).toBe(403);
    const id = (await upload('roads', 'a.csv', mirrorCsv(mirrorRows()), 'garbage_points')).json.id;
    expect((await as('roads')(DRY_RUN, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test('a CP932 Shapefile without .cpg in EPSG:6677 from the tax GIS becomes a new layer with Japanese columns', async () => {
    const files = await gdalWrite(fc([
      { props: { 地番: '四街道1-1', 評価額: 1200000, 地目: '宅地' }, type: 'Polygon',
        coordinates: [[[origin.y, origin.x], [origin.y + 20, origin.x], [origin.y + 20, origin.x + 20], [origin.y, origin.x + 20], [origin.y, origin.x]]] },
      { props: { 地番: '四街道1-2', 評価額: 800000, 地目: '畑' }, type: 'Polygon',
        coordinates: [[[origin.y + 30, origin.x], [origin.y + 50, origin.x], [origin.y + 50, origin.x + 20], [origin.y + 30, origin.x]]] },
    ]), 'ESRI Shapefile', 'parcels', ['-lco', 'ENCODING=CP932']);
    files.delete('parcels.cpg');
    const id = (await upload('admin', 'tax.zip', zipSync(Object.fromEntries(files)))).json.id;
    const preview = (await as('admin')(PREVIEW, { id })).data.importPreview;
    expect(preview.columns).toEqual(['地番', '評価額', '地目']);
    expect(preview.srid).toBe(6677);
    const fields = preview.inferredFields.map((f: { key: string }, i: number) => ({ ...f, key: ['parcel_no', 'assessed_yen', 'land_use'][i] }));
    const newLayer = { key: 'tax_parcels', nameJa: '課税地番', departmentKey: 'roads', geometryTypes: ['Polygon'], fields };
    const mapping = { 地番: 'parcel_no', 評価額: 'assessed_yen', 地目: 'land_use' };
    const dry = (await as('admin')(DRY_RUN, { id, o: { newLayer, mapping, keyField: 'parcel_no' } })).data.importDryRun;
    expect([dry.create, dry.refused]).toEqual([2, 0]);
    const r = await as('admin')(COMMIT, { id });
    expect(r.errors).toBeUndefined();
    const { rows } = await get().db.pool.query(`SELECT f.attributes, ST_Area(ST_Transform(f.geom, 6677)) AS area FROM feature f JOIN layer l ON l.id = f.layer_id
      WHERE l.key = 'tax_parcels' ORDER BY f.id`);
    expect(rows.map((x) => x.attributes)).toEqual([
      { parcel_no: '四街道1-1', assessed_yen: 1200000, land_use: '宅地' }, { parcel_no: '四街道1-2', assessed_yen: 800000, land_use: '畑' }]);
    expect(rows[0].area).toBeCloseTo(400, 2);
  });

  test('a GeoPackage table is chosen; an xlsx with dates and 和暦 cells is read', async () => {
    const files = await gdalWrite(fc([{ props: { 管理番号: 'CM-9101', 状態: '良好' }, type: 'Point', coordinates: [origin.y + 5, origin.x + 5] }]), 'GPKG', 'mirrors', ['-nln', 'mirrors']);
    const gpkgId = (await upload('roads', 'mirrors.gpkg', files.get('mirrors.gpkg')!, 'curve_mirrors')).json.id;
    expect((await as('roads')(PREVIEW, { id: gpkgId })).data.importPreview.tables).toEqual(['mirrors']);
    expect((await as('roads')(DRY_RUN, { id: gpkgId, o: { table: 'nothere' } })).errors?.[0].extensions?.field).toBe('table');
    expect((await as('roads')(COMMIT, { id: gpkgId, o: { table: 'mirrors' } })).data.commitImport.create).toBe(1);

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('台帳');
    sheet.addRow(['管理番号', '設置日', '最終点検日', '経度', '緯度']);
    sheet.addRow(['CM-9201', new Date(Date.UTC(2015, 3, 1)), '令和2年4月1日', 140.168, 35.6698]);
    const xlsxId = (await upload('roads', '台帳.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()), 'curve_mirrors')).json.id;
    const dry = (await as('roads')(DRY_RUN, { id: xlsxId, o: { mapping: { 管理番号: 'mirror_no', 最終点検日: 'last_inspected_on' } } })).data.importDryRun;
    expect([dry.create, dry.refused]).toEqual([1, 0]);
    await as('roads')(COMMIT, { id: xlsxId });
    expect(await count('curve_mirrors', "f.attributes->>'last_inspected_on' = '2020-04-01'")).toBe(1);
  });

  test('a SIMA file with a closed block becomes a boundary record with its points; the same 確定番号 is never duplicated', async () => {
    const { x, y } = origin;
    const sima = ['G00,01,テスト', 'Z00,座標データ,', 'A00,', `A01,1,K1,${x},${y},0.000,`, `A01,2,K2,${x + 30},${y},0.000,`,
      `A01,3,K3,${x + 30},${y + 20},0.000,`, 'A99,', 'Z00,区画データ,', 'D00,1,BR-2026-951,1,', 'B01,1,K1,', 'B01,2,K2,', 'B01,3,K3,', 'B01,1,K1,', 'D99,'].join('\r\n');
    const id = (await upload('roads', 'kukaku.sim', iconv.encode(sima, 'cp932'), 'boundary_records')).json.id;
    const r = await as('roads')(COMMIT, { id, o: { defaults: { determined_on: '2026-11-01' } } });
    expect(r.errors).toBeUndefined();
    const { rows } = await get().db.pool.query(`SELECT p.name, p.x_northing::text AS x FROM boundary_point p JOIN feature f ON f.id = p.feature_id
      WHERE f.attributes->>'record_no' = 'BR-2026-951' ORDER BY p.seq`);
    expect(rows.map((p) => p.name)).toEqual(['K1', 'K2', 'K3']);
    expect(Number(rows[0].x)).toBeCloseTo(x, 3);
    const again = (await upload('roads', 'kukaku.sim', iconv.encode(sima, 'cp932'), 'boundary_records')).json.id;
    const dry = (await as('roads')(DRY_RUN, { id: again, o: { defaults: { determined_on: '2026-11-01' } } })).data.importDryRun;
    expect(dry.refusedRows[0]).toMatchObject({ code: 'duplicateKey', field: 'record_no' });
    // Unique on every write, not only imports.
    const twice = await as('roads')('mutation($a: JSONObject!, $c: String!) { createBoundaryRecord(attributes: $a, coordinates: $c) { id } }',
      { a: { record_no: 'BR-2026-951', determined_on: '2026-11-02' }, c: `${x + 100},${y}\n${x + 130},${y}\n${x + 130},${y + 20}` });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'record_no' });
    expect(await count('boundary_records', "f.attributes->>'record_no' = 'BR-2026-951'")).toBe(1);
  });

  test('a KML from Google Earth: ExtendedData <Data> fields, altitudes and the placemark name as the label field', async () => {
    const placemark = (name: string, state: string, lon: number, lat: number) => `<Placemark><name>${name}</name>
      <ExtendedData><Data name="状態"><value>${state}</value></Data><Data name="memo"><value>現地確認</value></Data></ExtendedData>
      <styleUrl>#m</styleUrl><Point><coordinates>${lon},${lat},12.5</coordinates></Point></Placemark>`;
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Style id="m"><IconStyle><scale>1.2</scale></IconStyle></Style>
      ${placemark('CM-9501', '良好', 140.1681, 35.6699)}${placemark('CM-9502', '要清掃', 140.1684, 35.6701)}</Document></kml>`;
    const id = (await upload('roads', 'mirrors.kml', kml, 'curve_mirrors')).json.id;
    const preview = (await as('roads')(PREVIEW, { id })).data.importPreview;
    // ExtendedData first, then the placemark's own name; no style properties.
    expect(preview.columns).toEqual(['状態', 'memo', 'name']);
    expect(preview.mapping).toEqual({ 状態: 'condition', name: 'mirror_no' });
    const r = await as('roads')(COMMIT, { id });
    expect(r.errors).toBeUndefined();
    expect(r.data.commitImport.create).toBe(2);
    expect(await count('curve_mirrors', "f.attributes->>'mirror_no' = 'CM-9502' AND f.attributes->>'condition' = '要清掃' AND ST_NDims(f.geom) = 2")).toBe(1);
  });

  test('uploads nobody committed within IMPORT_KEEP_HOURS are let go, and so are files no job holds; fresh ones stay', async () => {
    const t = get();
    const dir = t.config.importDir;
    const stale = (await upload('roads', 'stale.csv', mirrorCsv(mirrorRows()), 'curve_mirrors')).json.id;
    const fresh = (await upload('roads', 'fresh.csv', mirrorCsv(mirrorRows()), 'curve_mirrors')).json.id;
    await t.db.pool.query(`UPDATE import_job SET created_at = now() - interval '25 hours' WHERE id = $1`, [stale]);
    const fileOf = async (id: string) => (await t.db.pool.query('SELECT file_name FROM import_job WHERE id = $1', [id])).rows[0].file_name as string | null;
    const staleFile = path.join(dir, (await fileOf(stale))!);
    const orphan = path.join(dir, 'upload-orphan-from-a-restart');
    const young = path.join(dir, 'upload-being-written-now');
    writeFileSync(orphan, 'x');
    writeFileSync(young, 'x');
    const old = new Date(Date.now() - 26 * 3600_000);
    utimesSync(orphan, old, old);

    expect(await t.server.services.imports.purgeStale()).toBe(2);
    expect([existsSync(staleFile), existsSync(orphan), existsSync(young)]).toEqual([false, false, true]);
    expect(await fileOf(stale)).toBeNull();
    expect(existsSync(path.join(dir, (await fileOf(fresh))!))).toBe(true);
    const dry = await as('roads')(DRY_RUN, { id: stale });
    expect(dry.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await as('roads')(DRY_RUN, { id: fresh })).errors).toBeUndefined();
    rmSync(young);
  });

  describe('bad files get a coded error and change nothing', () => {
    let before: number;
    beforeAll(async () => { before = (await get().db.pool.query('SELECT count(*)::int AS n FROM feature_history')).rows[0].n; });
    afterAll(async () => { expect((await get().db.pool.query('SELECT count(*)::int AS n FROM feature_history')).rows[0].n).toBe(before); });

    const reasonOf = async (filename: string, body: Uint8Array | string, options: object = {}, layer = 'curve_mirrors') => {
      const up = await upload('roads', filename, body, layer);
      if (up.status !== 201) return { status: up.status, ...up.json.error };
      const r = await as('roads')(DRY_RUN, { id: up.json.id, o: options });
      return { code: r.errors?.[0].extensions?.code, reason: r.errors?.[0].extensions?.reason, summary: r.data?.importDryRun };
    };

    test('wrong encoding, zip without .shp, unknown .prj, path traversal, zip bomb', async () => {
      // Fixtures first: a slow fixture between requests would outlive the server's keep-alive.
      const bomb = zipSync({ 'a.shp': new Uint8Array(10 * 1024 * 1024) }, { level: 6 }); // ~10 KB that unpacks to 10 MB
      const files = await gdalWrite(fc([{ props: { mirror_no: 'CM-9301' }, type: 'Point', coordinates: [origin.y, origin.x] }]), 'ESRI Shapefile', 'oddprj');
      files.set('oddprj.prj', strToU8('PROJCS["Made up",GEOGCS["Nowhere",DATUM["None",SPHEROID["Ball",1,0]],PRIMEM["G",0],UNIT["degree",0.0174532925199433]],PROJECTION["Mercator_1SP"],UNIT["metre",1]]'));
      expect(await reasonOf('a.csv', mirrorCsv(mirrorRows()), { encoding: 'utf8' })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'encoding' });
      expect(await reasonOf('a.zip', zipSync({ 'a.dbf': strToU8('x') }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'noShp' });
      expect(await reasonOf('odd.zip', zipSync(Object.fromEntries(files)))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'prj' });
      expect(await reasonOf('evil.zip', zipSync({ '../evil.shp': strToU8('x'), 'a.shx': strToU8('x') }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'zipPath' });
      expect(await reasonOf('bomb.zip', bomb)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'zipBomb' });
      expect(await reasonOf('broken.kml', '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>x</Placemark>')).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'kmlUnreadable' });
    });

    test('mixed geometry types for a point layer and geometry outside the city are refused rows', async () => {
      const geojson = JSON.stringify({ type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { mirror_no: 'CM-9401' }, geometry: { type: 'LineString', coordinates: [[140.168, 35.67], [140.169, 35.671]] } },
        { type: 'Feature', properties: { mirror_no: 'CM-9402' }, geometry: { type: 'Point', coordinates: [139.7, 35.68] } },
      ] });
      const { summary } = await reasonOf('m.geojson', geojson);
      expect(summary.refusedRows.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([[1, 'geometryType'], [2, 'outside']]);
    });

    test('a file over the size limit is refused at upload', async () => {
      const big = new Uint8Array(get().config.importMaxBytes + 10);
      expect(await reasonOf('big.csv', big)).toMatchObject({ status: 413, code: 'BAD_USER_INPUT' });
    });
  });
}, { env: { IMPORT_MAX_MB: '1', IMPORT_MAX_REFUSED_ROWS: '100' } });
