import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import Encoding from 'encoding-japanese';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { unExcelCell } from '../../domain/csv';
import { parseSima, SimaBlock } from '../../domain/sima';
import { badInput } from '../../errors';
import { withGdal } from '../../gdal/gdal';
import { safeUnzip, ZipLimits } from './zip';

export type ImportFormat = 'csv' | 'tsv' | 'xlsx' | 'geojson' | 'shapefile' | 'gpkg' | 'sima';
export type TextEncoding = 'utf8' | 'cp932';

/** One row of a file: its line (or feature number) for messages, its cells, and its own geometry if any. */
export interface SourceRow {
  line: number;
  values: Record<string, unknown>;
  geometry?: { type: string; coordinates: unknown } | null;
}

export interface ImportSource {
  format: ImportFormat;
  encoding?: TextEncoding;
  /** Sheets of a workbook or tables of a GeoPackage; `table` is the one read. */
  tables: string[];
  table?: string;
  columns: string[];
  rows: SourceRow[];
  /** EPSG code of the file's own geometry. */
  srid?: number;
  simaBlocks?: SimaBlock[];
}

export interface ReadOptions {
  encoding?: TextEncoding;
  table?: string;
  zip: ZipLimits;
}

const fileError = (message: string, reason: string) => badInput(message, { field: 'file', reason });

export function detectFormat(filename: string, data: Uint8Array): ImportFormat {
  const ext = path.extname(filename).toLowerCase();
  const known: Record<string, ImportFormat> = {
    '.csv': 'csv', '.txt': 'csv', '.tsv': 'tsv', '.xlsx': 'xlsx', '.geojson': 'geojson', '.json': 'geojson',
    '.zip': 'shapefile', '.gpkg': 'gpkg', '.sim': 'sima', '.sima': 'sima',
  };
  if (known[ext]) return known[ext];
  if (Buffer.from(data.subarray(0, 15)).toString('latin1') === 'SQLite format 3') return 'gpkg';
  throw fileError(`対応していない形式です: ${ext || filename} (CSV, TSV, xlsx, GeoJSON, zipped Shapefile, GeoPackage, SIMA)`, 'format');
}

/**
 * Text in UTF-8 (with or without BOM) or Shift_JIS/CP932, detected unless chosen. A file that does
 * not decode cleanly in the chosen encoding is refused rather than imported as mojibake.
 */
export function decodeText(data: Uint8Array, chosen?: TextEncoding): { text: string; encoding: TextEncoding } {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  let encoding = chosen;
  if (!encoding) {
    if (bom) encoding = 'utf8';
    else {
      const detected = Encoding.detect(buf);
      encoding = detected === 'SJIS' || detected === 'EUCJP' ? 'cp932' : 'utf8';
    }
  }
  if (encoding === 'utf8') {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bom ? buf.subarray(3) : buf), encoding };
    } catch {
      throw fileError('文字コードがUTF-8ではありません。Shift_JISを選んでください (the file is not UTF-8; choose Shift_JIS/CP932)', 'encoding');
    }
  }
  const text = iconv.decode(buf, 'cp932');
  if (text.includes('\uFFFD')) throw fileError('文字コードがShift_JISではありません。UTF-8を選んでください (the file is not Shift_JIS/CP932)', 'encoding');
  return { text, encoding };
}

function fromTable(format: ImportFormat, table: string[][], encoding?: TextEncoding): ImportSource {
  const [header = [], ...body] = table;
  const columns = uniqueColumns(header.map((h) => String(h ?? '').trim()));
  const rows = body.map((cells, i) => ({ line: i + 2, values: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ''])) }))
    .filter((r) => Object.values(r.values).some((v) => v !== '' && v !== null && v !== undefined));
  return { format, encoding, tables: [], columns, rows };
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

/** CSV text as a table of cells, with our own exports' Excel protection undone (see `unExcelCell`). */
function csvTable(data: Uint8Array, tsv: boolean, chosen?: TextEncoding): { table: string[][]; encoding: TextEncoding } {
  const { text, encoding } = decodeText(data, chosen);
  const delimiter = tsv || (!text.split('\n')[0].includes(',') && text.split('\n')[0].includes('\t')) ? '\t' : ',';
  let table: string[][];
  try {
    table = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true });
  } catch (err) {
    throw fileError(`CSVを読めません (${(err as Error).message})`, 'csv');
  }
  return { table: table.map((row) => row.map(unExcelCell)), encoding };
}

function readCsv(data: Uint8Array, format: 'csv' | 'tsv', options: ReadOptions): ImportSource {
  const { table, encoding } = csvTable(data, format === 'tsv', options.encoding);
  return fromTable(format, table, encoding);
}

async function readXlsx(data: Uint8Array, options: ReadOptions): Promise<ImportSource> {
  safeUnzip(data, options.zip); // the same name and size checks as any zip, before exceljs unpacks it
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data) as never);
  } catch (err) {
    throw fileError(`Excelファイルを読めません (not a readable .xlsx: ${(err as Error).message})`, 'xlsx');
  }
  const tables = workbook.worksheets.map((w) => w.name);
  const sheet = options.table ? workbook.getWorksheet(options.table) : workbook.worksheets[0];
  if (!sheet) throw badInput(`シート「${options.table}」がありません (no sheet "${options.table}"; sheets: ${tables.join(', ')})`, { field: 'table' });
  const table: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells = (row.values as unknown[]).slice(1).map(cellValue);
    table[n - 1] = cells;
  });
  const source = fromTable('xlsx', Array.from(table, (r) => (r ?? []) as string[]));
  // eachRow numbers rows as Excel does; fromTable counted the header as line 1 too.
  return { ...source, tables, table: sheet.name };
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

function fromFeatureCollection(format: ImportFormat, fc: { type?: string; features?: unknown[]; crs?: unknown }, extra: Partial<ImportSource> = {}): ImportSource {
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw fileError('GeoJSONのFeatureCollectionではありません (not a GeoJSON FeatureCollection)', 'geojson');
  const columns = new Set<string>();
  const rows = fc.features.map((f, i) => {
    const feature = f as { properties?: Record<string, unknown>; geometry?: SourceRow['geometry'] };
    const values = feature.properties ?? {};
    Object.keys(values).forEach((k) => columns.add(k));
    return { line: i + 1, values, geometry: feature.geometry ?? null };
  });
  return { format, tables: [], columns: [...columns], rows, srid: sridOf(fc.crs) ?? 4326, ...extra };
}

function readGeoJson(data: Uint8Array): ImportSource {
  const { text } = decodeText(data, 'utf8');
  let json: unknown;
  try { json = JSON.parse(text); } catch { throw fileError('GeoJSONとして読めません (not valid JSON)', 'geojson'); }
  return fromFeatureCollection('geojson', json as never);
}

/** Shapefile and GeoPackage through GDAL: written to a private temporary folder, read as GeoJSON in the file's own CRS. */
async function readWithGdal(format: 'shapefile' | 'gpkg', files: Map<string, Uint8Array>, options: ReadOptions): Promise<ImportSource> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chizu-import-'));
  try {
    const paths: string[] = [];
    for (const [name, bytes] of files) {
      const p = path.join(dir, path.basename(name));
      await fs.writeFile(p, bytes);
      paths.push(p);
    }
    const hasCpg = [...files.keys()].some((n) => n.toLowerCase().endsWith('.cpg'));
    // A Japanese .dbf without .cpg is CP932 (Shift_JIS) in practice; GDAL would guess Latin-1.
    const openOptions = format === 'shapefile' && !hasCpg ? [`ENCODING=${options.encoding === 'utf8' ? 'UTF-8' : 'CP932'}`] : [];
    return await withGdal(async (gdal) => {
      const opened = await gdal.open(paths.filter((p) => format === 'gpkg' || /\.(shp|shx|dbf|prj|cpg)$/i.test(p)), openOptions);
      const dataset = opened.datasets[0];
      if (!dataset) throw fileError(`GDALが開けません (GDAL could not open the file: ${opened.errors.join('; ')})`, format);
      try {
        const info = await gdal.getInfo(dataset);
        const tables = (info.layers ?? []).map((l) => l.name);
        const table = options.table ?? tables[0];
        if (!tables.includes(table)) throw badInput(`テーブル「${table}」がありません (no table "${table}"; tables: ${tables.join(', ')})`, { field: 'table' });
        const out = await gdal.ogr2ogr(dataset, ['-f', 'GeoJSON', '-lco', 'RFC7946=NO', '-lco', 'COORDINATE_PRECISION=9', table])
          .catch((err: unknown) => { throw fileError(`GDALが読めません (GDAL could not read the file: ${gdalMessage(err)})`, format); });
        const json = JSON.parse(Buffer.from(await gdal.getFileBytes(out)).toString('utf8'));
        removeOutput(gdal, out.local);
        const hasPrj = format === 'gpkg' || [...files.keys()].some((n) => n.toLowerCase().endsWith('.prj'));
        const srid = hasPrj ? sridOf(json.crs) ?? -1 : undefined;
        return fromFeatureCollection(format, json, { tables, table, srid, encoding: format === 'shapefile' && !hasCpg ? (options.encoding ?? 'cp932') : undefined });
      } finally {
        await gdal.close(dataset);
      }
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** gdal3.js rejects with plain objects; their message, whatever its shape. */
const gdalMessage = (err: unknown) => (err instanceof Error ? err.message : typeof err === 'object' && err ? JSON.stringify(err).slice(0, 300) : String(err));

/** GDAL's output stays in its in-memory file system until removed: a long-running server would grow. */
function removeOutput(gdal: object, file: string): void {
  try {
    (gdal as { Module?: { FS?: { unlink(p: string): void } } }).Module?.FS?.unlink(file);
  } catch { /* already gone */ }
}

function shapefileParts(data: Uint8Array, options: ReadOptions): { parts: Map<string, Uint8Array>; fieldNames: Map<string, string> } {
  const entries = safeUnzip(data, options.zip);
  const shps = [...entries.keys()].filter((n) => n.toLowerCase().endsWith('.shp'));
  if (shps.length === 0) throw fileError('ZIPに .shp がありません (the zip holds no .shp)', 'noShp');
  const base = shps[0].slice(0, -4);
  const parts = new Map([...entries].filter(([n]) => n.slice(0, n.lastIndexOf('.')) === base));
  for (const ext of ['.shx', '.dbf']) {
    if (![...parts.keys()].some((n) => n.toLowerCase() === `${base.toLowerCase()}${ext}`)) {
      throw fileError(`ZIPに ${path.basename(base)}${ext} がありません (the Shapefile lacks its ${ext})`, 'shapefileParts');
    }
  }
  // Our exports cut DBF names to 10 bytes and add {layer}_fields.csv: short name → full column name.
  const mappingFile = [...entries.keys()].find((n) => {
    const prefix = n.endsWith('_fields.csv') ? n.slice(0, -'_fields.csv'.length) : null;
    return prefix !== null && (base === prefix || base.startsWith(`${prefix}_`));
  });
  const fieldNames = new Map<string, string>();
  if (mappingFile) {
    const [, ...rows] = csvTable(entries.get(mappingFile)!, false).table;
    for (const [short, full] of rows) if (short && full) fieldNames.set(short, full);
  }
  return { parts, fieldNames };
}

/** Columns renamed by the export's mapping file (short DBF name → the column it stands for). */
function renameColumns(source: ImportSource, names: Map<string, string>): ImportSource {
  if (names.size === 0) return source;
  const name = (c: string) => names.get(c) ?? c;
  return {
    ...source, columns: source.columns.map(name),
    rows: source.rows.map((r) => ({ ...r, values: Object.fromEntries(Object.entries(r.values).map(([c, v]) => [name(c), v])) })),
  };
}

function readSima(data: Uint8Array, options: ReadOptions): ImportSource {
  const { text, encoding } = decodeText(data, options.encoding);
  const { blocks, problems } = parseSima(text);
  if (problems.length) {
    throw badInput(`SIMA: ${problems.slice(0, 10).map((p) => `line ${p.line}: ${p.message}`).join('; ')}`, { field: 'file', reason: 'sima', problems });
  }
  if (blocks.length === 0) throw fileError('SIMAファイルに区画(D00〜D99)がありません (no D00 … D99 block)', 'sima');
  return {
    format: 'sima', encoding, tables: [], columns: ['区画名', '点数'], simaBlocks: blocks,
    rows: blocks.map((b) => ({ line: b.line, values: { 区画名: b.name, 点数: b.points.length } })),
  };
}

/** Reads an uploaded file into columns and rows. Throws BAD_USER_INPUT with `reason` for a bad file. */
export async function readImportFile(filename: string, data: Uint8Array, options: ReadOptions): Promise<ImportSource> {
  const format = detectFormat(filename, data);
  switch (format) {
    case 'csv': case 'tsv': return readCsv(data, format, options);
    case 'xlsx': return readXlsx(data, options);
    case 'geojson': return readGeoJson(data);
    case 'shapefile': {
      const { parts, fieldNames } = shapefileParts(data, options);
      return renameColumns(await readWithGdal('shapefile', parts, options), fieldNames);
    }
    case 'gpkg': return readWithGdal('gpkg', new Map([['upload.gpkg', data]]), options);
    case 'sima': return readSima(data, options);
  }
}
