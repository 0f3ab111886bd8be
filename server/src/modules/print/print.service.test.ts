// The print service pulls in the request context and with it the GraphQL types (decorators).
import 'reflect-metadata';
import { sheetQuery } from './print.service';

describe('sheet query', () => {
  test('visible raster layers (issue 19) pass through to the print page on both sheets, bottom first with opacity', () => {
    expect(sheetQuery('enquiry', { lon: '140.17', lat: '35.67', date: '2026-11-29', rasters: 'orthophoto,road_sheets:60' }).get('rasters')).toBe('orthophoto,road_sheets:60');
    expect(sheetQuery('route', { routeNo: '1-01', date: '2026-11-29', rasters: 'road_sheets' }).get('rasters')).toBe('road_sheets');
    expect(sheetQuery('route', { routeNo: '1-01', date: '2026-11-29' }).has('rasters')).toBe(false);
  });

  test('a rasters list that is not layer keys is refused with BAD_USER_INPUT', () => {
    expect(() => sheetQuery('route', { routeNo: '1-01', rasters: '../etc' })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'rasters' }) }));
  });
});
