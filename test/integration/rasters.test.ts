import 'reflect-metadata';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import proj4 from 'proj4';
import sharp from 'sharp';
import { planeProjDef } from '../../server/src/domain/planeZones';
import { withGdal, gdalOutputDir } from '../../server/src/gdal/gdal';
import { DEMO_ORTHO_LAYER, DEMO_SCAN_LAYER, seedRasterDemo, syntheticOrthophoto, syntheticRoadSheet, SyntheticSheet } from '../../server/src/seed/rasters';
import { describeBackends } from '../helpers/backends';

const rasterDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-raster-test-'));
afterAll(() => fs.rmSync(rasterDir, { recursive: true, force: true }));

const SHEET_FIELDS = 'id layerKey name status widthPx heightPx sizeBytes checksum warning problem version outline placement { method transform rmsM residualsM srid controlPoints { col row x y } }';

function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z, r = (lat * Math.PI) / 180;
  const fx = ((lon + 180) / 360) * n, fy = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n;
  return { z, x: Math.floor(fx), y: Math.floor(fy), px: (fx - Math.floor(fx)) * 256, py: (fy - Math.floor(fy)) * 256 };
}

/** A PNG whose header claims 50,000 × 50,000 px (and no pixel data): a decompression bomb's header. */
function bombPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0); ihdr.writeUInt32BE(50_000, 4); ihdr[8] = 8; ihdr[9] = 2;
  const idat = zlib.deflateSync(Buffer.alloc(1024 * 1024)); // a small start of a huge all-zero image
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** A PDF of 200 × 100 pt pages, each filled with one colour (r g b, 0–1): written by hand, with its xref. */
function colourPdf(colours: string[]): Buffer {
  const objects: string[] = [];
  const kids = colours.map((_, i) => `${3 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${colours.length} >>`);
  colours.forEach((rgb, i) => {
    const content = `${rgb} rg 0 0 200 100 re f`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents ${4 + i * 2} 0 R >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  });
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describeBackends('raster layers', (get) => {
  let admin: string, roads: string, env: string, counter: string;
  let sheet: SyntheticSheet;
  let sheetId: string;

  const upload = (layer: string, body: Buffer, query: string, token = roads) => fetch(`${get().url}/api/rasters/${layer}/sheets?${query}`, {
    method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
  });
  const tile = (layer: string, t: { z: number; x: number; y: number }, token = roads, headers: Record<string, string> = {}) =>
    fetch(`${get().url}/tiles/raster/${layer}/${t.z}/${t.x}/${t.y}.png`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const sheetCount = async () => (await get().db.pool.query('SELECT count(*)::int AS n FROM raster_sheet')).rows[0].n as number;
  const leftovers = () => fs.readdirSync(rasterDir).filter((f) => !/^sheet-\d+(\.png)?$/.test(f));
  const auditKinds = async (id: string) => (await get().db.pool.query(
    `SELECT kind FROM audit_log WHERE kind LIKE 'raster.%' AND target = $1 ORDER BY id`, [id])).rows.map((r) => r.kind as string);

  beforeAll(async () => {
    admin = await get().login('admin');
    roads = await get().login('roads');
    env = await get().login('env');
    counter = await get().login('counter');
    const created = await get().gql(`mutation { createLayer(input: { key: "ledger_scans", nameJa: "道路台帳図", nameEn: "Ledger scans", departmentKey: "roads",
      geometryTypes: [], fields: [], kind: RASTER, readAccess: { departments: ["roads"] } }) { key kind basemap } }`, {}, admin);
    expect(created.data?.createLayer).toEqual({ key: 'ledger_scans', kind: 'RASTER', basemap: false });
    sheet = await syntheticRoadSheet(get().db, get().config.planeSrid);
  }, 300_000);

  test('an uploaded scan is stored with its SHA-256 and waits to be placed', async () => {
    const res = await upload('ledger_scans', sheet.png, 'filename=sheet-12.png&name=道路台帳図12');
    const body: any = await res.json();
    expect(res.status).toBe(201);
    expect(body).toMatchObject({ status: 'UPLOADED', widthPx: sheet.width, heightPx: sheet.height, sizeBytes: sheet.png.length, name: '道路台帳図12' });
    expect(body.checksum).toBe(crypto.createHash('sha256').update(sheet.png).digest('hex'));
    sheetId = body.id;
    const original = await fetch(`${get().url}/api/rasters/sheets/${sheetId}/original`, { headers: { authorization: `Bearer ${roads}` } });
    expect(Buffer.from(await original.arrayBuffer()).equals(sheet.png)).toBe(true);
    const preview = await fetch(`${get().url}/api/rasters/sheets/${sheetId}/preview?max=512`, { headers: { authorization: `Bearer ${roads}` } });
    const scale = Number(preview.headers.get('x-preview-scale'));
    const meta = await sharp(Buffer.from(await preview.arrayBuffer())).metadata();
    expect(meta.width).toBe(Math.round(sheet.width * scale));
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(512);
  });

  test('placed by its 四隅, the sheet lands within 0.5 m of the demo roads drawn on it (sampled in served tiles)', async () => {
    const placed = await get().gql(`mutation($id: ID!, $pts: [RasterControlPointInput!]!) {
      placeRasterSheet(id: $id, method: CORNERS, transform: PROJECTIVE, controlPoints: $pts, scaleDenominator: 500, surveyDate: "2024-04-01") { ${SHEET_FIELDS} } }`,
    { id: sheetId, pts: sheet.corners }, roads);
    expect(placed.errors).toBeUndefined();
    const s = placed.data.placeRasterSheet;
    expect(s.status).toBe('PLACED');
    expect(s.placement.rmsM).toBeLessThan(0.01);
    expect(s.warning).toBeNull();
    expect(s.outline.type).toBe('Polygon');
    const tj: any = await (await fetch(`${get().url}/tiles/raster/ledger_scans.json`, { headers: { authorization: `Bearer ${roads}` } })).json();
    expect(tj.maxzoom).toBeGreaterThanOrEqual(19);
    const z = tj.maxzoom as number;
    const toLonLat = proj4(planeProjDef(get().config.planeSrid), 'EPSG:4326');
    const metresPerPx = (40075016.686 * Math.cos((35.67 * Math.PI) / 180)) / (256 * 2 ** z);
    const radius = Math.max(1, Math.floor(0.35 / metresPerPx)); // red within 0.35 m + half the 0.5 m line: off by < 0.5 m
    const decoded = new Map<string, Buffer>();
    const pixelAt = async (lon: number, lat: number) => {
      const t = tileOf(lon, lat, z);
      const key = `${t.x}/${t.y}`;
      if (!decoded.has(key)) {
        const res = await tile('ledger_scans', t);
        expect(res.status).toBe(200);
        decoded.set(key, await sharp(Buffer.from(await res.arrayBuffer())).ensureAlpha().raw().toBuffer());
      }
      return { raw: decoded.get(key)!, px: t.px, py: t.py };
    };
    const isRoad = (raw: Buffer, o: number) => raw[o + 3] > 200 && raw[o] > 150 && raw[o + 1] < 90 && raw[o + 2] < 90;
    const points = sheet.roadPoints.filter((_, i) => i % Math.ceil(sheet.roadPoints.length / 25) === 0);
    expect(points.length).toBeGreaterThanOrEqual(10);
    let hits = 0;
    for (const p of points) {
      const [lon, lat] = toLonLat.forward([p.y, p.x]);
      const { raw, px, py } = await pixelAt(lon, lat);
      let found = false;
      for (let dy = -radius; dy <= radius && !found; dy++) {
        for (let dx = -radius; dx <= radius && !found; dx++) {
          const x = Math.floor(px) + dx, y = Math.floor(py) + dy;
          if (x < 0 || y < 0 || x > 255 || y > 255 || dx * dx + dy * dy > radius * radius) continue;
          found = isRoad(raw, (y * 256 + x) * 4);
        }
      }
      if (found) hits++;
    }
    // Points near a tile edge may find their road in the next tile: nearly all must hit.
    expect(hits).toBeGreaterThanOrEqual(Math.ceil(points.length * 0.9));
    // Outside the 図郭 (the collar, 3 m north of the frame) the tile is transparent.
    const nw = sheet.corners[0];
    const [lon, lat] = toLonLat.forward([nw.y + 50, nw.x + 3]);
    const { raw, px, py } = await pixelAt(lon, lat);
    expect(raw[(Math.floor(py) * 256 + Math.floor(px)) * 4 + 3]).toBe(0);
  }, 300_000);

  test('a placed drawing links to a boundary record, which lists it to those who may read its layer', async () => {
    const records = (await get().db.pool.query(`SELECT f.id::text AS id FROM feature f JOIN layer l ON l.id = f.layer_id
      WHERE l.role = 'boundary_records' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`)).rows;
    expect(records).toHaveLength(1);
    const recordId = records[0].id as string;
    const light = (await get().db.pool.query(`SELECT f.id::text AS id FROM feature f JOIN layer l ON l.id = f.layer_id
      WHERE l.role IS DISTINCT FROM 'boundary_records' LIMIT 1`)).rows[0].id as string;
    const link = (featureId: string | null, token = roads) => get().gql(`mutation($id: ID!, $f: ID) {
      linkRasterSheetToBoundaryRecord(id: $id, featureId: $f) { id boundaryRecordId version } }`, { id: sheetId, f: featureId }, token);
    const notARecord = await link(light);
    expect(notARecord.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await link(recordId, env)).errors?.[0].extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);
    const linked = await link(recordId);
    expect(linked.errors).toBeUndefined();
    expect(linked.data.linkRasterSheetToBoundaryRecord.boundaryRecordId).toBe(recordId);
    const drawings = (token: string) => get().gql(`query($f: ID!) { boundaryRecordDrawings(featureId: $f) { id layerKey outline } }`, { f: recordId }, token);
    const seen = await drawings(counter);
    expect(seen.data.boundaryRecordDrawings).toHaveLength(0); // 窓口 may not read ledger_scans (roads only)
    const mine = await drawings(roads);
    expect(mine.data.boundaryRecordDrawings).toEqual([expect.objectContaining({ id: sheetId, layerKey: 'ledger_scans' })]);
    expect(mine.data.boundaryRecordDrawings[0].outline.type).toBe('Polygon');
    expect(await auditKinds(sheetId)).toEqual(['raster.upload', 'raster.place', 'raster.link']);
  });

  test('scale and survey date given at upload are kept for a sheet placed from its world file', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const nw = sheet.corners[0];
    const world = [0.5, 0, 0, -0.5, nw.y + 0.25, nw.x - 0.25].join('\n');
    const res = await upload('ledger_scans', png, `filename=w.png&scale=250&surveyDate=2023-05-10&world=${encodeURIComponent(world)}`);
    const body: any = await res.json();
    expect(res.status).toBe(201);
    expect(body).toMatchObject({ status: 'PLACED', scaleDenominator: 250, surveyDate: '2023-05-10', placement: { method: 'GEOREFERENCED' } });
    expect(await auditKinds(body.id)).toEqual(['raster.upload', 'raster.place']);
    const bad = await upload('ledger_scans', png, 'filename=w.png&surveyDate=10/05/2023');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toMatch(/YYYY-MM-DD/);
    const del = await get().gql(`mutation($id: ID!) { deleteRasterSheet(id: $id) }`, { id: body.id }, roads);
    expect(del.data?.deleteRasterSheet).toBe(true);
    expect(await auditKinds(body.id)).toEqual(['raster.upload', 'raster.place', 'raster.delete']);
  }, 120_000);

  test('a page of a PDF is rendered at the chosen dpi and placed like a scan; the PDF stays the original', async () => {
    const pdf = colourPdf(['1 0 0', '0 0 1']);
    const res = await upload('ledger_scans', pdf, 'filename=drawing.pdf&page=2&dpi=144');
    const body: any = await res.json();
    expect(res.status).toBe(201);
    expect(body).toMatchObject({ status: 'UPLOADED', widthPx: 400, heightPx: 200, pdfPage: 2, pdfDpi: 144, fileName: 'drawing.pdf' });
    const preview = await fetch(`${get().url}/api/rasters/sheets/${body.id}/preview?max=512`, { headers: { authorization: `Bearer ${roads}` } });
    const [r, g, b] = await sharp(Buffer.from(await preview.arrayBuffer())).extract({ left: 200, top: 100, width: 1, height: 1 }).raw().toBuffer();
    expect([r, g, b]).toEqual([0, 0, 255]); // page 2 is blue, page 1 red
    const original = await fetch(`${get().url}/api/rasters/sheets/${body.id}/original`, { headers: { authorization: `Bearer ${roads}` } });
    expect(original.headers.get('content-type')).toMatch(/application\/pdf/);
    expect(Buffer.from(await original.arrayBuffer()).equals(pdf)).toBe(true);
    const corners = [[0, 0], [400, 0], [400, 200], [0, 200]].map(([col, row]) => ({ col, row, x: sheet.corners[0].x - row * 0.1, y: sheet.corners[0].y + col * 0.1 }));
    const placed = await get().gql(`mutation($id: ID!, $pts: [RasterControlPointInput!]!) {
      placeRasterSheet(id: $id, method: CORNERS, transform: AFFINE, controlPoints: $pts) { status } }`, { id: body.id, pts: corners }, roads);
    expect(placed.data?.placeRasterSheet.status).toBe('PLACED');
    expect((await get().gql(`mutation($id: ID!) { deleteRasterSheet(id: $id) }`, { id: body.id }, roads)).data?.deleteRasterSheet).toBe(true);
    expect(fs.existsSync(path.join(rasterDir, `sheet-${body.id}.png`))).toBe(false);
  }, 120_000);

  test('the sheet index (図郭割) is served as vector tiles: each placed sheet outline with its id, name, scale and survey date, under the raster read rule', async () => {
    const [{ VectorTile }, { default: Pbf }] = await Promise.all([import('@mapbox/vector-tile'), import('pbf')]);
    const get_ = (url: string, token?: string, headers: Record<string, string> = {}) =>
      fetch(`${get().url}${url}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
    const tj: any = await (await get_('/tiles/raster/ledger_scans/index.json', roads)).json();
    expect(tj.vector_layers.map((l: { id: string }) => l.id)).toEqual(['sheets']);
    const { version } = (await get().gql(`query($id: ID!) { rasterSheet(id: $id) { version } }`, { id: sheetId }, roads)).data.rasterSheet;
    expect(version).toBeGreaterThan(0);
    const outline = (await get().db.pool.query('SELECT ST_X(ST_Centroid(outline)) AS lon, ST_Y(ST_Centroid(outline)) AS lat FROM raster_sheet WHERE id = $1', [sheetId])).rows[0];
    const t = tileOf(outline.lon, outline.lat, 15);
    const url = tj.tiles[0].replace(/^https?:\/\/[^/]+/, '').replace('{z}', t.z).replace('{x}', t.x).replace('{y}', t.y);
    expect(url).toMatch(/^\/tiles\/raster\/ledger_scans\/index\/15\/\d+\/\d+\.mvt\?v=\d+$/);
    const res = await get_(url, roads);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const layer = new VectorTile(new Pbf(new Uint8Array(await res.arrayBuffer()))).layers.sheets;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const mine = features.find((f) => f.properties.id === String(sheetId))!;
    expect(mine.properties).toEqual({ id: String(sheetId), name: '道路台帳図12', scale_denominator: 500, survey_date: '2024-04-01' });
    expect(mine.type).toBe(3); // a polygon
    // A tile far away holds no sheet; the ETag revalidates; 環境政策課 may not read the layer; no login, no tile.
    const far = tileOf(140.10, 35.60, 15);
    expect((await (await get_(`/tiles/raster/ledger_scans/index/${far.z}/${far.x}/${far.y}.mvt`, roads)).arrayBuffer()).byteLength).toBe(0);
    expect((await get_(url, roads, { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
    expect((await get_(url, env)).status).toBe(404);
    expect((await get_('/tiles/raster/ledger_scans/index.json', env)).status).toBe(404);
    expect((await get_(url)).status).toBe(401);
  });

  test('raster tiles follow the layer read permission and revalidate with ETag/304', async () => {
    const tj: any = await (await fetch(`${get().url}/tiles/raster/ledger_scans.json`, { headers: { authorization: `Bearer ${roads}` } })).json();
    const [w, s, e, n] = tj.bounds;
    const t = tileOf((w + e) / 2, (s + n) / 2, tj.maxzoom);
    const ok = await tile('ledger_scans', t);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    const etag = ok.headers.get('etag')!;
    expect((await tile('ledger_scans', t, roads, { 'if-none-match': etag })).status).toBe(304);
    // 環境政策課 may not read the layer: the tile and its TileJSON answer as for an unknown layer.
    expect((await tile('ledger_scans', t, env)).status).toBe(404);
    expect((await fetch(`${get().url}/tiles/raster/ledger_scans.json`, { headers: { authorization: `Bearer ${env}` } })).status).toBe(404);
    expect((await fetch(`${get().url}/tiles/raster/ledger_scans/${t.z}/${t.x}/${t.y}.png`)).status).toBe(401);
    const listed = await get().gql('query { rasterSheets(layer: "ledger_scans") { id } }', {}, env);
    expect(listed.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // A viewer may read but not upload.
    await get().gql('mutation { updateLayer(key: "ledger_scans", patch: { readAccess: null }) { key } }', {}, admin);
    const refused = await upload('ledger_scans', sheet.png, 'filename=x.png', counter);
    expect(refused.status).toBe(403);
  });

  test('the demo seed places the orthophoto GeoTIFF on upload and leaves the scanned sheet to place', async () => {
    await seedRasterDemo(get().db, get().config);
    const layers = await get().gql('query { layers { key kind basemap } }', {}, roads);
    expect(layers.data.layers).toEqual(expect.arrayContaining([
      { key: DEMO_ORTHO_LAYER, kind: 'RASTER', basemap: true }, { key: DEMO_SCAN_LAYER, kind: 'RASTER', basemap: false }]));
    const ortho = await get().gql(`query { rasterSheets(layer: "${DEMO_ORTHO_LAYER}") { ${SHEET_FIELDS} } }`, {}, roads);
    expect(ortho.data.rasterSheets).toHaveLength(1);
    expect(ortho.data.rasterSheets[0]).toMatchObject({ status: 'PLACED', placement: { method: 'GEOREFERENCED', srid: get().config.planeSrid } });
    const scans = await get().gql(`query { rasterSheets(layer: "${DEMO_SCAN_LAYER}") { status } }`, {}, roads);
    expect(scans.data.rasterSheets).toEqual([{ status: 'UPLOADED' }]);
  }, 300_000);

  describe('bad input: a coded error and nothing left behind', () => {
    const expectRefused = async (res: Response, pattern: RegExp) => {
      const body: any = await res.json();
      expect(res.status).toBe(400);
      expect(body.error.code).toBe('BAD_USER_INPUT');
      expect(body.error.message).toMatch(pattern);
    };

    test('not an image, a truncated TIFF, a bomb, an unknown CRS, a path in the file name', async () => {
      const before = await sheetCount();
      await expectRefused(await upload('ledger_scans', Buffer.from('X,Y\n1,2\n'), 'filename=points.csv'), /not an image/);
      await expectRefused(await upload('ledger_scans', Buffer.alloc(9 * 1024 * 1024, 1), 'filename=huge.png'), /larger than 8 MB/);
      const tif = path.join(rasterDir, 'work.tif.tmp');
      await syntheticOrthophoto(get().db, get().config.planeSrid, tif);
      const whole = fs.readFileSync(tif);
      fs.rmSync(tif);
      await expectRefused(await upload('ledger_scans', whole.subarray(0, Math.floor(whole.length / 2)), 'filename=cut.tif'), /truncated|not an image/);
      const t0 = Date.now();
      await expectRefused(await upload('ledger_scans', bombPng(), 'filename=bomb.png'), /50000×50000/);
      expect(Date.now() - t0).toBeLessThan(2000); // refused from the header, not by decoding 2.5 gigapixels
      await expectRefused(await upload('ledger_scans', sheet.png, `filename=${encodeURIComponent('../../etc/sheet.png')}`), /path/);
      await expectRefused(await upload('ledger_scans', sheet.png, `filename=${encodeURIComponent('C:\\scans\\sheet.png')}`), /path/);
      // A GeoTIFF in UTM zone 54 (EPSG:32654): a CRS this server does not convert.
      const utm = await withGdal(async (gdal) => {
        const png = path.join(rasterDir, `utm-${process.pid}-${Date.now()}.png`);
        await sharp({ create: { width: 64, height: 64, channels: 3, background: '#777' } }).png().toFile(png);
        const ds = (await gdal.open(png)).datasets[0];
        // A name of its own per run: GDAL (WebAssembly) keeps its own view of the output folder between runs.
        const name = `utm-test-${process.pid}-${Date.now()}`;
        await gdal.gdal_translate(ds, ['-of', 'GTiff', '-a_srs', 'EPSG:32654', '-a_ullr', '400000', '3950000', '400064', '3949936'], name);
        await gdal.close(ds);
        fs.rmSync(png);
        const file = path.join(gdalOutputDir(), `${name}.tif`);
        const bytes = fs.readFileSync(file);
        fs.rmSync(file);
        return bytes;
      });
      await expectRefused(await upload('ledger_scans', utm, 'filename=utm.tif'), /EPSG:32654/);
      // PDFs: a page it does not have, page/dpi for a file that is not a PDF, a damaged PDF, a page too large at the dpi.
      const pdf = colourPdf(['1 0 0']);
      await expectRefused(await upload('ledger_scans', pdf, 'filename=d.pdf&page=3'), /no page 3; it has 1/);
      await expectRefused(await upload('ledger_scans', sheet.png, 'filename=s.png&page=1'), /not a PDF/);
      await expectRefused(await upload('ledger_scans', Buffer.from('%PDF-1.4\nthis is not really a PDF\n'), 'filename=broken.pdf'), /PDF/);
      await expectRefused(await upload('ledger_scans', pdf, 'filename=d.pdf&dpi=5000'), /dpi must be/);
      expect(await sheetCount()).toBe(before);
      expect(leftovers()).toEqual([]);
    }, 300_000);

    test('too few control points are refused; an RMS over the threshold places the sheet with a warning', async () => {
      const few = await get().gql(`mutation($id: ID!, $pts: [RasterControlPointInput!]!) {
        placeRasterSheet(id: $id, method: CONTROL_POINTS, transform: PROJECTIVE, controlPoints: $pts) { id } }`,
      { id: sheetId, pts: sheet.corners.slice(0, 3) }, roads);
      expect(few.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(few.errors?.[0].message).toMatch(/at least 4 control points, got 3/);
      const still = await get().gql(`query($id: ID!) { rasterSheet(id: $id) { status version } }`, { id: sheetId }, roads);
      expect(still.data.rasterSheet.status).toBe('PLACED');
      // One corner typed 3 m off: placed, with a warning naming the RMS.
      const off = sheet.corners.map((c, i) => (i === 2 ? { ...c, x: c.x + 3 } : c));
      const warned = await get().gql(`mutation($id: ID!, $pts: [RasterControlPointInput!]!) {
        placeRasterSheet(id: $id, method: CORNERS, transform: AFFINE, controlPoints: $pts) { ${SHEET_FIELDS} } }`,
      { id: sheetId, pts: off }, roads);
      expect(warned.errors).toBeUndefined();
      expect(warned.data.placeRasterSheet.status).toBe('PLACED');
      expect(warned.data.placeRasterSheet.placement.rmsM).toBeCloseTo(0.75, 2);
      expect(warned.data.placeRasterSheet.warning).toMatch(/RMS 0\.75 m/);
    }, 300_000);

    test('a sheet deleted takes its tiles and its original file with it', async () => {
      const del = await get().gql(`mutation($id: ID!) { deleteRasterSheet(id: $id) }`, { id: sheetId }, roads);
      expect(del.data?.deleteRasterSheet).toBe(true);
      const n = (await get().db.pool.query('SELECT count(*)::int AS n FROM raster_tile WHERE sheet_id = $1', [Number(sheetId)])).rows[0].n;
      expect(n).toBe(0);
      expect(fs.existsSync(path.join(rasterDir, `sheet-${sheetId}`))).toBe(false);
      expect((await auditKinds(sheetId)).slice(-1)).toEqual(['raster.delete']);
    });
  });
}, { scale: 0.05, env: { RASTER_DIR: rasterDir, RASTER_MAX_MB: '8' } });
