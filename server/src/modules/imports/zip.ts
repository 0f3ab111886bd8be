import fs from 'node:fs';
import path from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
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

export interface ZipEntry { name: string; size: number; originalSize: number }

const unreadable = (why: string) => badInput(`ZIPファイルを読めません (not a readable zip: ${why})`, { field: 'file', reason: 'zip' });
const bomb = (name: string) => badInput(`ZIPの展開後の大きさが上限を超えます。圧縮爆弾の可能性があります (the zip unpacks to too much: ${name})`,
  { field: 'file', reason: 'zipBomb' });

/**
 * The zip's central directory, read from the end of the file (a few kilobytes, not the file), with
 * every entry's name and declared sizes checked: unsafe names and zip bombs are refused before
 * anything is unpacked.
 */
export function checkZip(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailSize = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(tailSize);
    fs.readSync(fd, tail, 0, tailSize, size - tailSize);
    let eocd = -1;
    for (let i = tailSize - 22; i >= 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
    if (eocd < 0) throw unreadable('no end of central directory');
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset === 0xffffffff || dirOffset + dirSize > size) throw unreadable('zip64 or damaged central directory');
    const dir = Buffer.alloc(dirSize);
    fs.readSync(fd, dir, 0, dirSize, dirOffset);
    const entries: ZipEntry[] = [];
    let total = 0;
    for (let p = 0, n = 0; n < count; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) throw unreadable('damaged central directory');
      const compressed = dir.readUInt32LE(p + 20);
      const original = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const utf8 = (dir.readUInt16LE(p + 8) & 0x800) !== 0;
      const name = dir.subarray(p + 46, p + 46 + nameLength).toString(utf8 ? 'utf8' : 'latin1');
      p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
      if (unsafeEntryName(name)) throw badInput(`ZIP内のファイル名「${name}」は使えません (unsafe path in the zip)`, { field: 'file', reason: 'zipPath' });
      if (original === 0xffffffff) throw bomb(name);
      total += original;
      if (total > limits.maxTotalBytes || original > Math.max(1024 * 1024, compressed * limits.maxRatio)) throw bomb(name);
      if (!name.endsWith('/')) entries.push({ name, size: compressed, originalSize: original });
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Unpacks the entries `wanted` picks into dir (flat, by base name), streaming from disk to disk.
 * An entry that unpacks past its declared size stops the unpacking (a lying zip bomb).
 */
export async function unzipToDir(file: string, dir: string, wanted: (name: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Map<string, string>> {
  const declared = new Map(checkZip(file, limits).map((e) => [e.name, e.originalSize]));
  const written = new Map<string, string>();
  let failure: Error | null = null;
  const unzip = new Unzip((entry) => {
    if (!wanted(entry.name) || !declared.has(entry.name)) return;
    const target = path.join(dir, path.basename(entry.name));
    const fd = fs.openSync(target, 'w');
    let bytes = 0;
    written.set(entry.name, target);
    entry.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) { failure = unreadable(err.message); return; }
      bytes += chunk.length;
      if (bytes > declared.get(entry.name)!) { failure = bomb(entry.name); return; }
      fs.writeSync(fd, chunk);
      if (final) fs.closeSync(fd);
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
      unzip.push(chunk as Uint8Array);
      if (failure) throw failure;
    }
    unzip.push(new Uint8Array(0), true);
  } catch (err) {
    if ((err as { extensions?: unknown }).extensions) throw err;
    throw unreadable((err as Error).message);
  }
  if (failure) throw failure;
  return written;
}
