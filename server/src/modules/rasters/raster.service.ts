import crypto from 'node:crypto';
import type { Polygon } from 'geojson';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import { Config } from '../../config';
import { Database } from '../../db/database';
import { ControlPoint, fit as fitPoints, Fit, GeorefError, TransformKind, worldFileControlPoints } from '../../domain/georef';
import { badInput, conflict, forbidden, notFound } from '../../errors';
import { canEditLayer, SessionUser } from '../auth/permissions';
import { recordAudit } from '../audit/audit.service';
import { LayerCatalog, LayerRecord } from '../layers/layer.service';
import { LayerRole } from '../layers/layer.roles';
import { LayerKind } from '../layers/layer.type';
import {
  abandonedPlacingSql, bumpLayerVersionSql, deleteSheetSql, deleteTilesOfSheetSql, failPlacingSql, finishPlacedSql, insertSheetSql,
  insertTilesSql, layerExtentSql, layerTileSql, linkRecordSql, liveFeatureLayerSql, progressSql, RasterLayerRow, RasterSheetRow, sheetByIdSql,
  SheetIndexRow, sheetIndexTileSql, sheetsOfLayerSql, sheetsOfRecordSql, startPlacingSql,
} from './raster.sql';
import { RasterPlacement, RasterPlacementMethod, RasterSheet, RasterSheetStatus, RasterTransform } from './raster.type';
import { checkDecodes, clipOf, decodeToRaw, TILE_SIZE, warpToTiles } from './raster.warp';
import { geoTiffControlPoints } from './raster.geotiff';
import { isPdf, parsePdfRequest, PdfPageRequest, renderPdfPage } from './raster.pdf';
import { encodeTile } from '../tiles/tile.encode';
import { TILE_BUFFER, TILE_EXTENT } from '../tiles/tile.sql';

/** The MVT layer of the sheet index (図郭割) tiles. */
export const SHEET_INDEX_LAYER = 'sheets';

const FORMATS = new Set(['png', 'jpeg', 'tiff']);
const CONTENT_TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', tiff: 'image/tiff', pdf: 'application/pdf' };

export interface UploadOptions {
  fileName: string;
  name?: string;
  world?: string;
  declaredBytes?: number;
  /** 縮尺の分母 and 測量年月日, kept on the sheet from the upload on (also when it is placed at once). */
  scaleDenominator?: number | null;
  surveyDate?: string | null;
  /** A PDF: the page to place and the dpi to render it at (query strings as sent). */
  page?: string;
  dpi?: string;
  /** The client address, for the audit row. */
  address?: string;
}

/** Scale and survey date as typed, or BAD_USER_INPUT. */
function checkSheetMeta(scaleDenominator: number | null | undefined, surveyDate: string | null | undefined): void {
  if (scaleDenominator !== undefined && scaleDenominator !== null && !(Number.isInteger(scaleDenominator) && scaleDenominator > 0)) {
    throw badInput('縮尺の分母は正の整数です (scaleDenominator must be a positive integer, e.g. 500)', { field: 'scaleDenominator' });
  }
  if (surveyDate && (!/^\d{4}-\d{2}-\d{2}$/.test(surveyDate) || Number.isNaN(Date.parse(`${surveyDate}T00:00:00Z`)))) {
    throw badInput('測量年月日は YYYY-MM-DD で入力してください (surveyDate must be YYYY-MM-DD)', { field: 'surveyDate' });
  }
}

export interface PlaceInput {
  method: RasterPlacementMethod;
  transform: RasterTransform;
  controlPoints: ControlPoint[];
  scaleDenominator?: number | null;
  surveyDate?: string | null;
  name?: string | null;
  version?: number | null;
}

interface StoredPlacement { method: RasterPlacementMethod; transform: RasterTransform; controlPoints: ControlPoint[]; srid: number }

/** A fit from the points, with GeorefError (too few, collinear) as BAD_USER_INPUT. */
export function fitPlacement(transform: RasterTransform, points: ControlPoint[]): Fit {
  try {
    return fitPoints(transform as TransformKind, points);
  } catch (err) {
    if (err instanceof GeorefError) throw badInput(err.message, { field: 'controlPoints' });
    throw err;
  }
}

/** A file name as sent, refused when it carries a path (a name like "../x" or "C:\\scans\\x.tif"). */
export function checkFileName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw badInput('ファイル名がありません (the file name is missing: ?filename=…)', { field: 'filename' });
  // eslint-disable-next-line no-control-regex -- a NUL in a file name is how paths get smuggled
  if (/[/\\\u0000]/.test(trimmed) || trimmed === '..' || trimmed === '.' || trimmed.length > 200) {
    throw badInput('ファイル名にフォルダーを含めないでください (the file name must not contain a path)', { field: 'filename' });
  }
  return trimmed;
}

function toSheet(row: RasterSheetRow): RasterSheet {
  const stored = row.placement as StoredPlacement | null;
  let placement: RasterPlacement | null = null;
  if (stored) {
    const f = fitPlacement(stored.transform, stored.controlPoints);
    placement = { ...stored, rmsM: f.rmsM, residualsM: f.residualsM };
  }
  return {
    id: String(row.id), layerKey: row.layer_key, name: row.name, fileName: row.file_name, status: row.status.toUpperCase() as RasterSheetStatus,
    progress: row.progress, widthPx: row.width_px, heightPx: row.height_px, sizeBytes: Number(row.size_bytes), checksum: row.checksum,
    scaleDenominator: row.scale_denominator, surveyDate: row.survey_date, placement, outline: row.outline ? JSON.parse(row.outline) : null,
    problem: row.problem, warning: row.warning, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
    pdfPage: row.pdf_page, pdfDpi: row.pdf_dpi, boundaryRecordId: row.boundary_record_id,
  };
}

const emptyTile = sharp({ create: { width: TILE_SIZE, height: TILE_SIZE, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();

/**
 * Raster layers: sheets uploaded (streamed to RASTER_DIR with a SHA-256), checked before decoding,
 * placed by a fit (georef.ts) and warped to PNG tiles in the database.
 */
export class RasterService {
  private placing: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database, private readonly config: Config) {}

  private get dir(): string {
    fs.mkdirSync(this.config.raster.dir, { recursive: true });
    return this.config.raster.dir;
  }

  originalPath(id: number | string): string {
    return path.join(this.dir, `sheet-${Number(id)}`);
  }

  /** The image that is placed and previewed: the original, or for a PDF its rendered page beside it. */
  imagePath(row: Pick<RasterSheetRow, 'id' | 'format'>): string {
    return row.format === 'pdf' ? `${this.originalPath(row.id)}.png` : this.originalPath(row.id);
  }

  /** Sheets a server stopped while placing: partial tiles removed, the sheet marked FAILED with the reason. */
  async recoverAbandoned(): Promise<void> {
    for (const { id } of (await this.db.pool.query<{ id: number }>(abandonedPlacingSql)).rows) {
      await this.db.transaction(async (tx) => {
        await tx.query(deleteTilesOfSheetSql, [id]);
        await tx.query(failPlacingSql, [id, '配置中にサーバーが停止しました。もう一度配置してください (the server stopped while placing; place it again)']);
      });
    }
  }

  private async readableLayer(catalog: LayerCatalog, key: string): Promise<LayerRecord> {
    const layer = await catalog.find(key);
    if (!layer || layer.kind !== LayerKind.RASTER) throw notFound(`ラスターレイヤー "${key}" はありません (no raster layer "${key}")`);
    return layer;
  }

  private requireEditor(user: SessionUser | null, layer: LayerRecord): asserts user is SessionUser {
    if (!user || !canEditLayer(user, layer)) throw forbidden(`レイヤー「${layer.nameJa}」の図面を変更する権限がありません (you may not change sheets of this layer)`);
  }

  async list(catalog: LayerCatalog, layerKey: string): Promise<RasterSheet[]> {
    const layer = await this.readableLayer(catalog, layerKey);
    return (await this.db.pool.query<RasterSheetRow>(sheetsOfLayerSql, [layer.id])).rows.map(toSheet);
  }

  /** The sheet and its layer, when the caller may read the layer; NOT_FOUND otherwise (as for an unknown id). */
  private async sheetRow(catalog: LayerCatalog, id: string | number): Promise<{ row: RasterSheetRow; layer: LayerRecord }> {
    const n = Number(id);
    const row = Number.isInteger(n) && n > 0 ? (await this.db.pool.query<RasterSheetRow>(sheetByIdSql, [n])).rows[0] : undefined;
    const layer = row && (await catalog.byId(row.layer_id));
    if (!row || !layer) throw notFound(`図面 ${id} はありません (no raster sheet ${id})`);
    return { row, layer };
  }

  async get(catalog: LayerCatalog, id: string): Promise<RasterSheet | null> {
    try {
      return toSheet((await this.sheetRow(catalog, id)).row);
    } catch (err) {
      if ((err as { extensions?: { code?: string } }).extensions?.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  /**
   * Stores an upload: streamed to disk with its SHA-256 and the size limit, the header read for the
   * format and size (a decompression bomb is refused here, before any decoding), then decoded once
   * in full (streaming) so that a truncated file is refused now rather than when placed. A GeoTIFF
   * with a CRS, or a world file given along, is placed at once. Nothing stays behind on an error.
   */
  async upload(catalog: LayerCatalog, user: SessionUser | null, layerKey: string, body: Readable, opts: UploadOptions): Promise<RasterSheet> {
    const layer = await this.readableLayer(catalog, layerKey);
    this.requireEditor(user, layer);
    const fileName = checkFileName(opts.fileName);
    checkSheetMeta(opts.scaleDenominator, opts.surveyDate);
    const pdfRequest = parsePdfRequest(opts.page, opts.dpi);
    // A declared length over the limit is refused before a byte is read (the browser shows the message, not a reset).
    if (opts.declaredBytes !== undefined && opts.declaredBytes > this.config.raster.maxBytes) throw this.tooLarge();
    const name = (opts.name?.trim() || fileName.replace(/\.[^.]+$/, '')).slice(0, 200);
    const tmp = path.join(this.dir, `upload-${crypto.randomBytes(8).toString('hex')}`);
    let id: number | undefined;
    try {
      const { size, checksum } = await this.receive(body, tmp);
      let pdf: PdfPageRequest | null = null;
      if (isPdf(tmp)) {
        pdf = pdfRequest ?? parsePdfRequest('1', undefined);
        await renderPdfPage(tmp, `${tmp}.png`, pdf!, this.config.raster.maxPixels);
      } else if (pdfRequest) {
        throw badInput('ページと解像度は PDF にだけ指定できます。このファイルは PDF ではありません (page and dpi apply to a PDF; this file is not a PDF)', { field: 'page' });
      }
      const meta = await this.inspect(pdf ? `${tmp}.png` : tmp);
      const format = pdf ? 'pdf' : meta.format;
      id = await this.db.transaction(async (tx) => {
        const newId = (await tx.query<{ id: number }>(insertSheetSql, [layer.id, name, fileName, format, meta.width, meta.height, size, checksum, user.id,
          opts.scaleDenominator ?? null, opts.surveyDate || null, pdf?.page ?? null, pdf?.dpi ?? null])).rows[0].id;
        await recordAudit(tx, { kind: 'raster.upload', actor: { user, address: opts.address ?? '' }, target: String(newId), layerKey: layer.key,
          details: { fileName, format, sizeBytes: size, sha256: checksum, widthPx: meta.width, heightPx: meta.height, ...(pdf ? { pdfPage: pdf.page, pdfDpi: pdf.dpi } : {}) } });
        return newId;
      });
      fs.renameSync(tmp, this.originalPath(id));
      if (pdf) fs.renameSync(`${tmp}.png`, this.imagePath({ id, format }));
      let points: ControlPoint[] | null = null;
      if (opts.world) points = this.worldPoints(opts.world, meta.width, meta.height);
      else if (meta.format === 'tiff') points = await geoTiffControlPoints(this.originalPath(id), this.config.planeSrid);
      if (points) {
        await this.place(catalog, user, String(id), { method: RasterPlacementMethod.GEOREFERENCED, transform: RasterTransform.AFFINE, controlPoints: points }, opts.address);
      }
      return toSheet((await this.sheetRow(catalog, id)).row);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      fs.rmSync(`${tmp}.png`, { force: true });
      if (id !== undefined) {
        // The upload's audit row stays (the log is append-only); this one says it was undone.
        await this.db.transaction(async (tx) => {
          await tx.query(deleteSheetSql, [id, null]);
          await recordAudit(tx, { kind: 'raster.delete', actor: { user, address: opts.address ?? '' }, target: String(id), layerKey: layer.key,
            details: { reason: 'upload failed', problem: (err as Error).message } });
        });
        fs.rmSync(this.originalPath(id), { force: true });
        fs.rmSync(`${this.originalPath(id)}.png`, { force: true });
      }
      throw err;
    }
  }

  private worldPoints(text: string, width: number, height: number): ControlPoint[] {
    try {
      return worldFileControlPoints(text, width, height);
    } catch (err) {
      if (err instanceof GeorefError) throw badInput(err.message, { field: 'world' });
      throw err;
    }
  }

  /** A world file (.tfw/.jgw/.pgw, in PLANE_SRID) sent after the image: places the sheet. */
  async placeByWorldFile(catalog: LayerCatalog, user: SessionUser | null, id: string, text: string, address = ''): Promise<RasterSheet> {
    const { row } = await this.sheetRow(catalog, id);
    const points = this.worldPoints(text, row.width_px, row.height_px);
    return this.place(catalog, user, id, { method: RasterPlacementMethod.GEOREFERENCED, transform: RasterTransform.AFFINE, controlPoints: points }, address);
  }

  private tooLarge() {
    const mb = Math.round(this.config.raster.maxBytes / 1048576);
    return badInput(`ファイルが大きすぎます（上限 ${mb} MB） (the file is larger than ${mb} MB)`, { field: 'file' });
  }

  private async receive(body: Readable, file: string): Promise<{ size: number; checksum: string }> {
    const hash = crypto.createHash('sha256');
    let size = 0;
    const max = this.config.raster.maxBytes;
    const tooLarge = () => this.tooLarge();
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > max) { done(tooLarge()); return; }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(body, meter, fs.createWriteStream(file));
    if (size === 0) throw badInput('ファイルが空です (the file is empty)', { field: 'file' });
    return { size, checksum: hash.digest('hex') };
  }

  /** Format and size from the header only; then a streamed full decode that catches truncated files. */
  private async inspect(file: string): Promise<{ format: string; width: number; height: number }> {
    let meta: sharp.Metadata;
    try {
      meta = await sharp(file, { limitInputPixels: false }).metadata();
    } catch {
      throw badInput('画像として読めません。TIFF・PNG・JPEG を送ってください (not an image: send TIFF, PNG or JPEG)', { field: 'file' });
    }
    if (!meta.format || !FORMATS.has(meta.format) || !meta.width || !meta.height) {
      throw badInput(`この形式（${meta.format ?? '不明'}）は扱えません。TIFF・PNG・JPEG を送ってください (unsupported format ${meta.format ?? 'unknown'}: send TIFF, PNG or JPEG)`, { field: 'file' });
    }
    const pixels = meta.width * meta.height;
    if (pixels > this.config.raster.maxPixels) {
      throw badInput(`画像が大きすぎます（${meta.width}×${meta.height} ピクセル、上限 ${this.config.raster.maxPixels / 1e6} メガピクセル） (the image is ${meta.width}×${meta.height} px, more than ${this.config.raster.maxPixels / 1e6} megapixels)`,
        { field: 'file', width: meta.width, height: meta.height });
    }
    try {
      await checkDecodes(file, this.config.raster.maxPixels);
    } catch {
      throw badInput('画像が途中で切れているか壊れています (the image is truncated or damaged)', { field: 'file' });
    }
    return { format: meta.format, width: meta.width, height: meta.height };
  }

  /**
   * Fits, warps and tiles a sheet. Tiles are written as they are made while the sheet is PLACING
   * (not served), then the sheet turns PLACED in one statement; any failure removes them again.
   * One placement at a time: each holds a band of the image and a few rows of tiles in memory.
   */
  async place(catalog: LayerCatalog, user: SessionUser | null, id: string, input: PlaceInput, address = ''): Promise<RasterSheet> {
    const { row, layer } = await this.sheetRow(catalog, id);
    this.requireEditor(user, layer);
    checkSheetMeta(input.scaleDenominator, input.surveyDate);
    if (input.method === RasterPlacementMethod.CORNERS && input.controlPoints.length !== 4) {
      throw badInput(`図郭の四隅を4点入力してください（${input.controlPoints.length}点） (CORNERS needs the four frame corners)`, { field: 'controlPoints' });
    }
    const points = input.controlPoints.map((p) => ({ col: p.col, row: p.row, x: p.x, y: p.y }));
    for (const p of points) {
      if (p.col < 0 || p.row < 0 || p.col > row.width_px || p.row > row.height_px) {
        throw badInput(`基準点 (${p.col}, ${p.row}) が画像の外です (a control point lies outside the ${row.width_px}×${row.height_px} image)`, { field: 'controlPoints' });
      }
    }
    const f = fitPlacement(input.transform, points);
    const started = await this.db.pool.query(startPlacingSql, [row.id, input.version ?? null]);
    if (!started.rowCount) throw conflict('図面は他の操作で変更されたか、配置中です。読み直してください (the sheet changed meanwhile or is being placed; reload it)');
    const run = this.placing.then(() => this.warp(row, layer, f, input, points, { user, address }));
    this.placing = run.catch(() => undefined);
    await run;
    return toSheet((await this.sheetRow(catalog, id)).row);
  }

  private async warp(row: RasterSheetRow, layer: LayerRecord, f: Fit, input: PlaceInput, points: ControlPoint[], actor: { user: SessionUser; address: string }): Promise<void> {
    const raw = `${this.originalPath(row.id)}.v`;
    try {
      await this.db.pool.query(deleteTilesOfSheetSql, [row.id]);
      const decoded = await decodeToRaw(this.imagePath(row), raw, this.config.raster.maxPixels);
      let last = 0;
      const result = await warpToTiles(
        { file: this.imagePath(row), width: row.width_px, height: row.height_px, fit: f, planeSrid: this.config.planeSrid, clip: clipOf(input.method, points), maxPixels: this.config.raster.maxPixels },
        decoded,
        async (tiles) => {
          const values: unknown[] = [row.id];
          for (const t of tiles) values.push(t.z, t.x, t.y, t.png);
          await this.db.pool.query(insertTilesSql(tiles.length), values);
        },
        async (done) => {
          if (done - last >= 0.05 || done === 1) { last = done; await this.db.pool.query(progressSql, [row.id, Math.min(0.99, done)]); }
        });
      const warning = f.rmsM > this.config.raster.rmsWarnM
        ? `残差の二乗平均 ${f.rmsM.toFixed(2)} m が許容値 ${this.config.raster.rmsWarnM} m を超えています。基準点を見直してください (RMS ${f.rmsM.toFixed(2)} m exceeds ${this.config.raster.rmsWarnM} m: check the control points)`
        : null;
      const placement: StoredPlacement = { method: input.method, transform: input.transform, controlPoints: points, srid: this.config.planeSrid };
      await this.db.transaction(async (tx) => {
        await tx.query(finishPlacedSql, [row.id, JSON.stringify(placement), result.minZoom, result.maxZoom, JSON.stringify(result.outline), warning,
          input.name?.trim() || null, input.scaleDenominator ?? null, input.surveyDate ?? null]);
        await tx.query(bumpLayerVersionSql, [layer.id]);
        this.db.changes.touched(tx, 'layers');
        await recordAudit(tx, { kind: 'raster.place', actor, target: String(row.id), layerKey: layer.key,
          details: { method: input.method, transform: input.transform, controlPoints: points, rmsM: f.rmsM, tiles: result.tiles, minZoom: result.minZoom, maxZoom: result.maxZoom, ...(warning ? { warning } : {}) } });
      });
    } catch (err) {
      const problem = (err as { extensions?: unknown }).extensions ? (err as Error).message : '画像を配置できませんでした (the image could not be placed)';
      await this.db.transaction(async (tx) => {
        await tx.query(deleteTilesOfSheetSql, [row.id]);
        await tx.query(failPlacingSql, [row.id, problem]);
        await tx.query(bumpLayerVersionSql, [layer.id]);
        this.db.changes.touched(tx, 'layers');
        await recordAudit(tx, { kind: 'raster.place_failed', actor, target: String(row.id), layerKey: layer.key, details: { method: input.method, problem } });
      });
      throw err;
    } finally {
      fs.rmSync(raw, { force: true });
    }
  }

  async delete(catalog: LayerCatalog, user: SessionUser | null, id: string, version?: number | null, address = ''): Promise<boolean> {
    const { row, layer } = await this.sheetRow(catalog, id);
    this.requireEditor(user, layer);
    if (row.status === 'placing') throw conflict('配置中の図面は削除できません (the sheet is being placed)');
    await this.db.transaction(async (tx) => {
      const gone = await tx.query(deleteSheetSql, [row.id, version ?? null]);
      if (!gone.rowCount) throw conflict('図面は他の操作で変更されました。読み直してください (the sheet changed meanwhile; reload it)');
      await tx.query(bumpLayerVersionSql, [layer.id]);
      this.db.changes.touched(tx, 'layers');
      await recordAudit(tx, { kind: 'raster.delete', actor: { user, address }, target: String(row.id), layerKey: layer.key,
        details: { name: row.name, fileName: row.file_name, sha256: row.checksum, status: row.status } });
    });
    fs.rmSync(this.originalPath(row.id), { force: true });
    fs.rmSync(`${this.originalPath(row.id)}.png`, { force: true });
    return true;
  }

  /**
   * Links a placed drawing (境界確定図) to a boundary record (featureId; null unlinks). Editors of the
   * sheet's layer who may read the record; the record must be a live feature of the boundary records.
   */
  async linkBoundaryRecord(catalog: LayerCatalog, user: SessionUser | null, id: string, featureId: string | null, version?: number | null, address = ''): Promise<RasterSheet> {
    const { row, layer } = await this.sheetRow(catalog, id);
    this.requireEditor(user, layer);
    if (featureId !== null) {
      const records = await catalog.byRole(LayerRole.BOUNDARY_RECORDS);
      const n = /^\d{1,18}$/.test(featureId) ? featureId : null;
      const found = n && records ? (await this.db.pool.query<{ layer_id: number }>(liveFeatureLayerSql, [n])).rows[0] : undefined;
      if (!found || found.layer_id !== records!.id) throw notFound(`境界確定の記録 ${featureId} はありません (no boundary record ${featureId})`);
      if (row.status !== 'placed') throw badInput('配置済みの図面だけを境界確定に結び付けられます (only a placed drawing can be linked to a boundary record)', { field: 'id' });
    }
    await this.db.transaction(async (tx) => {
      const done = await tx.query(linkRecordSql, [row.id, featureId, version ?? null]);
      if (!done.rowCount) throw conflict('図面は他の操作で変更されました。読み直してください (the sheet changed meanwhile; reload it)');
      await recordAudit(tx, { kind: 'raster.link', actor: { user, address }, target: String(row.id), layerKey: layer.key,
        details: { boundaryRecordId: featureId, before: row.boundary_record_id } });
    });
    return toSheet((await this.sheetRow(catalog, id)).row);
  }

  /** The placed drawings linked to a boundary record, in the raster layers the caller may read. */
  async drawingsOfRecord(catalog: LayerCatalog, featureId: string): Promise<RasterSheet[]> {
    if (!/^\d{1,18}$/.test(featureId) || !(await catalog.byRole(LayerRole.BOUNDARY_RECORDS))) return [];
    const rows = (await this.db.pool.query<RasterSheetRow>(sheetsOfRecordSql, [featureId])).rows;
    const readable = await Promise.all(rows.map(async (r) => ((await catalog.byId(r.layer_id)) ? r : null)));
    return readable.filter((r): r is RasterSheetRow => r !== null).map(toSheet);
  }

  /** The original scan for download. */
  async original(catalog: LayerCatalog, id: string): Promise<{ file: string; fileName: string; contentType: string; checksum: string; size: number }> {
    const { row } = await this.sheetRow(catalog, id);
    return { file: this.originalPath(row.id), fileName: row.file_name, contentType: CONTENT_TYPES[row.format], checksum: row.checksum, size: Number(row.size_bytes) };
  }

  /** A PNG no larger than max×max for the placement view, and its scale (preview px per image px). */
  async preview(catalog: LayerCatalog, id: string, max: number): Promise<{ png: Buffer; scale: number; checksum: string }> {
    const { row } = await this.sheetRow(catalog, id);
    const size = Math.max(64, Math.min(4096, Number.isFinite(max) ? Math.round(max) : 2048));
    const scale = Math.min(1, size / Math.max(row.width_px, row.height_px));
    const png = await sharp(this.imagePath(row), { limitInputPixels: this.config.raster.maxPixels })
      .resize(Math.max(1, Math.round(row.width_px * scale)), Math.max(1, Math.round(row.height_px * scale)), { fit: 'fill' })
      .png({ compressionLevel: 6 }).toBuffer();
    return { png, scale, checksum: row.checksum };
  }

  /** A raster layer the caller may read (NOT_FOUND for any other, as for an unknown key). */
  async tileLayer(catalog: LayerCatalog, key: string): Promise<RasterLayerRow> {
    const layer = await this.readableLayer(catalog, key);
    return { id: layer.id, key: layer.key, kind: layer.kind, data_version: layer.dataVersion };
  }

  /** A layer's tile: the one sheet's PNG as stored, several composited in sheet order, or a transparent tile. */
  async tile(layer: RasterLayerRow, z: number, x: number, y: number): Promise<Buffer> {
    const { rows } = await this.db.pool.query<{ png: Buffer }>(layerTileSql, [layer.id, z, x, y]);
    if (!rows.length) return emptyTile;
    if (rows.length === 1) return rows[0].png;
    return sharp(await emptyTile).composite(rows.map((r) => ({ input: r.png }))).png({ compressionLevel: 6 }).toBuffer();
  }

  /**
   * The layer's sheet index (図郭割) as a vector tile: each placed sheet's outline with its id, name,
   * scale (scale_denominator) and survey date. Encoded by the server on both backends (PGlite has no
   * ST_AsMVT): a layer holds tens of sheets, not the thousands of features of a vector layer.
   */
  async sheetIndexTile(layer: RasterLayerRow, z: number, x: number, y: number): Promise<Buffer> {
    const { rows } = await this.db.pool.query<SheetIndexRow>(sheetIndexTileSql, [layer.id, z, x, y, TILE_BUFFER / TILE_EXTENT]);
    return encodeTile(SHEET_INDEX_LAYER, rows.map((r) => ({
      type: 'Feature', id: Number(r.id), geometry: r.geometry as Polygon,
      properties: { id: r.id, name: r.name, ...(r.scale_denominator ? { scale_denominator: r.scale_denominator } : {}), ...(r.survey_date ? { survey_date: r.survey_date } : {}) },
    })), z, x, y);
  }

  /** TileJSON of the sheet index: vector tiles of one layer, `sheets`, versioned like the raster tiles. */
  sheetIndexTileJson(layer: RasterLayerRow, baseUrl: string): Record<string, unknown> {
    return {
      tilejson: '3.0.0', name: `${layer.key}-index`, scheme: 'xyz',
      tiles: [`${baseUrl}/tiles/raster/${encodeURIComponent(layer.key)}/index/{z}/{x}/{y}.mvt?v=${layer.data_version}`],
      minzoom: 0, maxzoom: 16,
      vector_layers: [{ id: SHEET_INDEX_LAYER, fields: { id: 'String', name: 'String', scale_denominator: 'Number', survey_date: 'String' } }],
      data_version: layer.data_version,
    };
  }

  async tileJson(layer: RasterLayerRow, baseUrl: string): Promise<Record<string, unknown>> {
    const e = (await this.db.pool.query(layerExtentSql, [layer.id])).rows[0];
    return {
      tilejson: '3.0.0', name: layer.key, scheme: 'xyz', format: 'png', tileSize: TILE_SIZE,
      tiles: [`${baseUrl}/tiles/raster/${encodeURIComponent(layer.key)}/{z}/{x}/{y}.png?v=${layer.data_version}`],
      minzoom: e?.min_zoom ?? 0, maxzoom: e?.max_zoom ?? 0,
      ...(e?.min_lon !== null && e?.min_lon !== undefined ? { bounds: [e.min_lon, e.min_lat, e.max_lon, e.max_lat] } : {}),
      data_version: layer.data_version,
    };
  }
}
