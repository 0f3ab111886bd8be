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
