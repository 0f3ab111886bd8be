import { describeBackends, TestServer } from '../helpers/backends';

const CREATE_RECORD = `mutation($a: JSONObject!, $c: String!, $closed: Boolean) {
  createBoundaryRecord(attributes: $a, coordinates: $c, closed: $closed) { id version geometry attributes } }`;
const TABLE = `query($id: ID!) { coordinateTable(featureId: $id) { recordNo srid closed perimeterM areaM2
  points { seq name markerType x y srid lon lat sideLengthM } } }`;

/** Zone IX X/Y (northing, easting) of a lon/lat, computed by PostGIS. */
async function planeOf(t: TestServer, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const { rows } = await t.db.pool.query(
    'SELECT ST_Y(p) AS x, ST_X(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 6677) AS p) s', [lon, lat]);
  return rows[0];
}

describeBackends('Boundary points, attachments and routes', (get) => {
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    for (const u of ['roads', 'env', 'counter']) tokens[u] = await get().login(u);
  });
  const as = (user: string) => (query: string, variables?: Record<string, unknown>) => get().gql(query, variables, tokens[user]);

  let recordId: string;
  let origin: { x: number; y: number };

  test('a pasted zone IX coordinate table creates the record, its points and its polygon in one step', async () => {
    origin = await planeOf(get(), 140.1679, 35.6697);
    const x0 = Math.round(origin.x * 1000) / 1000;
    const y0 = Math.round(origin.y * 1000) / 1000;
    // A 30 m (north) × 20 m (east) rectangle, entered to the millimetre.
    const text = [
      '点名,X,Y,標識',
      `K1,${x0.toFixed(3)},${y0.toFixed(3)},コンクリート杭`,
      `K2,${(x0 + 30).toFixed(3)},${y0.toFixed(3)},金属標`,
      `K3,${(x0 + 30).toFixed(3)},${(y0 + 20).toFixed(3)},鋲`,
      `K4,${x0.toFixed(3)},${(y0 + 20).toFixed(3)},コンクリート杭`,
    ].join('\n');
    const r = await as('roads')(CREATE_RECORD, { a: { record_no: 'BR-2026-901', determined_on: '2026-11-01' }, c: text });
    expect(r.errors).toBeUndefined();
    recordId = r.data.createBoundaryRecord.id;
    expect(r.data.createBoundaryRecord.geometry.type).toBe('Polygon');

    const t = (await as('counter')(TABLE, { id: recordId })).data.coordinateTable;
    expect(t).toMatchObject({ recordNo: 'BR-2026-901', srid: 6677, closed: true });
    expect(t.points.map((p: any) => [p.name, p.x, p.y, p.markerType])).toEqual([
      ['K1', x0.toFixed(3), y0.toFixed(3), 'コンクリート杭'],
      ['K2', (x0 + 30).toFixed(3), y0.toFixed(3), '金属標'],
      ['K3', (x0 + 30).toFixed(3), (y0 + 20).toFixed(3), '鋲'],
      ['K4', x0.toFixed(3), (y0 + 20).toFixed(3), 'コンクリート杭'],
    ]);
    // 辺長 and area against the hand-computed rectangle.
    expect(t.points.map((p: any) => p.sideLengthM)).toEqual([30, 20, 30, 20].map((v) => expect.closeTo(v, 6)));
    expect(t.perimeterM).toBeCloseTo(100, 6);
    expect(t.areaM2).toBeCloseTo(600, 6);
  });

  test('coordinates round-trip: X/Y → stored geometry → X/Y within 1 mm', async () => {
    const { rows } = await get().db.pool.query(
      `SELECT bp.name, bp.x_northing::float8 AS x, bp.y_easting::float8 AS y,
              ST_Y(ST_Transform(bp.geom, 6677)) AS x2, ST_X(ST_Transform(bp.geom, 6677)) AS y2,
              (SELECT ST_NPoints(geom) FROM feature WHERE id = bp.feature_id) AS ring_points
       FROM boundary_point bp WHERE bp.feature_id = $1 ORDER BY seq`, [recordId]);
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(Math.abs(r.x - r.x2)).toBeLessThan(0.001);
      expect(Math.abs(r.y - r.y2)).toBeLessThan(0.001);
    }
    // The feature's polygon vertices are the points too.
    const { rows: verts } = await get().db.pool.query(
      `SELECT ST_Y(ST_Transform((dp).geom, 6677)) AS x, ST_X(ST_Transform((dp).geom, 6677)) AS y
       FROM (SELECT ST_DumpPoints(geom) AS dp FROM feature WHERE id = $1) s`, [recordId]);
    expect(verts).toHaveLength(5);
    expect(Math.abs(verts[0].x - rows[0].x)).toBeLessThan(0.001);
    expect(Math.abs(verts[2].y - rows[2].y)).toBeLessThan(0.001);
  });

  test('a table with bad lines is refused naming each line, and nothing is written', async () => {
    const before = (await get().db.pool.query('SELECT count(*)::int AS n FROM feature')).rows[0].n;
    const r = await as('roads')(CREATE_RECORD, {
      a: { record_no: 'BR-BAD', determined_on: '2026-11-01' },
      c: `K1,${origin.x.toFixed(3)},${origin.y.toFixed(3)}\nK2,abc,1\nK3,${origin.x.toFixed(3)},${origin.y.toFixed(3)}\nK4,1.23456,2`,
    });
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/line 2: X "abc" is not a number/);
    expect(r.errors![0].message).toMatch(/line 3: point K3 has the same coordinates as K1/);
    expect(r.errors![0].message).toMatch(/line 4: X 1.23456 has more than 3 decimals/);
    expect((r.errors![0].extensions as any).problems.map((p: { line: number; code: string }) => [p.line, p.code]))
      .toEqual([[2, 'notNumber'], [3, 'duplicatePoint'], [4, 'decimals']]);
    expect((await get().db.pool.query('SELECT count(*)::int AS n FROM feature')).rows[0].n).toBe(before);
  });

  test('the preview of a pasted table gives each bad line its code and the params of its message', async () => {
    const r = await as('roads')(`query($t: String!) { parseCoordinateTable(text: $t) { points { name } problems { line code params message } } }`,
      { t: 'K1,-40160.000,32740.000\nK2,-4O160.000,32755.000\nK1,-40175.000,32755.000' });
    expect(r.errors).toBeUndefined();
    expect(r.data.parseCoordinateTable.problems).toEqual([
      { line: 2, code: 'notNumber', params: { axis: 'X', value: '-4O160.000' }, message: 'X "-4O160.000" is not a number' },
      { line: 3, code: 'duplicateName', params: { name: 'K1' }, message: 'point name K1 is used twice' },
    ]);
  });

  test('plausible-looking coordinates far from the city (wrong zone) are refused', async () => {
    const r = await as('roads')(CREATE_RECORD, { a: { record_no: 'BR-FAR', determined_on: '2026-11-01' }, c: '1,0,0\n2,10,0\n3,10,10', closed: true });
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/outside the service area/);
  });

  test('setBoundaryPoints replaces the points and the geometry follows as a new version', async () => {
    const x = (origin.x + 5).toFixed(3);
    const r = await as('roads')(`mutation($id: ID!, $c: String!) { setBoundaryPoints(featureId: $id, expectedVersion: 1, coordinates: $c, closed: false) {
      version geometry } }`, { id: recordId, c: `A,${origin.x.toFixed(3)},${origin.y.toFixed(3)}\nB,${x},${origin.y.toFixed(3)}` });
    expect(r.errors).toBeUndefined();
    expect(r.data.setBoundaryPoints.version).toBe(2);
    expect(r.data.setBoundaryPoints.geometry.type).toBe('LineString');
    const t = (await as('roads')(TABLE, { id: recordId })).data.coordinateTable;
    expect(t.closed).toBe(false);
    expect(t.points.map((p: any) => p.name)).toEqual(['A', 'B']);
    expect(t.points[0].sideLengthM).toBeCloseTo(5, 6);
    expect(t.points[1].sideLengthM).toBeNull();
    expect(t.areaM2).toBeNull();
    const stale = await as('roads')(`mutation($id: ID!) { setBoundaryPoints(featureId: $id, expectedVersion: 1, coordinates: "1,0,0\\n2,1,1", closed: false) { version } }`, { id: recordId });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await get().db.pool.query('SELECT count(*)::int AS n FROM boundary_point WHERE feature_id = $1', [recordId])).rows[0].n).toBe(2);
  });

  test('the coordinate table exports as CSV with a BOM for Excel', async () => {
    const res = await fetch(`${get().url}/api/boundary-records/${recordId}/coordinates.csv`, { headers: { authorization: `Bearer ${tokens.counter}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('順,点名,X(m),Y(m),辺長(m),標識,経度,緯度');
    expect(lines[1]).toMatch(/^1,A,-?\d+\.\d{3},-?\d+\.\d{3},5\.000,/);
    expect(lines).toContain('周長(m),5.000');
  });

  describe('attachments', () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const upload = (user: string | null, id: string, body: Buffer, filename = '境界確定図.pdf') =>
      fetch(`${get().url}/api/features/${id}/attachments?filename=${encodeURIComponent(filename)}`, {
        method: 'POST', body, headers: { 'content-type': 'application/octet-stream', ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}) },
      });

    test('road staff upload a scanned PDF; everyone logged in can list and download it unchanged', async () => {
      const res = await upload('roads', recordId, pdf);
      expect(res.status).toBe(201);
      const info: any = await res.json();
      expect(info).toMatchObject({ filename: '境界確定図.pdf', contentType: 'application/pdf', sizeBytes: pdf.length });
      const list = await as('counter')('query($id: ID!) { attachments(featureId: $id) { id filename sha256 url } }', { id: recordId });
      expect(list.data.attachments).toHaveLength(1);
      const dl = await fetch(`${get().url}${list.data.attachments[0].url}`, { headers: { authorization: `Bearer ${tokens.counter}` } });
      expect(dl.status).toBe(200);
      expect(dl.headers.get('content-type')).toBe('application/pdf');
      expect(dl.headers.get('content-disposition')).toMatch(/^inline/);
      expect(Buffer.from(await dl.arrayBuffer()).equals(pdf)).toBe(true);
      const { createHash } = await import('node:crypto');
      expect(list.data.attachments[0].sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
      expect((await fetch(`${get().url}${list.data.attachments[0].url}`)).status).toBe(401);
    });

    test('uploads are refused for viewers, other departments, wrong types and oversize files', async () => {
      expect((await upload('counter', recordId, pdf)).status).toBe(403);
      expect((await upload('env', recordId, pdf)).status).toBe(403);
      expect((await upload(null, recordId, pdf)).status).toBe(401);
      const exe = await upload('roads', recordId, Buffer.from('MZ\x90\x00 this is not a document'), 'tool.pdf');
      expect(exe.status).toBe(400);
      expect(((await exe.json()) as any).error.message).toMatch(/only PDF, JPEG and PNG/);
      const big = await upload('roads', recordId, Buffer.concat([pdf, Buffer.alloc(2 * 1024 * 1024)]));
      expect(big.status).toBe(413);
      expect(((await big.json()) as any).error.message).toMatch(/larger than 1 MB|too large/);
      const n = (await get().db.pool.query('SELECT count(*)::int AS n FROM attachment WHERE feature_id = $1', [recordId])).rows[0].n;
      expect(n).toBe(1);
    });
  });

  test('a route gathers its segments: total length, widths, class; and a click on a road finds its route', async () => {
    const { rows } = await get().db.pool.query(
      `SELECT f.attributes->>'route_no' AS route_no, ST_X(ST_LineInterpolatePoint(f.geom, 0.5)) AS lon, ST_Y(ST_LineInterpolatePoint(f.geom, 0.5)) AS lat
       FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'road_ledger' AND GeometryType(f.geom) = 'LINESTRING'
       ORDER BY f.id LIMIT 1`);
    const q = `query($no: String!) { route(routeNo: $no) { routeNo routeName roadClass lengthM widthMinM widthMaxM segmentCount bbox
      segments { attributes lengthM } } }`;
    const r = await as('counter')(q, { no: rows[0].route_no });
    const route = r.data.route;
    expect(route.segmentCount).toBe(route.segments.length);
    expect(route.lengthM).toBeCloseTo(route.segments.reduce((s: number, f: any) => s + f.lengthM, 0), 3);
    expect(route.segments.every((s: any) => s.attributes.route_no === rows[0].route_no)).toBe(true);
    expect(route.widthMinM).toBe(Math.min(...route.segments.map((s: any) => s.attributes.width_min_m)));
    const at = await as('counter')('query($lon: Float!, $lat: Float!) { routeAt(lon: $lon, lat: $lat, tolerance: 5) { routeNo } }', rows[0]);
    expect(at.data.routeAt.routeNo).toBe(rows[0].route_no);
    const found = await as('counter')('query($s: String!) { routes(search: $s) { routeNo } }', { s: rows[0].route_no });
    expect(found.data.routes[0].routeNo).toBe(rows[0].route_no);
  });

  test('demo boundary records come with their surveyed points (to the mm) and a plane area close to the geodesic one', async () => {
    const { rows } = await get().db.pool.query(
      `SELECT f.id::text AS id, ST_Area(f.geom::geography) AS area, ST_NPoints(f.geom) - 1 AS corners
       FROM feature f JOIN layer l ON l.id = f.layer_id
       WHERE l.key = 'boundary_records' AND GeometryType(f.geom) = 'POLYGON' AND f.attributes->>'record_no' LIKE 'BR-20%' ORDER BY f.id LIMIT 1`);
    const t = (await as('counter')(TABLE, { id: rows[0].id })).data.coordinateTable;
    expect(t.points).toHaveLength(rows[0].corners);
    expect(t.points[0].name).toBe('K1');
    expect(t.points.every((p: any) => /^-?\d+\.\d{3}$/.test(p.x) && /^-?\d+\.\d{3}$/.test(p.y))).toBe(true);
    expect(Math.abs(t.areaM2 - rows[0].area) / rows[0].area).toBeLessThan(0.005);
  });

  test('the counter enquiry answers road, town, street light association and garbage days for a place', async () => {
    const { rows } = await get().db.pool.query(
      `SELECT f.attributes->>'route_no' AS route_no, ST_X(ST_LineInterpolatePoint(f.geom, 0.5)) AS lon, ST_Y(ST_LineInterpolatePoint(f.geom, 0.5)) AS lat
       FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'road_ledger' AND GeometryType(f.geom) = 'LINESTRING' ORDER BY f.id LIMIT 1`);
    const r = await as('counter')(`query($lon: Float!, $lat: Float!) { enquiry(lon: $lon, lat: $lat) { town planeX planeY planeSrid
      route { routeNo roadClass } streetLight { distanceM feature { attributes } } garbagePoint { distanceM feature { attributes } } } }`, rows[0]);
    expect(r.errors).toBeUndefined();
    const e = r.data.enquiry;
    expect(e.route.routeNo).toBe(rows[0].route_no);
    expect(e.town).toEqual(expect.any(String));
    expect(e.planeSrid).toBe(6677);
    const plane = await planeOf(get(), rows[0].lon, rows[0].lat);
    expect(Math.abs(e.planeX - plane.x)).toBeLessThan(0.001);
    if (e.streetLight) {
      expect(e.streetLight.distanceM).toBeLessThanOrEqual(200);
      expect(e.streetLight.feature.attributes.association).toMatch(/自治会$/);
    }
    if (e.garbagePoint) expect(e.garbagePoint.feature.attributes.burnable_days).toEqual(expect.any(String));
  });

  test('a sheet request with a bad scale, paper or place is refused before anything is printed', async () => {
    const headers = { authorization: `Bearer ${tokens.counter}` };
    const bad = await fetch(`${get().url}/api/print/enquiry.pdf?lon=140.17&lat=35.67&scale=750`, { headers });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toMatch(/scale must be one of 1\/500/);
    expect((await fetch(`${get().url}/api/print/enquiry.pdf?lon=140.17&lat=35.67&paper=B5`, { headers })).status).toBe(400);
    expect((await fetch(`${get().url}/api/print/enquiry.pdf?lat=35.67`, { headers })).status).toBe(400);
    expect((await fetch(`${get().url}/api/print/enquiry.pdf?lon=140.17&lat=35.67`)).status).toBe(401);
  });
}, { env: { ATTACHMENT_MAX_MB: '1' } });
