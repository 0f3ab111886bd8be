import 'reflect-metadata';
import fs from 'node:fs';
import { Config, loadConfig } from '../../config';
import { prepareDatabase } from '../../bootstrap';
import { AppError } from '../../errors';
import { FeatureService } from '../features/feature.service';
import { LayerCatalog, LayerService, SYSTEM_READER } from '../layers/layer.service';
import { ExportService } from './export.service';
import { parseExportOptions, RawExportOptions } from './export.options';

const USAGE = `usage: npm run export -- --layer KEY --format gpkg|shp|geojson|csv|kml|sima --out FILE
  [--srid 6668|6677] [--encoding utf8|cp932] [--columns labels|keys] [--dates iso|wareki]
  [--bbox minLon,minLat,maxLon,maxLat] [--area '{"polygon":[[lon,lat],…]}' | '{"around":"<id>","distance":50}'] [--filter '[{"field":"…","eq":…}]'] [--search TEXT] [--order '{"field":"…","descending":true}'] [--geometry xy|wkt]`;

/** npm run export: a layer to a file, with DATABASE_URL or the embedded DATA_DIR like the server. Returns the message. */
export async function exportCli(args: string[], config: Config): Promise<string> {
  const arg = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
  const layer = arg('layer');
  const out = arg('out');
  if (!layer || !out || !arg('format')) throw new Error(USAGE);
  const raw: RawExportOptions = {};
  for (const key of ['format', 'srid', 'encoding', 'bbox', 'area', 'filter', 'search', 'order', 'columns', 'dates', 'geometry'] as const) raw[key] = arg(key);
  const options = parseExportOptions(raw, config.planeSrid);
  // The embedded database is one process: stop the server before exporting from its DATA_DIR.
  const db = await prepareDatabase({ ...config, seedDemoOnFirstStart: false }, () => undefined);
  try {
    const service = new ExportService(db, config, new FeatureService(db, config));
    const file = await service.export(new LayerCatalog(new LayerService(db), SYSTEM_READER), layer, options);
    try {
      fs.copyFileSync(file.file, out);
    } finally {
      file.dispose();
    }
    return `${layer} → ${out} (${fs.statSync(out).size} bytes)`;
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  exportCli(process.argv.slice(2), loadConfig()).then(console.log, (err) => {
    console.error(err instanceof AppError ? `${err.extensions.code}: ${err.message}` : err.message ?? err);
    process.exit(1);
  });
}
