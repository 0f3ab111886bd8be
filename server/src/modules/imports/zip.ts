import { unzipSync } from 'fflate';
import { badInput } from '../../errors';

export interface ZipLimits {
  /** Most bytes all entries may unpack to. */
  maxTotalBytes: number;
  /** Most an entry may grow on unpacking (a zip bomb grows a thousandfold and more). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 1024 * 1024 * 1024, maxRatio: 200 };

/** A name that would leave the folder it is unpacked into, or names a device or an absolute path. */
export function unsafeEntryName(name: string): boolean {
  const parts = name.replace(/\\/g, '/').split('/');
  return name.startsWith('/') || /^[a-zA-Z]:/.test(name) || parts.includes('..') || name.includes('\0');
}

/**
 * Unpacks a zip in memory after checking every entry's name and declared size; fflate allocates
 * the declared size, so an entry cannot unpack past it.
 */
export function safeUnzip(data: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, Uint8Array> {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter(file) {
        if (unsafeEntryName(file.name)) {
          throw badInput(`ZIP内のファイル名「${file.name}」は使えません (unsafe path in the zip)`, { field: 'file', reason: 'zipPath' });
        }
        total += file.originalSize;
        if (total > limits.maxTotalBytes || file.originalSize > Math.max(1024 * 1024, file.size * limits.maxRatio)) {
          throw badInput(`ZIPの展開後の大きさが上限を超えます。圧縮爆弾の可能性があります (the zip unpacks to too much: ${file.name})`,
            { field: 'file', reason: 'zipBomb' });
        }
        return !file.name.endsWith('/');
      },
    });
  } catch (err) {
    if ((err as { extensions?: unknown }).extensions) throw err;
    throw badInput(`ZIPファイルを読めません (not a readable zip: ${(err as Error).message})`, { field: 'file', reason: 'zip' });
  }
  return new Map(Object.entries(files));
}
