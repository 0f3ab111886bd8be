import { coordinateAreaTable, parseCoordinateTable, planeArea, pointsFollowingGeometry, sideLengths, surveyGeometry } from './survey';

describe('coordinate table parsing', () => {
  test('reads names, X, Y and markers in several separators, skipping a header and blank lines', () => {
    const { points, problems } = parseCoordinateTable('点名,X,Y,標識\nK1,-36500.123,30450.5,コンクリート杭\n\nK2\t-36510.000\t30460.000\nK3 -36505.25 30470 金属標\n');
    expect(problems).toEqual([]);
    expect(points).toEqual([
      { name: 'K1', x: '-36500.123', y: '30450.500', markerType: 'コンクリート杭' },
      { name: 'K2', x: '-36510.000', y: '30460.000' },
      { name: 'K3', x: '-36505.250', y: '30470.000', markerType: '金属標' },
    ]);
  });

  test('numbers points without names and accepts full-width digits', () => {
    const { points } = parseCoordinateTable('－３６５００．１，３０４５０．２\n-36501,30451');
    expect(points.map((p) => [p.name, p.x, p.y])).toEqual([['1', '-36500.100', '30450.200'], ['2', '-36501.000', '30451.000']]);
  });

  test('reports bad lines by number: not numbers, sub-millimetre, out of range, duplicates, wrong column count', () => {
    const { points, problems } = parseCoordinateTable([
      'K1,-36500,30450', 'K2,abc,30450', 'K3,-36500.1234,30450', 'K4,-936500,30450', 'K1,-36510,30450', 'K6,-36500,30450', 'K7,1,2,3,4,5',
    ].join('\n'));
    expect(points.map((p) => p.name)).toEqual(['K1']);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(problems[0].message).toMatch(/not a number/);
    expect(problems[1].message).toMatch(/more than 3 decimals/);
    expect(problems[2].message).toMatch(/outside any plane rectangular zone/);
    expect(problems[3].message).toMatch(/used twice/);
    expect(problems[4].message).toMatch(/same coordinates as K1/);
    expect(problems[5].message).toMatch(/expected/);
    expect(problems.map((p) => p.code)).toEqual(['notNumber', 'decimals', 'outsideZone', 'duplicateName', 'duplicatePoint', 'columns']);
    expect(problems[4].params).toEqual({ name: 'K6', sameAs: 'K1' });
  });
});

describe('辺長 and area', () => {
  // A 30 m × 20 m rectangle with one corner cut: hand-computed values.
  const pts = [{ x: 0, y: 0 }, { x: 0, y: 30 }, { x: 20, y: 30 }, { x: 20, y: 0 }];

  test('side lengths are plane distances, closing back to the first point', () => {
    expect(sideLengths(pts, true)).toEqual([30, 20, 30, 20]);
    const open = sideLengths(pts, false);
    expect(open.slice(0, 3)).toEqual([30, 20, 30]);
    expect(open[3]).toBeNaN();
    expect(sideLengths([{ x: 0, y: 0 }, { x: 3, y: 4 }], false)[0]).toBe(5);
  });

  test('the shoelace area matches the hand computation in either ring direction', () => {
    expect(planeArea(pts)).toBe(600);
    expect(planeArea([...pts].reverse())).toBe(600);
    // Right triangle with legs 3 and 4 → 6 m².
    expect(planeArea([{ x: 0, y: 0 }, { x: 3, y: 0 }, { x: 0, y: 4 }])).toBe(6);
  });

  test('geometry puts easting first, as PostGIS orders plane coordinates', () => {
    const g = surveyGeometry([{ name: 'a', x: '-36500.000', y: '30450.000' }, { name: 'b', x: '-36510.000', y: '30450.000' }], false);
    expect(g).toEqual({ type: 'LineString', coordinates: [[30450, -36500], [30450, -36510]] });
  });
});

describe('pointsFollowingGeometry', () => {
  const K = (seq: number, x: string, y: string) => ({ seq, name: `K${seq}`, marker: '鋲', x, y, surveyed: true });
  const reference = [K(1, '100.000', '200.000'), K(2, '130.000', '200.000'), K(3, '130.000', '220.000')];

  test('unmoved vertices keep their surveyed points; a moved one is not surveyed and keeps the name it replaces', () => {
    const after = pointsFollowingGeometry([{ x: '100.0001', y: '199.9999' }, { x: '130.000', y: '200.000' }, { x: '131.5', y: '221' }], reference);
    expect(after).toEqual([reference[0], reference[1], { seq: 3, name: 'K3', marker: null, x: '131.500', y: '221.000', surveyed: false }]);
  });

  test('an inserted vertex renumbers the points and gets a name of its own', () => {
    const after = pointsFollowingGeometry([{ x: '100', y: '200' }, { x: '115', y: '200' }, { x: '130', y: '200' }, { x: '130', y: '220' }], reference);
    expect(after.map((p) => [p.seq, p.name, p.surveyed])).toEqual([[1, 'K1', true], [2, 'P2', false], [3, 'K2', true], [4, 'K3', true]]);
  });
});

describe('coordinateAreaTable (座標求積表)', () => {
  // A 30 m × 20 m rectangle, as surveyed: 2S = 1200 m², S = 600 m².
  const rectangle = [
    { name: 'K1', x: '100.000', y: '200.000' },
    { name: 'K2', x: '130.000', y: '200.000' },
    { name: 'K3', x: '130.000', y: '220.000' },
    { name: 'K4', x: '100.000', y: '220.000' },
  ];

  it('lays out Xn(Yn+1 − Yn−1) per point and adds up to twice the area', () => {
    const table = coordinateAreaTable(rectangle);
    // K1: X=100, Y(K2) − Y(K4) = 200 − 220 = −20 → −2000
    expect(table.rows[0]).toMatchObject({ name: 'K1', dy: '-20.000', doubleAreaPart: '-2000.000000', sideLength: '30.000' });
    expect(table.rows[1]).toMatchObject({ dy: '20.000', doubleAreaPart: '2600.000000', sideLength: '20.000' });
    expect(table.doubleArea).toBe('1200.000000');
    expect(table.area).toBe('600.000000');
    expect(table.registeredArea).toBe('600.00');
  });

  it('gives the same area whichever way the ring runs', () => {
    expect(coordinateAreaTable([...rectangle].reverse()).area).toBe('600.000000');
  });

  it('is exact to the millimetre on real plane coordinates where floating point is not', () => {
    // Zone IX coordinates near the city: floating-point shoelace loses digits at this magnitude.
    const pts = [
      { name: 'A', x: '-35123.456', y: '12345.678' },
      { name: 'B', x: '-35100.001', y: '12345.679' },
      { name: 'C', x: '-35100.002', y: '12360.123' },
    ];
    const table = coordinateAreaTable(pts);
    // By hand in mm: 2S = |Σ Xn(Yn+1 − Yn−1)|, with X in mm and Y in mm.
    const X = [-35123456n, -35100001n, -35100002n];
    const Y = [12345678n, 12345679n, 12360123n];
    let twice = 0n;
    for (let i = 0; i < 3; i++) twice += X[i] * (Y[(i + 1) % 3] - Y[(i + 2) % 3]);
    if (twice < 0n) twice = -twice;
    const asText = `${twice / 1_000_000n}.${(twice % 1_000_000n).toString().padStart(6, '0')}`;
    expect(table.doubleArea).toBe(asText);
    expect(table.registeredArea).toBe(`${twice / 2n / 10_000n / 100n}.${((twice / 2n / 10_000n) % 100n).toString().padStart(2, '0')}`);
    expect(Number(table.area)).toBeCloseTo(planeArea(pts.map((p) => ({ x: Number(p.x), y: Number(p.y) }))), 2);
  });

  it('cuts, not rounds, the registered area (地積) to 0.01 m²', () => {
    // A right triangle with legs 1.001 m and 1.001 m: S = 0.5010005 m² → 地積 0.50.
    const table = coordinateAreaTable([
      { name: '1', x: '0.000', y: '0.000' }, { name: '2', x: '1.001', y: '0.000' }, { name: '3', x: '0.000', y: '1.001' },
    ]);
    expect(table.doubleArea).toBe('1.002001');
    expect(table.area).toBe('0.501000');
    expect(table.registeredArea).toBe('0.50');
  });

  it('refuses fewer than three points and coordinates beyond the millimetre', () => {
    expect(() => coordinateAreaTable(rectangle.slice(0, 2))).toThrow(RangeError);
    expect(() => coordinateAreaTable([...rectangle.slice(0, 3), { name: 'K4', x: '1.0001', y: '0' }])).toThrow(/millimetre/);
  });
});
