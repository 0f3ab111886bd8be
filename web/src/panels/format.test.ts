import type { FieldDefinition } from '../api/model';
import { makeI18n } from '../i18n';
import { formatMetres, formatSquareMetres, formatValue, withUnit } from './format';

const ja = makeI18n('ja');
const en = makeI18n('en');
const base = { key: 'k', label: 'ラベル', labelEn: 'Label', required: false, options: null, min: null, max: null, maxLength: null, computed: null };

describe('value formatting', () => {
  test('Japanese units follow the number directly, Latin ones after a space', () => {
    expect(withUnit('46', '世帯')).toBe('46世帯');
    expect(withUnit('12.5', 'm')).toBe('12.5 m');
    expect(withUnit('x', null)).toBe('x');
  });

  test('numbers are grouped and carry their unit; empty values show a dash', () => {
    const watts = { ...base, type: 'INTEGER', unit: 'W' } as FieldDefinition;
    expect(formatValue(watts, 1200, ja)).toBe('1,200 W');
    expect(formatValue(watts, null, ja)).toBe('—');
  });

  test('booleans are words in the UI language', () => {
    const flag = { ...base, type: 'BOOLEAN', unit: null } as FieldDefinition;
    expect(formatValue(flag, true, ja)).toBe('はい');
    expect(formatValue(flag, false, en)).toBe('No');
  });

  test('lengths switch to km and areas to km² when large', () => {
    expect(formatMetres(388.554, ja)).toBe('388.55 m');
    expect(formatMetres(1500, ja)).toBe('1.5 km');
    expect(formatSquareMetres(2500, ja)).toBe('2,500 m²');
    expect(formatSquareMetres(2_000_000, ja)).toBe('2 km²');
  });

  test('labels and messages follow the language', () => {
    expect(ja.fieldLabel(base)).toBe('ラベル');
    expect(en.fieldLabel(base)).toBe('Label');
    expect(ja.t('featureCount', { count: 3 })).toBe('3件');
    expect(en.t('featureCount', { count: 3 })).toBe('3 features');
  });

  test('English counts of one are singular; Japanese has no plural', () => {
    expect(en.t('featureCount', { count: 1 })).toBe('1 feature');
    expect(en.t('identifyCount', { count: 1 })).toBe('1 feature');
    expect(en.t('identifyCount', { count: 2 })).toBe('2 features');
    expect(ja.t('featureCount', { count: 1 })).toBe('1件');
  });

  test('years are shown without a thousands separator (設置年度 2022年度, not 2,022年度)', () => {
    const fy = { ...base, key: 'installed_fy', type: 'INTEGER', unit: '年度' } as FieldDefinition;
    const year = { ...base, key: 'built_year', type: 'INTEGER', unit: null } as FieldDefinition;
    const households = { ...base, key: 'households', type: 'INTEGER', unit: '世帯' } as FieldDefinition;
    expect(formatValue(fy, 2022, ja)).toBe('2022年度');
    expect(formatValue(year, 2019, en)).toBe('2019');
    expect(formatValue(households, 2022, ja)).toBe('2,022世帯');
  });

  test('dates follow the user\'s style: 和暦, short 和暦 or ISO', () => {
    const day = { ...base, key: 'installed_on', type: 'DATE', unit: null } as FieldDefinition;
    expect(formatValue(day, '2019-05-01', makeI18n('ja', undefined, 'wareki'))).toBe('令和元年5月1日');
    expect(formatValue(day, '2019-04-30', makeI18n('ja', undefined, 'warekiShort'))).toBe('H31.4.30');
    expect(formatValue(day, '2019-04-30', ja)).toBe('2019-04-30');
  });
});
