import { renderToStaticMarkup } from 'react-dom/server';
import type { LineProblem } from '../api/ledger';
import { I18nProvider, makeI18n } from '../i18n';
import { CoordinateProblems, lineProblemText, refusedLines } from './CoordinateProblems';

// As the server sends them (server/src/domain/survey.ts).
const fromServer: LineProblem[] = [
  { line: 2, code: 'columns', params: { count: 5 }, message: 'expected "X,Y" or "name,X,Y[,marker]", got 5 values' },
  { line: 3, code: 'notNumber', params: { axis: 'X', value: '-4O160.000' }, message: 'X "-4O160.000" is not a number' },
  { line: 4, code: 'decimals', params: { axis: 'Y', value: '32755.0001' }, message: 'Y 32755.0001 has more than 3 decimals (millimetres)' },
  { line: 5, code: 'outsideZone', params: { axis: 'X', value: '-400000.000', limit: 300000 }, message: 'X -400000.000 m is outside any plane rectangular zone (|X| ≤ 300000)' },
  { line: 6, code: 'markerLength', params: { max: 30 }, message: 'marker type is too long' },
  { line: 7, code: 'duplicateName', params: { name: 'P1' }, message: 'point name P1 is used twice' },
  { line: 8, code: 'duplicatePoint', params: { name: 'P4', sameAs: 'P2' }, message: 'point P4 has the same coordinates as P2' },
];

const items = (html: string) => [...html.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) => m[1]);

test('server line problems with codes are listed in Japanese, one per line', () => {
  const html = renderToStaticMarkup(<CoordinateProblems problems={fromServer} />);
  expect(items(html)).toEqual([
    '2行目: 「X,Y」または「点名,X,Y[,標識]」の形で入力してください（5項目あります）。',
    '3行目: X座標が数値ではありません。',
    '4行目: Y座標 32755.0001 の小数が3桁（mm）を超えています。',
    '5行目: X座標 -400000.000 m は平面直角座標系の範囲外です（±300,000 m以内）。',
    '6行目: 標識が長すぎます（30文字以内）。',
    '7行目: 点名 P1 が重複しています。',
    '8行目: 点 P4 は P2 と同じ座標です。',
  ]);
  expect(html).toContain('data-line="3" data-code="notNumber"');
  expect(html).toContain('aria-label="読み取れない行"');
});

test('in English the same problems read as sentences of their own', () => {
  const html = renderToStaticMarkup(
    <I18nProvider lang="en">
      <CoordinateProblems problems={fromServer.slice(1, 2)} />
    </I18nProvider>,
  );
  expect(items(html)).toEqual(['Line 3: X is not a number.']);
});

test("an unknown code, or a known one without the params its text needs, shows the server's message", () => {
  const ja = makeI18n('ja');
  expect(lineProblemText({ line: 9, code: 'zoneMismatch', params: {}, message: 'points lie in different zones' }, ja)).toBe('9行目: points lie in different zones');
  expect(lineProblemText({ line: 3, code: 'notNumber', params: {}, message: 'X "a" is not a number' }, ja)).toBe('3行目: X "a" is not a number');
});

test('a refused save names its bad lines in extensions.problems; other refusals name none', () => {
  expect(refusedLines({ field: 'coordinates', problems: [{ line: 3, code: 'notNumber', params: { axis: 'X', value: 'abc' }, message: 'X "abc" is not a number' }] }))
    .toEqual([{ line: 3, code: 'notNumber', params: { axis: 'X', value: 'abc' }, message: 'X "abc" is not a number' }]);
  expect(refusedLines({ field: 'coordinates' })).toEqual([]);
  // Attribute problems of the same mutation carry a field, not a line.
  expect(refusedLines({ problems: [{ field: 'record_no', code: 'required', params: {}, message: 'is required' }] })).toEqual([]);
});
