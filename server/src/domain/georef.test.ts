import { fit, fitAffine, fitPolynomial2, fitProjective, GeorefError, worldFileControlPoints } from './georef';

// A 1/500 sheet at 400 dpi: 0.0635 mm/px on paper → 0.03175 m/px on the ground, rotated 30° (cos 0.866, sin 0.5).
const m = 0.03175;
const hand = (col: number, row: number) => ({
  col, row,
  // X (north) decreases with row, Y (east) grows with col; rotated by 30°, origin at (-36000, 30000).
  x: -36000 + m * (0.5 * col - 0.866 * row),
  y: 30000 + m * (0.866 * col + 0.5 * row),
});

describe('georeferencing fits', () => {
  test('affine through three hand-computed points reproduces a fourth exactly, with zero residuals', () => {
    const f = fitAffine([hand(0, 0), hand(10000, 0), hand(0, 8000)]);
    const [x, y] = f.forward(10000, 8000);
    // By hand: X = -36000 + 0.03175·(5000 − 6928) = -36061.214, Y = 30000 + 0.03175·(8660 + 4000) = 30401.955.
    expect(x).toBeCloseTo(-36061.214, 3);
    expect(y).toBeCloseTo(30401.955, 3);
    expect(f.residualsM.every((r) => r < 1e-6)).toBe(true);
    const [col, row] = f.inverse(x, y);
    expect(col).toBeCloseTo(10000, 4);
    expect(row).toBeCloseTo(8000, 4);
  });

  test('affine with a misplaced fourth point reports its residual and the RMS in metres', () => {
    const pts = [hand(0, 0), hand(10000, 0), hand(10000, 8000), hand(0, 8000)];
    pts[2] = { ...pts[2], x: pts[2].x + 2 }; // 2 m off in X
    const f = fitAffine(pts);
    // Least squares spreads a 2 m error over four symmetric points: each residual is 0.5 m, RMS 0.5 m.
    f.residualsM.forEach((r) => expect(r).toBeCloseTo(0.5, 6));
    expect(f.rmsM).toBeCloseTo(0.5, 6);
  });

  test('projective maps a keystoned square: four corners exact and the centre where the diagonals cross', () => {
    // Unit-ish square photographed at an angle: pixel corners → plane trapezoid.
    const pts = [
      { col: 0, row: 0, x: 100, y: 0 },
      { col: 1000, row: 0, x: 100, y: 100 },
      { col: 1000, row: 1000, x: 0, y: 80 },
      { col: 0, row: 1000, x: 0, y: 20 },
    ];
    const f = fitProjective(pts);
    f.residualsM.forEach((r) => expect(r).toBeLessThan(1e-6));
    // The image centre is the crossing of the diagonals (0,0)-(1000,1000) and (1000,0)-(0,1000):
    // in the plane, X = 100 − 100t, Y = 80t and X = 100 − 100t, Y = 100 − 80t meet at t = 0.625: X = 37.5, Y = 50.
    const [x, y] = f.forward(500, 500);
    expect(x).toBeCloseTo(37.5, 6);
    expect(y).toBeCloseTo(50, 6);
    const [col, row] = f.inverse(37.5, 50);
    expect(col).toBeCloseTo(500, 4);
    expect(row).toBeCloseTo(500, 4);
    // An affine fit cannot follow the keystone: it leaves residuals.
    expect(fitAffine(pts).rmsM).toBeGreaterThan(1);
  });

  test('second-order polynomial follows a bent sheet exactly and inverts by iteration', () => {
    const bent = (col: number, row: number) => ({ col, row, x: 1000 - 0.05 * row + 1e-7 * col * col, y: 2000 + 0.05 * col + 2e-7 * col * row });
    const pts = [[0, 0], [5000, 0], [10000, 0], [0, 5000], [5000, 5000], [10000, 5000], [0, 10000], [10000, 10000]].map(([c, r]) => bent(c, r));
    const f = fitPolynomial2(pts);
    f.residualsM.forEach((r) => expect(r).toBeLessThan(1e-6));
    const p = bent(7000, 3000);
    const [x, y] = f.forward(7000, 3000);
    expect(x).toBeCloseTo(p.x, 6);
    expect(y).toBeCloseTo(p.y, 6);
    const [col, row] = f.inverse(p.x, p.y);
    expect(col).toBeCloseTo(7000, 3);
    expect(row).toBeCloseTo(3000, 3);
    expect(fitAffine(pts).rmsM).toBeGreaterThan(0.5);
  });

  test('too few points or points in a line are coded errors that say how many are needed', () => {
    expect(() => fitAffine([hand(0, 0), hand(1, 1)])).toThrow(GeorefError);
    expect(() => fit('PROJECTIVE', [hand(0, 0), hand(1, 0), hand(0, 1)])).toThrow(/at least 4 control points, got 3/);
    expect(() => fit('POLYNOMIAL2', [hand(0, 0), hand(1, 0), hand(0, 1), hand(1, 1), hand(2, 2)])).toThrow(/at least 6/);
    expect(() => fitAffine([hand(0, 0), hand(100, 100), hand(200, 200)])).toThrow(/collinear/);
    try { fitAffine([]); } catch (e) { expect((e as GeorefError).code).toBe('BAD_USER_INPUT'); }
  });

  test('a world file gives the image corners in plane coordinates (X north, Y east)', () => {
    // 0.1 m pixels, top-left pixel centre at E 30000.05, N -36000.05.
    const pts = worldFileControlPoints('0.1\n0\n0\n-0.1\n30000.05\n-36000.05\n', 200, 100);
    expect(pts[0]).toEqual({ col: 0, row: 0, x: -36000, y: 30000 });
    expect(pts[2].x).toBeCloseTo(-36010, 9);
    expect(pts[2].y).toBeCloseTo(30020, 9);
    expect(() => worldFileControlPoints('1 2 3', 10, 10)).toThrow(/six numbers/);
  });
});
