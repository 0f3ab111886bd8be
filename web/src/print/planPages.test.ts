import { planPages } from './planPages';

const M_PER_DEG_LAT = 110_950;
const lat0 = 35.67;
const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
/** A point `x` metres east and `y` metres north of a fixed origin near the city. */
const at = (x: number, y: number): [number, number] => [140.17 + x / mPerDegLon, lat0 + y / M_PER_DEG_LAT];
const inside = (p: [number, number], ring: [number, number][]) =>
  p[0] >= Math.min(...ring.map((r) => r[0])) - 1e-9 && p[0] <= Math.max(...ring.map((r) => r[0])) + 1e-9 &&
  p[1] >= Math.min(...ring.map((r) => r[1])) - 1e-9 && p[1] <= Math.max(...ring.map((r) => r[1])) + 1e-9;

test('a 1 km straight road east–west at 1/500 on A3 landscape (200 m × 120 m frames) takes six pages in order', () => {
  const road = [at(0, 0), at(1000, 0)];
  const pages = planPages([road], { width: 200, height: 120 }, 10);
  // 180 m usable per page, each next page starting where the last ended: ceil(1000 / 180) = 6.
  expect(pages).toHaveLength(6);
  expect(pages.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
  // West to east, like the road.
  for (let i = 1; i < pages.length; i++) expect(pages[i].centre[0]).toBeGreaterThan(pages[i - 1].centre[0]);
  // Every 10 m of the road is on some page.
  for (let x = 0; x <= 1000; x += 10) expect(pages.some((p) => inside(at(x, 0), p.ring))).toBe(true);
  // Frames are the paper at scale: 200 m wide, 120 m tall.
  const ring = pages[0].ring;
  expect((ring[1][0] - ring[0][0]) * mPerDegLon).toBeCloseTo(200, 3);
  expect((ring[2][1] - ring[1][1]) * M_PER_DEG_LAT).toBeCloseTo(120, 3);
});

test('a short road fits one page, centred on it', () => {
  const pages = planPages([[at(0, 0), at(50, 30)]], { width: 200, height: 120 }, 10);
  expect(pages).toHaveLength(1);
  expect(pages[0].centre[0]).toBeCloseTo(at(25, 15)[0], 9);
  expect(pages[0].centre[1]).toBeCloseTo(at(25, 15)[1], 9);
});

test('a bent road in two parts is covered along both, and too long a road is refused', () => {
  const parts = [[at(0, 0), at(300, 0)], [at(300, 0), at(300, 400)]];
  const pages = planPages(parts, { width: 200, height: 120 }, 10);
  for (let t = 0; t <= 300; t += 10) expect(pages.some((p) => inside(at(t, 0), p.ring))).toBe(true);
  for (let t = 0; t <= 400; t += 10) expect(pages.some((p) => inside(at(300, t), p.ring))).toBe(true);
  expect(() => planPages([[at(0, 0), at(20_000, 0)]], { width: 200, height: 120 }, 10, 30)).toThrow(/more than 30 pages/);
});
