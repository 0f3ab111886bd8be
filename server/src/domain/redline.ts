/**
 * Redline (朱書き): temporary marks a clerk draws on the map for a printed sheet — "your house is
 * here", an arrow, a line, a word. They are never saved to a layer; they travel in the sheet's URL,
 * so the codec and its limits live here, used by the web (encode) and the server (check). Pure.
 */
import { checkLonLat } from './geometry';

export type RedlineKind = 'mark' | 'arrow' | 'line' | 'text';

export interface RedlineItem {
  kind: RedlineKind;
  /** [lon, lat] positions: one for a mark or text, two for an arrow (tail, head), 2+ for a line. */
  coordinates: [number, number][];
  /** The words of a text item (or an optional caption of a mark). */
  text?: string;
}

/** Limits that keep the sheet URL well under the server's header limit. */
export const REDLINE_LIMITS = { items: 50, lineVertices: 100, textLength: 60, encodedLength: 6000 } as const;

const POSITIONS: Record<RedlineKind, [number, number]> = { mark: [1, 1], text: [1, 1], arrow: [2, 2], line: [2, REDLINE_LIMITS.lineVertices] };
const CODES: Record<RedlineKind, string> = { mark: 'm', arrow: 'a', line: 'l', text: 't' };
const KIND_OF: Record<string, RedlineKind> = { m: 'mark', a: 'arrow', l: 'line', t: 'text' };

/** Six decimals of a degree: about 0.1 m, finer than any mark on paper. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The compact text of a redline for a URL: [[code, lon, lat, lon, lat, …, text?], …]. */
export function encodeRedline(items: readonly RedlineItem[]): string {
  return JSON.stringify(items.map((item) => {
    const flat = item.coordinates.flatMap(([lon, lat]) => [round6(lon), round6(lat)]);
    return item.text ? [CODES[item.kind], ...flat, item.text] : [CODES[item.kind], ...flat];
  }));
}

/** Reads a redline back; throws a RangeError that says what is wrong (the server answers BAD_USER_INPUT). */
export function decodeRedline(encoded: string): RedlineItem[] {
  if (encoded.length > REDLINE_LIMITS.encodedLength) throw new RangeError(`the redline is too long (at most ${REDLINE_LIMITS.encodedLength} characters)`);
  let raw: unknown;
  try {
    raw = JSON.parse(encoded);
  } catch {
    throw new RangeError('the redline is not readable');
  }
  if (!Array.isArray(raw)) throw new RangeError('the redline is not a list');
  if (raw.length > REDLINE_LIMITS.items) throw new RangeError(`at most ${REDLINE_LIMITS.items} redline marks`);
  return raw.map((entry, i) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !(entry[0] in KIND_OF)) throw new RangeError(`redline mark ${i + 1} has no kind`);
    const kind = KIND_OF[entry[0]];
    const rest = entry.slice(1);
    const text = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (!rest.every((v) => typeof v === 'number' && Number.isFinite(v)) || rest.length % 2 !== 0) throw new RangeError(`redline mark ${i + 1} has bad coordinates`);
    const coordinates: [number, number][] = [];
    for (let k = 0; k < rest.length; k += 2) coordinates.push([rest[k] as number, rest[k + 1] as number]);
    const [min, max] = POSITIONS[kind];
    if (coordinates.length < min || coordinates.length > max) throw new RangeError(`redline mark ${i + 1} (${kind}) needs ${min === max ? min : `${min}–${max}`} positions`);
    for (const [lon, lat] of coordinates) {
      const bad = checkLonLat(lon, lat);
      if (bad) throw new RangeError(`redline mark ${i + 1}: ${bad}`);
    }
    if (kind === 'text' && !text?.trim()) throw new RangeError(`redline text ${i + 1} is empty`);
    if (text !== undefined && [...text].length > REDLINE_LIMITS.textLength) throw new RangeError(`redline text ${i + 1} is longer than ${REDLINE_LIMITS.textLength} characters`);
    return text === undefined ? { kind, coordinates } : { kind, coordinates, text };
  });
}

/**
 * The two short strokes of an arrow's head at `head`, coming from `tail`, each `size` degrees of
 * latitude long (longitudes scaled by the latitude so the head is not squashed on the map).
 */
export function arrowHead(tail: [number, number], head: [number, number], size: number): [[number, number], [number, number], [number, number]] {
  const k = Math.cos((head[1] * Math.PI) / 180);
  const dx = (head[0] - tail[0]) * k;
  const dy = head[1] - tail[1];
  const length = Math.hypot(dx, dy) || 1;
  const [ux, uy] = [dx / length, dy / length];
  const side = (angle: number): [number, number] => {
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const bx = -(ux * c - uy * s) * size;
    const by = -(ux * s + uy * c) * size;
    return [head[0] + bx / k, head[1] + by];
  };
  return [side(Math.PI / 7), head, side(-Math.PI / 7)];
}
