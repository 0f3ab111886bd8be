import { parseSchedule } from '#domain/collection';
import { pickerStateOf, scheduleText } from './CollectionDaysPicker';

test('weekdays chosen every week are written 月・木 and read back', () => {
  expect(scheduleText([], [4, 1])).toBe('月・木');
  expect(pickerStateOf('月・木')).toEqual({ weeks: [], days: [1, 4] });
});

test('weeks of the month take one weekday: 第2・第4水', () => {
  expect(scheduleText([2, 4], [3])).toBe('第2・第4水');
  expect(pickerStateOf('第2・第4水曜')).toEqual({ weeks: [2, 4], days: [3] });
  // Switching weeks on with two weekdays keeps the last chosen one, so the text stays valid.
  expect(parseSchedule(scheduleText([1], [1, 4]))).toEqual({ weekdays: [], nth: [{ n: 1, weekday: 4 }] });
});

test('nothing chosen, or text not in the format, shows an empty picker', () => {
  expect(scheduleText([], [])).toBe('');
  expect(scheduleText([2], [])).toBe('');
  expect(pickerStateOf('毎日')).toEqual({ weeks: [], days: [] });
  expect(pickerStateOf(null)).toEqual({ weeks: [], days: [] });
});
