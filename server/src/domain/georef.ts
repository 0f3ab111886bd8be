// Georeferencing math for scanned sheets: fits from image pixels (col right, row down) to plane
// rectangular coordinates (X northing, Y easting, metres, surveyor order). Pure: the server places
// sheets with it and the web shows residuals live while points are clicked.

export type TransformKind = 'AFFINE' | 'PROJECTIVE' | 'POLYNOMIAL2';

export interface ControlPoint {
  col: number;
  row: number;
  /** Northing (m). */
  x: number;
  /** Easting (m). */
  y: number;
}

export interface Fit {
  kind: TransformKind;
  /** Pixel → plane [X, Y]. */
  forward(col: number, row: number): [number, number];
  /** Plane → pixel [col, row]. */
  inverse(x: number, y: number): [number, number];
  /** Distance in metres between each point's plane coordinates and where the fit puts its pixel. */
  residualsM: number[];
  rmsM: number;
}

/** A problem with the points themselves; the server turns it into BAD_USER_INPUT. */
export class GeorefError extends Error {
  readonly code = 'BAD_USER_INPUT';
}

/** Points each fit needs at least (unknowns per axis). */
export const MIN_POINTS: Record<TransformKind, number> = { AFFINE: 3, PROJECTIVE: 4, POLYNOMIAL2: 6 };

/** Solves the least-squares problem A·p ≈ b by the normal equations (Gaussian elimination, partial pivoting). */
function leastSquares(rows: number[][], b: number[]): number[] {
  const n = rows[0].length;
  const m: number[][] = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  rows.forEach((r, k) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) m[i][j] += r[i] * r[j];
      m[i][n] += r[i] * b[k];
    }
  });
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    if (Math.abs(m[pivot][c]) < 1e-10) {
      throw new GeorefError('基準点が一直線上にあるか重なっています。離れた点を選んでください (control points are collinear or repeated)');
    }
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** Centre and scale so that the normal equations stay well conditioned (pixels ~1e4, plane ~1e5, squares ~1e10). */
function normaliser(values: number[]): { c: number; s: number } {
  const c = values.reduce((a, v) => a + v, 0) / values.length;
  const s = Math.max(...values.map((v) => Math.abs(v - c))) || 1;
  return { c, s };
}

function checkPoints(kind: TransformKind, points: ControlPoint[]): void {
  const need = MIN_POINTS[kind];
  if (points.length < need) {
    throw new GeorefError(`${kind === 'AFFINE' ? 'アフィン' : kind === 'PROJECTIVE' ? '射影' : '2次多項式'}変換には基準点が${need}点以上必要です（${points.length}点） (${kind} needs at least ${need} control points, got ${points.length})`);
  }
  for (const p of points) {
    if (![p.col, p.row, p.x, p.y].every(Number.isFinite)) throw new GeorefError('基準点の座標が数値ではありません (control point coordinates must be numbers)');
  }
}

function finish(kind: TransformKind, points: ControlPoint[], forward: Fit['forward'], inverse: Fit['inverse']): Fit {
  const residualsM = points.map((p) => {
    const [x, y] = forward(p.col, p.row);
    return Math.hypot(x - p.x, y - p.y);
  });
  const rmsM = Math.sqrt(residualsM.reduce((a, r) => a + r * r, 0) / residualsM.length);
  return { kind, forward, inverse, residualsM, rmsM };
}

export function fitAffine(points: ControlPoint[]): Fit {
  checkPoints('AFFINE', points);
  const nc = normaliser(points.map((p) => p.col)), nr = normaliser(points.map((p) => p.row));
  const rows = points.map((p) => [1, (p.col - nc.c) / nc.s, (p.row - nr.c) / nr.s]);
  const a = leastSquares(rows, points.map((p) => p.x));
  const b = leastSquares(rows, points.map((p) => p.y));
  // In pixel units: x = a0 + a1·col + a2·row.
  const a1 = a[1] / nc.s, a2 = a[2] / nr.s, a0 = a[0] - a1 * nc.c - a2 * nr.c;
  const b1 = b[1] / nc.s, b2 = b[2] / nr.s, b0 = b[0] - b1 * nc.c - b2 * nr.c;
  const det = a1 * b2 - a2 * b1;
  return finish('AFFINE', points,
    (col, row) => [a0 + a1 * col + a2 * row, b0 + b1 * col + b2 * row],
    (x, y) => {
      const dx = x - a0, dy = y - b0;
      return [(b2 * dx - a2 * dy) / det, (a1 * dy - b1 * dx) / det];
    });
}

/** 3×3 homography H (row-major) with h8 = 1, in normalised coordinates. */
function applyHomography(h: number[], u: number, v: number): [number, number] {
  const w = h[6] * u + h[7] * v + 1;
  return [(h[0] * u + h[1] * v + h[2]) / w, (h[3] * u + h[4] * v + h[5]) / w];
}

function invert3(h: number[]): number[] {
  const [a, b, c, d, e, f, g, k, i] = [...h, 1];
  const A = e * i - f * k, B = -(d * i - f * g), C = d * k - e * g;
  const det = a * A + b * B + c * C;
  const inv = [A, -(b * i - c * k), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * k - b * g), a * e - b * d].map((v) => v / det);
  return inv.map((v) => v / inv[8]).slice(0, 8);
}

export function fitProjective(points: ControlPoint[]): Fit {
  checkPoints('PROJECTIVE', points);
  const nc = normaliser(points.map((p) => p.col)), nr = normaliser(points.map((p) => p.row));
  const nx = normaliser(points.map((p) => p.x)), ny = normaliser(points.map((p) => p.y));
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (const p of points) {
    const u = (p.col - nc.c) / nc.s, v = (p.row - nr.c) / nr.s, x = (p.x - nx.c) / nx.s, y = (p.y - ny.c) / ny.s;
    rows.push([u, v, 1, 0, 0, 0, -x * u, -x * v]); rhs.push(x);
    rows.push([0, 0, 0, u, v, 1, -y * u, -y * v]); rhs.push(y);
  }
  const h = leastSquares(rows, rhs);
  const hi = invert3(h);
  return finish('PROJECTIVE', points,
    (col, row) => {
      const [x, y] = applyHomography(h, (col - nc.c) / nc.s, (row - nr.c) / nr.s);
      return [x * nx.s + nx.c, y * ny.s + ny.c];
    },
    (x, y) => {
      const [u, v] = applyHomography(hi, (x - nx.c) / nx.s, (y - ny.c) / ny.s);
      return [u * nc.s + nc.c, v * nr.s + nr.c];
    });
}

export function fitPolynomial2(points: ControlPoint[]): Fit {
  checkPoints('POLYNOMIAL2', points);
  const nc = normaliser(points.map((p) => p.col)), nr = normaliser(points.map((p) => p.row));
  const terms = (col: number, row: number) => {
    const u = (col - nc.c) / nc.s, v = (row - nr.c) / nr.s;
    return [1, u, v, u * u, u * v, v * v];
  };
  const rows = points.map((p) => terms(p.col, p.row));
  const a = leastSquares(rows, points.map((p) => p.x));
  const b = leastSquares(rows, points.map((p) => p.y));
  const dot = (c: number[], t: number[]) => c.reduce((s, ci, i) => s + ci * t[i], 0);
  const forward = (col: number, row: number): [number, number] => { const t = terms(col, row); return [dot(a, t), dot(b, t)]; };
  // No closed form: Newton from the affine inverse (converges in a few steps for the mild bends of paper).
  const start = fitAffine(points);
  const inverse = (x: number, y: number): [number, number] => {
    let [col, row] = start.inverse(x, y);
    for (let k = 0; k < 8; k++) {
      const [fx, fy] = forward(col, row);
      const ex = x - fx, ey = y - fy;
      if (Math.hypot(ex, ey) < 1e-6) break;
      const h = 0.5;
      const [fxc, fyc] = forward(col + h, row), [fxr, fyr] = forward(col, row + h);
      const j11 = (fxc - fx) / h, j12 = (fxr - fx) / h, j21 = (fyc - fy) / h, j22 = (fyr - fy) / h;
      const det = j11 * j22 - j12 * j21;
      col += (j22 * ex - j12 * ey) / det;
      row += (j11 * ey - j21 * ex) / det;
    }
    return [col, row];
  };
  return finish('POLYNOMIAL2', points, forward, inverse);
}

export function fit(kind: TransformKind, points: ControlPoint[]): Fit {
  return kind === 'AFFINE' ? fitAffine(points) : kind === 'PROJECTIVE' ? fitProjective(points) : fitPolynomial2(points);
}

/** The control points of a world file (.tfw/.jgw/.pgw) read in a plane zone: the image's corners. */
export function worldFileControlPoints(text: string, widthPx: number, heightPx: number): ControlPoint[] {
  const n = text.trim().split(/\s+/).map(Number);
  if (n.length !== 6 || !n.every(Number.isFinite)) {
    throw new GeorefError('ワールドファイルは6行の数値です (a world file has six numbers, one per line)');
  }
  // Lines: A (x pixel size), D, B, E (negative y pixel size), C, F (centre of the top-left pixel); x = easting.
  const [A, D, B, E, C, F] = n;
  const corner = (col: number, row: number): ControlPoint => {
    const c = col - 0.5, r = row - 0.5; // pixel-corner coordinates → centre-based world file
    const easting = A * c + B * r + C, northing = D * c + E * r + F;
    return { col, row, x: northing, y: easting };
  };
  return [corner(0, 0), corner(widthPx, 0), corner(widthPx, heightPx), corner(0, heightPx)];
}
