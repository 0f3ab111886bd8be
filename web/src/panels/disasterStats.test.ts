import type { Feature, Layer } from '../api/model';
import { countByYearAndType, disasterFields, yearOf, yearRangeFilter } from './disasterStats';

const layer = {
  key: 'disaster_history',
  fields: [
    { key: 'disaster_type', label: '災害種別', labelEn: 'Type', type: 'ENUM', options: ['浸水', '倒木', 'その他'] },
    { key: 'occurred_on', label: '発生日', labelEn: 'Occurred on', type: 'DATE' },
  ],
} as unknown as Layer;

function record(occurredOn: string | null, type: string): Feature {
  return { id: '1', layerKey: 'disaster_history', geometry: { type: 'Point', coordinates: [0, 0] }, attributes: { occurred_on: occurredOn, disaster_type: type } };
}

describe('disaster statistics', () => {
  test('finds the date and type fields', () => {
    const fields = disasterFields(layer)!;
    expect(fields.date.key).toBe('occurred_on');
    expect(fields.type?.key).toBe('disaster_type');
  });

  test('counts per year and type, filling the years between with nothing', () => {
    const stats = countByYearAndType(
      [record('2015-06-01', '浸水'), record('2015-09-10', '浸水'), record('2015-10-01', '倒木'), record('2018-01-01', '倒木'), record(null, '浸水')],
      disasterFields(layer)!,
    );
    expect(stats.years).toEqual([2015, 2016, 2017, 2018]);
    expect(stats.counts.get(2015)?.get('浸水')).toBe(2);
    expect(stats.counts.get(2015)?.get('倒木')).toBe(1);
    expect(stats.counts.get(2016)).toBeUndefined();
    expect(stats.max).toBe(3);
    // Types in the order of the field's options, only those that occur.
    expect(stats.types).toEqual(['浸水', '倒木']);
  });

  test('reads the year of a date string', () => {
    expect(yearOf('2019-07-01')).toBe(2019);
    expect(yearOf(null)).toBeNull();
    expect(yearOf('unknown')).toBeNull();
  });

  test('the map filter compares whole years', () => {
    expect(yearRangeFilter('occurred_on', 2010, 2015)).toEqual([
      'all',
      ['>=', ['to-number', ['slice', ['to-string', ['coalesce', ['get', 'occurred_on'], '']], 0, 4], 0], 2010],
      ['<=', ['to-number', ['slice', ['to-string', ['coalesce', ['get', 'occurred_on'], '']], 0, 4], 0], 2015],
    ]);
  });
});
