import {
  coerceValue, excelSerialToDate, fieldKeyFor, findColumn, inferFieldType, LAT_NAMES, LON_NAMES, looksSwapped, matchColumns,
  parseBoolean, parseDate, parseNumber, parseWareki, PLANE_X_NAMES,
} from './coerce';
import { FieldDefinition, validateAttributes } from './fields';

const fields: FieldDefinition[] = [
  { key: 'mirror_no', label: '管理番号', labelEn: 'Management number', type: 'text', required: true },
  { key: 'size', label: '鏡面サイズ', labelEn: 'Size', type: 'integer', min: 300, max: 1200 },
  { key: 'shape', label: '鏡面形状', labelEn: 'Shape', type: 'enum', options: ['丸', '角'] },
  { key: 'lit', label: '照明', labelEn: 'Lit', type: 'boolean' },
  { key: 'installed_on', label: '設置日', labelEn: 'Installed on', type: 'date' },
];
const [text, size, shape, lit, date] = fields;

describe('value coercion', () => {
  test('numbers: full-width digits and signs, thousands separators; words stay refused', () => {
    expect(parseNumber('１，２００')).toBe(1200);
    expect(parseNumber('－３５.５')).toBe(-35.5);
    expect(parseNumber('−12')).toBe(-12);
    expect(parseNumber('12,34')).toBeNull();
    expect(parseNumber('約600')).toBeNull();
  });

  test('和暦 dates in the ways clerks write them, with the era boundaries', () => {
    expect(parseWareki('平成27年4月1日')).toBe('2015-04-01');
    expect(parseWareki('H27.4.1')).toBe('2015-04-01');
    expect(parseWareki('令和元年5月1日')).toBe('2019-05-01');
    expect(parseWareki('Ｒ２．１２．３１')).toBe('2020-12-31');
    expect(parseWareki('平成31年4月30日')).toBe('2019-04-30');
    expect(parseWareki('平成31年5月1日')).toBeNull(); // that day is 令和元年
    expect(parseWareki('昭和64年1月7日')).toBe('1989-01-07');
    expect(parseWareki('昭和64年1月8日')).toBeNull();
    expect(parseWareki('令和元年4月30日')).toBeNull();
    expect(parseWareki('平成27年2月30日')).toBeNull();
  });

  test('Gregorian and Excel serial dates', () => {
    expect(parseDate('2015/4/1')).toBe('2015-04-01');
    expect(parseDate('2015年4月1日')).toBe('2015-04-01');
    expect(parseDate('20150401')).toBe('2015-04-01');
    expect(parseDate(42095)).toBe('2015-04-01');
    expect(excelSerialToDate(60.5)).toBeNull();
    expect(parseDate('2015-02-29')).toBeNull();
  });

  test('booleans and enums by label or code', () => {
    expect([parseBoolean('有'), parseBoolean('無'), parseBoolean('○'), parseBoolean('×'), parseBoolean('はい'), parseBoolean('いいえ')])
      .toEqual([true, false, true, false, true, false]);
    expect(parseBoolean('たぶん')).toBeNull();
    expect(coerceValue(shape, '角')).toBe('角');
    expect(coerceValue(shape, '2')).toBe('角');
    expect(coerceValue(shape, '三角')).toBe('三角');
  });

  test('a cell that does not read keeps its text, so validation refuses it with the edit path\'s code', () => {
    const attrs = { mirror_no: coerceValue(text, ' M-1 '), size: coerceValue(size, '約600'), installed_on: coerceValue(date, 'H31.5.1'), lit: coerceValue(lit, '○') };
    expect(attrs).toEqual({ mirror_no: 'M-1', size: '約600', installed_on: 'H31.5.1', lit: true });
    expect(validateAttributes(fields, attrs).map((p) => [p.field, p.code])).toEqual([['size', 'number'], ['installed_on', 'date']]);
    expect(coerceValue(size, '')).toBeUndefined();
    expect(coerceValue(size, '１，０００')).toBe(1000);
  });

  test('columns found by common names and mapped by key or Japanese label', () => {
    expect(findColumn(['名称', '経度', '緯度'], LON_NAMES)).toBe('経度');
    expect(findColumn(['name', 'Latitude'], LAT_NAMES)).toBe('Latitude');
    expect(findColumn(['Ｘ座標', 'Ｙ座標'], PLANE_X_NAMES)).toBe('Ｘ座標');
    expect(matchColumns(['管理番号', 'SIZE', '備考'], fields)).toEqual({ 管理番号: 'mirror_no', SIZE: 'size' });
  });

  test('plane X/Y swapped when only the swapped reading lies in the city', () => {
    const city = { minX: -40000, maxX: -30000, minY: 10000, maxY: 20000 };
    expect(looksSwapped(15000, -36000, city)).toBe(true);
    expect(looksSwapped(-36000, 15000, city)).toBe(false);
  });

  test('field types inferred for a new layer; codes with leading zeros stay text', () => {
    expect(inferFieldType(['1', '２', '', '3'])).toBe('integer');
    expect(inferFieldType(['1.5', '2'])).toBe('number');
    expect(inferFieldType(['007', '008'])).toBe('text');
    expect(inferFieldType(['H27.4.1', '2020/1/2'])).toBe('date');
    expect(inferFieldType(['有', '無'])).toBe('boolean');
    const taken = new Set<string>();
    expect([fieldKeyFor('Mirror No', 0, taken), fieldKeyFor('管理番号', 1, taken), fieldKeyFor('mirror-no', 2, taken)])
      .toEqual(['mirror_no', 'field_2', 'mirror_no_2']);
  });
});
