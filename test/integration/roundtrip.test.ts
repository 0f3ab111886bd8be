import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportCli } from '../../server/src/modules/exports/export-cli';
import { importCli } from '../../server/src/modules/imports/import-cli';
import { describeBackends } from '../helpers/backends';

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
}, { scale: 0.01 });
