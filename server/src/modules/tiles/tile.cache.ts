import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export type TileEncoding = 'br' | 'gzip' | 'identity';

/** One tile as served: the raw MVT, its gzip (made once when cached) and br (made on the first ask). */
interface Entry { raw: Buffer; gzip: Buffer; br?: Buffer; bytes: number }

/**
 * Tiles in memory, least recently used out first, at most `maxBytes` in all. The key holds the
 * layer's data version (bumped by every edit) and its tile schema fingerprint, so an edit can never
 * serve a stale tile: the next request asks for a key that is not there. Older versions of a layer
 * are dropped as soon as a newer one is cached.
 */
export class TileCache {
  private readonly entries = new Map<string, Entry>();
  private readonly versionOf = new Map<string, string>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  /** compress: false for bodies that are compressed already (PNG raster tiles): no gzip kept, identity only. */
  constructor(readonly maxBytes: number, private readonly compress = true) {}

  /** The tile in the asked encoding (and whether it came from memory), computing and caching it on a miss. */
  async get(layer: string, version: string, tile: string, encoding: TileEncoding, make: () => Promise<Buffer>):
    Promise<{ body: Buffer; hit: boolean }> {
    const key = `${layer}\u0000${version}\u0000${tile}`;
    let entry = this.entries.get(key);
    const hit = !!entry;
    if (entry) {
      this.hits++;
      this.entries.delete(key); // re-insert: most recently used last
      this.entries.set(key, entry);
    } else {
      this.misses++;
      const raw = await make();
      entry = { raw, gzip: this.compress ? await gzip(raw, { level: 6 }) : raw, bytes: 0 };
      entry.bytes = entry.raw.length + (this.compress ? entry.gzip.length : 0) + key.length;
      this.put(layer, version, key, entry);
    }
    if (encoding === 'identity' || !this.compress) return { body: entry.raw, hit };
    if (encoding === 'gzip') return { body: entry.gzip, hit };
    if (!entry.br) {
      entry.br = await brotli(entry.raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
      if (this.entries.get(key) === entry) { entry.bytes += entry.br.length; this.bytes += entry.br.length; this.evict(); }
    }
    return { body: entry.br, hit };
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private put(layer: string, version: string, key: string, entry: Entry): void {
    if (this.maxBytes <= 0 || entry.bytes > this.maxBytes) return;
    if (this.versionOf.get(layer) !== version) {
      // A new data version: the layer's older tiles will never be asked for again.
      const prefix = `${layer}\u0000`;
      for (const [k, e] of this.entries) if (k.startsWith(prefix)) { this.entries.delete(k); this.bytes -= e.bytes; }
      this.versionOf.set(layer, version);
    }
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    this.evict();
  }

  private evict(): void {
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }
}

/** The encoding to send for an Accept-Encoding header: br only when asked, else gzip when accepted. */
export function tileEncoding(acceptEncoding: string | undefined): TileEncoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? accepted.get('*') ?? 0) > 0) return 'gzip';
  return 'identity';
}
