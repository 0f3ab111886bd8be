import { todayInJapan } from './dates';
import { parseSheetParams, sheetQueryOf } from './sheets';

describe('the sheet query, checked alike by the server and the print page', () => {
  const at = Date.UTC(2026, 10, 28, 16, 30); // 2026-11-29 01:30 in Japan
  test('the date defaults to today in Japan (not in UTC), the paper to A4 portrait', () => {
    expect(todayInJapan(at)).toBe('2026-11-29');
    expect(parseSheetParams('route', { routeNo: '1-01' }, at)).toEqual({ kind: 'route', routeNo: '1-01', paper: 'A4-portrait', date: '2026-11-29', lang: null });
  });

  test("the date style (和暦) is part of the sheet: wareki and warekiShort are written, ISO (the default) is not, others are refused", () => {
    const route = { routeNo: '1-01', date: '2025-04-01' };
    for (const dates of ['wareki', 'warekiShort'] as const) {
      const sheet = parseSheetParams('route', { ...route, dates });
      expect(sheet).toMatchObject({ dates });
      expect(sheetQueryOf(sheet as never).get('dates')).toBe(dates);
    }
    const iso = parseSheetParams('route', { ...route, dates: 'iso' });
    expect(iso).not.toHaveProperty('dates');
    expect(sheetQueryOf(iso as never).has('dates')).toBe(false);
    expect(parseSheetParams('route', { ...route, dates: 'showa' })).toMatchObject({ field: 'dates' });
  });

  test('each bad value names its parameter', () => {
    const enquiry = { lon: '140.1', lat: '35.6', date: '2026-01-02' };
    expect(parseSheetParams('enquiry', enquiry)).toMatchObject({ scale: 1000, layers: null, featureId: null });
    expect(parseSheetParams('enquiry', { ...enquiry, scale: '750' })).toMatchObject({ field: 'scale' });
    expect(parseSheetParams('enquiry', { ...enquiry, lon: '' })).toMatchObject({ field: 'lon' });
    expect(parseSheetParams('enquiry', { ...enquiry, layers: 'roads,A' })).toMatchObject({ field: 'layers' });
    expect(parseSheetParams('enquiry', { ...enquiry, featureId: '12x' })).toMatchObject({ field: 'featureId' });
    expect(parseSheetParams('enquiry', { ...enquiry, paper: 'B5' })).toMatchObject({ field: 'paper' });
    expect(parseSheetParams('route', { routeNo: '1', date: '2026-02-30' })).toMatchObject({ field: 'date' });
  });
});
