import { etagMatches } from './tile.route';
import { fullDetailZoom, parseTileCoords, styleFieldKeys, tilePropertyKeys } from './tile.service';

describe('tile addresses', () => {
  test('accepts every tile of the grid up to z22', () => {
    expect(parseTileCoords('0', '0', '0')).toEqual({ z: 0, x: 0, y: 0 });
    expect(parseTileCoords('14', '14571', '6452')).toEqual({ z: 14, x: 14571, y: 6452 });
    expect(parseTileCoords('22', String(2 ** 22 - 1), '0')).toEqual({ z: 22, x: 2 ** 22 - 1, y: 0 });
  });

  test.each([
    ['23', '0', '0'], ['1', '2', '0'], ['1', '0', '2'], ['-1', '0', '0'], ['1.0', '0', '0'], ['', '0', '0'], ['1e1', '0', '0'], ['14', '0x10', '0'],
  ])('refuses z=%s x=%s y=%s as bad input', (z, x, y) => {
    expect(() => parseTileCoords(z, x, y)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });
});

describe('tile properties', () => {
  const fields = [
    { key: 'light_no', type: 'text' }, { key: 'lamp_type', type: 'enum' }, { key: 'watts', type: 'integer' },
    { key: 'pole_no', type: 'text' }, { key: 'bearing_deg', type: 'number' }, { key: 'installed_on', type: 'date' },
  ];

  test('carry the label field, style-referenced fields and short categorical fields, in field order', () => {
    const style = { circle: { 'circle-color': ['match', ['get', 'bearing_deg'], 0, '#000', '#fff'] } };
    expect(tilePropertyKeys({ fields, label_field: 'light_no', style })).toEqual(['light_no', 'lamp_type', 'watts', 'bearing_deg', 'installed_on']);
  });

  test('leave free text out unless it is the label', () => {
    expect(tilePropertyKeys({ fields, label_field: null, style: {} })).toEqual(['lamp_type', 'watts', 'installed_on']);
  });

  test('style keys are found at any depth, only in ["get", key] form', () => {
    expect(styleFieldKeys({ a: [['get', 'x'], { b: ['coalesce', ['get', 'y'], ['get', 'z', ['properties']]] }], c: 'get' })).toEqual(['x', 'y']);
  });
});

describe('full-detail zoom', () => {
  test('a layer style may set it; anything but a whole zoom 0–22 falls back to the service default', () => {
    expect(fullDetailZoom({ fullDetailZoom: 13 }, 16)).toBe(13);
    expect(fullDetailZoom({}, 16)).toBe(16);
    expect(fullDetailZoom(null, 16)).toBe(16);
    for (const bad of [13.5, -1, 23, '13']) expect(fullDetailZoom({ fullDetailZoom: bad }, 16)).toBe(16);
  });
});

describe('ETag revalidation', () => {
  const etag = 'W/"street_lights-3-abc-14-1-2"';
  test('matches weakly, in a list, or with *', () => {
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches('"street_lights-3-abc-14-1-2"', etag)).toBe(true);
    expect(etagMatches(`"other", ${etag}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
  });
  test('an older version or no header does not match', () => {
    expect(etagMatches('W/"street_lights-2-abc-14-1-2"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});
