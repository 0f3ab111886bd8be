import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { parse as csvParser } from 'csv-parse';
import Encoding from 'encoding-japanese';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { kml as kmlToGeoJson } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { unExcelCell } from '../../domain/csv';
import { parseSima, SimaBlock } from '../../domain/sima';
import { appError, badInput } from '../../errors';
import { gdalOutputDir, withGdal } from '../../gdal/gdal';
import { checkZip, unzipToDir, ZipLimits } from './zip';

export type ImportFormat = 'csv' | 'tsv' | 'xlsx' | 'geojson' | 'shapefile' | 'gpkg' | 'kml' | 'sima';
export type TextEncoding = 'utf8' | 'cp932';

/** One row of a file: its line (or feature number) for messages, its cells, and its own geometry if any. */
export interface SourceRow {
  line: number;
  values: Record<string, unknown>;
  geometry?: { type: string; coordinates: unknown } | null;
  /** SIMA: the block (区画) the row stands for, with its surveyed points. */
  block?: SimaBlock;
}

/**
 * An opened import file. Rows are read from disk as they are asked for (`rows()` may be called again
 * for a second pass), so an import holds a batch of rows at a time, not the file.
 */
export interface ImportSource {
  format: ImportFormat;
  encoding?: TextEncoding;
  /** Sheets of a workbook or tables of a GeoPackage; `table` is the one read. */
  tables: string[];
  table?: string;
  columns: string[];
  /** EPSG code of the file's own geometry. */
  srid?: number;
  rows(): AsyncGenerator<SourceRow>;
  /** Removes temporary files (GDAL's conversion). */
  close(): Promise<void>;
}

export interface ReadOptions {
  encoding?: TextEncoding;
  table?: string;
  zip: ZipLimits;
}

const fileError = (message: string, reason: string) => badInput(message, { field: 'file', reason });
const CHUNK = 1 << 20;

export function detectFormat(filename: string, head: Uint8Array): ImportFormat {
  const ext = path.extname(filename).toLowerCase();
  const known: Record<string, ImportFormat> = {
    '.csv': 'csv', '.txt': 'csv', '.tsv': 'tsv', '.xlsx': 'xlsx', '.geojson': 'geojson', '.json': 'geojson',
    '.zip': 'shapefile', '.gpkg': 'gpkg', '.kml': 'kml', '.sim': 'sima', '.sima': 'sima',
  };
  if (known[ext]) return known[ext];
  if (Buffer.from(head.subarray(0, 15)).toString('latin1') === 'SQLite format 3') return 'gpkg';
  throw fileError(`対応していない形式です: ${ext || filename} (CSV, TSV, xlsx, GeoJSON, zipped Shapefile, GeoPackage, KML, SIMA)`, 'format');
}

const notUtf8 = () => fileError('文字コードがUTF-8ではありません。Shift_JISを選んでください (the file is not UTF-8; choose Shift_JIS/CP932)', 'encoding');
const notCp932 = () => fileError('文字コードがShift_JISではありません。UTF-8を選んでください (the file is not Shift_JIS/CP932)', 'encoding');

/**
 * UTF-8 (BOM or not) or Shift_JIS/CP932, told from the first stretch of the file that is not plain
 * ASCII; the rest is read only as it is decoded.
 */
async function detectEncoding(file: string): Promise<TextEncoding> {
  let first = true;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) return 'utf8';
    first = false;
    // Up to the last ASCII byte, so a character cut at the chunk's end does not mislead the guess.
    let end = chunk.length;
    while (end > 0 && chunk[end - 1] >= 0x80) end--;
    const part = chunk.subarray(0, end);
    if (part.some((b) => b >= 0x80)) {
      const detected = Encoding.detect(part);
      return detected === 'SJIS' || detected === 'EUCJP' ? 'cp932' : 'utf8';
    }
  }
  return 'utf8';
}

/** The file's text, decoded chunk by chunk; a byte sequence the encoding cannot hold is refused, not turned into mojibake. */
async function* textChunks(file: string, encoding: TextEncoding): AsyncGenerator<string> {
  const stream = fs.createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>;
  if (encoding === 'utf8') {
    const decoder = new TextDecoder('utf-8', { fatal: true }); // drops a BOM
    try {
      for await (const chunk of stream) yield decoder.decode(chunk, { stream: true });
      yield decoder.decode();
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw notUtf8();
      throw err;
    }
    return;
  }
  const decoder = iconv.getDecoder('cp932');
  for await (const chunk of stream) {
    const text = decoder.write(chunk);
    if (text.includes('\uFFFD')) throw notCp932();
    yield text;
  }
  const rest = decoder.end() ?? '';
  if (rest.includes('\uFFFD')) throw notCp932();
  yield rest;
}

/** Empty or repeated headers get a number, so every column can be mapped. */
function uniqueColumns(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((h, i) => {
    let name = h || `列${i + 1}`;
    for (let n = 2; seen.has(name); n++) name = `${h || `列${i + 1}`}_${n}`;
    seen.add(name);
    return name;
  });
}

const hasValue = (values: Record<string, unknown>) => Object.values(values).some((v) => v !== '' && v !== null && v !== undefined);

/** CSV/TSV records streamed through csv-parse, with our own exports' Excel protection undone (see `unExcelCell`). */
async function* csvRecords(file: string, tsv: boolean, encoding: TextEncoding): AsyncGenerator<string[]> {
  const text = textChunks(file, encoding);
  const first = await text.next();
  if (first.done) return;
  const firstLine = first.value.split('\n')[0];
  const delimiter = tsv || (!firstLine.includes(',') && firstLine.includes('\t')) ? '\t' : ',';
  async function* all() { yield first.value as string; yield* text; }
  const parser = pipeline(Readable.from(all()), csvParser({ delimiter, relax_column_count: true, skip_empty_lines: true, bom: true }), () => undefined);
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record.map(unExcelCell);
  } catch (err) {
    if ((err as { extensions?: unknown }).extensions) throw err;
    throw fileError(`CSVを読めません (${(err as Error).message})`, 'csv');
  } finally {
    parser.destroy();
  }
}

async function openCsv(file: string, format: 'csv' | 'tsv', options: ReadOptions): Promise<ImportSource> {
  const encoding = options.encoding ?? await detectEncoding(file);
  const head = csvRecords(file, format === 'tsv', encoding);
  const header = (await head.next()).value as string[] | undefined;
  await head.return(undefined);
  const columns = uniqueColumns((header ?? []).map((h) => String(h ?? '').trim()));
  return {
    format, encoding, tables: [], columns, close: async () => undefined,
    async* rows() {
      let line = 0;
      for await (const cells of csvRecords(file, format === 'tsv', encoding)) {
        if (++line === 1) continue;
        const values = Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? '']));
        if (hasValue(values)) yield { line, values };
      }
    },
  };
}

/** xlsx through exceljs' streaming reader: a worksheet is parsed row by row from the zip, never loaded whole. */
async function openXlsx(file: string, options: ReadOptions): Promise<ImportSource> {
  checkZip(file, options.zip); // the same name and size checks as any zip, before exceljs unpacks it
  const unreadable = (err: unknown) => fileError(`Excelファイルを読めません (not a readable .xlsx: ${(err as Error).message})`, 'xlsx');
  // Loaded on first use: exceljs takes ~1 s to load, which every import and every server start would pay.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stream } = require('exceljs') as typeof ExcelJS;
  const reader = () => new stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  /** Rows of the chosen sheet as cells, numbered as Excel does (the header is row 1). */
  async function* sheetRows(onSheets?: (names: string[], chosen: string | undefined) => void): AsyncGenerator<{ n: number; cells: unknown[] }> {
    try {
      for await (const sheet of reader() as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader & { name: string; workbook: { model?: { sheets?: { name: string }[] } } }>) {
        const names = sheet.workbook.model?.sheets?.map((s) => s.name) ?? [sheet.name];
        const chosen = options.table ?? names[0];
        onSheets?.(names, names.includes(chosen) ? chosen : undefined);
        if (!names.includes(chosen)) return;
        if (sheet.name !== chosen) continue;
        for await (const row of sheet as AsyncIterable<ExcelJS.Row>) yield { n: row.number, cells: (row.values as unknown[]).slice(1).map(cellValue) };
        return;
      }
    } catch (err) {
      if ((err as { extensions?: unknown }).extensions) throw err;
      throw unreadable(err);
    }
  }
  let tables: string[] = [];
  let table: string | undefined;
  let header: unknown[] = [];
  const head = sheetRows((names, chosen) => { tables = names; table = chosen; });
  const first = await head.next();
  await head.return(undefined);
  if (!table) throw badInput(`シート「${options.table}」がありません (no sheet "${options.table}"; sheets: ${tables.join(', ')})`, { field: 'table' });
  if (!first.done && first.value.n === 1) header = first.value.cells;
  const columns = uniqueColumns(header.map((h) => String(h ?? '').trim()));
  return {
    format: 'xlsx', tables, table, columns, close: async () => undefined,
    async* rows() {
      for await (const { n, cells } of sheetRows()) {
        if (n === 1) continue;
        const values = Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? '']));
        if (hasValue(values)) yield { line: n, values };
      }
    },
  };
}

/** An Excel cell's value: formulas give their result, rich text its text, dates stay dates. */
function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && !(v instanceof Date)) {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: string };
    if ('result' in o) return cellValue(o.result);
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.text !== undefined) return o.text;
  }
  return v;
}

/** EPSG code from a GeoJSON "crs" member (GDAL writes urn:ogc:def:crs:EPSG::6677); none = CRS84. */
function sridOf(crs: unknown): number | undefined {
  const name = (crs as { properties?: { name?: string } } | undefined)?.properties?.name;
  if (!name) return undefined;
  if (/CRS84$/.test(name)) return 4326;
  const m = /EPSG:{1,2}(\d+)$/.exec(name);
  return m ? Number(m[1]) : -1;
}

const notFeatureCollection = () => fileError('GeoJSONのFeatureCollectionではありません (not a GeoJSON FeatureCollection)', 'geojson');
const notJson = () => fileError('GeoJSONとして読めません (not valid JSON)', 'geojson');

/**
 * The features of a GeoJSON FeatureCollection, one at a time, from a stream of text: a small scanner
 * finds each object of the top-level "features" array (and the "type" and "crs" members) by depth
 * outside strings, and JSON.parse reads each one. No streaming JSON parser is among our
 * dependencies, and a FeatureCollection needs no more than this.
 */
export async function* geojsonFeatures(text: AsyncIterable<string>, top: { type?: unknown; crs?: unknown }): AsyncGenerator<unknown> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let key = '';
  let readingKey = false;
  let expectValue = false;
  let inFeatures = false;
  let captured: string[] = [];
  let capture: 'feature' | 'member' | null = null;
  let member = '';
  let started = false;
  const finishMember = () => {
    const raw = captured.join('').trim();
    captured = [];
    capture = null;
    try { (top as Record<string, unknown>)[member] = JSON.parse(raw); } catch { throw notJson(); }
  };
  for await (const chunk of text) {
    let from = 0; // start of the captured part within this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) {
          inString = false;
          if (readingKey) { readingKey = false; key = captured.join('') + chunk.slice(from, i); captured = []; from = i + 1; }
        }
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (!started) { if (c !== 0x7b) throw notFeatureCollection(); started = true; depth = 1; continue; }
      if (depth === 1 && capture === null) {
        if (expectValue) {
          expectValue = false;
          if (key === 'features' && c === 0x5b) { inFeatures = true; depth = 2; continue; }
          if (key === 'type' || key === 'crs') { capture = 'member'; member = key; from = i; captured = []; }
          else capture = null;
          if (capture === null && (c === 0x7b || c === 0x5b)) { depth++; continue; }
          if (capture === null && c === 0x22) { inString = true; continue; }
          if (capture === null) continue;
        } else if (c === 0x22) { inString = true; readingKey = true; captured = []; from = i + 1; continue; }
        else if (c === 0x3a) { expectValue = true; continue; }
        else if (c === 0x7d) { depth = 0; continue; }
        else continue;
      }
      if (c === 0x22) { inString = true; continue; }
      if (c === 0x7b || c === 0x5b) {
        if (inFeatures && depth === 2 && c === 0x7b) { capture = 'feature'; from = i; captured = []; }
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (capture === 'feature' && depth === 2) {
          captured.push(chunk.slice(from, i + 1));
          const raw = captured.join('');
          captured = [];
          capture = null;
          let feature: unknown;
          try { feature = JSON.parse(raw); } catch { throw notJson(); }
          yield feature;
        } else if (inFeatures && depth === 1) inFeatures = false;
        else if (capture === 'member' && depth === 0) { captured.push(chunk.slice(from, i)); finishMember(); depth = 0; }
      } else if (c === 0x2c && capture === 'member' && depth === 1) { captured.push(chunk.slice(from, i)); finishMember(); }
    }
    if (capture !== null || readingKey) captured.push(chunk.slice(from));
  }
  if (!started || depth !== 0 || inString) throw notJson();
  if (top.type !== 'FeatureCollection') throw notFeatureCollection();
}

/** A GeoJSON file (ours or GDAL's conversion) as a source; one pass at opening finds the columns and the CRS. */
async function openFeatureFile(format: ImportFormat, file: string, extra: Partial<ImportSource> & { hasCrs?: boolean } = {}): Promise<ImportSource> {
  const columns = new Set<string>();
  const top: { type?: unknown; crs?: unknown } = {};
  let n = 0;
  for await (const f of geojsonFeatures(textChunks(file, 'utf8'), top)) {
    n++;
    for (const k of Object.keys((f as { properties?: object }).properties ?? {})) columns.add(k);
  }
  const srid = extra.hasCrs === false ? undefined : sridOf(top.crs) ?? (extra.hasCrs ? -1 : 4326);
  const { hasCrs: _, ...rest } = extra;
  return {
    format, tables: [], columns: [...columns], srid, close: async () => undefined, ...rest,
    async* rows() {
      let line = 0;
      for await (const f of geojsonFeatures(textChunks(file, 'utf8'), {})) {
        const feature = f as { properties?: Record<string, unknown> | null; geometry?: SourceRow['geometry'] };
        line++;
        yield { line, values: feature.properties ?? {}, geometry: feature.geometry ?? null };
      }
    },
    ...(n === 0 ? {} : {}),
  };
}

/**
 * Shapefile and GeoPackage through GDAL: the parts lie in a private folder inside GDAL's output
 * directory (mounted from disk), and GDAL converts the table to a GeoJSON file there in the file's
 * own CRS, which is then read a feature at a time. `close` removes the folder.
 */
async function openWithGdal(format: 'shapefile' | 'gpkg', dir: string, inputs: string[], options: ReadOptions,
  extra: { hasCpg?: boolean; hasPrj: boolean }): Promise<ImportSource> {
  // A Japanese .dbf without .cpg is CP932 (Shift_JIS) in practice; GDAL would guess Latin-1.
  const openOptions = format === 'shapefile' && !extra.hasCpg ? [`ENCODING=${options.encoding === 'utf8' ? 'UTF-8' : 'CP932'}`] : [];
  const rel = path.relative(gdalOutputDir(), dir);
  const { tables, table } = await withGdal(async (gdal) => {
    const opened = await gdal.open(inputs, openOptions);
    const dataset = opened.datasets[0];
    if (!dataset) throw fileError(`GDALが開けません (GDAL could not open the file: ${opened.errors.join('; ')})`, format);
    try {
      const info = await gdal.getInfo(dataset);
      const names = (info.layers ?? []).map((l) => l.name);
      const chosen = options.table ?? names[0];
      if (!names.includes(chosen)) throw badInput(`テーブル「${chosen}」がありません (no table "${chosen}"; tables: ${names.join(', ')})`, { field: 'table' });
      await gdal.ogr2ogr(dataset, ['-f', 'GeoJSON', '-lco', 'RFC7946=NO', '-lco', 'COORDINATE_PRECISION=9', chosen], `${rel}/rows`)
        .catch((err: unknown) => { throw fileError(`GDALが読めません (GDAL could not read the file: ${gdalMessage(err)})`, format); });
      return { tables: names, table: chosen };
    } finally {
      await gdal.close(dataset);
    }
  });
  const source = await openFeatureFile(format, path.join(dir, 'rows.geojson'), {
    tables, table, hasCrs: extra.hasPrj, encoding: format === 'shapefile' && !extra.hasCpg ? (options.encoding ?? 'cp932') : undefined,
  });
  return { ...source, close: () => fsp.rm(dir, { recursive: true, force: true }) };
}

/** gdal3.js rejects with plain objects; their message, whatever its shape. */
const gdalMessage = (err: unknown) => (err instanceof Error ? err.message : typeof err === 'object' && err ? JSON.stringify(err).slice(0, 300) : String(err));

async function openShapefile(file: string, dir: string, options: ReadOptions): Promise<ImportSource> {
  const names = checkZip(file, options.zip).map((e) => e.name);
  const shps = names.filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shps.length === 0) throw fileError('ZIPに .shp がありません (the zip holds no .shp)', 'noShp');
  const base = shps[0].slice(0, -4);
  const parts = names.filter((n) => n.slice(0, n.lastIndexOf('.')) === base);
  for (const ext of ['.shx', '.dbf']) {
    if (!parts.some((n) => n.toLowerCase() === `${base.toLowerCase()}${ext}`)) {
      throw fileError(`ZIPに ${path.basename(base)}${ext} がありません (the Shapefile lacks its ${ext})`, 'shapefileParts');
    }
  }
  // Our exports cut DBF names to 10 bytes and add {layer}_fields.csv: short name → full column name.
  const mappingFile = names.find((n) => {
    const prefix = n.endsWith('_fields.csv') ? n.slice(0, -'_fields.csv'.length) : null;
    return prefix !== null && (base === prefix || base.startsWith(`${prefix}_`));
  });
  const wanted = new Set([...parts.filter((n) => /\.(shp|shx|dbf|prj|cpg)$/i.test(n)), ...(mappingFile ? [mappingFile] : [])]);
  const written = await unzipToDir(file, dir, (n) => wanted.has(n), options.zip);
  const fieldNames = new Map<string, string>();
  if (mappingFile) {
    let first = true;
    const mappingPath = written.get(mappingFile)!;
    for await (const [short, full] of csvRecords(mappingPath, false, await detectEncoding(mappingPath))) { // CP932 beside a CP932 .dbf
      if (first) { first = false; continue; }
      if (short && full) fieldNames.set(short, full);
    }
  }
  const inputs = parts.filter((n) => /\.(shp|shx|dbf|prj|cpg)$/i.test(n)).map((n) => written.get(n)!);
  const lower = parts.map((n) => n.toLowerCase());
  const source = await openWithGdal('shapefile', dir, inputs, options, { hasCpg: lower.some((n) => n.endsWith('.cpg')), hasPrj: lower.some((n) => n.endsWith('.prj')) });
  return renameColumns(source, fieldNames);
}

/** Columns renamed by the export's mapping file (short DBF name → the column it stands for). */
function renameColumns(source: ImportSource, names: Map<string, string>): ImportSource {
  if (names.size === 0) return source;
  const name = (c: string) => names.get(c) ?? c;
  return {
    ...source, columns: source.columns.map(name),
    async* rows() {
      for await (const r of source.rows()) yield { ...r, values: Object.fromEntries(Object.entries(r.values).map(([c, v]) => [name(c), v])) };
    },
  };
}

/** A KML file is read whole (an XML document); beyond this, the user is asked for GeoPackage. */
export const KML_MAX_BYTES = 64 * 1024 * 1024;

/** Properties togeojson derives from styles and display state, not data of the placemark. */
const KML_STYLE_KEYS = new Set(['styleUrl', 'styleHash', 'styleMapHash', 'stroke', 'stroke-opacity', 'stroke-width', 'fill',
  'fill-opacity', 'icon', 'icon-scale', 'icon-heading', 'icon-offset', 'icon-offset-units', 'icon-color', 'icon-opacity',
  'label-scale', 'label-color', 'label-opacity', 'marker-color', 'visibility', 'open', 'timespan', 'timestamp', 'coordinateProperties']);

/** A placemark's own elements, as togeojson names them; everything else it returns is ExtendedData. */
const KML_PLACEMARK_KEYS = new Set(['name', 'address', 'phoneNumber', 'description']);

/** KML coordinates may carry an altitude; the layers are 2D. */
function flatten(coordinates: unknown): unknown {
  if (!Array.isArray(coordinates)) return coordinates;
  return typeof coordinates[0] === 'number' ? coordinates.slice(0, 2) : coordinates.map(flatten);
}

/**
 * KML through togeojson, which reads a placemark's name, description and ExtendedData (both `Data`
 * and `SchemaData`); GDAL's KML driver (gdal3.js has no LIBKML) reads name and description only.
 * An ExtendedData value named like `name` wins over the placemark's name. Lon/lat, as KML 2.2 says.
 */
async function openKml(file: string): Promise<ImportSource> {
  const { size } = await fsp.stat(file);
  if (size > KML_MAX_BYTES) {
    throw appError('kmlTooLarge', { maxMb: KML_MAX_BYTES / 1024 / 1024 }, { field: 'file' });
  }
  const errors: string[] = [];
  const text = await fsp.readFile(file, 'utf8');
  let document: ReturnType<DOMParser['parseFromString']> | undefined;
  try { // xmldom calls onError for errors and throws on fatal ones
    document = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(text, 'text/xml');
  } catch (err) {
    errors.push((err as Error).message);
  }
  if (!document || errors.length || document.documentElement?.localName !== 'kml') {
    throw appError('kmlUnreadable', { detail: (errors[0] ?? 'no <kml> root').slice(0, 200) }, { field: 'file' });
  }
  const features = kmlToGeoJson(document as unknown as Parameters<typeof kmlToGeoJson>[0]).features;
  const columns = new Set<string>();
  const placemarkColumns = new Set<string>();
  const rows = features.map((f, i) => {
    const values = Object.fromEntries(Object.entries(f.properties ?? {}).filter(([k]) => !KML_STYLE_KEYS.has(k)));
    for (const k of Object.keys(values)) (KML_PLACEMARK_KEYS.has(k) ? placemarkColumns : columns).add(k);
    const geometry = f.geometry as { type: string; coordinates?: unknown } | null;
    return { line: i + 1, values, geometry: geometry && { type: geometry.type, coordinates: flatten(geometry.coordinates) } };
  });
  return {
    // ExtendedData first: matching columns to fields takes the first of equal names, and GDAL writes a
    // field called `name` as ExtendedData `Name` beside the placemark's own <name> (the label field).
    format: 'kml', tables: [], columns: [...columns, ...placemarkColumns], srid: 4326, close: async () => undefined,
    async* rows() { yield* rows; },
  };
}

/** SIMA files are small (a survey's points and blocks): read whole. */
async function openSima(file: string, options: ReadOptions): Promise<ImportSource> {
  const encoding = options.encoding ?? await detectEncoding(file);
  let text = '';
  for await (const t of textChunks(file, encoding)) text += t;
  const { blocks, problems } = parseSima(text);
  if (problems.length) {
    throw badInput(`SIMA: ${problems.slice(0, 10).map((p) => `line ${p.line}: ${p.message}`).join('; ')}`, { field: 'file', reason: 'sima', problems });
  }
  if (blocks.length === 0) throw fileError('SIMAファイルに区画(D00〜D99)がありません (no D00 … D99 block)', 'sima');
  return {
    format: 'sima', encoding, tables: [], columns: ['区画名', '点数'], close: async () => undefined,
    async* rows() {
      for (const b of blocks) yield { line: b.line, values: { 区画名: b.name, 点数: b.points.length }, block: b };
    },
  };
}

/**
 * Opens an uploaded file (on disk) for reading its columns and rows. Throws BAD_USER_INPUT with
 * `reason` for a bad file. The caller closes the source.
 */
export async function openImportFile(filename: string, file: string, options: ReadOptions): Promise<ImportSource> {
  const head = Buffer.alloc(16);
  const fd = await fsp.open(file, 'r');
  try { await fd.read(head, 0, 16, 0); } finally { await fd.close(); }
  const format = detectFormat(filename, head);
  switch (format) {
    case 'csv': case 'tsv': return openCsv(file, format, options);
    case 'xlsx': return openXlsx(file, options);
    case 'geojson': return openFeatureFile('geojson', file);
    case 'sima': return openSima(file, options);
    case 'kml': return openKml(file);
    default: break;
  }
  const dir = await fsp.mkdtemp(path.join(gdalOutputDir(), 'import-'));
  try {
    if (format === 'shapefile') return await openShapefile(file, dir, options);
    const input = path.join(dir, 'upload.gpkg');
    await fsp.copyFile(file, input);
    return await openWithGdal('gpkg', dir, [input], options, { hasPrj: true });
  } catch (err) {
    await fsp.rm(dir, { recursive: true, force: true });
    throw err;
  }
}
