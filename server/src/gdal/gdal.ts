import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import initGdalJs from 'gdal3.js/node.js';

/** GDAL compiled to WebAssembly (gdal3.js): no native build, nothing downloaded at run time. */
export type Gdal = Awaited<ReturnType<typeof initGdalJs>>;

export interface LoadedGdal {
  gdal: Gdal;
  /** The host directory GDAL writes its outputs into (gdal3.js mounts it as /output). */
  outputDir: string;
}

let loading: Promise<LoadedGdal> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Loads GDAL once, on first use (~0.6 s); the rest of the server never pays for it. */
export function loadGdal(): Promise<LoadedGdal> {
  return (loading ??= (async () => {
    const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-gdal-'));
    const quiet = () => undefined; // GDAL's warnings would go to stdout; errors reach us as rejections
    const gdal = await initGdalJs({ dest: outputDir, logHandler: quiet, errorHandler: quiet });
    return { gdal, outputDir };
  })());
}

/** Runs fn with GDAL alone: one WebAssembly instance with one mounted input directory at a time. */
export function withGdal<T>(fn: (g: LoadedGdal) => Promise<T>): Promise<T> {
  const run = queue.then(() => loadGdal()).then(fn);
  queue = run.catch(() => undefined);
  return run;
}
