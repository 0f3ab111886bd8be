import { CITY_DAYS_OFF, formatSchedule, nextCollections, parseSchedule } from './collection';

describe('garbage collection days', () => {
  test('weekdays and "第2・第4水曜" patterns are read; anything else is refused', () => {
    expect(parseSchedule('月・木')).toEqual({ weekdays: [1, 4], nth: [] });
    expect(parseSchedule('火曜・金曜')).toEqual({ weekdays: [2, 5], nth: [] });
    expect(parseSchedule('第2・第4水曜')).toEqual({ weekdays: [], nth: [{ n: 2, weekday: 3 }, { n: 4, weekday: 3 }] });
    expect(parseSchedule('第１水曜日')).toEqual({ weekdays: [], nth: [{ n: 1, weekday: 3 }] });
    expect(parseSchedule('毎週')).toBeNull();
    expect(parseSchedule('第6水')).toBeNull();
    expect(parseSchedule('')).toBeNull();
  });

  test('the next burnable days skip a public holiday (2026-01-12 成人の日)', () => {
    // Mondays and Thursdays from Friday 2026-01-09: Monday 01-12 is 成人の日.
    expect(nextCollections(parseSchedule('月・木')!, '2026-01-09', 3, CITY_DAYS_OFF)).toEqual(['2026-01-15', '2026-01-19', '2026-01-22']);
  });

  test('the year-end days of the city are skipped: no collection from 12/31 to 1/3', () => {
    // 2026-12-31 is a Thursday, 2027-01-01 (元日) a Friday.
    expect(nextCollections(parseSchedule('月・木')!, '2026-12-29', 2, CITY_DAYS_OFF)).toEqual(['2027-01-04', '2027-01-07']);
    expect(nextCollections(parseSchedule('月・木')!, '2026-12-29', 2, [])).toEqual(['2026-12-31', '2027-01-04']);
  });

  test('第2・第4水曜: the second and fourth Wednesdays of each month', () => {
    expect(nextCollections(parseSchedule('第2・第4水')!, '2026-04-01', 4, CITY_DAYS_OFF)).toEqual(['2026-04-08', '2026-04-22', '2026-05-13', '2026-05-27']);
  });
});

describe('the picker writes the stored format', () => {
  test('every pattern it can make reads back as the same schedule', () => {
    for (let mask = 1; mask < 128; mask++) {
      const weekdays = [0, 1, 2, 3, 4, 5, 6].filter((d) => mask & (1 << d));
      const text = formatSchedule({ weekdays, nth: [] });
      expect(parseSchedule(text)).toEqual({ weekdays, nth: [] });
    }
    for (let mask = 1; mask < 32; mask++) {
      for (let weekday = 0; weekday < 7; weekday++) {
        const nth = [1, 2, 3, 4, 5].filter((n) => mask & (1 << (n - 1))).map((n) => ({ n, weekday }));
        expect(parseSchedule(formatSchedule({ weekdays: [], nth }))).toEqual({ weekdays: [], nth });
      }
    }
  });

  test('as people write it: 月・木 and 第2・第4水; nothing chosen is empty', () => {
    expect(formatSchedule({ weekdays: [4, 1], nth: [] })).toBe('月・木');
    expect(formatSchedule({ weekdays: [], nth: [{ n: 4, weekday: 3 }, { n: 2, weekday: 3 }] })).toBe('第2・第4水');
    expect(formatSchedule({ weekdays: [], nth: [] })).toBe('');
  });
});
