import type { Feature } from '../api/model';
import { makeI18n } from '../i18n';
import { fileProblem, formatBytes, MAX_ATTACHMENT_BYTES } from './AttachmentsPanel';
import { placeOf } from './EnquiryPanel';
import { planeZoneName } from '#domain/planeZones';
import { centimetres, widthRange } from './ledgerFormat';

describe('attachment checks before upload', () => {
  test('PDF, JPEG and PNG are accepted by type or by extension', () => {
    expect(fileProblem({ name: '境界確定図.pdf', type: 'application/pdf', size: 1000 })).toBeNull();
    expect(fileProblem({ name: 'photo.JPG', type: '', size: 1000 })).toBeNull();
    expect(fileProblem({ name: 'scan', type: 'image/png', size: 1000 })).toBeNull();
  });

  test('other types, empty files and files over 20 MB are refused', () => {
    expect(fileProblem({ name: 'memo.txt', type: 'text/plain', size: 10 })).toBe('type');
    expect(fileProblem({ name: 'drawing.dwg', type: '', size: 10 })).toBe('type');
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toBe('empty');
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES })).toBeNull();
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES + 1 })).toBe('size');
    // An installation with a smaller limit (clientSettings.attachmentMaxBytes).
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 6_000_000 }, 5 * 1024 * 1024)).toBe('size');
  });

  test('sizes are shown in B, KB and MB', () => {
    const i18n = makeI18n('ja');
    expect(formatBytes(512, i18n)).toBe('512 B');
    expect(formatBytes(150 * 1024, i18n)).toBe('150 KB');
    expect(formatBytes(3.25 * 1024 * 1024, i18n)).toBe('3.3 MB');
  });
});

describe('the place of a counter sheet', () => {
  const road: Feature = { id: '16', layerKey: 'road_ledger', geometry: { type: 'LineString', coordinates: [[140, 35], [140.002, 35]] }, attributes: {} };

  test('a click on the map is the place, with the selected feature', () => {
    expect(placeOf({ lngLat: [140.1, 35.6], loading: false, error: null, hits: [] }, road)).toEqual({ lon: 140.1, lat: 35.6, feature: road });
  });

  test('a feature picked from the table or search is represented by a point on it', () => {
    expect(placeOf(null, road)).toEqual({ lon: 140.001, lat: 35, feature: road });
  });

  test('a town from the search is a place but not a feature', () => {
    const town: Feature = { id: 'town:鹿渡', layerKey: '', geometry: { type: 'Point', coordinates: [140.15, 35.67] }, attributes: {} };
    expect(placeOf(null, town)).toEqual({ lon: 140.15, lat: 35.67, feature: null });
  });

  test('nothing chosen: no place', () => {
    expect(placeOf(null, null)).toBeNull();
  });
});

test('road widths are a range, or one value when the ends agree', () => {
  const i18n = makeI18n('ja');
  expect(widthRange(9.3, 13.2, i18n)).toBe('9.3–13.2 m');
  expect(widthRange(6, 6, i18n)).toBe('6 m');
  expect(widthRange(null, 4.5, i18n)).toBe('4.5 m');
  expect(widthRange(null, null, i18n)).toBe('—');
});

test('ledger lengths and plane coordinates keep two decimals', () => {
  expect(centimetres(240.4, 'ja')).toBe('240.40');
  expect(centimetres(-38762.3, 'ja')).toBe('-38,762.30');
  expect(centimetres(1841.355, 'en')).toBe('1,841.36');
});

test('plane rectangular zones are named as surveyors write them', () => {
  expect(planeZoneName(6677)).toBe('IX');
  expect(planeZoneName(6669)).toBe('I');
  expect(planeZoneName(6687)).toBe('XIX');
  expect(planeZoneName(4326)).toBe('EPSG:4326');
});
