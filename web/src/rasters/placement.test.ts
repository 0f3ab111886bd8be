import { emptyDraft, imageCorners, liveFit, parseCoordinate, sheetPixel, toControlPoint, type DraftPoint } from './placement';

// A 1/500 sheet at 400 dpi: 0.03175 m per pixel, north up, top-left corner at X=-31000, Y=8000.
const M_PER_PX = 0.0254 / 400 * 500;
const exact = (col: number, row: number): DraftPoint => ({ col, row, x: String(-31000 - row * M_PER_PX), y: String(8000 + col * M_PER_PX) });

describe('placement drafts', () => {
  test('typed coordinates accept full-width digits and thousands commas, and refuse text', () => {
    expect(parseCoordinate('－３１，０００．５')).toBe(-31000.5);
    expect(parseCoordinate(' 8123.456 ')).toBe(8123.456);
    expect(parseCoordinate('8123.4.5')).toBeNull();
    expect(parseCoordinate('')).toBeNull();
  });

  test('a draft is a control point only once it has a pixel and both coordinates', () => {
    expect(toControlPoint({ ...emptyDraft(), x: '1', y: '2' })).toBeNull();
    expect(toControlPoint({ col: 3, row: 4, x: '1', y: '' })).toBeNull();
    expect(toControlPoint({ col: 3, row: 4, x: '1', y: '2' })).toEqual({ col: 3, row: 4, x: 1, y: 2 });
  });

  test('image corners run clockwise from the top left', () => {
    expect(imageCorners(100, 50)).toEqual([{ col: 0, row: 0 }, { col: 100, row: 0 }, { col: 100, row: 50 }, { col: 0, row: 50 }]);
  });

  test('a click on the displayed preview maps to sheet pixels', () => {
    // Preview 2048 px wide shown at 1024 px, the sheet 4× the preview (X-Preview-Scale 0.25).
    expect(sheetPixel(512, 100, 1024, 2048, 0.25)).toEqual({ col: 4096, row: 800 });
  });
});

describe('live fit', () => {
  test('waits for the points the transform needs', () => {
    expect(liveFit('AFFINE', [exact(0, 0), exact(100, 0)])).toEqual({ state: 'waiting', complete: 2, need: 3 });
    expect(liveFit('PROJECTIVE', [exact(0, 0), exact(100, 0), exact(100, 100)])).toMatchObject({ state: 'waiting', need: 4 });
  });

  test('exact corners fit with zero residuals; a point typed 1 m off shows up in the residuals and RMS', () => {
    const corners = [exact(0, 0), exact(13000, 0), exact(13000, 9400), exact(0, 9400)];
    const good = liveFit('AFFINE', corners);
    expect(good.state).toBe('fitted');
    if (good.state !== 'fitted') return;
    expect(good.rmsM).toBeLessThan(1e-6);

    const off = [...corners.slice(0, 3), { ...corners[3], x: String(Number(corners[3].x) + 1) }];
    const bad = liveFit('AFFINE', off);
    if (bad.state !== 'fitted') throw new Error(bad.state);
    // Four points, three unknowns per axis: 1 m of error spreads to 0.25 m on each point.
    expect(bad.residualsM.every((r) => r !== null && Math.abs(r - 0.25) < 1e-6)).toBe(true);
    expect(bad.rmsM).toBeCloseTo(0.25, 6);
  });

  test('an incomplete draft keeps its row, with no residual', () => {
    const drafts = [exact(0, 0), emptyDraft(), exact(1000, 0), exact(0, 1000)];
    const result = liveFit('AFFINE', drafts);
    if (result.state !== 'fitted') throw new Error(result.state);
    expect(result.residualsM[1]).toBeNull();
    expect(result.residualsM).toHaveLength(4);
  });

  test('points on one line are no fit, with the reason', () => {
    const result = liveFit('AFFINE', [exact(0, 0), exact(10, 10), exact(20, 20)]);
    expect(result.state).toBe('invalid');
  });
});
