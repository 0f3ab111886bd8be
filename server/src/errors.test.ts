import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CATALOGUE, errorText, isErrorKey, type ErrorKey } from './domain/errors';
import { appError } from './errors';

// Every user-facing error should carry a catalogued reason and params (domain/errors.ts), which the
// web translates. Errors made from raw text (badInput('…'), notFound('…'), new AppError(code, '…'),
// new GraphQLError('…')) reach a Japanese screen in whatever language the text was written in.

const RAW_TEXT_ERROR = /\b(badInput|notFound|forbidden|conflict|badParam|fileError)\(|new (AppError|GraphQLError)\(/g;

/**
 * Raw-text errors still left, per file: the list may only shrink. A file not listed may have none, and a
 * listed file must have exactly its count, so converting an error to the catalogue means lowering the
 * number here (and a new raw-text error fails this test).
 */
const RAW_TEXT_ERRORS_LEFT: Record<string, number> = {
  // The helpers themselves, a batch's wrapper that keeps the wrapped error's reason and params, and the
  // import worker's copy of an error posted from its thread (reason and params kept).
  'errors.ts': 5,
  'modules/edits/edit.service.ts': 1,
  'modules/imports/import.worker.ts': 1,
  // Not converted yet.
  'modules/exports/export.options.ts': 8,
  'modules/exports/export.service.ts': 3,
  'modules/exports/export.table.ts': 2,
  'modules/imports/import.route.ts': 2,
  'modules/imports/import.service.ts': 21,
  'modules/imports/readers.ts': 16,
  'modules/imports/zip.ts': 3,
  'modules/layers/layer.service.ts': 20,
  'modules/ogc/ogc.crs.ts': 1,
  'modules/ogc/ogc.filter.ts': 5,
  'modules/ogc/ogc.params.ts': 9,
  'modules/ogc/ogc.route.ts': 2,
  'modules/ogc/ogc.service.ts': 5,
  'modules/ogc/ogc.write.ts': 4,
  'modules/print/print.queue.ts': 1,
  'modules/print/print.service.ts': 3,
  'modules/rasters/raster.geotiff.ts': 2,
  'modules/rasters/raster.route.ts': 1,
  'modules/public/public.route.ts': 1,
  'modules/public/public.service.ts': 2,
  'modules/rasters/raster.pdf.ts': 6,
  'modules/rasters/raster.service.ts': 24,
  'security/cost.ts': 1,
  'security/input.ts': 1,
  'security/timeout.ts': 1,
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

test('no server file makes more (or fewer) raw-text errors than the shrinking list allows', () => {
  const found: Record<string, number> = {};
  for (const file of sourceFiles(__dirname)) {
    const n = fs.readFileSync(file, 'utf8').match(RAW_TEXT_ERROR)?.length ?? 0;
    if (n) found[path.relative(__dirname, file).split(path.sep).join('/')] = n;
  }
  expect(found).toEqual(RAW_TEXT_ERRORS_LEFT);
});

test('every catalogued error has Japanese text (kana or kanji) and English text', () => {
  const untranslated = Object.entries(ERROR_CATALOGUE)
    .filter(([, entry]) => !/[\u3040-\u30ff\u4e00-\u9fff]/.test(entry.ja) || !entry.en.trim())
    .map(([key]) => key);
  expect(untranslated).toEqual([]);
});

test('a catalogued error carries its code, reason and params, and its message is "ja (en)"', () => {
  const err = appError('staleVersion', { expected: 3, current: 4 }, { field: 'expectedVersion' });
  expect(err.extensions).toEqual({ code: 'CONFLICT', reason: 'staleVersion', params: { expected: 3, current: 4 }, field: 'expectedVersion' });
  expect(err.message).toBe(`${errorText('staleVersion', 'ja', { expected: 3, current: 4 })} (${errorText('staleVersion', 'en', { expected: 3, current: 4 })})`);
  expect(err.message).toMatch(/他のユーザーが先に更新しました.*you edited version 3, the stored version is 4/);
  expect(isErrorKey('staleVersion' satisfies ErrorKey)).toBe(true);
  expect(isErrorKey('PRINT_TIMEOUT')).toBe(false);
});
