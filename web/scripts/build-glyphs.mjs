// Generates the label glyph PBFs under web/public/glyphs/{fontstack}/{start}-{end}.pbf.
//
// Why: on the closed network (LGWAN) the map may load nothing from another host, and MapLibre
// needs SDF glyph PBFs for every non-CJK character in a label (digits, Latin, punctuation).
// CJK is drawn in the browser (MapLibre's local ideograph rendering), so only a few ranges are
// needed. The glyphs are rasterised exactly as MapLibre's own local renderer does (TinySDF at
// 24 px, buffer 3, radius 8) in headless Debian Chromium, then encoded as glyphs.proto.
//
// The output is committed; rerun only to change the font or the ranges:
//   node web/scripts/build-glyphs.mjs
// Needs /usr/bin/chromium and the font (Debian: fonts-noto-cjk).
import { readFileSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Pbf from 'pbf';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const outRoot = join(here, '..', 'public', 'glyphs');

/** The font stack name used in the style's text-font; also the CSS family drawn with. */
export const FONT_STACK = 'Noto Sans CJK JP';

// Ranges (of 256 code points) that labels can need and that MapLibre does not draw locally:
// Basic Latin + Latin-1, Latin Extended-A, General Punctuation, Letterlike/Number forms/Arrows,
// Mathematical operators, Enclosed alphanumerics (①), Box drawing + Geometric shapes.
const RANGES = [0, 1, 32, 33, 34, 36, 37];
const FONT_SIZE = 24;
const BUFFER = 3;
// MapLibre aligns locally drawn glyphs with server glyphs using these offsets (GlyphManager).
const TOP_ADJUSTMENT = 27.5;
const LEFT_ADJUSTMENT = 0.5;

const tinySdfSource = readFileSync(require.resolve('@mapbox/tiny-sdf'), 'utf8')
  .replace('export default class TinySDF', 'window.TinySDF = class TinySDF');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html lang="ja"><body></body></html>');
  await page.addScriptTag({ content: tinySdfSource });
  rmSync(join(outRoot, FONT_STACK), { recursive: true, force: true });
  mkdirSync(join(outRoot, FONT_STACK), { recursive: true });
  for (const range of RANGES) {
    const start = range * 256;
    const end = start + 255;
    const glyphs = await page.evaluate(
      ({ start, end, fontFamily, fontSize, buffer }) => {
        const sdf = new window.TinySDF({ fontSize, buffer, radius: 8, cutoff: 0.25, fontFamily, lang: 'ja' });
        const out = [];
        for (let id = start; id <= end; id++) {
          const ch = String.fromCodePoint(id);
          // Control, surrogate and unassigned code points have nothing to draw.
          if (/\p{Cc}|\p{Cs}|\p{Cn}/u.test(ch)) continue;
          const g = sdf.draw(ch);
          out.push({
            id,
            bitmap: Array.from(g.data),
            width: g.glyphWidth,
            height: g.glyphHeight,
            left: g.glyphLeft,
            top: g.glyphTop,
            advance: g.glyphAdvance,
          });
        }
        return out;
      },
      { start, end, fontFamily: FONT_STACK, fontSize: FONT_SIZE, buffer: BUFFER },
    );
    const pbf = new Pbf();
    pbf.writeMessage(1, (_, p) => {
      p.writeStringField(1, FONT_STACK);
      p.writeStringField(2, `${start}-${end}`);
      for (const g of glyphs) {
        p.writeMessage(3, (_, q) => {
          q.writeVarintField(1, g.id);
          // Empty glyphs (space) carry no bitmap, as in fontnik output.
          if (g.width > 0 && g.height > 0) q.writeBytesField(2, Uint8Array.from(g.bitmap));
          q.writeVarintField(3, g.width);
          q.writeVarintField(4, g.height);
          q.writeSVarintField(5, Math.round(g.left + LEFT_ADJUSTMENT));
          q.writeSVarintField(6, Math.round(g.top - TOP_ADJUSTMENT));
          q.writeVarintField(7, Math.round(g.advance));
        });
      }
    });
    const file = join(outRoot, FONT_STACK, `${start}-${end}.pbf`);
    writeFileSync(file, pbf.finish());
    console.log(`${file}: ${glyphs.length} glyphs`);
  }
} finally {
  await browser.close();
}
