import iconv from 'iconv-lite';
import { csvFile, csvText, excelCell, firstUnencodable, unExcelCell } from './csv';

describe('Excel-safe CSV', () => {
  it('neutralises cells that Excel would run as formulas', () => {
    expect(excelCell('=HYPERLINK("http://evil.example","click")')).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(excelCell('+SUM(A1:A9)')).toBe(`'+SUM(A1:A9)`);
    expect(excelCell('-1+2')).toBe(`'-1+2`);
    expect(excelCell('@SUM(1)')).toBe(`'@SUM(1)`);
    expect(excelCell('\tcmd')).toBe(`'\tcmd`);
    expect(excelCell('\rcmd')).toBe(`'\rcmd`);
  });

  it('keeps codes text and plain numbers numbers', () => {
    expect(excelCell('1-22')).toBe('="1-22"');
    expect(excelCell('3/4')).toBe('="3/4"');
    expect(excelCell('0123')).toBe('="0123"');
    expect(excelCell('-36000.123')).toBe('-36000.123');
    expect(excelCell(-1.5)).toBe('-1.5');
    expect(excelCell('2026-11-20')).toBe('2026-11-20');
    expect(excelCell('鹿渡')).toBe('鹿渡');
    expect(excelCell(null)).toBe('');
  });

  it('quotes per RFC 4180 with CRLF', () => {
    expect(csvText([['a,b', 'say "hi"'], ['=1+2', 'x']])).toBe(`"a,b","say ""hi"""\r\n'=1+2,x\r\n`);
  });

  it('writes UTF-8 with a BOM, or CP932 without one', () => {
    const utf8 = csvFile([['名前'], ['鹿渡']]);
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.subarray(3).toString('utf8')).toBe('名前\r\n鹿渡\r\n');
    const sjis = csvFile([['名前'], ['鹿渡']], 'cp932');
    expect(sjis[0]).not.toBe(0xef);
    expect(iconv.decode(sjis, 'cp932')).toBe('名前\r\n鹿渡\r\n');
  });

  it('maps JIS variants to CP932 and names what Shift_JIS cannot hold', () => {
    expect(iconv.decode(csvFile([['10〜20 −5']], 'cp932'), 'cp932')).toBe('10～20 －5\r\n');
    expect(firstUnencodable('髙橋 ① 〜', 'cp932')).toBeNull();
    expect(firstUnencodable('𠮷野家', 'cp932')).toBe('𠮷');
    expect(firstUnencodable('🙂', 'cp932')).toBe('🙂');
    expect(firstUnencodable('𠮷野家', 'utf8')).toBeNull();
  });

  it('reads back what excelCell wrote; a text that starts with \' and no formula character stays as it is', () => {
    for (const v of ['=1+2', '+81 43', '-x', '@SUM(1)', '\tx', '1-22', '0123', '1E5', "'literal", "'", '="x"y', 'plain', '-36000.123', '2019-05-01']) {
      expect([v, unExcelCell(excelCell(v))]).toEqual([v, v]);
    }
    expect(unExcelCell('="1-22"')).toBe('1-22');
    expect(unExcelCell("'=1+2")).toBe('=1+2');
  });
});
