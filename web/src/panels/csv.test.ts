import { csvCell, toCsv } from './csv';

describe('CSV export', () => {
  test('starts with a UTF-8 byte order mark and ends rows with CRLF', () => {
    const csv = toCsv([
      ['ID', '名前'],
      [1, '鹿渡'],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('ID,名前\r\n1,鹿渡\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  test('quotes cells with commas, quotes, line breaks or edge spaces', () => {
    expect(csvCell('月,木')).toBe('"月,木"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell(' x')).toBe('" x"');
    expect(csvCell('plain')).toBe('plain');
  });

  test('empty values are empty cells and numbers stay numbers', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(false)).toBe('false');
  });
});
