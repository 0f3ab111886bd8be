import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { exportCli } from '../../server/src/modules/exports/export-cli';
import { describeBackends } from '../helpers/backends';

const CREATE_RECORD = `mutation($a: JSONObject!, $c: String!) { createBoundaryRecord(attributes: $a, coordinates: $c) { id } }`;
const RECORD_NO = 'BR-2026-951';
const ATTRIBUTES = {
  record_no: RECORD_NO, determined_on: '2019-05-01', witnesses: '鹿渡 太郎, 四街道 花子', related_route_no: '1-22',
  notes: '=HYPERLINK("http://evil.example","x")', parcel_no: '@SUM(1)', surveyor: '-1+2',
};
const FILTER = JSON.stringify([{ field: 'record_no', eq: RECORD_NO }]);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-export-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface GdalFeature { properties: Record<string, unknown>; geometry: { type: string; coordinates: any } }
interface GdalRead { features: GdalFeature[]; crs?: { properties: { name: string } } }

/** Reads a file with Debian's GDAL (ogr2ogr to GeoJSON on stdout, in the file's own CRS). */
function gdalRead(file: string, layer?: string, openOptions: string[] = []): GdalRead {
  const args = ['-f', 'GeoJSON', '/vsistdout/', file, ...openOptions.flatMap((o) => ['-oo', o]), ...(layer ? [layer] : [])];
  return JSON.parse(execFileSync('ogr2ogr', args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/** The EPSG code GDAL sees in the file (ogrinfo's last ID of the layer CRS). */
function gdalEpsg(file: string, layer: string): number {
  const text = execFileSync('ogrinfo', ['-so', file, layer], { encoding: 'utf8' });
  const crs = text.slice(text.indexOf('Layer SRS WKT'), text.indexOf('Data axis'));
  const ids = [...crs.matchAll(/ID\["EPSG",(\d+)\]\]/g)].map((m) => Number(m[1]));
  return ids[ids.length - 1];
}

const ring = (g: GdalFeature['geometry']): number[][] => (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]);

describeBackends('Layer exports', (get, kind) => {
  let counter: string;
  /** 道路管理課 reads the boundary witnesses (立会者, restricted): the format checks below include them. */
  let roads: string;
  let recordId: string;
  let entered: { name: string; x: string; y: string }[];
  /** The stored polygon's ring by PostGIS: zone IX [easting, northing] and lon/lat. */
  let plane: number[][];
  let lonLat: number[][];

  beforeAll(async () => {
    const t = get();
    counter = await t.login('counter');
    roads = await t.login('roads');
    const { rows } = await t.db.pool.query(`SELECT round(ST_Y(p)::numeric, 3)::float8 AS x, round(ST_X(p)::numeric, 3)::float8 AS y
      FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(140.1679, 35.6697), 4326), 6677) AS p) s`);
    const { x, y } = rows[0];
    entered = [[0, 0], [30, 0], [30, 20], [0, 20]].map(([dx, dy], i) => ({ name: `K${i + 1}`, x: (x + dx).toFixed(3), y: (y + dy).toFixed(3) }));
    const text = entered.map((p, i) => `${p.name},${p.x},${p.y}${i === 1 ? ',@SUM(1)' : ''}`).join('\n');
    const r = await t.gql(CREATE_RECORD, { a: ATTRIBUTES, c: text }, await t.login('roads'));
    expect(r.errors).toBeUndefined();
    recordId = r.data.createBoundaryRecord.id;
    const g = await t.db.pool.query(`SELECT ST_AsGeoJSON(ST_Transform(geom, 6677), 9)::json AS plane, ST_AsGeoJSON(geom, 12)::json AS lonlat FROM feature WHERE id = $1`, [recordId]);
    plane = g.rows[0].plane.coordinates[0];
    lonLat = g.rows[0].lonlat.coordinates[0];
  });

  test('Shift_JIS: JIS variants become their CP932 forms, and a character CP932 lacks is refused by name, not written as "?"', async () => {
    const t = get();
    const text = entered.map((p) => `${p.name},${(Number(p.x) + 200).toFixed(3)},${p.y}`).join('\n');
    const r = await t.gql(CREATE_RECORD, { a: { record_no: 'BR-2026-952', determined_on: '2026-01-05', witnesses: '𠮷田 一郎', notes: '10〜20' }, c: text }, await t.login('roads'));
    expect(r.errors).toBeUndefined();
    const id = r.data.createBoundaryRecord.id;
    const only = encodeURIComponent(JSON.stringify([{ field: 'record_no', eq: 'BR-2026-952' }]));
    for (const format of ['csv', 'shp']) {
      const refused = await download('boundary_records', `format=${format}&encoding=cp932&filter=${only}`);
      expect(refused.status).toBe(400);
      const body = (await refused.json()) as any;
      expect(body.error.code).toBe('BAD_USER_INPUT');
      expect(body.error.message).toContain(`feature ${id}, 立会者: "𠮷"`);
    }
    const utf8 = await exportFile('boundary_records', `format=csv&filter=${only}`, 'kichi.csv');
    expect(fs.readFileSync(utf8, 'utf8')).toContain('𠮷田 一郎');
    await t.gql('mutation($id: ID!) { deleteFeature(id: $id, expectedVersion: 1) { id } }', { id }, await t.login('roads'));
    const noWitness = await t.gql('mutation($a: JSONObject!, $c: String!) { createBoundaryRecord(attributes: $a, coordinates: $c) { id } }',
      { a: { record_no: 'BR-2026-953', determined_on: '2026-01-05', notes: '10〜20' }, c: text }, await t.login('roads'));
    expect(noWitness.errors).toBeUndefined();
    const sjis = await exportFile('boundary_records', `format=csv&encoding=cp932&filter=${encodeURIComponent(JSON.stringify([{ field: 'record_no', eq: 'BR-2026-953' }]))}`, 'wave.csv');
    expect(iconv.decode(fs.readFileSync(sjis), 'cp932')).toContain(',10～20,');
  });

  async function download(layer: string, query: string, token: string | null = roads) {
    return fetch(`${get().url}/api/layers/${layer}/export?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  }
  async function exportFile(layer: string, query: string, name: string): Promise<string> {
    const res = await download(layer, query);
    if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
    const file = path.join(tmp, `${get().kind}-${name}`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return file;
  }
  const expectWithinMm = (got: number[][], want: number[][]) => {
    expect(got.length).toBe(want.length);
    got.forEach((p, i) => { expect(Math.abs(p[0] - want[i][0])).toBeLessThan(0.001); expect(Math.abs(p[1] - want[i][1])).toBeLessThan(0.001); });
  };

  test('GeoPackage in zone IX: the filtered feature, Japanese attributes, EPSG:6677, vertices within 1 mm of PostGIS', async () => {
    const res = await download('boundary_records', `format=gpkg&srid=6677&columns=keys&filter=${encodeURIComponent(FILTER)}`);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('境界確定_')}`);
    const file = path.join(tmp, `${get().kind}-br.gpkg`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(gdalEpsg(file, '境界確定')).toBe(6677);
    const { features } = gdalRead(file);
    expect(features).toHaveLength(1);
    expect(features[0].properties).toMatchObject({ id: Number(recordId), record_no: RECORD_NO, witnesses: ATTRIBUTES.witnesses, notes: ATTRIBUTES.notes, related_route_no: '1-22' });
    expect(String(features[0].properties.determined_on).replace(/\//g, '-')).toBe('2019-05-01');
    expectWithinMm(ring(features[0].geometry), plane);
  });

  test('GeoPackage of the whole layer holds every feature', async () => {
    const file = await exportFile('boundary_records', 'format=gpkg', 'all.gpkg');
    const { rows } = await get().db.pool.query(`SELECT count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'boundary_records' AND f.deleted_at IS NULL`);
    expect(gdalRead(file).features).toHaveLength(rows[0].n);
    expect(gdalEpsg(file, '境界確定')).toBe(6668);
  });

  test.each(['cp932', 'utf8'])('zipped Shapefile (%s): .cpg, ≤10-byte field names with a mapping file, values intact', async (encoding) => {
    const file = await exportFile('boundary_records', `format=shp&srid=6677&encoding=${encoding}&filter=${encodeURIComponent(FILTER)}`, `br-${encoding}.zip`);
    const entries = unzipSync(fs.readFileSync(file));
    expect(Object.keys(entries).sort()).toEqual(['boundary_records_fields.csv', ...['cpg', 'dbf', 'prj', 'shp', 'shx'].map((e) => `boundary_records_polygon.${e}`)].sort());
    expect(Buffer.from(entries['boundary_records_polygon.cpg']).toString()).toBe(encoding === 'cp932' ? 'CP932' : 'UTF-8');
    const mapping = iconv.decode(Buffer.from(entries['boundary_records_fields.csv']), encoding === 'cp932' ? 'cp932' : 'utf8').replace(/^\uFEFF/, '');
    const short = Object.fromEntries(mapping.trim().split('\r\n').slice(1).map((l) => l.split(',')).map(([s, , key]) => [key, s]));
    for (const s of Object.values(short)) expect(iconv.encode(s, encoding === 'cp932' ? 'cp932' : 'utf8').length).toBeLessThanOrEqual(10);
    const shp = `/vsizip/${file}/boundary_records_polygon.shp`;
    expect(gdalEpsg(shp, 'boundary_records_polygon')).toBe(6677);
    const { features } = gdalRead(shp);
    expect(features).toHaveLength(1);
    expect(features[0].properties[short.witnesses]).toBe(ATTRIBUTES.witnesses);
    expect(features[0].properties[short.record_no]).toBe(RECORD_NO);
    expectWithinMm(ring(features[0].geometry), plane);
  });

  test('GeoJSON is RFC 7946 (lon/lat, no crs member) and KML is WGS84, both within 1 mm', async () => {
    const gj = await exportFile('boundary_records', `format=geojson&filter=${encodeURIComponent(FILTER)}`, 'br.geojson');
    const doc = JSON.parse(fs.readFileSync(gj, 'utf8'));
    expect(doc.crs).toBeUndefined();
    expect(doc.features).toHaveLength(1);
    expect(doc.features[0].properties['確定番号']).toBe(RECORD_NO);
    // 1e-8° ≈ 1 mm at this latitude.
    const near = (got: number[][]) => got.forEach((p, i) => { expect(Math.abs(p[0] - lonLat[i][0])).toBeLessThan(1e-8); expect(Math.abs(p[1] - lonLat[i][1])).toBeLessThan(1e-8); });
    near(ring(gdalRead(gj).features[0].geometry));
    const kml = await exportFile('boundary_records', `format=kml&filter=${encodeURIComponent(FILTER)}`, 'br.kml');
    const k = gdalRead(kml).features;
    expect(k).toHaveLength(1);
    expect(k[0].properties.Name).toBe(RECORD_NO); // the label field names the placemark
    expect(k[0].properties['立会者']).toBe(ATTRIBUTES.witnesses);
    near(ring(k[0].geometry).map((p) => p.slice(0, 2)));
  });

  test('the counter\'s export leaves out the restricted witnesses (立会者), column and values', async () => {
    const res = await download('boundary_records', `format=csv&filter=${encodeURIComponent(FILTER)}`, counter);
    expect(res.status).toBe(200);
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(text).toContain(RECORD_NO);
    expect(text).not.toContain('立会者');
    expect(text).not.toContain(ATTRIBUTES.witnesses);
  });

  test('CSV is Excel-safe, with WKT in zone IX that GDAL reads back within 1 mm; 和暦 dates; CP932 variant', async () => {
    const file = await exportFile('boundary_records', `format=csv&srid=6677&dates=wareki&filter=${encodeURIComponent(FILTER)}`, 'br.csv');
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('ID,確定番号,確定年月日,地番,申請者区分,関係路線番号,立会者,測量者,備考,WKT(EPSG:6677)');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text).toContain(`,'@SUM(1),`);
    expect(text).toContain(`,'-1+2,`);
    expect(text).toContain(`,"=""1-22""",`);
    expect(text).toContain(',令和元年5月1日,');
    const read = gdalRead(file, undefined, ['GEOM_POSSIBLE_NAMES=WKT*', 'KEEP_GEOM_COLUMNS=NO']);
    expect(read.features).toHaveLength(1);
    expectWithinMm(ring(read.features[0].geometry), plane);

    const sjis = fs.readFileSync(await exportFile('boundary_records', `format=csv&encoding=cp932&filter=${encodeURIComponent(FILTER)}`, 'br-sjis.csv'));
    expect(sjis[0]).not.toBe(0xef);
    expect(iconv.decode(sjis, 'cp932')).toContain(ATTRIBUTES.witnesses);
  });

  test('CSV of a point layer has lon/lat and X(北)/Y(東) columns from PostGIS', async () => {
    const file = await exportFile('curve_mirrors', 'format=csv&columns=keys', 'cm.csv');
    const lines = fs.readFileSync(file, 'utf8').slice(1).trim().split('\r\n');
    const header = lines[0].split(',');
    expect(header.slice(-4)).toEqual(['lon', 'lat', 'x_north', 'y_east']);
    const { rows } = await get().db.pool.query(`SELECT f.id::text AS id, ST_Y(ST_Transform(f.geom, 6677)) AS x, ST_X(ST_Transform(f.geom, 6677)) AS y
      FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'curve_mirrors' AND f.deleted_at IS NULL ORDER BY f.id`);
    expect(lines.length - 1).toBe(rows.length);
    const first = lines[1].split(',');
    expect(first[0]).toBe(rows[0].id);
    expect(Math.abs(Number(first[first.length - 2]) - rows[0].x)).toBeLessThan(0.001);
    expect(Math.abs(Number(first[first.length - 1]) - rows[0].y)).toBeLessThan(0.001);
  });

  test('the table\'s sort is kept: CSV rows in the order the features query gives', async () => {
    const order = { field: 'mirror_size_mm', descending: true };
    const file = await exportFile('curve_mirrors', `format=csv&columns=keys&order=${encodeURIComponent(JSON.stringify(order))}`, 'sorted.csv');
    const ids = fs.readFileSync(file, 'utf8').slice(1).trim().split('\r\n').slice(1).map((l) => l.split(',')[0]);
    const r = await get().gql(`{ features(layer: "curve_mirrors", orderBy: { field: "mirror_size_mm", descending: true }, first: 5000) { edges { node { id } } } }`, {}, counter);
    expect(ids).toEqual(r.data.features.edges.map((e: any) => e.node.id));
    const bad = await download('curve_mirrors', `format=csv&order=${encodeURIComponent('{"field":"nope"}')}`);
    expect(bad.status).toBe(400);
  });

  test('SIMA (Shift_JIS) has the surveyed points exactly as entered in a D00…D99 block', async () => {
    const file = await exportFile('boundary_records', `format=sima&filter=${encodeURIComponent(FILTER)}`, 'br.sim');
    const lines = iconv.decode(fs.readFileSync(file), 'cp932').trim().split('\r\n').map((l) => l.split(','));
    const points = lines.filter((l) => l[0] === 'A01').map((l) => ({ n: l[1], name: l[2], x: l[3], y: l[4] }));
    expect(points.map(({ name, x, y }) => ({ name, x, y }))).toEqual(entered);
    const d00 = lines.findIndex((l) => l[0] === 'D00');
    expect(lines[d00][2]).toBe(RECORD_NO);
    const d99 = lines.findIndex((l, i) => i > d00 && l[0] === 'D99');
    expect(lines.slice(d00 + 1, d99).map((l) => l[2])).toEqual(['K1', 'K2', 'K3', 'K4']);
  });

  test('the boundary coordinate CSV neutralises formula cells', async () => {
    const res = await fetch(`${get().url}/api/boundary-records/${recordId}/coordinates.csv`, { headers: { authorization: `Bearer ${counter}` } });
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(text).toContain(",'@SUM(1),");
    expect(text).not.toMatch(/,@SUM/);
  });

  test('the current extent (bbox) selects what PostGIS says intersects it, and combines with the filter', async () => {
    const bbox = [lonLat[0][0] - 0.001, lonLat[0][1] - 0.001, lonLat[0][0] + 0.001, lonLat[0][1] + 0.001];
    const file = await exportFile('boundary_records', `format=geojson&bbox=${bbox.join(',')}`, 'bbox.geojson');
    const ids = JSON.parse(fs.readFileSync(file, 'utf8')).features.map((f: { id: number }) => String(f.id)).sort();
    const { rows } = await get().db.pool.query(`SELECT f.id::text AS id FROM feature f JOIN layer l ON l.id = f.layer_id
      WHERE l.key = 'boundary_records' AND f.deleted_at IS NULL AND ST_Intersects(f.geom, ST_MakeEnvelope($1, $2, $3, $4, 4326)) ORDER BY 1`, bbox);
    expect(ids).toEqual(rows.map((r) => r.id).sort());
    expect(ids).toContain(recordId);
    const other = JSON.stringify([{ field: 'record_no', eq: 'BR-0000-000' }]);
    const none = await exportFile('boundary_records', `format=geojson&bbox=${bbox.join(',')}&filter=${encodeURIComponent(other)}`, 'none.geojson');
    expect(JSON.parse(fs.readFileSync(none, 'utf8')).features).toEqual([]);
  });

  // The embedded test database lives in memory inside the test process: a CLI cannot open it too.
  (kind === 'postgis' ? test : test.skip)('npm run export writes the file with the same options', async () => {
    const out = path.join(tmp, 'cli.sim');
    const message = await exportCli(['--layer', 'boundary_records', '--format', 'sima', '--out', out, '--filter', FILTER], get().config);
    expect(message).toContain(out);
    const names = iconv.decode(fs.readFileSync(out), 'cp932').split('\r\n').filter((l) => l.startsWith('A01,')).map((l) => l.split(',')[2]);
    expect(names).toEqual(['K1', 'K2', 'K3', 'K4']);
    await expect(exportCli(['--layer', 'boundary_records', '--format', 'dxf', '--out', out], get().config)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  test('the same login and coded errors as reads: 401, 404, 400', async () => {
    const anon = await download('boundary_records', 'format=gpkg', null);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as any).error.code).toBe('UNAUTHENTICATED');
    const missing = await download('no_such_layer', 'format=csv');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe('NOT_FOUND');
    for (const q of ['format=dxf', 'format=geojson&srid=6677', 'format=gpkg&encoding=cp932', 'format=csv&filter=%5B%7B%22field%22%3A%22nope%22%2C%22eq%22%3A1%7D%5D', 'format=csv&bbox=1,2,3']) {
      const bad = await download('boundary_records', q);
      expect([q, bad.status]).toEqual([q, 400]);
      expect(((await bad.json()) as any).error.code).toBe('BAD_USER_INPUT');
    }
    const sima = await download('curve_mirrors', 'format=sima');
    expect(sima.status).toBe(400);
  });
}, { scale: 0.01 }); // a small demo city: the tests count what the database holds
