import { checkFieldDefinitions, FieldDefinition, isValidDate, normalizeAttributes, validateAttributes } from './fields';
import { checkBBox, checkGeoJSONGeometry, checkLonLatPositions } from './geometry';
import { decodeCursor, encodeCursor } from './cursor';
import { diffAttributes, mergeAttributes } from './diff';

const fields: FieldDefinition[] = [
  { key: 'no', label: '番号', labelEn: 'No', type: 'text', required: true, maxLength: 5 },
  { key: 'watts', label: '消費電力', labelEn: 'Power', type: 'integer', min: 1, max: 400 },
  { key: 'kind', label: '種別', labelEn: 'Kind', type: 'enum', options: ['LED', '水銀灯'] },
  { key: 'on', label: '点灯', labelEn: 'On', type: 'boolean' },
  { key: 'since', label: '設置日', labelEn: 'Since', type: 'date' },
  { key: 'len', label: '延長', labelEn: 'Length', type: 'number', computed: 'length' },
];

describe('attribute validation', () => {
  test('accepts valid attributes and names every problem otherwise', () => {
    expect(validateAttributes(fields, { no: 'A1', watts: 20, kind: 'LED', on: true, since: '2024-02-29' })).toEqual([]);
    const problems = validateAttributes(fields, { watts: 0.5, kind: 'x', on: 'yes', since: '2023-02-29', extra: 1, len: 3 });
    expect(Object.fromEntries(problems.map((p) => [p.field, p.message]))).toEqual({
      watts: 'must be a whole number', kind: 'must be one of: LED, 水銀灯', on: 'must be true or false',
      since: 'must be a date as YYYY-MM-DD', extra: 'is not a field of this layer', len: 'is computed by the server and cannot be set',
      no: 'is required',
    });
  });

  test('a partial update checks only the given keys; clearing a required field is refused', () => {
    expect(validateAttributes(fields, { watts: 10 }, { partial: true })).toEqual([]);
    expect(validateAttributes(fields, { no: '' }, { partial: true })).toEqual([{ field: 'no', code: 'required', params: {}, message: 'is required' }]);
    expect(validateAttributes(fields, { no: 'ABCDEF' }, { partial: true })[0].message).toBe('must be at most 5 characters');
  });

  test('every problem carries a machine code and the values its message needs, beside the English message', () => {
    const problems = validateAttributes(fields, {
      no: 'ABCDEF', watts: 500, kind: 'x', on: 'yes', since: 'soon', extra: 1, len: 3,
    });
    expect(problems).toEqual([
      { field: 'no', code: 'maxLength', params: { max: 5 }, message: 'must be at most 5 characters' },
      { field: 'watts', code: 'max', params: { max: 400 }, message: 'must be at most 400' },
      { field: 'kind', code: 'enum', params: { options: ['LED', '水銀灯'] }, message: 'must be one of: LED, 水銀灯' },
      { field: 'on', code: 'boolean', params: {}, message: 'must be true or false' },
      { field: 'since', code: 'date', params: {}, message: 'must be a date as YYYY-MM-DD' },
      { field: 'extra', code: 'unknownField', params: {}, message: 'is not a field of this layer' },
      { field: 'len', code: 'computed', params: {}, message: 'is computed by the server and cannot be set' },
    ]);
    const codes = (attributes: Record<string, unknown>) =>
      validateAttributes(fields, attributes, { partial: true }).map((p) => [p.code, p.params]);
    expect(codes({ no: '' })).toEqual([['required', {}]]);
    expect(codes({ no: 5 })).toEqual([['text', {}]]);
    expect(codes({ watts: 'many' })).toEqual([['number', {}]]);
    expect(codes({ watts: 2.5 })).toEqual([['integer', {}]]);
    expect(codes({ watts: 0 })).toEqual([['min', { min: 1 }]]);
  });

  test('dates are real calendar days', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('2025-2-1')).toBe(false);
  });

  test('field definitions are checked: keys, duplicates, enum options, min ≤ max', () => {
    const bad = checkFieldDefinitions([
      { key: 'Bad Key', label: 'x', labelEn: 'x', type: 'text' },
      { key: 'a', label: 'a', labelEn: 'a', type: 'enum' },
      { key: 'a', label: 'a', labelEn: 'a', type: 'integer', min: 5, max: 1 },
    ]);
    expect(bad.map((p) => p.message)).toEqual([
      'key must be lower-case letters, digits and _', 'enum fields need options', 'is defined twice', 'min is greater than max',
    ]);
    expect(bad.map((p) => p.code)).toEqual(['fieldKey', 'enumOptions', 'duplicateField', 'minAboveMax']);
  });

  test('merging clears keys given as null or "" and normalising drops empty values', () => {
    expect(mergeAttributes({ a: 1, b: 2 }, { a: null, b: 3, c: 'x' })).toEqual({ b: 3, c: 'x' });
    expect(normalizeAttributes({ a: '', b: null, c: 0 })).toEqual({ c: 0 });
  });

  test('diff lists changed fields in field order with Japanese labels', () => {
    expect(diffAttributes({ no: 'A', watts: 10 }, { no: 'A', watts: 20, kind: 'LED' }, fields)).toEqual([
      { field: 'watts', label: '消費電力', before: 10, after: 20 },
      { field: 'kind', label: '種別', before: null, after: 'LED' },
    ]);
  });
});

describe('geometry and bbox checks', () => {
  test.each([
    [[140, 35, 141, 36], null],
    [[141, 35, 140, 36], /inverted/],
    [[140, 35, 141], /four numbers/],
    [[140, 35, Infinity, 36], /finite/],
    [[-181, 35, 141, 36], /within longitude/],
  ])('bbox %j', (bbox, expected) => {
    const r = checkBBox(bbox as number[]);
    if (expected === null) expect(r).toBeNull(); else expect(r).toMatch(expected as RegExp);
  });

  test('GeoJSON structure: rings must close, lines need two positions, coordinates must be numbers', () => {
    expect(checkGeoJSONGeometry({ type: 'Point', coordinates: [140, 35] })).toBeNull();
    expect(checkGeoJSONGeometry({ type: 'LineString', coordinates: [[140, 35]] })).toMatch(/not a valid LineString/);
    expect(checkGeoJSONGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] })).toMatch(/closed/);
    expect(checkGeoJSONGeometry({ type: 'Point', coordinates: [NaN, 35] })).toMatch(/finite/);
    expect(checkGeoJSONGeometry({ type: 'GeometryCollection', geometries: [] })).toMatch(/type must be one of/);
    expect(checkLonLatPositions([[30000, -36000]])).toMatch(/srid/);
  });

  test('cursors round-trip and junk is rejected', () => {
    expect(decodeCursor(encodeCursor({ id: '123' }))).toEqual({ id: '123' });
    expect(decodeCursor(encodeCursor({ offset: 40 }))).toEqual({ offset: 40 });
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('{"id":"1; DROP"}').toString('base64url'))).toBeNull();
  });
});
