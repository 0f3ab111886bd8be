import { parseSheetRequest, sheetUrl, type EnquirySheetRequest } from './sheetParams';

const enquiry: EnquirySheetRequest = {
  kind: 'enquiry',
  lon: 140.1950001234,
  lat: 35.6378,
  scale: 2500,
  paper: 'A3-landscape',
  date: '2026-11-24',
  lang: 'ja',
  layers: ['road_ledger', 'street_lights'],
  featureId: '16',
};

test('the sheet URL carries the whole request, and the print page reads it back', () => {
  const url = new URL(sheetUrl(enquiry, 'pdf'), 'http://localhost');
  expect(url.pathname).toBe('/api/print/enquiry.pdf');
  const back = parseSheetRequest('/print/enquiry', url.search);
  expect(back).toEqual({ ...enquiry, lon: 140.195 });
});

test('the same place gives the same URL (six decimals, about 0.1 m)', () => {
  expect(sheetUrl({ ...enquiry, lon: 140.19500004 }, 'png')).toBe(sheetUrl({ ...enquiry, lon: 140.19499996 }, 'png'));
  expect(sheetUrl(enquiry, 'png')).toMatch(/^\/api\/print\/enquiry\.png\?/);
});

test('English sheets say so; Japanese is the default and is not written', () => {
  expect(sheetUrl(enquiry, 'pdf')).not.toContain('lang=');
  expect(new URL(sheetUrl({ ...enquiry, lang: 'en' }, 'pdf'), 'http://x').searchParams.get('lang')).toBe('en');
});

test('a sheet asked for in 和暦 says so, and the print page reads it back; ISO is the default and is not written', () => {
  const route = { kind: 'route', routeNo: '1-01', paper: 'A4-portrait', date: '2025-04-01', lang: 'ja' } as const;
  const url = sheetUrl({ ...route, dates: 'wareki' }, 'pdf');
  expect(new URL(url, 'http://x').searchParams.get('dates')).toBe('wareki');
  expect(parseSheetRequest('/print/route', url.slice(url.indexOf('?')))).toMatchObject({ dates: 'wareki' });
  expect(sheetUrl({ ...route, dates: 'iso' }, 'pdf')).not.toContain('dates=');
});

test('a route sheet request', () => {
  const url = sheetUrl({ kind: 'route', routeNo: '1-01', paper: 'A4-portrait', date: '2026-11-24', lang: 'ja' }, 'pdf');
  expect(url).toBe('/api/print/route.pdf?routeNo=1-01&paper=A4-portrait&date=2026-11-24');
  expect(parseSheetRequest('/print/route', url.slice(url.indexOf('?')))).toEqual({ kind: 'route', routeNo: '1-01', paper: 'A4-portrait', date: '2026-11-24', lang: 'ja' });
});

test('with every layer hidden the sheet asks for none, which is not the same as not asking', () => {
  const url = sheetUrl({ ...enquiry, layers: [] }, 'pdf');
  expect(new URL(url, 'http://x').searchParams.get('layers')).toBe('');
  expect(parseSheetRequest('/print/enquiry', url.slice(url.indexOf('?')))).toMatchObject({ layers: [] });
});

test('without layers the sheet draws them all; a bad request says what is wrong', () => {
  const all = parseSheetRequest('/print/enquiry', '?lon=140.1&lat=35.6&scale=500&paper=A4-portrait&date=2026-01-02');
  expect(all).toMatchObject({ layers: null, featureId: null, scale: 500 });
  expect(parseSheetRequest('/print/enquiry', '?lon=140.1&lat=35.6&scale=750&date=2026-01-02')).toEqual({ error: expect.stringContaining('scale') });
  expect(parseSheetRequest('/print/enquiry', '?lat=35.6&date=2026-01-02')).toEqual({ error: expect.stringContaining('lon') });
  expect(parseSheetRequest('/print/route', '?paper=B5&routeNo=1&date=2026-01-02')).toEqual({ error: expect.stringContaining('paper') });
  expect(parseSheetRequest('/print/route', '?routeNo=1')).toEqual({ error: expect.stringContaining('date') });
  expect(parseSheetRequest('/print/other', '?date=2026-01-02')).toEqual({ error: expect.stringContaining('unknown sheet') });
});

test('a boundary sheet (境界確定図) is asked for by the record’s feature id, and a bad id is refused', () => {
  const request = { kind: 'boundary', featureId: '4711', paper: 'A4-portrait', date: '2026-11-24', lang: 'ja' } as const;
  const url = new URL(sheetUrl(request, 'pdf'), 'http://localhost');
  expect(url.pathname).toBe('/api/print/boundary.pdf');
  expect(parseSheetRequest('/print/boundary', url.search)).toEqual(request);
  expect(parseSheetRequest('/print/boundary', '?featureId=1;drop&paper=A4-portrait&date=2026-11-24')).toEqual({ error: 'featureId of a boundary record is required' });
});

test('a map printed as seen carries its place, scale, layers, title, note and redline through the URL', () => {
  const request = {
    kind: 'map', paper: 'A3-portrait', date: '2026-11-29', lang: 'ja', lon: 140.1676, lat: 35.6698, scale: 2500,
    layers: ['road_ledger', 'parcels'], title: 'ご案内図', note: '赤丸がお問い合わせの場所',
    redline: [{ kind: 'mark', coordinates: [[140.1676, 35.6698]], text: 'ご自宅' }, { kind: 'arrow', coordinates: [[140.167, 35.669], [140.1675, 35.6697]] }],
  } as const;
  const url = new URL(sheetUrl(request as never, 'png'), 'http://localhost');
  expect(url.pathname).toBe('/api/print/map.png');
  expect(parseSheetRequest('/print/map', url.search)).toEqual(request);
  expect(parseSheetRequest('/print/map', url.search.replace('scale=2500', 'scale=2.5'))).toEqual({ error: 'scale must be a whole number from 100 to 100000' });
  const badRedline = new URLSearchParams(url.search);
  badRedline.set('redline', '[["a",140.1,35.6]]'); // an arrow with one end
  expect(parseSheetRequest('/print/map', `?${badRedline}`)).toHaveProperty('error');
});

test('visible raster layers travel bottom first with their opacity, on both sheets', () => {
  const rasters = [{ key: 'orthophoto', opacity: 1 }, { key: 'road_sheets', opacity: 0.6 }];
  const url = sheetUrl({ ...enquiry, rasters }, 'pdf');
  expect(new URL(url, 'http://x').searchParams.get('rasters')).toBe('orthophoto,road_sheets:60');
  expect(parseSheetRequest('/print/enquiry', url.slice(url.indexOf('?')))).toMatchObject({ rasters });
  const route = sheetUrl({ kind: 'route', routeNo: '1-01', paper: 'A4-portrait', date: '2026-11-24', lang: 'ja', rasters }, 'png');
  expect(parseSheetRequest('/print/route', route.slice(route.indexOf('?')))).toMatchObject({ kind: 'route', rasters });
  expect(parseSheetRequest('/print/route', '?routeNo=1&date=2026-11-24&rasters=Bad Key')).toHaveProperty('error');
});
