// Pixel comparison of two PNGs, decoded by the browser (no image library in the tests).
import type { Page } from 'playwright-core';

export interface ImageDifference {
  width: number;
  height: number;
  /** Pixels whose colour differs at all. */
  differing: number;
  /** Largest difference of one colour channel (0–255). */
  maxChannelDelta: number;
}

export async function comparePngs(page: Page, a: Buffer, b: Buffer): Promise<ImageDifference> {
  const toUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
  return page.evaluate(async ([urlA, urlB]) => {
    const load = (src: string) =>
      new Promise<HTMLImageElement>((resolve, reject) => {
        const img = new Image();
        img.onload = () => resolve(img);
        img.onerror = () => reject(new Error('not an image'));
        img.src = src;
      });
    const pixels = (img: HTMLImageElement) => {
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0);
      return context.getImageData(0, 0, canvas.width, canvas.height).data;
    };
    const [imgA, imgB] = await Promise.all([load(urlA), load(urlB)]);
    if (imgA.naturalWidth !== imgB.naturalWidth || imgA.naturalHeight !== imgB.naturalHeight) {
      return { width: imgA.naturalWidth, height: imgA.naturalHeight, differing: imgA.naturalWidth * imgA.naturalHeight, maxChannelDelta: 255 };
    }
    const [pa, pb] = [pixels(imgA), pixels(imgB)];
    let differing = 0;
    let maxChannelDelta = 0;
    for (let i = 0; i < pa.length; i += 4) {
      const d = Math.max(Math.abs(pa[i] - pb[i]), Math.abs(pa[i + 1] - pb[i + 1]), Math.abs(pa[i + 2] - pb[i + 2]), Math.abs(pa[i + 3] - pb[i + 3]));
      if (d > 0) differing++;
      if (d > maxChannelDelta) maxChannelDelta = d;
    }
    return { width: imgA.naturalWidth, height: imgA.naturalHeight, differing, maxChannelDelta };
  }, [toUrl(a), toUrl(b)] as const);
}

export interface ColourShares {
  /** Share of pixels that are not near-white paper (any channel below 240). */
  inked: number;
  /** Share of pixels within `tolerance` (per channel) of each named colour. */
  colours: Record<string, number>;
}

/** How much of a PNG is drawn on, and how much of it is in given colours (decoded by the browser). */
export async function colourShares(page: Page, png: Buffer, colours: Record<string, [number, number, number]>, tolerance = 12): Promise<ColourShares> {
  return page.evaluate(async ([url, wanted, tol]) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const total = data.length / 4;
    let inked = 0;
    const counts: Record<string, number> = Object.fromEntries(Object.keys(wanted).map((k) => [k, 0]));
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (r < 240 || g < 240 || b < 240) inked++;
      for (const [name, [cr, cg, cb]] of Object.entries(wanted)) {
        if (Math.abs(r - cr) <= tol && Math.abs(g - cg) <= tol && Math.abs(b - cb) <= tol) counts[name]++;
      }
    }
    return { inked: inked / total, colours: Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n / total])) };
  }, [`data:image/png;base64,${png.toString('base64')}`, colours, tolerance] as const);
}
