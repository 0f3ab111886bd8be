import fs from 'node:fs';
import proj4 from 'proj4';
import sharp from 'sharp';
import { ControlPoint, Fit } from '../../domain/georef';
import { planeProjDef } from '../../domain/planeZones';

/**
 * Warps a placed sheet to Web Mercator PNG tiles, bounded in memory:
 * - the image is decoded once (libvips, streaming) to an uncompressed file next to the original (libvips'
 *   own format: a 64-byte header, then the RGB pixels row by row). Not sharp's raw *stream*: sharp
 *   collects a stream's whole output in memory first (400 MB for a 13k × 10k sheet); a file is written
 *   as it is decoded (peak ~90 MB);
 * - tiles of the highest zoom are made row by row, reading only the image rows a tile row needs;
 * - each lower zoom is built from its four children halved (a box filter), flushed as soon as both
 *   child rows are done, so only about two rows of tiles per zoom are held at once.
 * Pixels map tile → lon/lat → plane (proj4) → image (the fit's inverse) on a 16 px grid and
 * bilinearly in between; the image is sampled bilinearly. Outside the sheet (or its 図郭 when
 * placed by corners) the tile is transparent.
 */

// libvips' operation cache would keep decoded sheets around after placing: memory is what we bound here.
sharp.cache(false);

export const TILE_SIZE = 256;
const GRID = 16;
const WORLD = 2 * Math.PI * 6378137;

export interface WarpInput {
  /** The original file (PNG, JPEG, TIFF). */
  file: string;
  width: number;
  height: number;
  fit: Fit;
  planeSrid: number;
  /** Pixel polygon to keep (the 図郭 corners); null: the whole image. */
  clip: Array<[number, number]> | null;
  maxPixels: number;
}

/** Where the RGB pixels of the decoded file start (decodeToRaw). */
export interface RawImage { file: string; offset: number }

export interface WarpTile { z: number; x: number; y: number; png: Buffer }

export interface WarpResult {
  minZoom: number;
  maxZoom: number;
  tiles: number;
  /** GeoJSON Polygon (WGS84) of the kept area. */
  outline: { type: 'Polygon'; coordinates: number[][][] };
}

const lonToX = (lon: number, z: number) => ((lon + 180) / 360) * 2 ** z;
const latToY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z;
};
const xToLon = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
const yToLat = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

/** Points along the kept area's boundary in pixels (edges sampled, so a bent fit is followed). */
function boundaryPixels(input: Pick<WarpInput, 'width' | 'height' | 'clip'>): Array<[number, number]> {
  const corners = input.clip ?? [[0, 0], [input.width, 0], [input.width, input.height], [0, input.height]];
  const out: Array<[number, number]> = [];
  corners.forEach(([c0, r0], i) => {
    const [c1, r1] = corners[(i + 1) % corners.length];
    for (let k = 0; k < 8; k++) out.push([c0 + ((c1 - c0) * k) / 8, r0 + ((r1 - r0) * k) / 8]);
  });
  return out;
}

/** Highest zoom worth making: the first whose pixels are no finer than half the image's ground pixels; at most 21. */
export function zoomsFor(fit: Fit, width: number, height: number, lat: number): { minZoom: number; maxZoom: number } {
  const [x0, y0] = fit.forward(width / 2, height / 2);
  const [x1, y1] = fit.forward(width / 2 + 1, height / 2);
  const groundPx = Math.hypot(x1 - x0, y1 - y0);
  const atZoom = (z: number) => (WORLD * Math.cos((lat * Math.PI) / 180)) / (TILE_SIZE * 2 ** z);
  let maxZoom = 0;
  while (maxZoom < 21 && atZoom(maxZoom) > groundPx * 2) maxZoom++;
  return { minZoom: Math.max(0, maxZoom - 7), maxZoom };
}

/** Is (c, r) inside the convex polygon (either winding)? */
function insideConvex(poly: Array<[number, number]>, c: number, r: number): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i];
    const [bx, by] = poly[(i + 1) % poly.length];
    const cross = (bx - ax) * (r - ay) - (by - ay) * (c - ax);
    if (cross !== 0) {
      const s = Math.sign(cross);
      if (sign && s !== sign) return false;
      sign = s;
    }
  }
  return true;
}

/** The size of a libvips image file's header: its pixels follow. */
const VIPS_HEADER_BYTES = 64;

/**
 * Decodes the image to RGB on disk as a libvips ".v" file (written as it is decoded: memory stays
 * small) and checks its header: width, height, 3 bands of 8 bits. vipsFile must end in ".v".
 */
export async function decodeToRaw(file: string, vipsFile: string, maxPixels: number): Promise<RawImage> {
  const info = await sharp(file, { limitInputPixels: maxPixels, failOn: 'error', sequentialRead: true }).removeAlpha().toColourspace('srgb').toFile(vipsFile);
  const head = Buffer.alloc(VIPS_HEADER_BYTES);
  const fd = fs.openSync(vipsFile, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  // Magic (either byte order), width, height, bands, then the band format (0 = unsigned char) at byte 20.
  const le = head.readUInt32LE(0) === 0x08f2a6b6;
  const int = (at: number) => (le ? head.readInt32LE(at) : head.readInt32BE(at));
  if (!(le || head.readUInt32BE(0) === 0x08f2a6b6) || int(4) !== info.width || int(8) !== info.height || int(12) !== 3 || int(20) !== 0) {
    throw new Error(`unexpected decoded image header in ${vipsFile}`);
  }
  return { file: vipsFile, offset: VIPS_HEADER_BYTES };
}

/**
 * Decodes every pixel once without keeping them (a truncated or damaged file fails here), into a
 * scratch file that is removed again: the bounded-memory way to decode with libvips.
 */
export async function checkDecodes(file: string, maxPixels: number): Promise<void> {
  const scratch = `${file}.check.v`;
  try {
    await sharp(file, { limitInputPixels: maxPixels, failOn: 'error', sequentialRead: true }).toFile(scratch);
  } finally {
    fs.rmSync(scratch, { force: true });
  }
}

export async function warpToTiles(input: WarpInput, raw: RawImage, emit: (tiles: WarpTile[]) => Promise<void>,
  progress: (done: number) => Promise<void>): Promise<WarpResult> {
  const { width, height, fit } = input;
  const toPlane = proj4('EPSG:4326', planeProjDef(input.planeSrid));
  const lonLatToPixel = (lon: number, lat: number): [number, number] => {
    const [easting, northing] = toPlane.forward([lon, lat]);
    return fit.inverse(northing, easting);
  };
  const pixelToLonLat = (c: number, r: number): [number, number] => {
    const [x, y] = fit.forward(c, r);
    return toPlane.inverse([y, x]) as [number, number];
  };
  const boundary = boundaryPixels(input).map(([c, r]) => pixelToLonLat(c, r));
  const ring = [...boundary, boundary[0]];
  const lons = boundary.map((p) => p[0]), lats = boundary.map((p) => p[1]);
  const bbox = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  const { minZoom, maxZoom } = zoomsFor(fit, width, height, (bbox[1] + bbox[3]) / 2);
  const range = (z: number) => ({
    x0: Math.floor(lonToX(bbox[0], z)), x1: Math.floor(lonToX(bbox[2], z)),
    y0: Math.floor(latToY(bbox[3], z)), y1: Math.floor(latToY(bbox[1], z)),
  });
  const clip = input.clip;
  const fd = fs.openSync(raw.file, 'r');
  const rowBytes = width * 3;
  let tileCount = 0;
  const pending: WarpTile[] = [];
  const flushPending = async (force = false) => {
    if (pending.length >= 16 || (force && pending.length)) await emit(pending.splice(0));
  };
  const encode = async (z: number, x: number, y: number, rgba: Buffer) => {
    const png = await sharp(rgba, { raw: { width: TILE_SIZE, height: TILE_SIZE, channels: 4 } }).png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
    pending.push({ z, x, y, png });
    tileCount++;
    await flushPending();
  };
  // Halved children waiting for their parent, per zoom: key "x/y" of the parent → four quadrants.
  const quadrants = new Map<number, Map<string, Array<Buffer | undefined>>>();
  const addTile = async (z: number, x: number, y: number, rgba: Buffer | null) => {
    if (!rgba) return;
    await encode(z, x, y, rgba);
    if (z === minZoom) return;
    const half = halve(rgba);
    const key = `${x >> 1}/${y >> 1}`;
    const level = quadrants.get(z - 1) ?? new Map();
    quadrants.set(z - 1, level);
    const q = level.get(key) ?? [undefined, undefined, undefined, undefined];
    q[(y & 1) * 2 + (x & 1)] = half;
    level.set(key, q);
  };
  const finishRow = async (z: number, y: number): Promise<void> => {
    if (z === minZoom) return;
    if (y % 2 === 0 && y !== range(z).y1) return; // the parent row needs the next child row too
    const py = y >> 1;
    const level = quadrants.get(z - 1) ?? new Map<string, Array<Buffer | undefined>>();
    const r = range(z - 1);
    for (let px = r.x0; px <= r.x1; px++) {
      const q = level.get(`${px}/${py}`);
      if (!q) continue;
      level.delete(`${px}/${py}`);
      await addTile(z - 1, px, py, assemble(q));
    }
    await finishRow(z - 1, py);
  };

  try {
    const r = range(maxZoom);
    const rows = r.y1 - r.y0 + 1;
    for (let ty = r.y0; ty <= r.y1; ty++) {
      // Image rows this tile row can touch: the row's outline mapped back, with a margin for bilinear sampling.
      let rMin = Infinity, rMax = -Infinity;
      for (let k = 0; k <= 16; k++) {
        const gx = r.x0 + ((r.x1 + 1 - r.x0) * k) / 16;
        for (const gy of [ty, ty + 1]) {
          const [, row] = lonLatToPixel(xToLon(gx, maxZoom), yToLat(gy, maxZoom));
          rMin = Math.min(rMin, row); rMax = Math.max(rMax, row);
        }
      }
      for (let k = 0; k <= 16; k++) {
        for (const gx of [r.x0, r.x1 + 1]) {
          const [, row] = lonLatToPixel(xToLon(gx, maxZoom), yToLat(ty + k / 16, maxZoom));
          rMin = Math.min(rMin, row); rMax = Math.max(rMax, row);
        }
      }
      const row0 = Math.max(0, Math.floor(rMin) - 2), row1 = Math.min(height, Math.ceil(rMax) + 2);
      const band = row1 > row0 ? Buffer.allocUnsafe((row1 - row0) * rowBytes) : Buffer.alloc(0);
      if (band.length) fs.readSync(fd, band, 0, band.length, raw.offset + row0 * rowBytes);
      for (let tx = r.x0; tx <= r.x1; tx++) {
        const rgba = band.length ? renderTile(maxZoom, tx, ty) : null;
        await addTile(maxZoom, tx, ty, rgba);
      }
      await finishRow(maxZoom, ty);
      await progress((ty - r.y0 + 1) / rows);

      function renderTile(z: number, tx: number, tyy: number): Buffer | null {
        // Image position of every GRID-th tile pixel.
        const n = TILE_SIZE / GRID + 1;
        const gc = new Float64Array(n * n), gr = new Float64Array(n * n);
        for (let j = 0; j < n; j++) {
          for (let i = 0; i < n; i++) {
            const [c, rr] = lonLatToPixel(xToLon(tx + (i * GRID) / TILE_SIZE, z), yToLat(tyy + (j * GRID) / TILE_SIZE, z));
            gc[j * n + i] = c; gr[j * n + i] = rr;
          }
        }
        const out = Buffer.alloc(TILE_SIZE * TILE_SIZE * 4);
        let any = false;
        for (let py = 0; py < TILE_SIZE; py++) {
          const j = Math.min(n - 2, Math.floor(py / GRID)), fy = (py + 0.5 - j * GRID) / GRID;
          for (let px = 0; px < TILE_SIZE; px++) {
            const i = Math.min(n - 2, Math.floor(px / GRID)), fx = (px + 0.5 - i * GRID) / GRID;
            const a = j * n + i;
            const c = (gc[a] * (1 - fx) + gc[a + 1] * fx) * (1 - fy) + (gc[a + n] * (1 - fx) + gc[a + n + 1] * fx) * fy;
            const rr = (gr[a] * (1 - fx) + gr[a + 1] * fx) * (1 - fy) + (gr[a + n] * (1 - fx) + gr[a + n + 1] * fx) * fy;
            if (c < 0 || rr < 0 || c >= width || rr >= height) continue;
            if (clip && !insideConvex(clip, c, rr)) continue;
            // Bilinear between pixel centres.
            const sc = Math.min(width - 1, Math.max(0, c - 0.5)), sr = Math.min(height - 1, Math.max(row0, Math.min(row1 - 1, rr - 0.5)));
            const c0 = Math.floor(sc), r0 = Math.floor(sr);
            const c1 = Math.min(width - 1, c0 + 1), r1 = Math.min(row1 - 1, r0 + 1);
            const wc = sc - c0, wr = sr - r0;
            const o = (py * TILE_SIZE + px) * 4;
            const p00 = (r0 - row0) * rowBytes + c0 * 3, p01 = (r0 - row0) * rowBytes + c1 * 3;
            const p10 = (r1 - row0) * rowBytes + c0 * 3, p11 = (r1 - row0) * rowBytes + c1 * 3;
            for (let ch = 0; ch < 3; ch++) {
              out[o + ch] = (band[p00 + ch] * (1 - wc) + band[p01 + ch] * wc) * (1 - wr) + (band[p10 + ch] * (1 - wc) + band[p11 + ch] * wc) * wr + 0.5;
            }
            out[o + 3] = 255;
            any = true;
          }
        }
        return any ? out : null;
      }
    }
    await flushPending(true);
  } finally {
    fs.closeSync(fd);
  }
  return { minZoom, maxZoom, tiles: tileCount, outline: { type: 'Polygon', coordinates: [ring] } };
}

/** A tile halved to a quadrant (128×128, average of 2×2, alpha-weighted so edges do not darken). */
function halve(rgba: Buffer): Buffer {
  const h = TILE_SIZE / 2;
  const out = Buffer.alloc(h * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < h; x++) {
      let a = 0; const sum = [0, 0, 0];
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        const o = ((2 * y + dy) * TILE_SIZE + 2 * x + dx) * 4;
        const w = rgba[o + 3];
        a += w;
        for (let ch = 0; ch < 3; ch++) sum[ch] += rgba[o + ch] * w;
      }
      const o = (y * h + x) * 4;
      if (a) for (let ch = 0; ch < 3; ch++) out[o + ch] = Math.round(sum[ch] / a);
      out[o + 3] = Math.round(a / 4);
    }
  }
  return out;
}

/** Four quadrants (top-left, top-right, bottom-left, bottom-right) into one tile; null when all are empty. */
function assemble(q: Array<Buffer | undefined>): Buffer | null {
  if (!q.some(Boolean)) return null;
  const h = TILE_SIZE / 2;
  const out = Buffer.alloc(TILE_SIZE * TILE_SIZE * 4);
  let any = false;
  q.forEach((part, i) => {
    if (!part) return;
    const ox = (i % 2) * h, oy = Math.floor(i / 2) * h;
    for (let y = 0; y < h; y++) part.copy(out, ((oy + y) * TILE_SIZE + ox) * 4, y * h * 4, (y + 1) * h * 4);
    for (let k = 3; k < part.length && !any; k += 4) if (part[k]) any = true;
  });
  return any ? out : null;
}

/** The polygon of a placement by 図郭 corners, in pixels (null for other methods: the whole image). */
export function clipOf(method: string, points: ControlPoint[]): Array<[number, number]> | null {
  if (method !== 'CORNERS' || points.length !== 4) return null;
  // Corners in any click order: sorted round their centre so the polygon does not cross itself.
  const cc = points.reduce((a, p) => a + p.col, 0) / 4, cr = points.reduce((a, p) => a + p.row, 0) / 4;
  return points.map((p) => [p.col, p.row] as [number, number]).sort((a, b) => Math.atan2(a[1] - cr, a[0] - cc) - Math.atan2(b[1] - cr, b[0] - cc));
}
