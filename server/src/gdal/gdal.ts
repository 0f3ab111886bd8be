import type initGdalJs from 'gdal3.js';

export type Gdal = Awaited<ReturnType<typeof initGdalJs>>;

let loading: Promise<Gdal> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * GDAL compiled to WebAssembly (gdal3.js), loaded on first use (~1 s) and kept: the Shapefile and
 * GeoPackage drivers without a native build or a download.
 */
export function loadGdal(): Promise<Gdal> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loading ??= (require('gdal3.js/node.js') as typeof initGdalJs)({ useWorker: false })
    .catch((err: unknown) => { loading = undefined; throw err; });
  return loading;
}

/** Runs fn with GDAL, one call at a time: the WebAssembly file system is shared. */
export function withGdal<T>(fn: (gdal: Gdal) => Promise<T>): Promise<T> {
  const run = queue.then(() => loadGdal()).then(fn);
  queue = run.catch(() => undefined);
  return run;
}
