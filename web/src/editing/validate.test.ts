import type { FieldDefinition } from '../api/model';
import { parseInput, serverProblems, validateAttributes } from './validate';

const field = (f: Partial<FieldDefinition> & Pick<FieldDefinition, 'key' | 'type'>): FieldDefinition => ({
  label: f.key, labelEn: f.key, required: false, options: null, min: null, max: null, maxLength: null, unit: null, computed: null, unique: false, format: null, restricted: null, ...f,
});

const fields = [
  field({ key: 'mirror_no', type: 'TEXT', required: true, maxLength: 5 }),
  field({ key: 'mirror_size_mm', type: 'INTEGER', min: 300, max: 1200 }),
  field({ key: 'bearing_deg', type: 'NUMBER', min: 0, max: 360 }),
  field({ key: 'last_inspected_on', type: 'DATE' }),
  field({ key: 'shape', type: 'ENUM', options: ['丸', '角'] }),
  field({ key: 'lit', type: 'BOOLEAN' }),
  field({ key: 'length_m', type: 'NUMBER', computed: 'LENGTH', required: true }),
];

describe('attribute form checks (mirroring the server)', () => {
  test('a complete, valid record has no problems', () => {
    expect(validateAttributes(fields, { mirror_no: 'M-1', mirror_size_mm: 600, bearing_deg: 12.5, last_inspected_on: '2026-02-28', shape: '丸', lit: false })).toEqual([]);
  });

  test('each rule names its field', () => {
    const problems = validateAttributes(fields, {
      mirror_no: 'M-00001', mirror_size_mm: 5000, bearing_deg: -1, last_inspected_on: '2026-02-30', shape: '三角', lit: 'yes',
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['mirror_no', 'maxLength'],
      ['mirror_size_mm', 'max'],
      ['bearing_deg', 'min'],
      ['last_inspected_on', 'date'],
      ['shape', 'enum'],
      ['lit', 'boolean'],
    ]);
    expect(problems[1].params).toEqual({ max: 1200 });
  });

  test('required fields must be filled, computed ones are the server\'s', () => {
    expect(validateAttributes(fields, {}).map((p) => [p.field, p.code])).toEqual([['mirror_no', 'required']]);
    expect(validateAttributes(fields, { mirror_no: '' }).map((p) => p.code)).toEqual(['required']);
  });

  test('integers must be whole; text that is not a number is reported as such', () => {
    expect(validateAttributes(fields, { mirror_no: 'a', mirror_size_mm: 600.5 }).map((p) => p.code)).toEqual(['integer']);
    expect(validateAttributes(fields, { mirror_no: 'a', mirror_size_mm: parseInput(fields[1], 'abc') }).map((p) => p.code)).toEqual(['number']);
  });

  test('form input is read as the field type, full-width digits included', () => {
    expect(parseInput(fields[1], '１２００')).toBe(1200);
    expect(parseInput(fields[1], '1,200')).toBe(1200);
    expect(parseInput(fields[1], ' ')).toBe('');
    expect(parseInput(fields[5], true)).toBe(true);
    expect(parseInput(fields[0], ' M-1 ')).toBe(' M-1 ');
  });

  test('server problems with a known code keep it and its params; others show the server\'s message', () => {
    expect(serverProblems('attributes: …', {
      problems: [
        { field: 'mirror_size_mm', code: 'max', params: { max: 1200 }, message: 'must be at most 1200' },
        { field: 'shape', code: 'enum', params: { options: ['丸', '角'] }, message: 'must be one of: 丸, 角' },
        { field: 'colour', code: 'unknownField', params: {}, message: 'is not a field of this layer' },
        { field: 'length_m', code: 'computed', params: {}, message: 'is computed by the server and cannot be set' },
      ],
    })).toEqual([
      { field: 'mirror_size_mm', code: 'max', params: { max: 1200 } },
      { field: 'shape', code: 'enum', params: { options: '丸、角' } },
      { field: 'colour', code: 'unknownField', params: {} },
      { field: 'length_m', code: 'server', params: { message: 'is computed by the server and cannot be set' } },
    ]);
  });

  test('server problems map to their fields; a batch position prefix is dropped', () => {
    expect(serverProblems('changes[0]: attributes: mirror_size_mm: must be at most 1000', {
      field: 'mirror_size_mm', problems: [{ field: 'mirror_size_mm', message: 'must be at most 1000' }], index: 0,
    })).toEqual([{ field: 'mirror_size_mm', code: 'server', params: { message: 'must be at most 1000' } }]);
    expect(serverProblems('changes[2]: geometry lies outside the service area', { field: 'geometry', index: 2 })).toEqual([
      { field: 'geometry', code: 'server', params: { message: 'geometry lies outside the service area' } },
    ]);
  });

  test('a catalogued server error is shown in the user\'s language with its params (the service area)', () => {
    const extensions = { field: 'geometry', index: 0, reason: 'outsideServiceArea', params: { marginM: 500 } };
    const message = 'changes[0]: 市の区域(境界から500 m以内)の外には登録できません (geometry lies outside the service area (the city boundary plus 500 m))';
    expect(serverProblems(message, extensions, 'ja')).toEqual([
      { field: 'geometry', code: 'server', params: { message: '市の区域(境界から500 m以内)の外には登録できません' } },
    ]);
    expect(serverProblems(message, extensions, 'en')[0].params.message).toBe('geometry lies outside the service area (the city boundary plus 500 m)');
  });
});
