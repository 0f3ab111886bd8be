import { todayInJapan } from './dates';
import { parseSheetParams } from './sheets';

describe('the sheet query, checked alike by the server and the print page', () => {
  const at = Date.UTC(2026, 10, 28, 16, 30); // 2026-11-29 01:30 in Japan
  test('the date defaults to today in Japan (not in UTC), the paper to A4 portrait', () => {
    expect(todayInJapan(at)).toBe('2026-11-29');
    expect(parseSheetParams('route', { routeNo: '1-01' }, at)).toEqual({ kind: 'route', routeNo: '1-01', paper: 'A4-portrait', date: '2026-11-29', lang: null });
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
