import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { Zip, ZipDeflate } from 'fflate';
import { csvFile, csvPreamble, csvText, encodeText } from '../../domain/csv';
import { gdalOutputDir, withGdal } from '../../gdal/gdal';
import { ExportOptions } from './export.options';
import { ExportColumn, rowValues } from './export.table';
import { ExportRow, SimaPointRow } from './export.sql';

/** A file written in order with back-pressure, so a large layer never sits in memory. */
export class FileSink {
  private readonly out: fs.WriteStream;
  private failed: Error | null = null;
  constructor(readonly file: string) {
    this.out = fs.createWriteStream(file);
    // An export given up half-way removes its directory; the stream's error must not go unhandled.
    this.out.on('error', (err) => { this.failed = err; });
  }
  async write(chunk: string | Buffer): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
  async close(): Promise<void> {
    if (!this.out.closed) {
      this.out.end();
      await once(this.out, 'close');
    }
    if (this.failed) throw this.failed;
  }
}

/** Receives pages of rows; `finish` returns the file to send. */
export interface FeatureWriter {
  page(rows: ExportRow[]): Promise<void>;
  finish(): Promise<string>;
  /** Closes the files of an export given up (its directory is then removed). */
  discard(): Promise<void>;
}

const closeQuietly = (sinks: Iterable<FileSink>) => Promise.all([...sinks].map((s) => s.close().catch(() => undefined))).then(() => undefined);

export interface WriterContext {
  dir: string;
  /** File name without extension (ASCII: the layer key). */
  base: string;
  columns: ExportColumn[];
  options: ExportOptions;
  /** Whether every feature of the layer is a point (CSV then has coordinate columns). */
  pointLayer: boolean;
  planeSrid: number;
  layerName: string;
  /** The layer's label field key (KML placemark names). */
  labelKey?: string | null;
}

// ---- CSV (Excel-safe) ----

export function csvWriter(ctx: WriterContext): FeatureWriter {
  const sink = new FileSink(path.join(ctx.dir, `${ctx.base}.csv`));
  const { options } = ctx;
  const xy = (options.geometry ?? (ctx.pointLayer ? 'xy' : 'wkt')) === 'xy';
  const keys = options.columns === 'keys';
  const geomHeader = xy
    ? keys ? ['lon', 'lat', 'x_north', 'y_east'] : ['経度', '緯度', 'X(北)', 'Y(東)']
    : [keys ? 'wkt' : `WKT(EPSG:${options.srid})`];
  let started = false;
  return {
    async page(rows) {
      const lines: unknown[][] = started ? [] : [[...ctx.columns.map((c) => c.name), ...geomHeader]];
      if (!started) await sink.write(csvPreamble(options.encoding));
      started = true;
      for (const r of rows) {
        const geom = xy ? [r.lon, r.lat, r.plane_x, r.plane_y] : [r.wkt];
        lines.push([...rowValues(r, ctx.columns, options), ...geom]);
      }
      await sink.write(encodeText(csvText(lines), options.encoding));
    },
    async finish() {
      if (!started) await this.page([]);
      await sink.close();
      return sink.file;
    },
    discard: () => closeQuietly([sink]),
  };
}

// ---- GeoJSON (RFC 7946: lon/lat, no crs member) ----

export function geojsonWriter(ctx: WriterContext): FeatureWriter {
  const sink = new FileSink(path.join(ctx.dir, `${ctx.base}.geojson`));
  let first = true;
  const head = sink.write(`{"type":"FeatureCollection","name":${JSON.stringify(ctx.layerName)},"features":[\n`);
  return {
    async page(rows) {
      await head;
      const parts = rows.map((r) => {
        const values = rowValues(r, ctx.columns, ctx.options);
        const properties = Object.fromEntries(ctx.columns.map((c, i) => [c.name, values[i]]));
        const text = `{"type":"Feature","id":${Number(r.id)},"properties":${JSON.stringify(properties)},"geometry":${r.geometry}}`;
        const sep = first ? '' : ',\n';
        first = false;
        return sep + text;
      });
      await sink.write(parts.join(''));
    },
    async finish() {
      await head;
      await sink.write('\n]}\n');
      await sink.close();
      return sink.file;
    },
    discard: () => closeQuietly([sink]),
  };
}

// ---- GeoPackage, Shapefile, KML: an intermediate CSV with WKT, converted by GDAL ----

const FAMILY: Record<string, 'point' | 'line' | 'polygon'> = {
  POINT: 'point', MULTIPOINT: 'point', LINESTRING: 'line', MULTILINESTRING: 'line', POLYGON: 'polygon', MULTIPOLYGON: 'polygon',
};
const WKT_COLUMN = '__wkt';

/** GDAL's .csvt column type for a column (so codes like "0123" stay text and dates are dates). */
function csvtType(c: ExportColumn, options: ExportOptions): string {
  if (!c.field) return 'Integer64';
  switch (c.field.type) {
    case 'integer': return 'Integer64';
    case 'number': return 'Real';
    case 'boolean': return 'Integer(Boolean)';
    case 'date': return options.dates === 'iso' ? 'Date' : 'String';
    default: return options.format === 'shp' ? 'String(254)' : 'String'; // DBF text is at most 254 bytes
  }
}

/** Shapefile (DBF) field names: at most 10 bytes in the file's encoding, unique. */
export function shortFieldNames(names: string[], encoding: ExportOptions['encoding']): string[] {
  const used = new Set<string>();
  const bytes = (s: string) => encodeText(s, encoding).length;
  const cut = (s: string, max: number) => { let out = ''; for (const ch of s) { if (bytes(out + ch) > max) break; out += ch; } return out; };
  return names.map((name) => {
    let short = cut(name, 10);
    for (let n = 1; used.has(short.toLowerCase()); n += 1) short = cut(name, 10 - String(n).length - 1) + `_${n}`;
    used.add(short.toLowerCase());
    return short;
  });
}

interface Intermediate { sink: FileSink; types: Set<string> }

export function gdalWriter(ctx: WriterContext): FeatureWriter {
  const { options } = ctx;
  const names = options.format === 'shp' ? shortFieldNames(ctx.columns.map((c) => c.name), options.encoding) : ctx.columns.map((c) => c.name);
  const header = stringify([[...names, WKT_COLUMN]]);
  const csvt = [...ctx.columns.map((c) => csvtType(c, options)), 'WKT'].map((t) => `"${t}"`).join(',');
  // A Shapefile holds one geometry type: one intermediate per family; the others take one.
  const parts = new Map<string, Intermediate>();
  const part = async (family: string) => {
    let p = parts.get(family);
    if (!p) {
      const base = options.format === 'shp' ? `${ctx.base}_${family}` : ctx.base;
      fs.writeFileSync(path.join(ctx.dir, `${base}.csvt`), csvt);
      p = { sink: new FileSink(path.join(ctx.dir, `${base}.csv`)), types: new Set() };
      await p.sink.write(header);
      parts.set(family, p);
    }
    return p;
  };
  return {
    async page(rows) {
      const byFamily = new Map<string, unknown[][]>();
      for (const r of rows) {
        const family = options.format === 'shp' ? FAMILY[r.geometry_type] ?? 'other' : 'all';
        const values = rowValues(r, ctx.columns, options).map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
        (await part(family)).types.add(r.geometry_type);
        if (!byFamily.has(family)) byFamily.set(family, []);
        byFamily.get(family)!.push([...values, r.wkt]);
      }
      for (const [family, lines] of byFamily) await (await part(family)).sink.write(stringify(lines));
    },
    async finish() {
      if (parts.size === 0) await part(options.format === 'shp' ? 'point' : 'all');
      for (const p of parts.values()) await p.sink.close();
      return convert(ctx, [...parts.entries()], names);
    },
    discard: () => closeQuietly([...parts.values()].map((p) => p.sink)),
  };
}

/** The layer geometry type GDAL should create: the one type seen, else any (GEOMETRY). */
function layerType(types: Set<string>, family: string): string {
  if (family === 'point' && types.has('MULTIPOINT')) return 'MULTIPOINT';
  if (family === 'point') return 'POINT';
  if (family === 'line') return 'LINESTRING'; // a Shapefile arc or polygon type holds the multi form too
  if (family === 'polygon') return 'POLYGON';
  return types.size === 1 ? [...types][0] : 'GEOMETRY';
}

async function convert(ctx: WriterContext, parts: [string, Intermediate][], names: string[]): Promise<string> {
  const { options } = ctx;
  return withGdal(async (gdal) => {
    const rel = path.relative(gdalOutputDir(), ctx.dir);
    if (rel.startsWith('..')) throw new Error('export directory must lie inside the GDAL output directory');
    const srs = `EPSG:${options.srid}`;
    const written: string[] = [];
    for (const [family, p] of parts) {
      const opened = await gdal.open(p.sink.file, ['GEOM_POSSIBLE_NAMES=' + WKT_COLUMN, 'KEEP_GEOM_COLUMNS=NO', 'EMPTY_STRING_AS_NULL=YES']);
      const ds = opened.datasets[0];
      if (!ds) throw new Error(`GDAL could not read the export: ${opened.errors.join('; ')}`);
      try {
        const base = path.basename(p.sink.file, '.csv');
        const common = ['-a_srs', srs, '-nlt', layerType(p.types, family)];
        if (options.format === 'gpkg') {
          await gdal.ogr2ogr(ds, ['-f', 'GPKG', ...common, '-nln', ctx.layerName, '-lco', 'GEOMETRY_NAME=geom'], `${rel}/${base}`);
          written.push(path.join(ctx.dir, `${base}.gpkg`));
        } else if (options.format === 'kml') {
          // The layer's label field names each placemark (管理番号, 確定番号 …).
          const nameField = ctx.columns.find((c) => c.key === ctx.labelKey)?.name;
          await gdal.ogr2ogr(ds, ['-f', 'KML', '-s_srs', srs, '-t_srs', 'EPSG:4326', '-nln', ctx.layerName, '-mapFieldType', 'Date=String',
            ...(nameField ? ['-dsco', `NameField=${nameField}`] : [])], `${rel}/${base}`);
          written.push(path.join(ctx.dir, `${base}.kml`));
        } else {
          const enc = options.encoding === 'cp932' ? 'CP932' : 'UTF-8';
          fs.mkdirSync(path.join(ctx.dir, 'shp'), { recursive: true });
          await gdal.ogr2ogr(ds, ['-f', 'ESRI Shapefile', ...common, '-lco', `ENCODING=${enc}`], `${rel}/shp/${base}`);
          written.push(...['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => path.join(ctx.dir, 'shp', `${base}.${ext}`)));
        }
      } finally {
        await gdal.close(ds);
      }
    }
    if (options.format !== 'shp') return written[0];
    fs.writeFileSync(path.join(ctx.dir, 'shp', `${ctx.base}_fields.csv`), csvFile([
      ['短縮名 (DBF)', '列名', 'キー', '項目名'],
      ...names.map((short, i) => [short, ctx.columns[i].name, ctx.columns[i].key, ctx.columns[i].label]),
    ], options.encoding));
    written.push(path.join(ctx.dir, 'shp', `${ctx.base}_fields.csv`));
    return zipFiles(path.join(ctx.dir, `${ctx.base}.zip`), written.filter((f) => fs.existsSync(f)));
  });
}

/** Zips files, each read and deflated in 1 MB chunks (fflate), so a large .shp is never whole in memory. */
export async function zipFiles(target: string, files: string[]): Promise<string> {
  const sink = new FileSink(target);
  let chain = Promise.resolve();
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else { const copy = Buffer.from(chunk); chain = chain.then(() => sink.write(copy)); }
  });
  const buffer = Buffer.alloc(1 << 20);
  for (const file of files) {
    const entry = new ZipDeflate(path.basename(file), { level: 6 });
    zip.add(entry);
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      let read = 0;
      do {
        const n = fs.readSync(fd, buffer, 0, buffer.length, read);
        read += n;
        entry.push(buffer.subarray(0, n), read >= size);
        await chain; // let the file catch up before the next chunk
      } while (read < size);
    } finally {
      fs.closeSync(fd);
    }
  }
  zip.end();
  await chain;
  await sink.close();
  if (failed) throw failed;
  return target;
}

// ---- SIMA (.sim): A01 coordinate points, one D00…D99 block per boundary record ----

export function simaText(points: SimaPointRow[], title: string): string {
  const lines = [`G00,01,${title},`, 'Z00,座標ﾃﾞｰﾀ,', 'A00,'];
  const blocks: string[] = ['Z00,区画ﾃﾞｰﾀ,'];
  let n = 0;
  let current: string | undefined;
  let block = 0;
  for (const p of points) {
    if (p.seq === null) continue;
    n += 1;
    lines.push(`A01,${n},${p.name},${p.x},${p.y},0.000,`);
    if (p.feature_id !== current) {
      if (current !== undefined) blocks.push('D99,');
      current = p.feature_id;
      block += 1;
      blocks.push(`D00,${block},${p.label ?? p.feature_id},1,`);
    }
    blocks.push(`B01,${n},${p.name},`);
  }
  if (current !== undefined) blocks.push('D99,');
  lines.push('A99,', ...blocks);
  return lines.join('\r\n') + '\r\n';
}
