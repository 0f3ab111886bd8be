import type { FieldDefinition, FieldType } from '../api/model';
import { toAttributeFilters } from './filters';

function field(key: string, type: FieldType, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { key, type, label: key, labelEn: key, required: false, options: null, min: null, max: null, maxLength: null, unit: null, computed: null, unique: false, format: null, restricted: null, ...extra };
}

const fields = [
  field('name', 'TEXT'),
  field('kind', 'ENUM', { options: ['ネット', 'ボックス'] }),
  field('households', 'INTEGER'),
  field('length', 'NUMBER'),
  field('occurred_on', 'DATE'),
  field('lit', 'BOOLEAN'),
];

describe('attribute table filters', () => {
  test('empty inputs give no filters', () => {
    expect(toAttributeFilters(fields, {})).toEqual([]);
    expect(toAttributeFilters(fields, { name: { text: '  ' }, kind: { text: '' }, households: { min: '', max: '' } })).toEqual([]);
  });

  test('text is a trimmed substring match and an enum an exact match', () => {
    expect(toAttributeFilters(fields, { name: { text: ' 鹿渡 ' }, kind: { text: 'ネット' } })).toEqual([
      { field: 'name', contains: '鹿渡' },
      { field: 'kind', eq: 'ネット' },
    ]);
  });

  test('number ranges send numbers, with either bound alone', () => {
    expect(toAttributeFilters(fields, { households: { min: '20' }, length: { min: '1.5', max: '3' } })).toEqual([
      { field: 'households', gte: 20 },
      { field: 'length', gte: 1.5, lte: 3 },
    ]);
    expect(toAttributeFilters(fields, { households: { max: '10' } })).toEqual([{ field: 'households', lte: 10 }]);
  });

  test('malformed numbers and dates are ignored rather than sent', () => {
    expect(toAttributeFilters(fields, { households: { min: 'abc' }, occurred_on: { min: '2020/13/01' } })).toEqual([]);
  });

  test('dates are YYYY-MM-DD strings and booleans real booleans', () => {
    expect(toAttributeFilters(fields, { occurred_on: { min: '2019-01-01', max: '2019-12-31' }, lit: { text: 'false' } })).toEqual([
      { field: 'occurred_on', gte: '2019-01-01', lte: '2019-12-31' },
      { field: 'lit', eq: false },
    ]);
  });

  test('date bounds typed in 和暦 filter by the same days, on either side of the 平成/令和 change', () => {
    expect(toAttributeFilters(fields, { occurred_on: { min: '平成31年4月30日', max: 'R1.5.1' } })).toEqual([
      { field: 'occurred_on', gte: '2019-04-30', lte: '2019-05-01' },
    ]);
  });
});
