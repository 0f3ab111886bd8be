import zlib from 'node:zlib';
import { TileCache, tileEncoding } from './tile.cache';

const tile = (n: number, size = 1000) => async () => Buffer.alloc(size, n);

describe('TileCache', () => {
  test('keeps at most maxBytes, dropping the least recently used tile first', async () => {
    const cache = new TileCache(3500);
    for (const t of ['a', 'b', 'c']) await cache.get('lights', '1', t, 'identity', tile(1));
    await cache.get('lights', '1', 'a', 'identity', tile(1)); // a is used again: b is now the oldest
    await cache.get('lights', '1', 'd', 'identity', tile(1));
    expect(cache.size.bytes).toBeLessThanOrEqual(3500);
    expect((await cache.get('lights', '1', 'a', 'identity', tile(9))).hit).toBe(true);
    expect((await cache.get('lights', '1', 'b', 'identity', tile(9))).hit).toBe(false);
  });

  test('a new data version of a layer drops its older tiles, and never returns them', async () => {
    const cache = new TileCache(1_000_000);
    await cache.get('lights', '1', 'a', 'identity', tile(1));
    await cache.get('mirrors', '1', 'a', 'identity', tile(2));
    const fresh = await cache.get('lights', '2', 'a', 'identity', tile(3));
    expect(fresh).toMatchObject({ hit: false });
    expect(fresh.body[0]).toBe(3);
    expect(cache.size.entries).toBe(2);
    expect((await cache.get('mirrors', '1', 'a', 'identity', tile(9))).hit).toBe(true);
  });

  test('gzip and br bodies are the compressed tile', async () => {
    const cache = new TileCache(1_000_000);
    const gz = await cache.get('l', '1', 'a', 'gzip', tile(7));
    expect(zlib.gunzipSync(gz.body)).toEqual(Buffer.alloc(1000, 7));
    const br = await cache.get('l', '1', 'a', 'br', tile(0));
    expect(br.hit).toBe(true);
    expect(zlib.brotliDecompressSync(br.body)).toEqual(Buffer.alloc(1000, 7));
  });

  test('a cache of compressed bodies (PNG tiles) keeps only the body, counts it once and sends it as it is', async () => {
    const cache = new TileCache(1_000_000, false);
    const first = await cache.get('scans', '1', 'a', 'gzip', tile(5));
    expect(first.body).toEqual(Buffer.alloc(1000, 5));
    expect(cache.size.bytes).toBeLessThan(1100);
    expect(await cache.get('scans', '1', 'a', 'br', tile(0))).toEqual({ body: Buffer.alloc(1000, 5), hit: true });
  });

  test('Accept-Encoding: br when asked, else gzip, else none; q=0 refuses', () => {
    expect(tileEncoding('gzip, deflate, br')).toBe('br');
    expect(tileEncoding('gzip, deflate')).toBe('gzip');
    expect(tileEncoding('br;q=0, gzip')).toBe('gzip');
    expect(tileEncoding(undefined)).toBe('identity');
    expect(tileEncoding('identity')).toBe('identity');
  });
});
