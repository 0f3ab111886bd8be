import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { Config, loadConfig } from '../../config';
import { prepareDatabase } from '../../bootstrap';
import { Database } from '../../db/database';
import { AppError } from '../../errors';
import { FeatureService } from '../features/feature.service';
import { LayerCatalog, LayerService } from '../layers/layer.service';
import { ExportService } from '../exports/export.service';
import { parseExportOptions } from '../exports/export.options';
import { publicView } from './public.service';

const USAGE = 'usage: npm run export-public -- --out DIR [--format geojson|gpkg]';

/**
 * The published layers as the public map shows them (published fields only, never a restricted one):
 * one file per layer plus layers.json describing them, for the internet-side copy of the public map
 * when the two networks are separated (README "The public map"). Returns the files written.
 */
export async function exportPublished(db: Database, config: Config, outDir: string, format: 'geojson' | 'gpkg' = 'geojson'): Promise<string[]> {
  const layers = (await new LayerCatalog(new LayerService(db), null).all()).filter((l) => l.published && l.kind === 'vector').map(publicView);
  const catalog = { find: async (key: string) => layers.find((l) => l.key === key) };
  const exports = new ExportService(db, config, new FeatureService(db, config));
  const options = parseExportOptions({ format, columns: 'keys' }, config.planeSrid);
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const layer of layers) {
    const file = await exports.export(catalog, layer.key, options);
    try {
      const out = path.join(outDir, `${layer.key}.${format}`);
      fs.copyFileSync(file.file, out);
      written.push(out);
    } finally {
      file.dispose();
    }
  }
  const manifest = layers.map((l) => ({
    key: l.key, nameJa: l.nameJa, nameEn: l.nameEn, departmentJa: l.department.nameJa, geometryTypes: l.geometryTypes, style: l.style,
    labelField: l.labelField, fields: l.fieldDefs.map((f) => ({ key: f.key, label: f.label, labelEn: f.labelEn, type: f.type, ...(f.unit ? { unit: f.unit } : {}) })),
    file: `${l.key}.${format}`,
  }));
  const manifestFile = path.join(outDir, 'layers.json');
  fs.writeFileSync(manifestFile, `${JSON.stringify({ exportedAt: new Date().toISOString(), layers: manifest }, null, 2)}\n`);
  return [...written, manifestFile];
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const arg = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
  const out = arg('out');
  const format = arg('format') ?? 'geojson';
  if (!out || (format !== 'geojson' && format !== 'gpkg')) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  // The embedded database is one process: stop the server before exporting from its DATA_DIR.
  prepareDatabase({ ...config, seedDemoOnFirstStart: false }, () => undefined)
    .then(async (db) => {
      try {
        for (const f of await exportPublished(db, config, out, format)) console.log(f);
      } finally {
        await db.close();
      }
    })
    .catch((err) => {
      console.error(err instanceof AppError ? `${err.extensions.code}: ${err.message}` : err.message ?? err);
      process.exit(1);
    });
}
