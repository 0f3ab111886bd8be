import { formatDate, parseDate, parseWareki } from './dates';

describe('和暦 and ISO dates', () => {
  test('the last day of 平成 and the first of 令和 read and print on their own side of the boundary', () => {
    expect(parseWareki('平成31年4月30日')).toBe('2019-04-30');
    expect(parseWareki('令和元年5月1日')).toBe('2019-05-01');
    expect(formatDate('2019-04-30', 'wareki')).toBe('平成31年4月30日');
    expect(formatDate('2019-05-01', 'wareki')).toBe('令和元年5月1日');
    expect(formatDate('2019-05-01', 'warekiShort')).toBe('R1.5.1');
  });

  test('昭和64年 ends on 1月7日 and 平成元年 starts on 1月8日', () => {
    expect(formatDate('1989-01-07', 'wareki')).toBe('昭和64年1月7日');
    expect(formatDate('1989-01-08', 'wareki')).toBe('平成元年1月8日');
    expect(parseWareki('平成元年1月7日')).toBeNull();
  });

  test('the three styles a user can choose', () => {
    expect(formatDate('2025-04-01', 'wareki')).toBe('令和7年4月1日');
    expect(formatDate('2025-04-01', 'warekiShort')).toBe('R7.4.1');
    expect(formatDate('2025-04-01T09:00:00Z', 'iso')).toBe('2025-04-01');
    expect(formatDate('not a date', 'wareki')).toBe('not a date');
  });

  test('what is printed reads back to the same day, for every day across the 平成/令和 change', () => {
    for (let t = Date.UTC(2019, 3, 1); t <= Date.UTC(2019, 5, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      expect(parseDate(formatDate(day, 'wareki'))).toBe(day);
      expect(parseDate(formatDate(day, 'warekiShort'))).toBe(day);
    }
  });
});
