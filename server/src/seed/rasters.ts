import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import proj4 from 'proj4';
import sharp from 'sharp';
import { Config } from '../config';
import { Database } from '../db/database';
import { ControlPoint } from '../domain/georef';
import { planeProjDef } from '../domain/plane-zones';
import { withGdal, gdalOutputDir } from '../gdal/gdal';
import { SessionUser } from '../modules/auth/permissions';
import { LayerCatalog, LayerService, SYSTEM_READER } from '../modules/layers/layer.service';
import { RasterService } from '../modules/rasters/raster.service';
import { adminUserSql, featuresInPlaneBoxSql } from './rasters.sql';

// Synthetic rasters for the demo and the tests (issue 19): a "scanned" road-ledger sheet drawn from
// the demo roads and parcels, and an orthophoto GeoTIFF of part of the city. No external files.

/** Near 四街道駅, where the demo city is densest. */
const DEMO_CENTRE = { lon: 140.168, lat: 35.669 };
/** A 1/500 sheet (国土基本図図郭): 400 m east–west × 300 m north–south. */
const SHEET_W_M = 400, SHEET_H_M = 300;

export const ROAD_RGB = [208, 0, 0];

export interface SyntheticSheet {
  png: Buffer;
  width: number;
  height: number;
  /** The four 図郭 corners: pixel ↔ plane (NW, NE, SE, SW). */
  corners: ControlPoint[];
  /** Points on the drawn roads, plane coordinates (X north, Y east), inside the frame. */
  roadPoints: Array<{ x: number; y: number }>;
  /** Ground metres per pixel (before the scanner's scale). */
  groundPx: number;
}

type Lines = number[][][];

function linesOf(geojson: string): Lines {
  const g = JSON.parse(geojson) as { type: string; coordinates: unknown };
  if (g.type === 'LineString') return [g.coordinates as number[][]];
  if (g.type === 'MultiLineString' || g.type === 'Polygon') return g.coordinates as Lines;
  if (g.type === 'MultiPolygon') return (g.coordinates as Lines[]).flat();
  return [];
}

/** The demo sheet's frame: the 1/500 grid cell around the demo centre, in plane coordinates. */
export function demoFrame(planeSrid: number): { south: number; north: number; west: number; east: number } {
  const [e, n] = proj4('EPSG:4326', planeProjDef(planeSrid)).forward([DEMO_CENTRE.lon, DEMO_CENTRE.lat]);
  const south = Math.floor(n / SHEET_H_M) * SHEET_H_M, west = Math.floor(e / SHEET_W_M) * SHEET_W_M;
  return { south, north: south + SHEET_H_M, west, east: west + SHEET_W_M };
}

/**
 * A road-ledger sheet as a scanner returns it: roads (red, 0.5 m wide) and parcels drawn at 1/500
 * inside the 図郭 frame with its corner coordinates printed, on paper with a collar, turned by
 * `rotationDeg` and scaled by `scale` about the page centre.
 */
export async function syntheticRoadSheet(db: Database, planeSrid: number,
  { dpi = 100, rotationDeg = 1.2, scale = 1.004 }: { dpi?: number; rotationDeg?: number; scale?: number } = {}): Promise<SyntheticSheet> {
  const frame = demoFrame(planeSrid);
  const g = (0.0254 / dpi) * 500; // ground metres per pixel
  const margin = Math.round((20 / 25.4) * dpi);
  const width = Math.round(SHEET_W_M / g) + 2 * margin, height = Math.round(SHEET_H_M / g) + 2 * margin;
  const paper = (x: number, y: number): [number, number] => [margin + (y - frame.west) / g, margin + (frame.north - x) / g];
  const cx = width / 2, cy = height / 2, t = (rotationDeg * Math.PI) / 180;
  const scanned = ([c, r]: [number, number]): [number, number] => [
    cx + scale * ((c - cx) * Math.cos(t) - (r - cy) * Math.sin(t)),
    cy + scale * ((c - cx) * Math.sin(t) + (r - cy) * Math.cos(t)),
  ];
  const box = [planeSrid, frame.west, frame.south, frame.east, frame.north];
  const roads = (await db.pool.query<{ geom: string }>(featuresInPlaneBoxSql, ['road_ledger', ...box])).rows.flatMap((r) => linesOf(r.geom));
  const parcels = (await db.pool.query<{ geom: string }>(featuresInPlaneBoxSql, ['parcels', ...box])).rows.flatMap((r) => linesOf(r.geom));
  const d = (lines: Lines) => lines.map((l) => 'M' + l.map(([e, n]) => paper(n, e).map((v) => v.toFixed(2)).join(' ')).join('L')).join('');
  const [fx0, fy0] = paper(frame.north, frame.west), [fx1, fy1] = paper(frame.south, frame.east);
  const font = Math.round((2.5 / 25.4) * dpi);
  const label = (x: number, y: number, c: number, r: number, anchor: string) =>
    `<text x="${c}" y="${r}" text-anchor="${anchor}" font-size="${font}" font-family="sans-serif">X=${x.toFixed(3)} Y=${y.toFixed(3)}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#f4f1e8"/>
<g transform="translate(${cx} ${cy}) rotate(${rotationDeg}) scale(${scale}) translate(${-cx} ${-cy})">
<rect x="0" y="0" width="${width}" height="${height}" fill="#fbfaf5"/>
<clipPath id="frame"><rect x="${fx0}" y="${fy0}" width="${fx1 - fx0}" height="${fy1 - fy0}"/></clipPath>
<g clip-path="url(#frame)" fill="none">
<path d="${d(parcels)}" stroke="#7a7a7a" stroke-width="${Math.max(1, 0.15 / g).toFixed(2)}"/>
<path d="${d(roads)}" stroke="rgb(${ROAD_RGB.join(',')})" stroke-width="${(0.5 / g).toFixed(2)}" stroke-linecap="round" stroke-linejoin="round"/>
</g>
<rect x="${fx0}" y="${fy0}" width="${fx1 - fx0}" height="${fy1 - fy0}" fill="none" stroke="#000" stroke-width="${Math.max(2, 0.3 / g).toFixed(2)}"/>
${label(frame.north, frame.west, fx0, fy0 - font * 0.4, 'start')}${label(frame.north, frame.east, fx1, fy0 - font * 0.4, 'end')}
${label(frame.south, frame.east, fx1, fy1 + font * 1.2, 'end')}${label(frame.south, frame.west, fx0, fy1 + font * 1.2, 'start')}
<text x="${cx}" y="${fy0 - font * 0.4}" text-anchor="middle" font-size="${font * 1.5}" font-family="sans-serif">道路台帳図 1/500</text>
</g></svg>`;
  const png = await sharp(Buffer.from(svg), { limitInputPixels: false, unlimited: true }).flatten({ background: '#ffffff' }).png({ compressionLevel: 6 }).toBuffer();
  const corners = ([[frame.north, frame.west], [frame.north, frame.east], [frame.south, frame.east], [frame.south, frame.west]] as Array<[number, number]>)
    .map(([x, y]) => { const [col, row] = scanned(paper(x, y)); return { col, row, x, y }; });
  // Road vertices well inside the frame (away from the clip edge), at most 200.
  const inside = (x: number, y: number) => x > frame.south + 5 && x < frame.north - 5 && y > frame.west + 5 && y < frame.east - 5;
  // Points every 10 m along the drawn roads.
  const along = roads.flatMap((l) => l.slice(1).flatMap((p, i) => {
    const [e0, n0] = l[i], steps = Math.max(1, Math.floor(Math.hypot(p[0] - e0, p[1] - n0) / 10));
    return Array.from({ length: steps }, (_, k) => ({ x: n0 + ((p[1] - n0) * (k + 0.5)) / steps, y: e0 + ((p[0] - e0) * (k + 0.5)) / steps }));
  })).filter((p) => inside(p.x, p.y));
  const roadPoints = along.filter((_, i) => i % Math.max(1, Math.ceil(along.length / 200)) === 0);
  return { png, width, height, corners, roadPoints, groundPx: g };
}

/** An orthophoto-like GeoTIFF (EPSG of the plane zone) of the 1.2 km × 1 km around the demo centre, 0.5 m pixels. */
export async function syntheticOrthophoto(db: Database, planeSrid: number, file: string): Promise<void> {
  const frame = demoFrame(planeSrid);
  const g = 0.5, west = frame.west - 400, north = frame.north + 350, w = 2400, h = 2000;
  const px = (e: number, n: number) => `${((e - west) / g).toFixed(1)} ${((north - n) / g).toFixed(1)}`;
  const box = [planeSrid, west, north - h * g, west + w * g, north];
  const d = (lines: Lines) => lines.map((l) => 'M' + l.map(([e, n]) => px(e, n)).join('L')).join('');
  const parcels = (await db.pool.query<{ geom: string }>(featuresInPlaneBoxSql, ['parcels', ...box])).rows.map((r) => linesOf(r.geom));
  const roads = (await db.pool.query<{ geom: string }>(featuresInPlaneBoxSql, ['road_ledger', ...box])).rows.flatMap((r) => linesOf(r.geom));
  const fills = ['#6f7d55', '#857a5c', '#7c8a63', '#9a927a', '#5f6e4a'];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<rect width="100%" height="100%" fill="#5d7046"/>
${parcels.map((p, i) => `<path d="${d(p)}Z" fill="${fills[i % fills.length]}" stroke="#c9c3b3" stroke-width="1"/>`).join('\n')}
<path d="${d(roads)}" fill="none" stroke="#8d8d8a" stroke-width="${(6 / g).toFixed(1)}" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;
  const tmpPng = path.join(os.tmpdir(), `chizu-ortho-${process.pid}-${Date.now()}.png`);
  await sharp(Buffer.from(svg)).flatten({ background: '#5d7046' }).png().toFile(tmpPng);
  try {
    await withGdal(async (gdal) => {
      const ds = (await gdal.open(tmpPng)).datasets[0];
      try {
        const name = `ortho-${process.pid}-${Date.now()}`;
        await gdal.gdal_translate(ds, ['-of', 'GTiff', '-co', 'COMPRESS=DEFLATE', '-a_srs', `EPSG:${planeSrid}`,
          '-a_ullr', String(west), String(north), String(west + w * g), String(north - h * g)], name);
        const written = path.join(gdalOutputDir(), `${name}.tif`);
        fs.copyFileSync(written, file);
        fs.rmSync(written, { force: true });
      } finally {
        await gdal.close(ds);
      }
    });
  } finally {
    fs.rmSync(tmpPng, { force: true });
  }
}

export const DEMO_SCAN_LAYER = 'road_ledger_scans';
export const DEMO_ORTHO_LAYER = 'orthophoto';

/**
 * The demo's raster layers: "道路台帳図（スキャン）" with the unplaced synthetic sheet (for a new
 * user to place by its corners) and "航空写真", a base map layer with the orthophoto placed.
 */
export async function seedRasterDemo(db: Database, config: Config, log: (m: string) => void = () => undefined): Promise<void> {
  const admin = (await db.pool.query(adminUserSql)).rows[0];
  if (!admin) return;
  const user: SessionUser = { id: admin.id, username: admin.username, displayName: admin.display_name, role: 'admin', departmentKey: admin.department_key, grantedLayerIds: [] };
  const layers = new LayerService(db);
  for (const l of [
    { key: DEMO_SCAN_LAYER, nameJa: '道路台帳図（スキャン）', nameEn: 'Road ledger sheets (scanned)', departmentKey: 'roads', sortOrder: 5, basemap: false },
    { key: DEMO_ORTHO_LAYER, nameJa: '航空写真', nameEn: 'Aerial photo', departmentKey: 'planning', sortOrder: 1, basemap: true },
  ]) {
    await db.prisma.layer.upsert({ where: { key: l.key }, create: { ...l, kind: 'raster', geometryTypes: [], fields: [], style: {} }, update: {} });
  }
  const rasters = new RasterService(db, config);
  const catalog = new LayerCatalog(layers, SYSTEM_READER);
  const t0 = Date.now();
  const sheet = await syntheticRoadSheet(db, config.planeSrid);
  await rasters.upload(catalog, user, DEMO_SCAN_LAYER, Readable.from([sheet.png]), { fileName: 'douro-daicho-sample.png', name: '道路台帳図 サンプル（未配置）' });
  const ortho = path.join(os.tmpdir(), `chizu-ortho-${process.pid}-${Date.now()}.tif`);
  try {
    await syntheticOrthophoto(db, config.planeSrid, ortho);
    await rasters.upload(catalog, user, DEMO_ORTHO_LAYER, fs.createReadStream(ortho), { fileName: 'orthophoto-sample.tif', name: '航空写真 サンプル' });
  } finally {
    fs.rmSync(ortho, { force: true });
  }
  log(`  raster demo (scanned sheet, orthophoto): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
