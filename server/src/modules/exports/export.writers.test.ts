import iconv from 'iconv-lite';
import { shortFieldNames, simaText } from './export.writers';

describe('Shapefile field names', () => {
  it('fit 10 bytes in the file encoding and stay unique', () => {
    const names = ['関係路線番号', '関係路線番号2', 'installation_type', 'installation_year', 'ID'];
    for (const encoding of ['utf8', 'cp932'] as const) {
      const short = shortFieldNames(names, encoding);
      short.forEach((s) => expect(iconv.encode(s, encoding === 'cp932' ? 'cp932' : 'utf8').length).toBeLessThanOrEqual(10));
      expect(new Set(short.map((s) => s.toLowerCase())).size).toBe(names.length);
    }
    expect(shortFieldNames(['関係路線番号'], 'cp932')).toEqual(['関係路線番']);
    expect(shortFieldNames(['installation_type', 'installation_year'], 'utf8')).toEqual(['installati', 'installa_1']);
  });
});

describe('SIMA', () => {
  it('numbers the points once and closes each record block', () => {
    const text = simaText([
      { feature_id: '1', label: 'BR-1', closed: true, seq: 1, name: 'K1', x: '-100.000', y: '200.000' },
      { feature_id: '1', label: 'BR-1', closed: true, seq: 2, name: 'K2', x: '-110.000', y: '200.000' },
      { feature_id: '2', label: null, closed: true, seq: null, name: '', x: '', y: '' },
      { feature_id: '3', label: 'BR-3', closed: false, seq: 1, name: 'P1', x: '-1.5', y: '2.25' },
    ], '境界確定');
    expect(text.split('\r\n')).toEqual([
      'G00,01,境界確定,', 'Z00,座標ﾃﾞｰﾀ,', 'A00,',
      'A01,1,K1,-100.000,200.000,0.000,', 'A01,2,K2,-110.000,200.000,0.000,', 'A01,3,P1,-1.5,2.25,0.000,', 'A99,',
      'Z00,区画ﾃﾞｰﾀ,', 'D00,1,BR-1,1,', 'B01,1,K1,', 'B01,2,K2,', 'D99,', 'D00,2,BR-3,1,', 'B01,3,P1,', 'D99,', '',
    ]);
  });
});
