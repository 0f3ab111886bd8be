// Scale and zoom for printed sheets. Pure arithmetic, no map: a sheet at 1/1,000 must measure 1 mm on
// paper for every metre on the ground, so everything derives from the scale. Papers and the scales
// a sheet may use are the server's (#domain/sheets).
import { ROUTE_SCALES } from '#domain/sheets';

/** CSS pixels are 1/96 inch, which is what Chromium prints them as. */
export const CSS_PX_PER_MM = 96 / 25.4;
/** Earth circumference used by Web Mercator (MapLibre), metres. */
const EQUATOR_M = 40075016.686;
/** MapLibre's zoom levels are defined on 512-pixel tiles. */
const TILE_SIZE = 512;

/** Ground metres shown by one CSS pixel of paper at a scale 1/denominator. */
export function metresPerCssPixel(denominator: number): number {
  return (denominator * 0.0254) / 96;
}

/** The MapLibre zoom at which the map is drawn at 1/denominator on paper at a latitude. */
export function zoomForScale(denominator: number, lat: number): number {
  const metresPerPixel = metresPerCssPixel(denominator);
  return Math.log2((EQUATOR_M * Math.cos((lat * Math.PI) / 180)) / (TILE_SIZE * metresPerPixel));
}

/** The scale denominator of the map at a zoom and latitude (the inverse of zoomForScale). */
export function scaleAtZoom(zoom: number, lat: number): number {
  const metresPerPixel = (EQUATOR_M * Math.cos((lat * Math.PI) / 180)) / (TILE_SIZE * 2 ** zoom);
  return (metresPerPixel * 96) / 0.0254;
}

export interface ScaleBar {
  /** Ground length the bar stands for. */
  metres: number;
  /** Its length on paper. */
  mm: number;
  /** Alternating black and white parts. */
  parts: number;
}

/** The longest round bar (1, 2 or 5 × 10ⁿ metres) not longer than maxMm on paper. */
export function scaleBar(denominator: number, maxMm = 50): ScaleBar {
  const maxMetres = (maxMm * denominator) / 1000;
  let magnitude = 10 ** Math.floor(Math.log10(maxMetres));
  let lead = [5, 2, 1].find((d) => d * magnitude <= maxMetres + 1e-9);
  if (lead === undefined) {
    magnitude /= 10;
    lead = 5;
  }
  const metres = lead * magnitude;
  return { metres, mm: (metres * 1000) / denominator, parts: lead === 2 ? 4 : 5 };
}

/** "1/1,000": the way the city's sheets state a scale, in either language. */
export function formatScale(denominator: number): string {
  return `1/${Math.round(denominator).toLocaleString('en-US')}`;
}

/**
 * The largest scale (smallest denominator) at which a box of widthM × heightM ground metres fits
 * into the map frame with a margin on each side; the smallest scale of the list when none does.
 */
export function fittingScale(widthM: number, heightM: number, frame: { width: number; height: number }, scales: readonly number[] = ROUTE_SCALES, marginMm = 10): number {
  const usable = { width: frame.width - 2 * marginMm, height: frame.height - 2 * marginMm };
  for (const s of scales) {
    if ((widthM * 1000) / s <= usable.width && (heightM * 1000) / s <= usable.height) return s;
  }
  return scales[scales.length - 1];
}
