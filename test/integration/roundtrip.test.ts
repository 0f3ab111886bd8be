import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportCli } from '../../server/src/modules/exports/export-cli';
import { importCli } from '../../server/src/modules/imports/import-cli';
import { describeBackends } from '../helpers/backends';
import { ensureServerBuilt, repoRoot } from '../e2e/support/server';

/**
 * Export → import into an empty layer with the same fields gives the same features:
 * every attribute equal, every vertex within 1 mm in zone IX (EPSG:6677).
 */
const FIELDS = [
  { key: 'mgmt_no', label: '管理番号', type: 'text' },
  { key: 'name', label: '名称', type: 'text' },
  { key: 'route_code', label: '路線番号', type: 'text' },
  { key: 'memo', label: '備考', type: 'text' },
  { key: 'set_on', label: '設置日', type: 'date' },
  { key: 'state', label: '状態', type: 'enum', options: ['良好', '要清掃'] },
  { key: 'households', label: '利用世帯数', type: 'integer', unit: '世帯' },
  { key: 'height', label: '高さ', type: 'number', unit: 'm' },
];
const FEATURES = [
  { mgmt_no: 'RT-1', name: '鹿渡 一丁目の鏡', route_code: '1-22', memo: '=1+2', set_on: '2015-04-01', state: '良好', households: 12, height: 2.75 },
  { mgmt_no: 'RT-2', name: '四街道「駅前」', route_code: '0123', memo: '+81 43', set_on: '2019-05-01', state: '要清掃', households: -3, height: 0.5 },
  { mgmt_no: 'RT-3', name: 'めいわ', route_code: '1E5', memo: '@SUM(1)', set_on: '1989-01-08', households: 0 },
  { mgmt_no: 'RT-4', name: '空の項目', memo: "-x, 'quoted' text" },
  { mgmt_no: 'RT-5', name: '引用符', memo: "'literal" },
];
/** Offsets in metres (east, north) from a point in the city. */
const OFFSETS = [[0, 0], [37.123, 12.456], [-25.5, 40.25], [80.001, -60.009], [5, 5]];

/** format, export query, import options: every pair the exporter writes and the importer reads. */
const CASES: [string, string, string, Record<string, unknown>][] = [
  ['gpkg', 'gpkg', 'format=gpkg&srid=6677', {}],
  ['shp_utf8', 'zip', 'format=shp&srid=6677&columns=keys', {}],
  ['shp_cp932', 'zip', 'format=shp&srid=6677&columns=keys&encoding=cp932', {}],
  // Labels cut to 10 bytes in the DBF come back through the zip's {layer}_fields.csv.
  ['shp_labels_cp932', 'zip', 'format=shp&srid=6677&encoding=cp932', {}],
  ['geojson', 'geojson', 'format=geojson', {}],
  ['csv_lonlat', 'csv', 'format=csv', {}],
  ['csv_keys_wareki_cp932', 'csv', 'format=csv&columns=keys&dates=wareki&encoding=cp932', {}],
  ['csv_plane', 'csv', 'format=csv&srid=6677', { geometry: { planeX: 'X(北)', planeY: 'Y(東)', srid: 6677 } }],
  ['csv_wkt', 'csv', 'format=csv&geometry=wkt&srid=6677', {}],
];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-roundtrip-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const CREATE_LAYER = 'mutation($i: LayerInput!) { createLayer(input: $i) { key } }';
const CREATE_FEATURE = 'mutation($l: String!, $a: JSONObject, $g: GeoJSON!, $s: Int) { createFeature(layer: $l, attributes: $a, geometry: $g, srid: $s) { id } }';
const COMMIT = 'mutation($id: ID!, $o: JSONObject) { commitImport(id: $id, options: $o) { create update unchanged refused refusedRows { line field code message value } } }';

describeBackends('Round trip: export, then import into an empty layer', (get, kind) => {
  let admin: string;
  const layerInput = (key: string) => ({ key, nameJa: `往復 ${key}`, nameEn: key, departmentKey: 'roads', geometryTypes: ['Point'], fields: FIELDS.map((f) => ({ ...f, type: f.type.toUpperCase() })) });

  /** Features of a layer in zone IX, by management number. */
  async function stored(layer: string) {
    const { rows } = await get().db.pool.query(`SELECT f.attributes, ST_X(ST_Transform(f.geom, 6677)) AS e, ST_Y(ST_Transform(f.geom, 6677)) AS n
      FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = $1 AND f.deleted_at IS NULL ORDER BY f.attributes->>'mgmt_no'`, [layer]);
    return rows as { attributes: Record<string, unknown>; e: number; n: number }[];
  }

  beforeAll(async () => {
    const t = get();
    admin = await t.login('admin');
    const made = await t.gql(CREATE_LAYER, { i: layerInput('rt_source') }, admin);
    expect(made.errors).toBeUndefined();
    const { rows } = await t.db.pool.query('SELECT ST_X(p) AS e, ST_Y(p) AS n FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(140.1679, 35.6697), 4326), 6677) AS p) s');
    for (const [i, a] of FEATURES.entries()) {
      const g = { type: 'Point', coordinates: [rows[0].e + OFFSETS[i][0], rows[0].n + OFFSETS[i][1]] };
      const r = await t.gql(CREATE_FEATURE, { l: 'rt_source', a, g, s: 6677 }, admin);
      expect(r.errors).toBeUndefined();
    }
  });

  test.each(CASES)('%s: same count, equal attributes, vertices within 1 mm in zone IX', async (name, ext, query, options) => {
    const t = get();
    const res = await fetch(`${t.url}/api/layers/rt_source/export?${query}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const file = path.join(tmp, `${t.kind}-${name}.${ext}`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));

    const target = `rt_${name}`;
    expect((await t.gql(CREATE_LAYER, { i: layerInput(target) }, admin)).errors).toBeUndefined();
    const qs = new URLSearchParams({ filename: path.basename(file), layer: target });
    const up = await fetch(`${t.url}/api/imports?${qs}`, { method: 'POST', body: fs.readFileSync(file), headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/octet-stream' } });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const r = await t.gql(COMMIT, { id, o: options }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.commitImport).toMatchObject({ create: FEATURES.length, refused: 0 });

    const [before, after] = [await stored('rt_source'), await stored(target)];
    expect(after.map((f) => f.attributes)).toEqual(before.map((f) => f.attributes));
    after.forEach((f, i) => {
      expect(Math.abs(f.e - before[i].e)).toBeLessThan(0.001);
      expect(Math.abs(f.n - before[i].n)).toBeLessThan(0.001);
    });
  });

  /** Features of a layer as zone IX geometries, by management number. */
  async function shapes(layer: string) {
    const { rows } = await get().db.pool.query(`SELECT f.attributes, ST_AsEWKT(ST_Transform(f.geom, 6677)) AS g, ST_GeometryType(f.geom) AS type
      FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = $1 AND f.deleted_at IS NULL ORDER BY f.attributes->>'mgmt_no'`, [layer]);
    return rows as { attributes: Record<string, unknown>; g: string; type: string }[];
  }
  /** The largest distance (m, zone IX) between any vertex of one geometry and the other. */
  const apart = async (a: string, b: string) => Number((await get().db.pool.query('SELECT ST_HausdorffDistance($1::geometry, $2::geometry) AS d', [a, b])).rows[0].d);

  /** Export a layer in a format and import the file into a new empty layer made by `input`; returns the commit's answer. */
  async function exportImport(source: string, target: { key: string; [k: string]: unknown }, query: string, ext: string, options: Record<string, unknown> = {}) {
    const t = get();
    const res = await fetch(`${t.url}/api/layers/${source}/export?${query}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const file = path.join(tmp, `${t.kind}-${target.key}.${ext}`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect((await t.gql(CREATE_LAYER, { i: target }, admin)).errors).toBeUndefined();
    const qs = new URLSearchParams({ filename: path.basename(file), layer: target.key });
    const up = await fetch(`${t.url}/api/imports?${qs}`, { method: 'POST', body: fs.readFileSync(file), headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/octet-stream' } });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    return t.gql(COMMIT, { id, o: options }, admin);
  }

  describe('lines and polygons', () => {
    const SHAPE_FIELDS = [{ key: 'mgmt_no', label: '管理番号', type: 'TEXT' }, { key: 'name', label: '名称', type: 'TEXT' }];
    const shapeLayer = (key: string, type: string) => ({ key, nameJa: `往復 ${key}`, nameEn: key, departmentKey: 'roads', geometryTypes: [type], fields: SHAPE_FIELDS, labelField: 'mgmt_no' });
    beforeAll(async () => {
      const t = get();
      const { rows } = await t.db.pool.query('SELECT ST_X(p) AS e, ST_Y(p) AS n FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(140.1679, 35.6697), 4326), 6677) AS p) s');
      const [e, n] = [rows[0].e + 200, rows[0].n - 150];
      const lines = [[[e, n], [e + 50.123, n + 10.456], [e + 80.5, n + 60.25]], [[e + 10, n - 20], [e + 30.001, n - 40.009]]];
      const polygons = [[[[e, n], [e + 20.5, n], [e + 20.5, n + 15.25], [e, n + 15.25], [e, n]]],
        [[[e + 40, n], [e + 70.333, n + 5], [e + 55, n + 30.777], [e + 40, n]]]];
      for (const [key, type, coords] of [['rt_lines', 'LineString', lines], ['rt_polygons', 'Polygon', polygons]] as const) {
        expect((await t.gql(CREATE_LAYER, { i: shapeLayer(key, type) }, admin)).errors).toBeUndefined();
        for (const [i, c] of coords.entries()) {
          const r = await t.gql(CREATE_FEATURE, { l: key, a: { mgmt_no: `${key}-${i + 1}`, name: `形 ${i + 1}「${type}」` }, g: { type, coordinates: c }, s: 6677 }, admin);
          expect(r.errors).toBeUndefined();
        }
      }
    });

    const SHAPE_CASES: [string, string, string, Record<string, unknown>, boolean][] = [
      ['gpkg', 'gpkg', 'format=gpkg&srid=6677', {}, true],
      ['shp', 'zip', 'format=shp&srid=6677&columns=keys', {}, true],
      ['geojson', 'geojson', 'format=geojson', {}, true],
      // KML carries the fields as ExtendedData, read back by togeojson (GDAL's KML reader reads name and description only).
      ['kml', 'kml', 'format=kml', {}, true],
    ];
    test.each(SHAPE_CASES.flatMap(([name, ...rest]) => [['rt_lines', 'LineString', name, ...rest], ['rt_polygons', 'Polygon', name, ...rest]] as const))(
      '%s (%s) as %s: same count and attributes, every vertex within 1 mm in zone IX', async (source, type, name, ext, query, options, allAttributes) => {
        const target = `${source}_${name}`;
        const r = await exportImport(source, shapeLayer(target, type), query, ext, options);
        expect(r.errors).toBeUndefined();
        expect(r.data.commitImport).toMatchObject({ create: 2, refused: 0 });
        const [before, after] = [await shapes(source), await shapes(target)];
        expect(after.map((f) => f.type)).toEqual(before.map((f) => f.type));
        expect(after.map((f) => (allAttributes ? f.attributes : f.attributes.mgmt_no))).toEqual(before.map((f) => (allAttributes ? f.attributes : f.attributes.mgmt_no)));
        for (const [i, f] of after.entries()) expect(await apart(f.g, before[i].g)).toBeLessThan(0.001);
      });
  });

  test('kml (points): every placemark comes back with all its fields, within 1 mm in zone IX', async () => {
    const t = get();
    await t.gql('mutation { updateLayer(key: "rt_source", patch: { labelField: "mgmt_no" }) { key } }', {}, admin);
    const r = await exportImport('rt_source', { ...layerInput('rt_kml'), labelField: 'mgmt_no' }, 'format=kml', 'kml');
    expect(r.errors).toBeUndefined();
    expect(r.data.commitImport).toMatchObject({ create: FEATURES.length, refused: 0 });
    const [before, after] = [await stored('rt_source'), await stored('rt_kml')];
    expect(after.map((f) => f.attributes)).toEqual(before.map((f) => f.attributes));
    after.forEach((f, i) => {
      expect(Math.abs(f.e - before[i].e)).toBeLessThan(0.001);
      expect(Math.abs(f.n - before[i].n)).toBeLessThan(0.001);
    });
  });

  test('sima (boundary records): exported, deleted, imported again: the same record, points and outline within 1 mm', async () => {
    const t = get();
    const { rows } = await t.db.pool.query('SELECT ST_Y(p) AS x, ST_X(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(140.1685, 35.6690), 4326), 6677) AS p) s');
    const [x, y] = [Math.round(rows[0].x * 1000) / 1000, Math.round(rows[0].y * 1000) / 1000];
    const coordinates = [[x, y], [x + 25.125, y], [x + 25.125, y + 18.5], [x + 3.333, y + 20.001]].map((p) => p.join(',')).join('\n');
    const made = await t.gql('mutation($a: JSONObject!, $c: String!) { createBoundaryRecord(attributes: $a, coordinates: $c) { id version } }',
      { a: { record_no: 'BR-RT-0001', determined_on: '2026-10-01' }, c: coordinates }, admin);
    expect(made.errors).toBeUndefined();
    const pointsOf = async () => (await t.db.pool.query(`SELECT p.name, p.x_northing::float8 AS x, p.y_easting::float8 AS y FROM boundary_point p
      JOIN feature f ON f.id = p.feature_id WHERE f.deleted_at IS NULL AND f.attributes->>'record_no' = 'BR-RT-0001' ORDER BY p.seq`)).rows;
    const outline = async () => (await t.db.pool.query(`SELECT ST_AsEWKT(ST_Transform(geom, 6677)) AS g FROM feature
      WHERE deleted_at IS NULL AND attributes->>'record_no' = 'BR-RT-0001'`)).rows[0]?.g as string | undefined;
    const [points, geometry] = [await pointsOf(), await outline()];
    expect(points).toHaveLength(4);

    const filter = encodeURIComponent(JSON.stringify([{ field: 'record_no', eq: 'BR-RT-0001' }]));
    const res = await fetch(`${t.url}/api/layers/boundary_records/export?format=sima&filter=${filter}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const sima = Buffer.from(await res.arrayBuffer());
    const { id, version } = made.data.createBoundaryRecord;
    expect((await t.gql('mutation($id: ID!, $v: Int!) { deleteFeature(id: $id, expectedVersion: $v) { id } }', { id, v: version }, admin)).errors).toBeUndefined();
    expect(await outline()).toBeUndefined();

    const up = await fetch(`${t.url}/api/imports?${new URLSearchParams({ filename: 'kukaku.sim', layer: 'boundary_records' })}`,
      { method: 'POST', body: sima, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/octet-stream' } });
    expect(up.status).toBe(201);
    const r = await t.gql(COMMIT, { id: ((await up.json()) as { id: string }).id, o: { defaults: { determined_on: '2026-10-01' } } }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.commitImport).toMatchObject({ create: 1, refused: 0 });
    const back = await pointsOf();
    expect(back.map((p) => p.name)).toEqual(points.map((p) => p.name));
    back.forEach((p, i) => {
      expect(Math.abs(p.x - points[i].x)).toBeLessThan(0.001);
      expect(Math.abs(p.y - points[i].y)).toBeLessThan(0.001);
    });
    expect(await apart((await outline())!, geometry!)).toBeLessThan(0.001);
  });

  // The embedded test database lives in memory inside the test process: a CLI cannot open it too.
  (kind === 'postgis' ? test : test.skip)('npm run export --format gpkg, then npm run import --dry-run into an empty copy: every row a create, none refused', async () => {
    const t = get();
    const FIELD_INPUT = ['key', 'label', 'labelEn', 'type', 'unit', 'options', 'min', 'max', 'maxLength', 'required', 'unique'];
    const mirrors = (await t.gql('{ layer(key: "curve_mirrors") { fields { key label labelEn type unit options min max maxLength required unique computed } } }', {}, admin)).data.layer;
    const fields = mirrors.fields.filter((f: { computed: unknown }) => !f.computed)
      .map((f: Record<string, unknown>) => Object.fromEntries(FIELD_INPUT.filter((k) => f[k] !== null && f[k] !== undefined).map((k) => [k, f[k]])));
    const made = await t.gql(CREATE_LAYER, { i: { key: 'rt_mirrors_copy', nameJa: 'カーブミラー(写し)', nameEn: 'copy', departmentKey: 'roads', geometryTypes: ['Point'], fields } }, admin);
    expect(made.errors).toBeUndefined();
    const out = path.join(tmp, 'mirrors.gpkg');
    await exportCli(['--layer', 'curve_mirrors', '--format', 'gpkg', '--out', out], t.config);
    const lines: string[] = [];
    const code = await importCli([out, '--layer', 'rt_mirrors_copy', '--dry-run'], t.config, (l) => lines.push(l), (l) => lines.push(l));
    const count = (await t.db.pool.query(`SELECT count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'curve_mirrors' AND f.deleted_at IS NULL`)).rows[0].n;
    expect(count).toBeGreaterThan(0);
    expect([code, lines[0]]).toEqual([0, `Dry run: create ${count}, update 0, unchanged 0, refused 0`]);
  });

  // The built command runs the import in a worker thread with a capped heap (IMPORT_HEAP_MB).
  (kind === 'postgis' ? test : test.skip)('npm run import runs in a worker whose heap is IMPORT_HEAP_MB: a dry run passes, a heap too small stops it with a message and nothing written', async () => {
    const t = get();
    ensureServerBuilt();
    const csv = path.join(tmp, 'one-mirror.csv');
    fs.writeFileSync(csv, '管理番号,経度,緯度\nHEAP-1,140.168,35.67\n');
    const cli = (heapMb: string) => new Promise<{ code: number | null; out: string }>((resolve) => {
      execFile(process.execPath, [path.join(repoRoot, 'dist', 'server', 'modules', 'imports', 'import-cli.js'), csv, '--layer', 'curve_mirrors', '--user', 'roads'],
        { env: { ...process.env, DATABASE_URL: t.config.databaseUrl, IMPORT_DIR: path.join(tmp, 'imports'), IMPORT_HEAP_MB: heapMb } },
        (err, stdout, stderr) => resolve({ code: err ? (err as { code?: number }).code ?? 1 : 0, out: stdout + stderr }));
    });
    const mirrors = async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id
      WHERE l.key = 'curve_mirrors' AND f.attributes->>'mirror_no' = 'HEAP-1'`)).rows[0].n;
    const starved = await cli('4');
    expect(starved.code).toBe(1);
    // The catalogue's coded message, as the server's import answers it.
    expect(starved.out).toContain('SERVICE_UNAVAILABLE: 取込に必要なメモリが上限(4 MB)を超えたため中止しました');
    expect(await mirrors()).toBe(0);
    const fed = await cli('192');
    expect([fed.code, fed.out.split('\n')[0]]).toEqual([0, 'Imported: create 1, update 0, unchanged 0, refused 0']);
    expect(await mirrors()).toBe(1);
  });
}, { scale: 0.01 });
