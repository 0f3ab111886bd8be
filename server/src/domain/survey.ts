/**
 * Survey coordinates (JGD2011 plane rectangular: X northing, Y easting, metres) as road staff
 * read them from 境界確定図: parsing a pasted coordinate table, 辺長 and area. Pure, no I/O.
 * Lengths and areas here are plane values, as surveyors state them on the documents.
 */

export interface SurveyPoint {
  name: string;
  /** Exact decimal text as entered (at most millimetres), so nothing is lost to floating point. */
  x: string;
  y: string;
  markerType?: string;
}

/** Machine codes of coordinate table problems, with the values their messages need. */
export type LineProblemCode = 'columns' | 'notNumber' | 'decimals' | 'outsideZone' | 'markerLength' | 'duplicateName' | 'duplicatePoint';

export interface LineProblem {
  line: number;
  code: LineProblemCode;
  params: Record<string, string | number>;
  /** English, for scripts and logs. */
  message: string;
}

/** The 19 zones span a few hundred kilometres from their origins; anything beyond is a typo. */
export const PLANE_LIMIT_M = 300_000;
const NUMBER_RE = /^[+-]?\d+(\.\d{1,3})?$/;
const MARKER_MAX_LENGTH = 30;

const LINE_MESSAGES: Record<LineProblemCode, (p: LineProblem['params']) => string> = {
  columns: (p) => `expected "X,Y" or "name,X,Y[,marker]", got ${p.count} values`,
  notNumber: (p) => `${p.axis} "${p.value}" is not a number`,
  decimals: (p) => `${p.axis} ${p.value} has more than 3 decimals (millimetres)`,
  outsideZone: (p) => `${p.axis} ${p.value} m is outside any plane rectangular zone (|${p.axis}| ≤ ${p.limit})`,
  markerLength: () => 'marker type is too long',
  duplicateName: (p) => `point name ${p.name} is used twice`,
  duplicatePoint: (p) => `point ${p.name} has the same coordinates as ${p.sameAs}`,
};

const lineProblem = (line: number, code: LineProblemCode, params: LineProblem['params'] = {}): LineProblem =>
  ({ line, code, params, message: LINE_MESSAGES[code](params) });

/**
 * Parses lines of "X,Y", "name,X,Y" or "name,X,Y,marker" (comma, tab or spaces; full-width digits allowed).
 * A first line without numbers is taken as a header. Points without a name are numbered 1, 2, ….
 */
export function parseCoordinateTable(text: string): { points: SurveyPoint[]; problems: LineProblem[] } {
  const points: SurveyPoint[] = [];
  const problems: LineProblem[] = [];
  const lines = text.normalize('NFKC').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const cells = raw.trim().split(/\s*[,\t]\s*|\s+/).filter((c) => c !== '');
    if (cells.length === 0) return;
    const numeric = cells.map((c) => NUMBER_RE.test(c) || /^[+-]?\d+\.\d+$/.test(c));
    if (points.length === 0 && problems.length === 0 && !numeric.some(Boolean)) return; // header
    let name: string;
    let x: string;
    let y: string;
    let marker: string | undefined;
    if (cells.length === 2) {
      [x, y] = cells;
      name = String(points.length + 1);
    } else if (cells.length === 3 || cells.length === 4) {
      [name, x, y, marker] = cells;
    } else {
      problems.push(lineProblem(line, 'columns', { count: cells.length }));
      return;
    }
    for (const [label, value] of [['X', x], ['Y', y]] as const) {
      if (!/^[+-]?\d+(\.\d+)?$/.test(value)) { problems.push(lineProblem(line, 'notNumber', { axis: label, value })); return; }
      if (!NUMBER_RE.test(value)) { problems.push(lineProblem(line, 'decimals', { axis: label, value })); return; }
      if (Math.abs(Number(value)) > PLANE_LIMIT_M) {
        problems.push(lineProblem(line, 'outsideZone', { axis: label, value, limit: PLANE_LIMIT_M }));
        return;
      }
    }
    if (marker !== undefined && marker.length > MARKER_MAX_LENGTH) { problems.push(lineProblem(line, 'markerLength', { max: MARKER_MAX_LENGTH })); return; }
    const dupName = points.findIndex((p) => p.name === name);
    if (dupName >= 0) { problems.push(lineProblem(line, 'duplicateName', { name })); return; }
    const dupAt = points.find((p) => Number(p.x) === Number(x) && Number(p.y) === Number(y));
    if (dupAt) { problems.push(lineProblem(line, 'duplicatePoint', { name, sameAs: dupAt.name })); return; }
    points.push({ name, x: canonical(x), y: canonical(y), ...(marker ? { markerType: marker } : {}) });
  });
  return { points, problems };
}

/** "+12.5" → "12.500": the stored text keeps millimetres. */
function canonical(value: string): string {
  return Number(value).toFixed(3);
}

/** 辺長: plane distance from each point to the next (and from the last back to the first when closed). */
export function sideLengths(points: Array<{ x: number; y: number }>, closed: boolean): number[] {
  const n = points.length;
  return points.map((p, i) => {
    const q = points[i + 1] ?? (closed && n > 2 ? points[0] : undefined);
    return q ? Math.hypot(q.x - p.x, q.y - p.y) : NaN;
  });
}

/** Enclosed plane area (shoelace formula) in m²; the sign of the ring's direction is dropped. */
export function planeArea(points: Array<{ x: number; y: number }>): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const q = points[(i + 1) % points.length];
    twice += p.y * q.x - q.y * p.x;
  }
  return Math.abs(twice) / 2;
}

/** GeoJSON of the points in the plane CRS: [easting Y, northing X], as PostGIS orders them. */
export function surveyGeometry(points: SurveyPoint[], closed: boolean): { type: string; coordinates: unknown } {
  const coords = points.map((p) => [Number(p.y), Number(p.x)]);
  return closed ? { type: 'Polygon', coordinates: [[...coords, coords[0]]] } : { type: 'LineString', coordinates: coords };
}

/** A stored boundary point: coordinates as entered (text, to the mm), and whether they are the surveyed ones. */
export interface RecordedPoint {
  seq: number;
  name: string;
  marker: string | null;
  x: string;
  y: string;
  surveyed: boolean;
}

const toMm = (v: string | number) => Number(v).toFixed(3);

/**
 * The points of a boundary record after its geometry changed on the map: a vertex where a reference
 * point lies (to the mm) keeps that point with its surveyed values; any other vertex becomes a point
 * that is not surveyed, named after the point it replaces in survey order.
 */
export function pointsFollowingGeometry(vertices: Array<{ x: string; y: string }>, reference: RecordedPoint[]): RecordedPoint[] {
  const free = new Map<string, RecordedPoint>();
  for (const p of reference) if (!free.has(`${toMm(p.x)},${toMm(p.y)}`)) free.set(`${toMm(p.x)},${toMm(p.y)}`, p);
  const kept = vertices.map((v) => {
    const key = `${toMm(v.x)},${toMm(v.y)}`;
    const p = free.get(key);
    if (p) free.delete(key);
    return p;
  });
  const keptNames = new Set(kept.filter((p) => p).map((p) => p!.name));
  return vertices.map((v, i) => {
    const p = kept[i];
    if (p) return { ...p, seq: i + 1 };
    const replaced = reference[i];
    const name = replaced && !keptNames.has(replaced.name) ? replaced.name : `P${i + 1}`;
    return { seq: i + 1, name, marker: null, x: toMm(v.x), y: toMm(v.y), surveyed: false };
  });
}

/** One row of a 座標求積表 (area by coordinates), as a surveyor lays it out. */
export interface AreaTableRow {
  name: string;
  x: string;
  y: string;
  /** Yn+1 − Yn−1, in metres to the millimetre. */
  dy: string;
  /** Xn × (Yn+1 − Yn−1): this point's share of the double area (倍面積), m² to 6 decimals. */
  doubleAreaPart: string;
  /** 辺長 to the next point (the first after the last), metres to the millimetre. */
  sideLength: string;
}

export interface AreaTable {
  rows: AreaTableRow[];
  /** 倍面積: the sum of the shares, sign dropped (m², 6 decimals). */
  doubleArea: string;
  /** 面積 = 倍面積 / 2 (m², 6 decimals, cut). */
  area: string;
  /** 地積 as registered: 面積 cut (not rounded) to 0.01 m². */
  registeredArea: string;
}

/** Millimetres of a coordinate given to at most three decimals, exactly. */
function millimetresOf(value: string): bigint {
  const m = /^([+-]?)(\d+)(?:\.(\d{1,3}))?$/.exec(value.trim());
  if (!m) throw new RangeError(`${value} is not a coordinate to the millimetre`);
  const mm = BigInt(m[2]) * 1000n + BigInt((m[3] ?? '').padEnd(3, '0'));
  return m[1] === '-' ? -mm : mm;
}

/** A value in units of 10^-scale as a decimal string with `scale` decimals. */
function decimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * 座標求積表: the area of a closed boundary by the coordinate method, 2S = Σ Xn (Yn+1 − Yn−1).
 * Computed in whole millimetres (mm² for the products), so the table adds up to the last digit
 * as it does on a surveyor's sheet; 辺長 are rounded to the millimetre.
 */
export function coordinateAreaTable(points: Array<{ name: string; x: string; y: string }>): AreaTable {
  if (points.length < 3) throw new RangeError('an area needs at least three points');
  const xs = points.map((p) => millimetresOf(p.x));
  const ys = points.map((p) => millimetresOf(p.y));
  const n = points.length;
  let twice = 0n;
  const rows = points.map((p, i) => {
    const next = (i + 1) % n;
    const dy = ys[next] - ys[(i + n - 1) % n];
    const part = xs[i] * dy; // mm²
    twice += part;
    const side = Math.hypot(Number(xs[next] - xs[i]), Number(ys[next] - ys[i])); // mm
    return {
      name: p.name, x: decimal(xs[i], 3), y: decimal(ys[i], 3), dy: decimal(dy, 3),
      doubleAreaPart: decimal(part, 6), sideLength: decimal(BigInt(Math.round(side)), 3),
    };
  });
  const doubled = twice < 0n ? -twice : twice; // mm²; the ring's direction only sets the sign
  return {
    rows,
    doubleArea: decimal(doubled, 6),
    area: decimal(doubled / 2n, 6), // a half mm² is cut, as the sheet shows six decimals
    registeredArea: decimal(doubled / 2n / 10_000n, 2),
  };
}
