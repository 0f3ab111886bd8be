// Pages of a road ledger plan (道路台帳平面図): the route cut into paper-sized frames along its
// length, each frame north-up and centred on its stretch of road, neighbours overlapping at the
// point where one page ends (the match line). Pure arithmetic in a local metric plane: a city is
// small enough for an equirectangular projection around its centre (errors well under 0.1 %).
/** [longitude, latitude] in degrees. */
export type LonLat = [number, number];

export interface PlanPage {
  /** 1-based page number in route order. */
  number: number;
  centre: LonLat;
  /** The frame on the ground: a closed ring of lon/lat, north-up. */
  ring: LonLat[];
}

const M_PER_DEG_LAT = 110_950;

/** Points every `stepM` metres along the parts of a route, so no stretch between vertices is skipped. */
function densify(parts: LonLat[][], toXY: (p: LonLat) => [number, number], stepM: number): [number, number][] {
  const out: [number, number][] = [];
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const b = toXY(part[i]);
      if (i > 0) {
        const a = toXY(part[i - 1]);
        const n = Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / stepM);
        for (let k = 1; k < n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
      }
      out.push(b);
    }
  }
  return out;
}

/**
 * Frames of `frameM` ground metres (the map frame on paper × the scale) along the route, each
 * holding its stretch with `marginM` to spare on every side. At most `maxPages`; more throws.
 */
export function planPages(parts: LonLat[][], frameM: { width: number; height: number }, marginM: number, maxPages = 30): PlanPage[] {
  const all = parts.flat();
  if (all.length === 0) return [];
  const lat0 = all.reduce((s, p) => s + p[1], 0) / all.length;
  const lon0 = all.reduce((s, p) => s + p[0], 0) / all.length;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  const toXY = ([lon, lat]: LonLat): [number, number] => [(lon - lon0) * mPerDegLon, (lat - lat0) * M_PER_DEG_LAT];
  const toLonLat = ([x, y]: [number, number]): LonLat => [lon0 + x / mPerDegLon, lat0 + y / M_PER_DEG_LAT];
  const usable = { width: frameM.width - 2 * marginM, height: frameM.height - 2 * marginM };
  const points = densify(parts, toXY, Math.max(1, Math.min(usable.width, usable.height) / 20));

  const boxes: [number, number, number, number][] = [];
  let box: [number, number, number, number] | null = null;
  let last: [number, number] | null = null;
  for (const p of points) {
    const grown: [number, number, number, number] = box
      ? [Math.min(box[0], p[0]), Math.min(box[1], p[1]), Math.max(box[2], p[0]), Math.max(box[3], p[1])]
      : [p[0], p[1], p[0], p[1]];
    if (box && (grown[2] - grown[0] > usable.width || grown[3] - grown[1] > usable.height)) {
      boxes.push(box);
      if (boxes.length >= maxPages) throw new RangeError(`the route needs more than ${maxPages} pages at this scale`);
      // The next page starts where this one ended: the match line is on both.
      box = [Math.min(last![0], p[0]), Math.min(last![1], p[1]), Math.max(last![0], p[0]), Math.max(last![1], p[1])];
    } else {
      box = grown;
    }
    last = p;
  }
  boxes.push(box!);
  return boxes.map((b, i) => {
    const cx = (b[0] + b[2]) / 2;
    const cy = (b[1] + b[3]) / 2;
    const [hw, hh] = [frameM.width / 2, frameM.height / 2];
    const corners: [number, number][] = [[cx - hw, cy - hh], [cx + hw, cy - hh], [cx + hw, cy + hh], [cx - hw, cy + hh], [cx - hw, cy - hh]];
    return { number: i + 1, centre: toLonLat([cx, cy]), ring: corners.map(toLonLat) };
  });
}
