import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type initGdalJs from 'gdal3.js';

export type Gdal = Awaited<ReturnType<typeof initGdalJs>>;

let loading: Promise<Gdal> | undefined;
let queue: Promise<unknown> = Promise.resolve();
let outputDir: string | undefined;

/**
 * The host directory gdal3.js mounts as /output: files GDAL writes (exports) go straight to disk
 * instead of the WebAssembly memory.
 */
export function gdalOutputDir(): string {
  return (outputDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-gdal-')));
}

/**
 * GDAL compiled to WebAssembly (gdal3.js), loaded on first use (~1 s) and kept: the Shapefile,
 * GeoPackage and KML drivers without a native build or a download.
 */
export function loadGdal(): Promise<Gdal> {
  const quiet = () => undefined; // warnings would go to stdout; errors reach the caller as rejections
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loading ??= (require('gdal3.js/node.js') as typeof initGdalJs)({ useWorker: false, dest: gdalOutputDir(), logHandler: quiet, errorHandler: quiet })
    .catch((err: unknown) => { loading = undefined; throw err; });
  return loading;
}

/** Runs fn with GDAL, one call at a time: the WebAssembly file system is shared. */
export function withGdal<T>(fn: (gdal: Gdal) => Promise<T>): Promise<T> {
  const run = queue.then(() => loadGdal()).then(fn);
  queue = run.catch(() => undefined);
  return run;
}
