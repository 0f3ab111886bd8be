import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { PoolClient } from 'pg';
import { csvFile } from '../../domain/csv';
import { Config } from '../../config';
import { Database, Queryable } from '../../db/database';
import {
  ADDRESS_NAMES, coerceValue, fieldKeyFor, findColumn, findWktColumn, inferFieldType, LAT_NAMES, LON_NAMES, looksSwapped, matchColumns,
  parseNumber, PLANE_X_NAMES, PLANE_Y_NAMES, toHalfWidth,
} from '../../domain/coerce';
import { FieldDefinition, normalizeAttributes, validateAttributes } from '../../domain/fields';
import { checkGeoJSONGeometry } from '../../domain/geometry';
import { simaTable, SimaBlock } from '../../domain/sima';
import { surveyGeometry } from '../../domain/survey';
import { AppError, badInput, conflict, notFound } from '../../errors';
import { importJobsOwner, requireAdmin, requireEditor, requireImporter, requireJobOwner, SessionUser } from '../auth/permissions';
import { EditService, FeatureChange } from '../edits/edit.service';
import { isPlaneSrid, PLANE_SRIDS } from '../../domain/planeZones';
import { LayerCatalog, LayerRecord, LayerService } from '../layers/layer.service';
import { SurveyService } from '../survey/survey.service';
import { LayerRole } from '../layers/layer.roles';
import { LayerKind } from '../layers/layer.type';
import { ImportSource, openImportFile, SourceRow, TextEncoding } from './readers';
import {
  addImportKeysSql, cityPlaneBoxSql, featuresByKeySql, heldFilesSql, newestFeatureIdSql, importedFeaturesPageSql, editedSinceImportSql, inspectGeometriesSql, insertJobSql, jobFileSql, jobSql, jobsSql, releaseStaleFilesSql, saveDryRunVersionsSql,
  forgetDryRunVersionsSql, knownSridSql, lockJobSql, markCommittedSql, markUndoneSql, purgeImportKeysSql, removeEmptyLayerSql, removeImportKeysSql, saveDryRunSql, townsForAddressSql,
} from './import.sql';
import { isId } from '../../domain/ids';
import { AuditActor, recordAudit } from '../audit/audit.service';
import { isMainThread } from 'node:worker_threads';
import { EventBus } from '../live/event.bus';
import { ImportWorker, importWorkerAvailable } from './import.worker';

/** Where a row's geometry comes from; absent parts are found by common column names. */
export interface GeometrySource {
  lon?: string;
  lat?: string;
  /** Plane rectangular X = northing, Y = easting (as surveyors write them). */
  planeX?: string;
  planeY?: string;
  srid?: number;
  wkt?: string;
  /** Point layers: an address column placed on the town (町丁目). */
  address?: string;
}

/** A layer made from the file at commit (admins): fields inferred by `preview`, editable. */
export interface NewLayerSpec {
  key: string;
  nameJa: string;
  nameEn?: string;
  departmentKey: string;
  geometryTypes: string[];
  fields: FieldDefinition[];
}

export interface ImportOptions {
  layer?: string;
  newLayer?: NewLayerSpec;
  encoding?: TextEncoding;
  table?: string;
  /** Column → field key; by default columns match fields by key or (Japanese) label. */
  mapping?: Record<string, string>;
  /** Update features whose value of this field matches a row; create the rest. */
  keyField?: string;
  geometry?: GeometrySource;
  /** Values for every row (e.g. 確定年月日 of SIMA boundary records). */
  defaults?: Record<string, unknown>;
  /** Import the good rows and leave the refused ones out (otherwise any refused row stops the commit). */
  skipRefused?: boolean;
}

export type RefusedCode = string;

export interface RefusedRow { line: number; field: string | null; code: RefusedCode; message: string; value?: string }

export interface ImportSummary {
  create: number;
  update: number;
  unchanged: number;
  refused: number;
  refusedRows: RefusedRow[];
  warnings: string[];
  /** How the geometry was read, e.g. "plane X/Y (6677): X座標, Y座標". */
  geometryFrom: string;
  mapping: Record<string, string>;
}

interface PlannedRow {
  line: number;
  attributes: Record<string, unknown>;
  geojson: string;
  existing?: { id: string; version: number };
  block?: SimaBlock;
}

interface Candidate { line: number; attributes: Record<string, unknown>; geometry: { g: string; kind: string; srid: number }; block?: SimaBlock }

export type ImportPreview = Awaited<ReturnType<ImportService['previewHere']>>;

export interface ImportProgress { phase: string; rowsRead: number; rowsChecked: number; rowsWritten: number; total: number; cancelled: boolean }

const RUNNING_PHASES = ['reading', 'checking', 'writing'];

const startingProgress = (): ImportProgress => ({ phase: 'reading', rowsRead: 0, rowsChecked: 0, rowsWritten: 0, total: 0, cancelled: false });

/** Rows read, checked (one PostGIS round trip) and written at a time: what bounds an import's memory. */
const CHUNK_ROWS = 2_000;

/** A refusal at the level of the file (no row is imported). */
const fileProblem = (message: string, reason: string, extra: Record<string, unknown> = {}) => badInput(message, { field: 'file', reason, ...extra });

/**
 * Imports of department files as jobs, the GeoServer Importer way: upload → dry run → commit.
 * Nothing is written before the commit, and the commit is one batch through the edit path.
 */
export class ImportService {
  private readonly progress = new Map<string, ImportProgress>();
  /** The server's previews, dry runs, commits and undos run here (import.worker.ts); in that worker, and from the sources, in this thread. */
  private readonly worker?: ImportWorker;

  constructor(private readonly db: Database, private readonly config: Config, private readonly edits: EditService,
    private readonly layers: LayerService, private readonly survey: SurveyService, events?: EventBus) {
    if (importWorkerAvailable && isMainThread && events && db.connection) {
      this.worker = new ImportWorker(config, db.connection, {
        progress: (id, progress) => this.progress.set(id, progress),
        live: (e) => events.publish(e),
        settled: () => db.changes.bump(),
        stopped: (id) => {
          this.progress.set(id, { ...(this.progress.get(id) ?? startingProgress()), phase: 'failed' });
        },
      });
    }
  }

  /** Stops the import worker (the server is stopping). */
  async close(): Promise<void> {
    await this.worker?.close();
  }

  /** Dry runs and commits under way, with their progress (the worker posts them to the server). */
  *running(): Iterable<[string, ImportProgress]> {
    for (const entry of this.progress) if (RUNNING_PHASES.includes(entry[1].phase)) yield entry;
  }

  progressOf(id: string): ImportProgress | undefined {
    return this.progress.get(id);
  }

  /** Stores an uploaded file (bytes: scripts and tests) as a new job; the file waits on disk. */
  async upload(user: SessionUser | null, filename: string, data: Uint8Array, options: ImportOptions = {}): Promise<string> {
    requireImporter(user);
    const file = await this.newUploadFile();
    await fsp.writeFile(file, data);
    return this.uploadFile(user, filename, file, options);
  }

  /** A fresh path under IMPORT_DIR for an upload (the route streams the request body into it). */
  async newUploadFile(): Promise<string> {
    await fsp.mkdir(this.config.importDir, { recursive: true });
    return path.join(this.config.importDir, `upload-${randomUUID()}`);
  }

  /** Makes a job of a file already written under IMPORT_DIR; the file is removed when it is refused. */
  async uploadFile(user: SessionUser | null, filename: string, file: string, options: ImportOptions = {}): Promise<string> {
    try {
      requireImporter(user);
      const size = (await fsp.stat(file)).size;
      if (size === 0) throw fileProblem('ファイルが空です (the file is empty)', 'empty');
      if (size > this.config.importMaxBytes) throw this.tooLarge();
      if (!filename.trim() || filename.length > 255) throw badInput('filename is required', { field: 'filename' });
      const { rows } = await this.db.pool.query(insertJobSql, [null, filename, JSON.stringify(options), path.basename(file), size, user!.id]);
      return rows[0].id;
    } catch (err) {
      await fsp.rm(file, { force: true });
      throw err;
    }
  }

  tooLarge(): AppError {
    return fileProblem(`ファイルが大きすぎます(上限 ${Math.round(this.config.importMaxBytes / 1024 / 1024)} MB) (the file is larger than the limit)`, 'tooLarge');
  }

  async job(user: SessionUser | null, id: string) {
    requireImporter(user);
    if (!isId(id)) throw badInput(`"${id}" is not an import id`, { field: 'id' });
    const row = (await this.db.pool.query(jobSql, [id])).rows[0];
    if (!row) throw notFound(`import ${id} does not exist`);
    requireJobOwner(user, row.created_by);
    return { ...row, progress: this.progress.get(id) ?? null };
  }

  async jobs(user: SessionUser | null, first = 20) {
    requireImporter(user);
    const { rows } = await this.db.pool.query(jobsSql, [importJobsOwner(user), Math.min(Math.max(first, 1), 200)]);
    return rows;
  }

  /** Reads the job's file: what a wizard shows before the mapping (columns, samples, guesses, inferred fields). */
  async preview(user: SessionUser | null, id: string, options: ImportOptions = {}): Promise<ImportPreview> {
    if (this.worker) return this.worker.run('preview', user, id, options);
    return this.previewHere(user, id, options);
  }

  /** `preview` in this thread. */
  async previewHere(user: SessionUser | null, id: string, options: ImportOptions = {}) {
    const job = await this.job(user, id);
    const merged = { ...job.options, ...options } as ImportOptions;
    const layer = merged.layer ? await new LayerCatalog(this.layers, user).require(merged.layer) : undefined;
    const source = await this.open(id, job.filename, merged);
    try {
      const head = await firstRows(source, 1000);
      // One pass over the rest for the count and the geometry types (a row at a time).
      let rowCount = 0;
      const geometryTypes = new Set<string>();
      for await (const r of source.rows()) {
        rowCount++;
        if (r.geometry?.type) geometryTypes.add(r.geometry.type);
      }
      const taken = new Set<string>();
      const inferred: FieldDefinition[] = source.columns.map((c, i) => ({
        key: fieldKeyFor(c, i, taken), label: c, labelEn: c, type: inferFieldType(head.map((r) => r.values[c])),
      }));
      return {
        format: source.format, encoding: source.encoding ?? null, tables: source.tables, table: source.table ?? null,
        columns: source.columns, rowCount, srid: source.srid ?? null,
        sampleRows: head.slice(0, 20).map((r) => ({ line: r.line, values: r.values })),
        mapping: layer ? proposedMapping(source, layer) : {},
        geometry: guessGeometry(source), inferredFields: inferred, geometryTypes: [...geometryTypes],
      };
    } finally {
      await source.close();
    }
  }

  /**
   * Checks every row as the commit would and writes no feature. It keeps the counts, the refused rows
   * (up to IMPORT_MAX_REFUSED_ROWS) and, in import_version, the versions of the features it would update
   * (the commit re-reads the file and checks them).
   */
  async dryRun(user: SessionUser | null, id: string, options: ImportOptions = {}): Promise<ImportSummary> {
    if (this.worker) return this.worker.run('dryRun', user, id, options);
    const job = await this.job(user, id);
    if (job.status !== 'uploaded') throw conflict(`import ${id} is already ${job.status}`);
    const merged = { ...job.options, ...options } as ImportOptions;
    const progress = this.track(id);
    try {
      const layer = await this.targetLayer(user!, merged);
      await this.db.pool.query(forgetDryRunVersionsSql, [id]);
      const summary = await this.check(user!, id, job.filename, merged, progress, this.db.pool, layer);
      await this.db.pool.query(saveDryRunSql, [id, JSON.stringify(merged), JSON.stringify({ ...summary, rowsRead: progress.rowsRead })]);
      progress.phase = 'checked';
      return summary;
    } catch (err) {
      progress.phase = progress.cancelled ? 'cancelled' : 'failed';
      throw err;
    }
  }

  /**
   * Writes the import as one batch through the edit path: all rows or none, each history row
   * naming the import. The file is read again and checked chunk by chunk, each chunk written as it
   * passes; features updated since the dry run make it fail with CONFLICT.
   */
  async commit(user: SessionUser | null, id: string, options: ImportOptions = {}, actor: AuditActor = { user, address: '' }): Promise<ImportSummary> {
    if (this.worker) return this.worker.run('commit', user, id, options, actor);
    const job = await this.job(user, id);
    if (job.status !== 'uploaded') throw conflict(`import ${id} is already ${job.status}`);
    const merged = { ...job.options, ...options } as ImportOptions;
    const progress = this.track(id);
    progress.total = Number(job.summary?.rowsRead ?? 0);
    let created: LayerRecord | undefined;
    try {
      let layer = await this.targetLayer(user!, merged);
      // A new layer is made first, through the layer service (its own transaction); if the import
      // then fails or is cancelled, it is removed again (below).
      if (merged.newLayer) layer = created = await this.createLayer(user!, merged.newLayer);
      const layers = await this.layers.list();
      const summary = await this.db.transaction(async (tx) => {
        const state = (await tx.query(lockJobSql, [id])).rows[0];
        if (state?.status !== 'uploaded') throw conflict(`import ${id} is already ${state?.status}`);
        const s = await this.check(user!, id, job.filename, merged, progress, tx, layer, async (rows, refusedSoFar) => {
          // Any refused row stops the commit (unless skipped): the rest is only checked, to list every refused row.
          if (refusedSoFar && !merged.skipRefused) return;
          progress.phase = 'writing';
          await this.write(tx, user!, layers, layer, rows, id, progress);
        });
        if (s.refused > 0 && !merged.skipRefused) {
          throw badInput(`${s.refused}行が取り込めません。修正するか、除外して取り込んでください (${s.refused} rows refused; fix them or skip them)`,
            { field: 'file', reason: 'refusedRows', refusedRows: s.refusedRows.slice(0, 100) });
        }
        await tx.query(markCommittedSql, [id, layer.id, JSON.stringify(s)]);
        await tx.query(forgetDryRunVersionsSql, [id]);
        await recordAudit(tx, { kind: 'import', actor, target: id, layerKey: layer.key, rowCount: s.create + s.update,
          details: { filename: job.filename, create: s.create, update: s.update, refused: s.refused } });
        return s;
      });
      progress.phase = 'done';
      await this.removeFile(job.file_name);
      return summary;
    } catch (err) {
      progress.phase = progress.cancelled ? 'cancelled' : 'failed';
      if (created) {
        await this.db.pool.query(removeEmptyLayerSql, [created.id]);
        this.db.changes.touched(null, 'layers');
      }
      throw err;
    }
  }

  /** Asks a running dry run or commit to stop; it stops before its next chunk, and nothing of it is written. */
  cancel(user: SessionUser | null, id: string): boolean {
    requireImporter(user);
    return this.stop(id);
  }

  /** Marks a running dry run or commit cancelled (here and, where it runs, in the worker). */
  stop(id: string): boolean {
    const p = this.progress.get(id);
    if (!p || !RUNNING_PHASES.includes(p.phase)) return false;
    p.cancelled = true;
    this.worker?.cancel(id);
    return true;
  }

  /**
   * Undoes a committed import as a whole, through the edit path: features it created are deleted,
   * features it updated get a new version restoring their state before the import. A feature
   * edited after the import stops the undo (CONFLICT), so no later edit is lost.
   */
  async undo(user: SessionUser | null, id: string): Promise<number> {
    if (this.worker) return this.worker.run('undo', user, id, {});
    const job = await this.job(user, id);
    if (job.status !== 'committed') throw conflict(`import ${id} is ${job.status}, not committed`);
    const layers = await this.layers.list();
    return this.db.transaction(async (tx) => {
      const state = (await tx.query(lockJobSql, [id])).rows[0];
      if (state?.status !== 'committed') throw conflict(`import ${id} is ${state?.status}, not committed`);
      const { rows: edited } = await tx.query(editedSinceImportSql, [id]);
      if (edited.length) {
        throw conflict(`取込後に編集された地物があるため元に戻せません: ${edited.slice(0, 10).map((r) => r.id).join(', ')} (features edited after the import)`,
          { featureIds: edited.map((r) => r.id) });
      }
      // A page of features at a time, each page one batch (the import's size does not matter here either).
      let undone = 0;
      for (let after = '0'; ;) {
        const { rows } = await tx.query(importedFeaturesPageSql, [id, after, this.config.batchMaxChanges]);
        if (rows.length === 0) break;
        after = rows[rows.length - 1].id;
        const changes: FeatureChange[] = rows.filter((r) => !(r.created && r.deleted)).map((r) => r.created
          ? { op: 'delete', id: r.id, expectedVersion: r.current_version }
          : { op: 'restore', id: r.id, expectedVersion: r.current_version, version: r.first_version - 1 });
        if (changes.length) await this.edits.applyIn(tx, user, layers, changes);
        undone += changes.length;
      }
      await tx.query(markUndoneSql, [id]);
      return undone;
    });
  }

  /** The refused rows of the last dry run (or commit) as CSV for Excel: 行, 項目, コード, 理由. */
  async refusedCsv(user: SessionUser | null, id: string): Promise<Buffer> {
    const job = await this.job(user, id);
    const rows: RefusedRow[] = job.summary?.refusedRows ?? [];
    // Only the first rows are kept (IMPORT_MAX_REFUSED_ROWS): the last line says how many more there are.
    const listed = new Set(rows.map((r) => r.line)).size;
    const more = Number(job.summary?.refused ?? 0) - listed;
    const tail = more > 0 ? [['', '', '', '', `ほか ${more} 行(修正して再度チェックすると表示されます) (${more} more refused rows not listed)`]] : [];
    // Excel-safe: a refused value is the file's own text and may be a formula (=HYPERLINK(…)).
    return csvFile([['行', '項目', 'コード', '値', '理由'], ...rows.map((r) => [r.line, r.field ?? '', r.code, r.value ?? '', r.message]), ...tail]);
  }

  private track(id: string): ImportProgress {
    const p = startingProgress();
    this.progress.set(id, p);
    return p;
  }

  private async open(id: string, filename: string, options: ImportOptions, q: Queryable = this.db.pool): Promise<ImportSource> {
    const name: string | null = (await q.query(jobFileSql, [id])).rows[0]?.file_name;
    const file = name && path.join(this.config.importDir, path.basename(name));
    if (!file || !fs.existsSync(file)) throw conflict(`import ${id} no longer holds its file; upload it again`);
    return openImportFile(filename, file, { encoding: options.encoding, table: options.table, zip: { maxTotalBytes: this.config.importMaxUnzippedBytes, maxRatio: 200 } });
  }

  /**
   * Lets go of uploads nobody committed within IMPORT_KEEP_HOURS (the job stays, and says it no longer
   * holds its file), and of files under IMPORT_DIR that no job holds (an upload cut off by a restart).
   * Returns how many files were removed.
   */
  async purgeStale(): Promise<number> {
    const hours = this.config.importKeepHours;
    const released = (await this.db.pool.query(releaseStaleFilesSql, [hours])).rows.map((r) => r.file_name as string);
    const held = new Set((await this.db.pool.query(heldFilesSql)).rows.map((r) => r.file_name as string));
    const cutoff = Date.now() - hours * 3600_000;
    let entries: string[] = [];
    try { entries = await fsp.readdir(this.config.importDir); } catch { /* no imports yet */ }
    const orphans: string[] = [];
    for (const name of entries) {
      if (!name.startsWith('upload-') || held.has(name)) continue;
      const stat = await fsp.stat(path.join(this.config.importDir, name)).catch(() => null);
      if (stat && stat.mtimeMs < cutoff) orphans.push(name);
    }
    const gone = new Set([...released, ...orphans]);
    for (const name of gone) await this.removeFile(name);
    await this.db.pool.query(purgeImportKeysSql, [hours]);
    return gone.size;
  }

  private async removeFile(name: string | null | undefined): Promise<void> {
    if (name) await fsp.rm(path.join(this.config.importDir, path.basename(name)), { force: true });
  }

  private async createLayer(user: SessionUser, spec: NewLayerSpec): Promise<LayerRecord> {
    if ((await this.layers.list()).some((l) => l.key === spec.key)) throw conflict(`layer "${spec.key}" already exists; import into it with layer: "${spec.key}"`);
    await this.layers.create(user, {
      key: spec.key, nameJa: spec.nameJa, nameEn: spec.nameEn ?? spec.key, departmentKey: spec.departmentKey, geometryTypes: spec.geometryTypes,
      fields: spec.fields.map((f) => ({ ...f, required: !!f.required, unique: !!f.unique })) as never,
    });
    return (await this.layers.list()).find((l) => l.key === spec.key)!;
  }

  /** The layer an import writes: an existing one the user may edit, or the new one described (admins). */
  private async targetLayer(user: SessionUser, options: ImportOptions): Promise<LayerRecord> {
    if (options.newLayer) {
      requireAdmin(user);
      const spec = options.newLayer;
      const dep = (await this.layers.list()).find((l) => l.departmentKey === spec.departmentKey)?.department;
      return {
        id: -1, key: spec.key, nameJa: spec.nameJa, nameEn: spec.nameEn ?? spec.key, departmentKey: spec.departmentKey,
        department: dep ?? { key: spec.departmentKey, nameJa: spec.departmentKey, nameEn: spec.departmentKey },
        geometryTypes: spec.geometryTypes, fieldDefs: spec.fields, fields: [], style: {}, labelField: null, sortOrder: 100,
        dataVersion: 0, createdAt: new Date(), updatedAt: new Date(), readAccess: null, hiddenFields: [], role: null, kind: LayerKind.VECTOR, basemap: false, published: false, publishedFields: null,
      };
    }
    if (!options.layer) throw badInput('取込先のレイヤーを選んでください (choose the layer to import into)', { field: 'layer' });
    const layer = await new LayerCatalog(this.layers, user).require(options.layer);
    requireEditor(user, layer);
    if (layer.kind === LayerKind.RASTER) throw badInput('ラスターレイヤーには地物を取り込めません (a raster layer holds images, not features)', { field: 'layer' });
    return layer;
  }

  /**
   * Reads, maps, coerces and checks every row, a chunk at a time: what a commit would write, and
   * every refused row. Only the counts and the first IMPORT_MAX_REFUSED_ROWS refused rows are kept in
   * memory, whatever the size of the file; the keys read so far (import_key) and a dry run's versions
   * of matched features (import_version) go to the database. `write` (the commit) gets each chunk's
   * rows as they pass.
   */
  private async check(user: SessionUser, id: string, filename: string, options: ImportOptions, progress: ImportProgress, q: Queryable,
    layer: LayerRecord, write?: (rows: PlannedRow[], refusedSoFar: boolean) => Promise<void>): Promise<ImportSummary> {
    progress.phase = 'reading';
    const source = await this.open(id, filename, options, q); // q: inside the commit, PGlite has no second connection
    let writing: Promise<void> = Promise.resolve();
    const run = randomUUID(); // this check's keys in import_key
    try {
      const sima = source.format === 'sima';
      if (sima && layer.role !== LayerRole.BOUNDARY_RECORDS) throw badInput('SIMAファイルは境界確定レイヤーに取り込みます (SIMA files go into the boundary records layer)', { field: 'layer' });
      const mapping = sima ? { 区画名: 'record_no' } : options.mapping ?? proposedMapping(source, layer);
      for (const [column, key] of Object.entries(mapping)) {
        if (!source.columns.includes(column)) throw badInput(`列「${column}」がファイルにありません (no column "${column}")`, { field: 'mapping' });
        if (!layer.fieldDefs.some((f) => f.key === key && !f.computed)) throw badInput(`項目「${key}」はレイヤーにありません (no field "${key}")`, { field: 'mapping' });
      }
      const keyField = options.keyField ?? (sima ? 'record_no' : undefined);
      if (keyField && !Object.values(mapping).includes(keyField)) {
        throw badInput(`照合キー「${keyField}」に対応する列がありません (no column maps to the key field ${keyField})`, { field: 'keyField' });
      }
      const { geometryFrom, geometryOf, warnings } = await this.geometryReader(source, layer, options, q);
      const fieldsByKey = new Map(layer.fieldDefs.map((f) => [f.key, f]));
      const refused: RefusedRow[] = [];
      let refusedCount = 0; // rows (not problems) refused; a row's problems are all found in its chunk
      const counts = { create: 0, update: 0, unchanged: 0 };
      const newestId = keyField ? (await q.query(newestFeatureIdSql)).rows[0].id : '0';

      const checkChunk = async (chunk: SourceRow[]) => {
        if (progress.cancelled) throw cancelledError();
        progress.phase = progress.rowsWritten > 0 ? 'writing' : 'checking';
        const problems: RefusedRow[] = [];
        const refusedLines = new Set<number>();
        const refuse = (r: RefusedRow) => { problems.push(r); refusedLines.add(r.line); };
        const candidates: Candidate[] = [];
        // Mapped and coerced first; a key twice in the file is found against the keys of the earlier
        // chunks, which the database keeps (import_key), so no map of every key grows in this process.
        const read = chunk.map((row) => {
          const attributes: Record<string, unknown> = { ...(options.defaults ?? {}) };
          for (const [column, key] of Object.entries(mapping)) {
            const value = coerceValue(fieldsByKey.get(key)!, row.values[column]);
            if (value !== undefined) attributes[key] = value;
          }
          const key = keyField && attributes[keyField] !== undefined ? String(attributes[keyField]) : undefined;
          return { row, attributes, key, invalid: validateAttributes(layer.fieldDefs, attributes) };
        });
        // The database is the previous chunk's until its write has ended (one connection, in order).
        await writing;
        const firstLine = new Map<string, number>(); // this chunk's keys: the line each is first on
        for (const r of read) if (r.key !== undefined && !firstLine.has(r.key)) firstLine.set(r.key, r.row.line);
        const earlier = new Map<string, number>();
        if (firstLine.size) {
          const { rows } = await q.query<{ key: string; line: number }>(addImportKeysSql, [run, [...firstLine.keys()], [...firstLine.values()]]);
          for (const r of rows) earlier.set(r.key, r.line);
        }
        for (const { row, attributes, key, invalid } of read) {
          for (const p of invalid) refuse({ line: row.line, field: p.field, code: p.code, message: p.message, value: cellText(attributes[p.field]) });
          const first = key === undefined ? undefined : earlier.get(key) ?? firstLine.get(key);
          const duplicate = first !== undefined && first !== row.line;
          if (duplicate) refuse({ line: row.line, field: keyField!, code: 'duplicateKey', message: `the key ${key} is also on line ${first}`, value: key });
          const geometry = geometryOf(row);
          if ('problem' in geometry) refuse({ line: row.line, field: 'geometry', code: geometry.code, message: geometry.problem });
          else if (invalid.length === 0 && !duplicate) candidates.push({ line: row.line, attributes: normalizeAttributes(attributes), geometry, block: row.block });
        }
        // Stored features with the same key are updated (or left alone when nothing changed).
        const existing = new Map<string, { id: string; version: number; dry_run_version: number | null; attributes: Record<string, unknown> }>();
        if (keyField && candidates.length) {
          const { rows } = await q.query(featuresByKeySql, [layer.id, keyField, candidates.map((c) => String(c.attributes[keyField])), newestId, id]);
          for (const r of rows) existing.set(r.key, r);
        }
        const inspected = await this.inspectGeometries(q, candidates.map((c) => ({
          ...c.geometry, existing: keyField ? existing.get(String(c.attributes[keyField]))?.id ?? null : null,
        })));
        const planned: PlannedRow[] = [];
        const updates: { id: string; version: number }[] = [];
        candidates.forEach((c, i) => {
          const g = inspected[i];
          const type = g.type?.replace(/^ST_/, '');
          const bad = g.error ? { code: 'geometry', message: `geometry cannot be read: ${g.error}` }
            : !g.valid ? { code: 'geometry', message: `geometry is not valid: ${g.reason}` }
              : !layer.geometryTypes.includes(type) ? { code: 'geometryType', message: `layer ${layer.key} takes ${layer.geometryTypes.join(' or ')}, not ${type}` }
                : !g.inside ? { code: 'outside', message: 'geometry lies outside the city' } : null;
          if (bad) { refuse({ line: c.line, field: 'geometry', ...bad }); return; }
          const match = keyField ? existing.get(String(c.attributes[keyField])) : undefined;
          if (match && sima) { refuse({ line: c.line, field: keyField!, code: 'duplicateKey', message: `a boundary record ${c.attributes[keyField!]} exists` }); return; }
          if (match && g.same_as_existing && sameAttributes(layer.fieldDefs, match.attributes, c.attributes)) { counts.unchanged++; return; }
          if (match) { counts.update++; updates.push(match); } else counts.create++;
          // A commit is version-checked against what its dry run showed the user, when there was one.
          planned.push({ line: c.line, attributes: c.attributes, geojson: g.geojson, existing: match && { id: match.id, version: match.dry_run_version ?? match.version }, block: c.block });
        });
        // A dry run keeps the versions it saw in the database (import_version), for its commit to check.
        if (!write && updates.length) await q.query(saveDryRunVersionsSql, [id, updates.map((u) => u.id), updates.map((u) => u.version)]);
        problems.sort((a, b) => a.line - b.line);
        refused.push(...problems.slice(0, Math.max(0, this.config.importMaxRefusedRows - refused.length)));
        refusedCount += refusedLines.size;
        progress.rowsChecked += chunk.length;
        if (write && planned.length) {
          // Written while the next chunk is read and checked in JavaScript (the two overlap: PostgreSQL
          // works in its own process, PGlite in its own thread). Awaited before the next chunk's queries.
          writing = write(planned, refusedCount > 0);
          writing.catch(() => undefined); // handled where awaited; not an unhandled rejection meanwhile
        }
      };

      progress.phase = 'checking';
      let chunk: SourceRow[] = [];
      for await (const row of source.rows()) {
        progress.rowsRead++;
        chunk.push(row);
        if (chunk.length >= CHUNK_ROWS) { await checkChunk(chunk); chunk = []; }
      }
      if (chunk.length) await checkChunk(chunk);
      await writing;
      // Inside the commit the keys go with its transaction (a rollback removes them too).
      if (keyField && q !== this.db.pool) await q.query(removeImportKeysSql, [run]);
      if (progress.rowsRead === 0) throw fileProblem('取り込む行がありません (the file has no rows)', 'empty');
      const summary: ImportSummary = { ...counts, refused: refusedCount, refusedRows: refused, warnings, geometryFrom, mapping };
      return summary;
    } finally {
      // A write still running when the check fails ends before the caller rolls back (else its next
      // statements would run on the connection after the rollback).
      await writing.catch(() => undefined);
      await source.close();
      if (q === this.db.pool) await q.query(removeImportKeysSql, [run]).catch(() => undefined);
    }
  }

  /** Decides once how rows carry geometry; returns a reader for one row. */
  private async geometryReader(source: ImportSource, layer: LayerRecord, options: ImportOptions, q: Queryable) {
    const warnings: string[] = [];
    const given = options.geometry ?? {};
    type Read = { g: string; kind: string; srid: number } | { problem: string; code: string };
    const head = source.format === 'sima' ? [] : await firstRows(source, 1000);
    const hasOwn = head.some((r) => r.geometry);
    if (source.format === 'sima') {
      const srid = given.srid ?? this.config.planeSrid;
      return {
        geometryFrom: `SIMA (EPSG:${srid})`, warnings,
        geometryOf: (row: SourceRow): Read => ({ g: JSON.stringify(surveyGeometry(row.block!.points, true)), kind: 'geojson', srid }),
      };
    }
    if (hasOwn && !given.lon && !given.planeX && !given.wkt && !given.address) {
      const srid = given.srid ?? source.srid ?? 4326;
      if (srid === -1) throw fileProblem('ファイルの座標系(.prj)を判別できません。EPSGコードを指定してください (the coordinate system of the file is not known; give its EPSG code)', 'prj');
      if (!(await q.query(knownSridSql, [srid])).rows[0].known) throw fileProblem(`座標系 EPSG:${srid} には変換できません (cannot transform EPSG:${srid})`, 'prj');
      return {
        geometryFrom: `file geometry (EPSG:${srid})`, warnings,
        geometryOf: (row: SourceRow): Read => {
          if (!row.geometry) return { problem: 'the row has no geometry', code: 'noGeometry' };
          const bad = checkGeoJSONGeometry(row.geometry);
          return bad ? { problem: bad, code: 'geometry' } : { g: JSON.stringify(row.geometry), kind: 'geojson', srid };
        },
      };
    }
    const guess = { ...guessGeometry(source), ...stripUndefined(given) };
    // Columns the user names win over other kinds guessed from the header (an export has lon/lat and X/Y).
    if (given.planeX || given.planeY || given.wkt || given.address) delete guess.lon;
    if (given.wkt || given.address) delete guess.planeX;
    if (guess.lon && guess.lat) {
      const [lonCol, latCol] = [guess.lon, guess.lat];
      return {
        geometryFrom: `lon/lat: ${lonCol}, ${latCol}`, warnings,
        geometryOf: (row: SourceRow): Read => {
          const lon = numberCell(row.values[lonCol]);
          const lat = numberCell(row.values[latCol]);
          if (lon === null || lat === null || Math.abs(lon) > 180 || Math.abs(lat) > 90) return { problem: 'longitude/latitude are not numbers in range', code: 'coordinates' };
          return { g: JSON.stringify({ type: 'Point', coordinates: [lon, lat] }), kind: 'geojson', srid: given.srid ?? 4326 };
        },
      };
    }
    if (guess.planeX && guess.planeY) {
      const srid = given.srid ?? this.config.planeSrid;
      if (!isPlaneSrid(srid)) throw badInput(`平面直角座標系のEPSGコード ${PLANE_SRIDS.min}〜${PLANE_SRIDS.max} を指定してください`, { field: 'srid' });
      const [xCol, yCol] = [guess.planeX, guess.planeY];
      const box = (await q.query(cityPlaneBoxSql, [srid])).rows[0];
      if (box) {
        const swapped = head.slice(0, 200).filter((r) => {
          const x = numberCell(r.values[xCol]); const y = numberCell(r.values[yCol]);
          return x !== null && y !== null && looksSwapped(x, y, { minX: box.min_n, maxX: box.max_n, minY: box.min_e, maxY: box.max_e });
        }).length;
        if (swapped > 0) warnings.push(`X と Y が入れ替わっているようです(X は北方向の座標です) (X and Y look swapped in ${swapped} of the first rows: X is the northing)`);
      }
      return {
        geometryFrom: `plane X/Y (EPSG:${srid}): ${xCol}, ${yCol}`, warnings,
        geometryOf: (row: SourceRow): Read => {
          const x = numberCell(row.values[xCol]);
          const y = numberCell(row.values[yCol]);
          if (x === null || y === null) return { problem: 'X/Y are not numbers', code: 'coordinates' };
          return { g: JSON.stringify({ type: 'Point', coordinates: [y, x] }), kind: 'geojson', srid };
        },
      };
    }
    if (guess.wkt) {
      const col = guess.wkt;
      return {
        geometryFrom: `WKT: ${col}`, warnings,
        geometryOf: (row: SourceRow): Read => {
          const text = String(row.values[col] ?? '').trim();
          return text ? { g: text, kind: 'wkt', srid: guess.srid ?? 4326 } : { problem: 'no WKT', code: 'noGeometry' };
        },
      };
    }
    if (guess.address && layer.geometryTypes.includes('Point')) {
      const col = guess.address;
      const towns = (await q.query<{ name: string; geojson: string }>(townsForAddressSql)).rows;
      return {
        geometryFrom: `address on the town (町丁目): ${col}`, warnings,
        geometryOf: (row: SourceRow): Read => {
          const address = toHalfWidth(String(row.values[col] ?? ''));
          const town = towns.find((t) => address.includes(toHalfWidth(t.name)));
          return town ? { g: town.geojson, kind: 'geojson', srid: 4326 } : { problem: `住所「${address}」の町丁目が見つかりません (address not placed)`, code: 'unplaced' };
        },
      };
    }
    throw fileProblem('位置の列が見つかりません。経度/緯度、X座標/Y座標、WKT、住所のいずれかを指定してください (no geometry: give lon/lat, plane X/Y, WKT or address columns)', 'noGeometry');
  }

  /**
   * Bulk PostGIS check of a chunk; when it fails as a whole (unreadable WKT) each row is checked
   * alone. Inside the commit's transaction each try has its savepoint, so a failed one does not
   * abort the transaction.
   */
  private async inspectGeometries(q: Queryable, items: { g: string; kind: string; srid: number; existing: string | null }[]) {
    type Inspected = { valid?: boolean; reason?: string; type: string; geojson: string; inside?: boolean; same_as_existing?: boolean; error?: string };
    if (items.length === 0) return [];
    const inTransaction = q !== this.db.pool;
    const run = async (chunk: typeof items): Promise<Inspected[]> => {
      if (inTransaction) await q.query('SAVEPOINT import_inspect');
      try {
        const { rows } = await q.query(inspectGeometriesSql,
          [chunk.map((c) => c.g), chunk.map((c) => c.kind), chunk.map((c) => c.srid), this.config.serviceAreaMarginM, chunk.map((c) => c.existing)]);
        if (inTransaction) await q.query('RELEASE SAVEPOINT import_inspect');
        return rows;
      } catch (err) {
        if (inTransaction) await q.query('ROLLBACK TO SAVEPOINT import_inspect');
        throw err;
      }
    };
    try {
      return await run(items);
    } catch {
      const out: Inspected[] = [];
      for (const one of items) {
        try { out.push((await run([one]))[0]); } catch (err) { out.push({ type: '', geojson: '', error: (err as Error).message.slice(0, 200) }); }
      }
      return out;
    }
  }

  /** The edit path's changes for some planned rows. */
  private changesOf(layer: LayerRecord, rows: PlannedRow[]): FeatureChange[] {
    return rows.map((r): FeatureChange => {
      if (!r.existing) return { op: 'create', layer: layer.key, attributes: r.attributes, geometry: JSON.parse(r.geojson) };
      // Version-checked against what the dry run showed the user (or, without one, what the check read).
      return { op: 'update', id: r.existing.id, expectedVersion: r.existing.version, attributes: r.attributes, geometry: JSON.parse(r.geojson) };
    });
  }

  private async write(tx: PoolClient, user: SessionUser, layers: LayerRecord[], layer: LayerRecord, rows: PlannedRow[],
    importId: string, progress: ImportProgress): Promise<void> {
    const step = Math.min(this.config.batchMaxChanges, CHUNK_ROWS);
    for (let i = 0; i < rows.length; i += step) {
      if (progress.cancelled) throw cancelledError();
      const part = rows.slice(i, i + step);
      const changes = this.changesOf(layer, part);
      const ids = await this.edits.applyIn(tx, user, layers, changes, { importId });
      // SIMA blocks keep their surveyed points beside the record's geometry.
      for (let j = 0; j < changes.length; j++) {
        const block = part[j].block;
        if (block) await this.survey.writePoints(tx, ids[j], this.survey.checkTable(simaTable(block), true), this.config.planeSrid);
      }
      progress.rowsWritten += changes.length;
    }
  }
}

/** The first rows of a file (a second read, closed early). */
async function firstRows(source: ImportSource, n: number): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  if (n <= 0) return out;
  for await (const row of source.rows()) {
    out.push(row);
    if (out.length >= n) break;
  }
  return out;
}

const cancelledError = () => new AppError('BAD_USER_INPUT', '取込を中止しました。何も書き込まれていません (the import was cancelled; nothing was written)', { reason: 'cancelled' });

/** Geometry columns found by common names. */
export function guessGeometry(source: Pick<ImportSource, 'columns'>): GeometrySource {
  const c = source.columns;
  const wkt = findWktColumn(c);
  return stripUndefined({
    lon: findColumn(c, LON_NAMES), lat: findColumn(c, LAT_NAMES), planeX: findColumn(c, PLANE_X_NAMES), planeY: findColumn(c, PLANE_Y_NAMES),
    wkt: wkt?.column, srid: wkt?.srid, address: findColumn(c, ADDRESS_NAMES),
  });
}

const stripUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;

const numberCell = (v: unknown): number | null => (typeof v === 'number' ? v : v === null || v === undefined ? null : parseNumber(String(v)));

const cellText = (v: unknown) => (v === undefined || v === null ? undefined : String(v).slice(0, 200));

function sameAttributes(fields: FieldDefinition[], stored: Record<string, unknown>, incoming: Record<string, unknown>): boolean {
  return fields.filter((f) => !f.computed).every((f) => JSON.stringify(stored[f.key] ?? null) === JSON.stringify(incoming[f.key] ?? stored[f.key] ?? null));
}

/**
 * Columns matched to fields by name; a KML placemark's own <name> stands for the layer's label field
 * when no other column does (our export and Google Earth both name placemarks by it).
 */
function proposedMapping(source: ImportSource, layer: { fieldDefs: FieldDefinition[]; labelField: string | null }): Record<string, string> {
  const mapping = matchColumns(source.columns, layer.fieldDefs);
  const label = layer.labelField;
  if (source.format === 'kml' && label && source.columns.includes('name') && !mapping.name && !Object.values(mapping).includes(label)) {
    mapping.name = label;
  }
  return mapping;
}
