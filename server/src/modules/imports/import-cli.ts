import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, workerData } from 'node:worker_threads';
import { Config, loadConfig } from '../../config';
import { prepareDatabase } from '../../bootstrap';
import { createServices } from '../../context';
import { AppError } from '../../errors';
import { GeometrySource, ImportOptions, ImportSummary } from './import.service';
import { cappedImportWorker } from './import.worker';

const USAGE = `usage: npm run import -- FILE --layer KEY [--key FIELD] [--dry-run] [--new-layer KEY --department KEY]
  [--lon COL --lat COL | --plane-x COL --plane-y COL --srid 6677] [--map file.json] [--encoding utf8|cp932]
  [--table NAME] [--skip-refused] [--user NAME]   (plane X = northing, Y = easting)`;

type Log = (line: string) => void;

function printSummary(s: ImportSummary, dryRun: boolean, log: Log): void {
  log(`${dryRun ? 'Dry run' : 'Imported'}: create ${s.create}, update ${s.update}, unchanged ${s.unchanged}, refused ${s.refused}`);
  log(`Geometry from ${s.geometryFrom}; columns → fields: ${Object.entries(s.mapping).map(([c, k]) => `${c}→${k}`).join(', ')}`);
  for (const w of s.warnings) log(`warning: ${w}`);
  for (const r of s.refusedRows.slice(0, 50)) log(`line ${r.line}: ${r.field ?? ''} ${r.code}: ${r.message}${r.value !== undefined ? ` (${r.value})` : ''}`);
  if (s.refusedRows.length > 50) log(`… and ${s.refusedRows.length - 50} more refused rows`);
}

/**
 * npm run import -- FILE --layer KEY …: the same import jobs as the web wizard, on the configured
 * database (DATABASE_URL, or the embedded one in DATA_DIR). Exits 1 when rows are refused, unless
 * --skip-refused.
 */
export async function importCli(args: string[], baseConfig: Config, log: Log = console.log, logError: Log = console.error): Promise<number> {
  const { values: a, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      layer: { type: 'string' }, key: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'new-layer': { type: 'string' },
      department: { type: 'string' }, lon: { type: 'string' }, lat: { type: 'string' }, 'plane-x': { type: 'string' },
      'plane-y': { type: 'string' }, srid: { type: 'string' }, map: { type: 'string' }, encoding: { type: 'string' },
      table: { type: 'string' }, 'skip-refused': { type: 'boolean' }, user: { type: 'string', default: 'admin' },
    },
  });
  const file = positionals[0];
  if (!file || (!a.layer && !a['new-layer'])) { logError(USAGE); return 2; }
  const config = { ...baseConfig, seedDemoOnFirstStart: false };
  const db = await prepareDatabase(config, () => undefined);
  try {
    const services = createServices(db, config);
    const row = await db.prisma.appUser.findUnique({ where: { username: a.user! } });
    const user = row && await services.auth.sessionUser(row.id);
    if (!user) { logError(`no user "${a.user}" (--user)`); return 2; }
    const geometry: GeometrySource = {
      lon: a.lon, lat: a.lat, planeX: a['plane-x'], planeY: a['plane-y'], srid: a.srid ? Number(a.srid) : undefined,
    };
    const options: ImportOptions = {
      layer: a.layer, keyField: a.key, encoding: a.encoding as ImportOptions['encoding'], table: a.table, skipRefused: a['skip-refused'],
      geometry, mapping: a.map ? JSON.parse(fs.readFileSync(a.map, 'utf8')) : undefined,
    };
    // Copied beside the server's uploads (disk to disk): the import reads it in chunks, never whole.
    const copy = await services.imports.newUploadFile();
    await fs.promises.copyFile(file, copy);
    const id = await services.imports.uploadFile(user, path.basename(file), copy, {});
    if (a['new-layer']) {
      // Fields inferred from the file, keyed from the column names; --map can rename them.
      const preview = await services.imports.preview(user, id, options);
      const fields = preview.inferredFields;
      options.mapping ??= Object.fromEntries(preview.columns.map((c, i) => [c, fields[i].key]));
      options.newLayer = {
        key: a['new-layer'], nameJa: path.basename(file, path.extname(file)), departmentKey: a.department ?? user.departmentKey ?? 'roads',
        geometryTypes: preview.geometryTypes.length ? preview.geometryTypes : ['Point'], fields,
      };
      delete options.layer;
    }
    if (a['dry-run']) {
      const dry = await services.imports.dryRun(user, id, options);
      printSummary(dry, true, log);
      return dry.refused > 0 && !a['skip-refused'] ? 1 : 0;
    }
    // The commit checks every row as a dry run does (once) and refuses the whole file when rows are refused.
    try {
      printSummary(await services.imports.commit(user, id, options), false, log);
    } catch (err) {
      if (!(err instanceof AppError && err.extensions.reason === 'refusedRows')) throw err;
      const job = await services.imports.job(user, id);
      logError(err.message);
      for (const r of (err.extensions.refusedRows as ImportSummary['refusedRows'])) logError(`line ${r.line}: ${r.field ?? ''} ${r.code}: ${r.message}`);
      logError(`Nothing imported (fix the rows, or use --skip-refused). Import ${job.id} was not committed.`);
      return 1;
    }
    log(`Import ${id} committed (undo: mutation { undoImport(id: "${id}") }).`);
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * Runs the import in a worker thread with a capped old generation (IMPORT_HEAP_MB). The import holds
 * one chunk at a time, but V8 collects the old generation lazily: uncapped, the dead chunks pile up
 * and the peak RSS grows with the file until V8's own limit. An import that needs more than the cap
 * stops with a message (its transaction is rolled back), not with the machine's memory.
 */
function importInWorker(args: string[], heapMb: number): Promise<number> {
  return new Promise((resolve) => {
    let failed = false;
    const worker = cappedImportWorker(__filename, { args }, heapMb, (err) => {
      failed = true;
      printError(err);
    });
    worker.on('exit', (code) => resolve(failed ? 1 : code));
  });
}

function printError(err: unknown): void {
  console.error(err instanceof AppError ? `${err.extensions.code}: ${err.message}` : err);
}

if (require.main === module) {
  if (isMainThread) {
    void importInWorker(process.argv.slice(2), loadConfig().importHeapMb).then((code) => { process.exitCode = code; });
  } else {
    importCli((workerData as { args: string[] }).args, loadConfig()).then((code) => process.exit(code)).catch((err) => {
      printError(err);
      process.exit(1);
    });
  }
}
