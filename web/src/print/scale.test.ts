import { todayInJapan } from '#domain/dates';
import { PAPERS } from '#domain/sheets';
import { fittingScale, formatScale, metresPerCssPixel, scaleAtZoom, scaleBar, zoomForScale } from './scale';

/** Ground metres per CSS pixel at a zoom, as MapLibre's docs define it for 512 px tiles. */
const mapLibreMetresPerPixel = (zoom: number, lat: number) => (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);

describe('zoom for a printed scale', () => {
  test('at 1/1,000 one CSS pixel (1/96 inch) covers 0.2646 m of ground in Yotsukaido', () => {
    const lat = 35.67;
    const zoom = zoomForScale(1000, lat);
    expect(mapLibreMetresPerPixel(zoom, lat)).toBeCloseTo(0.0254 * 1000 / 96, 9);
    expect(zoom).toBeCloseTo(17.875, 3);
  });

  test('one step of zoom halves the scale denominator, and going north needs less zoom', () => {
    expect(zoomForScale(500, 35.67) - zoomForScale(1000, 35.67)).toBeCloseTo(1, 12);
    // cos 60° = 1/2: the same scale at 60°N is one zoom level lower than at the equator.
    expect(zoomForScale(2500, 0) - zoomForScale(2500, 60)).toBeCloseTo(1, 12);
  });

  test('zoom 0 at the equator is the scale of a 512 px world', () => {
    const denominator = (40075016.686 / 512) * (96 / 0.0254);
    expect(zoomForScale(denominator, 0)).toBeCloseTo(0, 12);
  });

  test('scaleAtZoom inverts zoomForScale', () => {
    for (const s of [500, 1000, 2500, 5000]) expect(scaleAtZoom(zoomForScale(s, 35.7), 35.7)).toBeCloseTo(s, 6);
  });

  test('metres per CSS pixel grow with the denominator', () => {
    expect(metresPerCssPixel(5000)).toBeCloseTo(1.3229, 4);
  });
});

describe('scale bar', () => {
  test.each([
    [500, 20, 40],
    [1000, 50, 50],
    [2500, 100, 40],
    [5000, 200, 40],
    [10000, 500, 50],
  ])('at 1/%i the bar is %i m long and %i mm on paper', (scale, metres, mm) => {
    const bar = scaleBar(scale);
    expect(bar.metres).toBe(metres);
    expect(bar.mm).toBeCloseTo(mm, 9);
  });

  test('the bar is never longer than allowed and at least 40 % of it', () => {
    for (let s = 100; s < 100_000; s *= 1.37) {
      const bar = scaleBar(s, 50);
      expect(bar.mm).toBeLessThanOrEqual(50 + 1e-9);
      expect(bar.mm).toBeGreaterThanOrEqual(20 - 1e-9);
      expect(bar.mm).toBeCloseTo((bar.metres * 1000) / s, 9);
    }
  });
});

test('scales are written 1/1,000', () => {
  expect(formatScale(1000)).toBe('1/1,000');
  expect(formatScale(500)).toBe('1/500');
  expect(formatScale(25000)).toBe('1/25,000');
});

test('a route sheet takes the largest scale at which the route fits in the frame', () => {
  const frame = PAPERS['A4-portrait'].mapMm; // 190 × 172 mm, 170 × 152 usable
  expect(fittingScale(80, 60, frame)).toBe(500); // 160 × 120 mm at 1/500
  expect(fittingScale(90, 60, frame)).toBe(1000); // 180 mm would not fit at 1/500
  expect(fittingScale(1900, 200, frame)).toBe(12500); // 152 mm at 1/12,500
  expect(fittingScale(2200, 200, frame)).toBe(25000); // 176 mm would not fit at 1/12,500
  expect(fittingScale(100_000, 10, frame)).toBe(25000);
});

test("the default date is today's date in Japan", () => {
  // 2026-11-24 20:00 UTC is already the 25th in Tokyo.
  expect(todayInJapan(Date.UTC(2026, 10, 24, 20))).toBe('2026-11-25');
  expect(todayInJapan(Date.UTC(2026, 10, 24, 10))).toBe('2026-11-24');
});
