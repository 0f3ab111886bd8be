import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Config } from '../../config';
import { Database } from '../../db/database';
import { badInput, notFound } from '../../errors';
import { gdalOutputDir } from '../../gdal/gdal';
import { FeatureService } from '../features/feature.service';
import { FeatureQuery } from '../features/feature.sql';
import { LayerCatalog, LayerRecord } from '../layers/layer.service';
import { LayerRole } from '../layers/layer.roles';
import { ExportFormat, ExportOptions } from './export.options';
import { ExportRow, exportPageSql, SimaPointRow, simaPointsSql } from './export.sql';
import { exportColumns } from './export.table';
import { csvWriter, FeatureWriter, FileSink, gdalWriter, geojsonWriter, simaText, WriterContext } from './export.writers';
import { encodeText, firstUnencodable } from '../../domain/csv';
import { todayInJapan } from '../../domain/dates';

const PAGE_ROWS = 2000;

const FORMAT_FILES: Record<ExportFormat, { ext: string; contentType: string }> = {
  gpkg: { ext: 'gpkg', contentType: 'application/geopackage+sqlite3' },
  shp: { ext: 'zip', contentType: 'application/zip' },
  geojson: { ext: 'geojson', contentType: 'application/geo+json' },
  csv: { ext: 'csv', contentType: 'text/csv' },
  kml: { ext: 'kml', contentType: 'application/vnd.google-earth.kml+xml' },
  sima: { ext: 'sim', contentType: 'text/plain' },
};

export interface ExportFile {
  /** The file on disk, removed by dispose(). */
  file: string;
  /** What to call it for the user: 〈layer name〉_YYYYMMDD.ext */
  filename: string;
  contentType: string;
  /** For the audit log: the layer, features written and the restricted (personal) fields among the columns. */
  layerKey: string;
  rows: number;
  restrictedFields: string[];
  dispose(): void;
}

/** Writes a layer out to a file: the same filter and extent as `features`, streamed page by page. */
export class ExportService {
  constructor(private readonly db: Database, private readonly config: Config, private readonly features: FeatureService) {}

  async export(layers: Pick<LayerCatalog, 'find'>, layerKey: string, options: ExportOptions): Promise<ExportFile> {
    const layer = await layers.find(layerKey);
    if (!layer) throw notFound(`layer "${layerKey}" does not exist`);
    if (options.format === 'sima' && layer.role !== LayerRole.BOUNDARY_RECORDS) {
      throw badInput('SIMA exports the surveyed points of boundary records (境界確定) only', { field: 'format' });
    }
    const area = await this.features.resolveArea(layers, options.area);
    const query = this.features.buildQuery(layer, { bbox: options.bbox, where: options.where, search: options.search }, area);
    const gdalFormat = options.format === 'gpkg' || options.format === 'shp' || options.format === 'kml';
    // GDAL (WebAssembly) writes only inside its mounted output directory.
    const root = gdalFormat ? gdalOutputDir() : os.tmpdir();
    const dir = fs.mkdtempSync(path.join(root, 'export-'));
    const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
    try {
      const { file, rows } = options.format === 'sima' ? await this.writeSima(query, layer, options, dir) : await this.writeFeatures(query, layer, options, dir);
      const { ext, contentType } = FORMAT_FILES[options.format];
      const charset = options.format === 'csv' || options.format === 'sima' ? `; charset=${options.encoding === 'cp932' ? 'shift_jis' : 'utf-8'}` : '';
      const restrictedFields = layer.fieldDefs.filter((f) => f.restricted).map((f) => f.key); // hidden ones are not in fieldDefs
      return { file, filename: `${layer.nameJa}_${today()}.${ext}`, contentType: contentType + charset, layerKey: layer.key, rows, restrictedFields, dispose };
    } catch (err) {
      dispose();
      throw err;
    }
  }

  private async writeFeatures(query: FeatureQuery, layer: LayerRecord, options: ExportOptions, dir: string): Promise<{ file: string; rows: number }> {
    const ctx: WriterContext = {
      dir, base: layer.key, columns: exportColumns(layer, options), options, layerName: layer.nameJa, labelKey: layer.labelField,
      pointLayer: layer.geometryTypes.every((t) => t === 'Point'), planeSrid: this.config.planeSrid,
    };
    const order = this.features.pageOrder(layer, options.orderBy);
    const writer: FeatureWriter = options.format === 'csv' ? csvWriter(ctx) : options.format === 'geojson' ? geojsonWriter(ctx) : gdalWriter(ctx);
    try {
      for (const at = { afterId: '0', offset: 0 }; ;) {
        const { sql, values } = exportPageSql(query, order, at, PAGE_ROWS, options.srid, this.config.planeSrid);
        const { rows } = await this.db.pool.query<ExportRow>(sql, values);
        if (rows.length) await writer.page(rows);
        if (rows.length < PAGE_ROWS) return { file: await writer.finish(), rows: at.offset + rows.length };
        at.afterId = rows[rows.length - 1].id;
        at.offset += rows.length;
      }
    } catch (err) {
      await writer.discard();
      throw err;
    }
  }

  private async writeSima(query: FeatureQuery, layer: LayerRecord, options: ExportOptions, dir: string): Promise<{ file: string; rows: number }> {
    const points: SimaPointRow[] = [];
    for (let after = '0'; ;) {
      const { sql, values } = simaPointsSql(query, after, PAGE_ROWS, options.srid, layer.labelField ?? 'id');
      const { rows } = await this.db.pool.query<SimaPointRow>(sql, values);
      points.push(...rows);
      // A page is PAGE_ROWS records; fewer points than that many records means the last page.
      const last = rows[rows.length - 1]?.feature_id;
      if (!last || new Set(rows.map((r) => r.feature_id)).size < PAGE_ROWS) break;
      after = last;
    }
    const text = simaText(points, layer.nameJa);
    const bad = firstUnencodable(text, options.encoding);
    if (bad) throw badInput(`"${bad}" (in a point name or record label) cannot be written in Shift_JIS (cp932); export in UTF-8 instead`, { field: 'encoding' });
    const sink = new FileSink(path.join(dir, `${layer.key}.sim`));
    await sink.write(encodeText(text, options.encoding));
    await sink.close();
    return { file: sink.file, rows: new Set(points.map((p) => p.feature_id)).size };
  }
}

function today(): string {
  // Japan time: the date the clerk sees on the wall.
  return todayInJapan().replace(/-/g, '');
}
