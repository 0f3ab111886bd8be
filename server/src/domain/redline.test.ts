import { arrowHead, decodeRedline, encodeRedline, REDLINE_LIMITS, type RedlineItem } from './redline';

const items: RedlineItem[] = [
  { kind: 'mark', coordinates: [[140.1677891234, 35.6701234567]], text: 'ご自宅' },
  { kind: 'arrow', coordinates: [[140.1670, 35.6700], [140.1680, 35.6705]] },
  { kind: 'line', coordinates: [[140.1660, 35.6690], [140.1665, 35.6695], [140.1670, 35.6690]] },
  { kind: 'text', coordinates: [[140.1675, 35.6698]], text: 'ここまで市道' },
];

test('a redline survives the trip through a URL, rounded to six decimals (about 0.1 m)', () => {
  const back = decodeRedline(new URLSearchParams({ r: encodeRedline(items) }).get('r')!);
  expect(back).toHaveLength(4);
  expect(back[0]).toEqual({ kind: 'mark', coordinates: [[140.167789, 35.670123]], text: 'ご自宅' });
  expect(back.slice(1)).toEqual(items.slice(1));
});

test.each([
  ['not JSON', '{', /not readable/],
  ['not a list', '{"a":1}', /not a list/],
  ['an unknown kind', '[["z",140,35]]', /no kind/],
  ['an arrow with one end', '[["a",140.1,35.6]]', /needs 2 positions/],
  ['a position off the earth', '[["m",240.1,35.6]]', /redline mark 1/],
  ['an odd number of numbers', '[["l",140.1,35.6,140.2]]', /bad coordinates/],
  ['text without words', '[["t",140.1,35.6,"  "]]', /empty/],
])('refuses %s', (_, encoded, message) => {
  expect(() => decodeRedline(encoded)).toThrow(message);
});

test('refuses more marks, longer texts and longer URLs than the limits', () => {
  const many = Array.from({ length: REDLINE_LIMITS.items + 1 }, () => items[0]);
  expect(() => decodeRedline(encodeRedline(many))).toThrow(/at most/);
  expect(() => decodeRedline(encodeRedline([{ ...items[3], text: 'あ'.repeat(REDLINE_LIMITS.textLength + 1) }]))).toThrow(/longer than/);
  expect(() => decodeRedline(' '.repeat(REDLINE_LIMITS.encodedLength + 1))).toThrow(/too long/);
});

test('an arrow head ends at the head and opens backwards, symmetric about the shaft', () => {
  const [left, tip, right] = arrowHead([140, 35], [140, 35.001], 0.0001);
  expect(tip).toEqual([140, 35.001]);
  // Pointing north: both strokes go back south, one to each side.
  expect(left[1]).toBeLessThan(35.001);
  expect(right[1]).toBeLessThan(35.001);
  expect(Math.sign(left[0] - 140)).toBe(-Math.sign(right[0] - 140));
  expect(left[1]).toBeCloseTo(right[1], 12);
});
