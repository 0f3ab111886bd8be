import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { badInput } from '../../errors';

/**
 * One page of a PDF rendered to PNG by poppler's pdfinfo/pdftoppm (Debian's poppler-utils), run as
 * child processes: nothing is downloaded, a malformed PDF cannot take the server down, and the page's
 * size is read before rendering so that a page too large at the chosen dpi is refused first.
 */

const run = promisify(execFile);

export const PDF_DPI_DEFAULT = 200;
export const PDF_DPI_MAX = 600;

/** Does the file start like a PDF ("%PDF-" within its first bytes, as readers accept)? */
export function isPdf(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).includes('%PDF-');
  } finally {
    fs.closeSync(fd);
  }
}

export interface PdfPageRequest { page: number; dpi: number }

/** page and dpi as sent (query strings); absent means page 1 at PDF_DPI_DEFAULT. */
export function parsePdfRequest(page: string | undefined, dpi: string | undefined): PdfPageRequest | null {
  if (page === undefined && dpi === undefined) return null;
  const p = page === undefined ? 1 : Number(page);
  const d = dpi === undefined ? PDF_DPI_DEFAULT : Number(dpi);
  if (!Number.isInteger(p) || p < 1) throw badInput('ページ番号は 1 以上の整数です (page must be a whole number from 1)', { field: 'page' });
  if (!Number.isInteger(d) || d < 50 || d > PDF_DPI_MAX) {
    throw badInput(`解像度は 50〜${PDF_DPI_MAX} dpi で指定してください (dpi must be a whole number from 50 to ${PDF_DPI_MAX})`, { field: 'dpi' });
  }
  return { page: p, dpi: d };
}

/** Pages of the PDF and the asked page's size in points; BAD_USER_INPUT when poppler cannot read it. */
async function pdfInfo(file: string, page: number): Promise<{ pages: number; widthPt: number; heightPt: number }> {
  const info = async (args: string[]) => {
    try {
      return (await run('pdfinfo', [...args, file], { timeout: 30_000 })).stdout;
    } catch {
      throw badInput('PDF として読めません (the file cannot be read as a PDF)', { field: 'file' });
    }
  };
  // The page count first: pdfinfo fails outright when asked about a page beyond the last.
  const pages = Number(/^Pages:\s+(\d+)/m.exec(await info([]))?.[1] ?? 0);
  if (page > pages) return { pages, widthPt: 0, heightPt: 0 };
  const out = await info(['-f', String(page), '-l', String(page)]);
  const size = /^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)/m.exec(out);
  // "Page N rot: 90" turns the page: its rendered width is the stated height.
  const rot = Number(/^Page\s+\d+\s+rot:\s+(\d+)/m.exec(out)?.[1] ?? 0);
  const [w, h] = size ? [Number(size[1]), Number(size[2])] : [0, 0];
  return { pages, ...(rot % 180 === 90 ? { widthPt: h, heightPt: w } : { widthPt: w, heightPt: h }) };
}

/**
 * Renders `page` of `pdf` at `dpi` to `png`. Refuses a page the PDF does not have and a rendering
 * larger than maxPixels (checked from the page size, before rendering).
 */
export async function renderPdfPage(pdf: string, png: string, req: PdfPageRequest, maxPixels: number): Promise<void> {
  const info = await pdfInfo(pdf, req.page);
  if (req.page > info.pages || !info.widthPt) {
    throw badInput(`PDF に ${req.page} ページ目はありません（${info.pages} ページ） (the PDF has no page ${req.page}; it has ${info.pages})`,
      { field: 'page', page: req.page, pages: info.pages });
  }
  const width = Math.ceil((info.widthPt / 72) * req.dpi), height = Math.ceil((info.heightPt / 72) * req.dpi);
  if (width * height > maxPixels) {
    throw badInput(`${req.dpi} dpi では画像が大きすぎます（${width}×${height} ピクセル、上限 ${maxPixels / 1e6} メガピクセル）。解像度を下げてください (at ${req.dpi} dpi the page is ${width}×${height} px, more than ${maxPixels / 1e6} megapixels: choose a lower dpi)`,
      { field: 'dpi', width, height });
  }
  const prefix = png.replace(/\.png$/, '');
  try {
    await run('pdftoppm', ['-png', '-r', String(req.dpi), '-f', String(req.page), '-l', String(req.page), '-singlefile', pdf, prefix],
      { timeout: 300_000, maxBuffer: 1024 * 1024 });
  } catch {
    fs.rmSync(`${prefix}.png`, { force: true });
    throw badInput('PDF のページを画像にできませんでした (the PDF page could not be rendered)', { field: 'file' });
  }
}
