import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { API_PREFIXES, SPA_ROUTE } from '../../server/src/app';
import { describeBackends } from '../helpers/backends';

const run = promisify(execFile); // async: the server answering GDAL lives in this process
const CENTRAL_BBOX = [140.16, 35.66, 140.18, 35.68];

/** PyQGIS from Debian (python3-qgis): required in CI, skipped with a warning elsewhere when missing. */
const QGIS_PYTHON = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import qgis.core'], { stdio: 'ignore', env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
    return true;
  } catch {
    if (process.env.CI) throw new Error('python3-qgis is required in CI (apt-get install python3-qgis)');
    console.warn('python3-qgis is not installed: the QGIS interop test is skipped');
    return false;
  }
})();

test('the web app route never matches an API path', () => {
  for (const p of API_PREFIXES) {
    expect(SPA_ROUTE.test(`/${p}`)).toBe(false);
    expect(SPA_ROUTE.test(`/${p}/collections/x`)).toBe(false);
  }
  expect(SPA_ROUTE.test('/')).toBe(true);
  expect(SPA_ROUTE.test('/layers/street_lights')).toBe(true);
  expect(SPA_ROUTE.test('/apiary')).toBe(true);
});

describeBackends('OGC API Features', (get) => {
  let token: string;
  beforeAll(async () => { token = await get().login('counter'); });
  const ogc = (p: string, headers: Record<string, string> = {}) =>
    fetch(`${get().url}/ogc${p}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const json = async (p: string) => {
    const res = await ogc(p);
    expect(res.status).toBe(200);
    return res.json() as Promise<any>;
  };
  const problem = async (p: string, status: number, headers: Record<string, string> = {}) => {
    const res = await ogc(p, headers);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return res.json() as Promise<any>;
  };
  const count = async (layer: string, where = '', values: unknown[] = []) => (await get().db.pool.query(
    `SELECT count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = $1 AND f.deleted_at IS NULL ${where}`,
    [layer, ...values])).rows[0].n as number;

  test('landing page, conformance and OpenAPI link to each other with absolute URLs of this server', async () => {
    const landing = await json('/');
    const rels = Object.fromEntries(landing.links.map((l: any) => [l.rel, l.href]));
    expect(rels.self).toBe(`${get().url}/ogc?f=json`);
    expect(rels.data).toBe(`${get().url}/ogc/collections?f=json`);
    const conf = await json('/conformance');
    expect(conf.conformsTo).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson']));
    const api = await ogc('/api');
    expect(api.headers.get('content-type')).toMatch(/^application\/vnd\.oai\.openapi\+json/);
    const doc: any = await api.json();
    expect(doc.openapi).toMatch(/^3\.0/);
    expect(doc.servers[0].url).toBe(`${get().url}/ogc`);
    expect(doc.components.parameters.collectionId.schema.enum).toContain('street_lights');
    expect(doc.components.parameters.limit.schema.maximum).toBe(get().config.featuresPageMax);
  });

  test('collections list every layer with its extent; an unknown collection or path is a 404 problem', async () => {
    const { collections } = await json('/collections');
    const { rows } = await get().db.pool.query('SELECT key FROM layer ORDER BY key');
    expect(collections.map((c: any) => c.id).sort()).toEqual(rows.map((r: any) => r.key));
    const lights = await json('/collections/street_lights');
    expect(lights.title).toBe('防犯灯');
    const [minLon, minLat, maxLon, maxLat] = lights.extent.spatial.bbox[0];
    expect(minLon).toBeGreaterThan(140.1); expect(maxLon).toBeLessThan(140.25);
    expect(minLat).toBeGreaterThan(35.6); expect(maxLat).toBeLessThan(35.75);
    expect(lights.links.find((l: any) => l.rel === 'items').href).toBe(`${get().url}/ogc/collections/street_lights/items?f=json`);
    expect((await problem('/collections/no_such_layer', 404)).status).toBe(404);
    await problem('/collections/no_such_layer/items', 404);
    await problem('/nothing/here', 404);
  });

  test('items in a bbox: all inside, numberMatched as in PostGIS, next/prev pages cover them once', async () => {
    const bbox = CENTRAL_BBOX.join(',');
    const expected = await count('garbage_points',
      'AND ST_Intersects(f.geom, ST_MakeEnvelope($2, $3, $4, $5, 4326))', CENTRAL_BBOX);
    expect(expected).toBeGreaterThan(3);
    const seen = new Set<string>();
    let url: string | undefined = `${get().url}/ogc/collections/garbage_points/items?bbox=${bbox}&limit=3`;
    let pages = 0;
    while (url) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      const page: any = await res.json();
      expect(page.type).toBe('FeatureCollection');
      expect(page.numberMatched).toBe(expected);
      expect(page.numberReturned).toBe(page.features.length);
      if (pages > 0) expect(page.links.some((l: any) => l.rel === 'prev')).toBe(true);
      for (const f of page.features) {
        const [lon, lat] = f.geometry.coordinates;
        expect(lon).toBeGreaterThanOrEqual(CENTRAL_BBOX[0]); expect(lon).toBeLessThanOrEqual(CENTRAL_BBOX[2]);
        expect(lat).toBeGreaterThanOrEqual(CENTRAL_BBOX[1]); expect(lat).toBeLessThanOrEqual(CENTRAL_BBOX[3]);
        expect(f.properties.point_no).toMatch(/^G-\d{4}$/);
        expect(seen.has(f.id)).toBe(false);
        seen.add(f.id);
      }
      url = page.links.find((l: any) => l.rel === 'next')?.href;
      pages++;
    }
    expect(seen.size).toBe(expected);
    expect(pages).toBe(Math.ceil(expected / 3));
  });

  test('limit: the configured default, a limit over the maximum is clamped, 0 or text is a 400 naming limit', async () => {
    const { featuresPageDefault, featuresPageMax } = get().config;
    const { rows } = await get().db.pool.query(
      'SELECT l.key, count(*)::int AS n FROM feature f JOIN layer l ON l.id = f.layer_id WHERE f.deleted_at IS NULL GROUP BY l.key ORDER BY n DESC LIMIT 1');
    const [{ key, n: all }] = rows;
    expect(all).toBeGreaterThan(featuresPageMax);
    expect((await json(`/collections/${key}/items`)).numberReturned).toBe(featuresPageDefault);
    const clamped = await json(`/collections/${key}/items?limit=${featuresPageMax + 1000}`);
    expect(clamped.numberReturned).toBe(featuresPageMax);
    expect(clamped.numberMatched).toBe(all);
    expect((await problem('/collections/buildings/items?limit=0', 400)).parameter).toBe('limit');
    expect((await problem('/collections/buildings/items?limit=ten', 400)).parameter).toBe('limit');
  });

  test('datetime filters the layer date field; equality filters on properties; bad input names its parameter', async () => {
    const y2019 = await json('/collections/disaster_history/items?datetime=2019-01-01/2019-12-31&limit=5000');
    expect(y2019.numberMatched).toBe(await count('disaster_history', "AND f.attributes->>'occurred_on' BETWEEN '2019-01-01' AND '2019-12-31'"));
    for (const f of y2019.features) expect(f.properties.occurred_on.slice(0, 4)).toBe('2019');
    const since = await json('/collections/disaster_history/items?datetime=2020-01-01/..&limit=1');
    expect(since.numberMatched).toBe(await count('disaster_history', "AND f.attributes->>'occurred_on' >= '2020-01-01'"));
    const led = await json('/collections/street_lights/items?lamp_type=LED&watts=20&limit=5000');
    expect(led.numberMatched).toBe(await count('street_lights', "AND f.attributes->>'lamp_type' = 'LED' AND (f.attributes->>'watts')::numeric = 20"));
    for (const f of led.features) expect(f.properties).toMatchObject({ lamp_type: 'LED', watts: 20 });
    expect((await problem('/collections/street_lights/items?colour=red', 400)).parameter).toBe('colour');
    expect((await problem('/collections/street_lights/items?watts=bright', 400)).parameter).toBe('watts');
    expect((await problem('/collections/street_lights/items?bbox=1,2,3', 400)).parameter).toBe('bbox');
    expect((await problem('/collections/street_lights/items?bbox=140.2,35.7,140.1,35.6', 400)).parameter).toBe('bbox');
    expect((await problem('/collections/street_lights/items?datetime=2020-01-01', 400)).parameter).toBe('datetime');
    expect((await problem('/collections/disaster_history/items?datetime=yesterday', 400)).parameter).toBe('datetime');
    expect((await problem('/collections/street_lights/items?f=xml', 400)).parameter).toBe('f');
  });

  test('one item with its version as ETag; another layer\'s id or an unknown id is a 404', async () => {
    const { rows } = await get().db.pool.query(
      "SELECT f.id::text AS id, f.version, f.attributes FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'street_lights' AND f.deleted_at IS NULL LIMIT 1");
    const res = await ogc(`/collections/street_lights/items/${rows[0].id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${rows[0].version}"`);
    const item: any = await res.json();
    expect(item).toMatchObject({ type: 'Feature', id: rows[0].id, properties: rows[0].attributes });
    await problem(`/collections/garbage_points/items/${rows[0].id}`, 404);
    await problem('/collections/street_lights/items/999999999', 404);
    await problem('/collections/street_lights/items/abc', 404);
  });

  test('Part 2: crs and bbox-crs in JGD2011 (lat/lon) and plane zone IX (northing/easting), transformed in PostGIS', async () => {
    const lights = await json('/collections/street_lights');
    expect(lights.crs).toEqual(expect.arrayContaining([
      'http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'http://www.opengis.net/def/crs/EPSG/0/6668', 'http://www.opengis.net/def/crs/EPSG/0/6677']));
    expect(lights.storageCrs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
    const { rows: [truth] } = await get().db.pool.query(
      `SELECT f.id::text AS id, ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat, ST_X(ST_Transform(f.geom, 6677)) AS e, ST_Y(ST_Transform(f.geom, 6677)) AS n
       FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'street_lights' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`);
    const plane = await ogc(`/collections/street_lights/items/${truth.id}?crs=http://www.opengis.net/def/crs/EPSG/0/6677`);
    expect(plane.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/6677>');
    const [x, y] = ((await plane.json()) as any).geometry.coordinates;
    expect(Math.abs(x - truth.n)).toBeLessThan(0.001); // EPSG:6677 axis 1 is X = northing
    expect(Math.abs(y - truth.e)).toBeLessThan(0.001);
    const geo = await ogc(`/collections/street_lights/items/${truth.id}?crs=[EPSG:6668]`);
    expect(geo.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/6668>');
    const [lat, lon] = ((await geo.json()) as any).geometry.coordinates;
    expect(lat).toBeCloseTo(truth.lat, 8); expect(lon).toBeCloseTo(truth.lon, 8);
    // The same box in CRS84, in JGD2011 (lat/lon) and in zone IX (N/E) finds the same features.
    const [minLon, minLat, maxLon, maxLat] = CENTRAL_BBOX;
    const matched = async (q: string) => (await json(`/collections/street_lights/items?limit=1&${q}`)).numberMatched as number;
    const base = await matched(`bbox=${CENTRAL_BBOX.join(',')}`);
    expect(base).toBeGreaterThan(0);
    expect(await matched(`bbox=${[minLat, minLon, maxLat, maxLon].join(',')}&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/6668`)).toBe(base);
    const { rows: [box] } = await get().db.pool.query(
      `SELECT ST_XMin(b) AS e1, ST_YMin(b) AS n1, ST_XMax(b) AS e2, ST_YMax(b) AS n2 FROM ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 6677) b`, CENTRAL_BBOX);
    const exact = await count('street_lights', 'AND ST_Intersects(ST_Transform(f.geom, 6677), ST_MakeEnvelope($2, $3, $4, $5, 6677))', [box.e1, box.n1, box.e2, box.n2]);
    const inPlane = await matched(`bbox=${[box.n1, box.e1, box.n2, box.e2].join(',')}&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/6677`);
    expect(inPlane).toBe(exact);
    expect(exact).toBeGreaterThanOrEqual(base);
    expect((await problem('/collections/street_lights/items?crs=EPSG:3857', 400)).parameter).toBe('crs');
    expect((await problem('/collections/street_lights/items?bbox=1,2,3,4&bbox-crs=nonsense', 400)).parameter).toBe('bbox-crs');
  });

  test('queryables: the layer fields as a JSON Schema, usable as equality filters', async () => {
    const res = await ogc('/collections/street_lights/queryables');
    expect(res.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    const schema: any = await res.json();
    const { rows: [layer] } = await get().db.pool.query("SELECT fields FROM layer WHERE key = 'street_lights'");
    expect(Object.keys(schema.properties).sort()).toEqual(['geometry', ...layer.fields.map((f: any) => f.key)].sort());
    expect(schema.properties.watts).toMatchObject({ type: 'integer', title: '消費電力' });
    expect(schema.properties.lamp_type.enum).toContain('LED');
    await problem('/collections/nowhere/queryables', 404);
  });

  test('Part 3 filter: CQL2 text and JSON give the counts PostGIS gives; bad filters are 400s naming filter', async () => {
    const matched = async (filter: string, lang?: string) => {
      const q = `filter=${encodeURIComponent(filter)}${lang ? `&filter-lang=${lang}` : ''}&limit=50`;
      const page = await json(`/collections/street_lights/items?${q}`);
      return page;
    };
    const led = await matched("lamp_type IN ('LED', '蛍光灯') AND watts BETWEEN 15 AND 25 AND NOT association IS NULL");
    expect(led.numberMatched).toBe(await count('street_lights',
      "AND f.attributes->>'lamp_type' IN ('LED', '蛍光灯') AND (f.attributes->>'watts')::numeric BETWEEN 15 AND 25 AND f.attributes ? 'association'"));
    for (const f of led.features) expect(['LED', '蛍光灯']).toContain(f.properties.lamp_type);
    const asJson = await matched(JSON.stringify({ op: 'and', args: [
      { op: 'in', args: [{ property: 'lamp_type' }, ['LED', '蛍光灯']] },
      { op: 'between', args: [{ property: 'watts' }, 15, 25] },
      { op: 'not', args: [{ op: 'isNull', args: [{ property: 'association' }] }] }] }), 'cql2-json');
    expect(asJson.numberMatched).toBe(led.numberMatched);
    const like = await matched("light_no LIKE 'SL-0001%' OR watts > 30");
    expect(like.numberMatched).toBe(await count('street_lights',
      "AND (f.attributes->>'light_no' LIKE 'SL-0001%' OR (f.attributes->>'watts')::numeric > 30)"));
    const [a, b, c, d] = CENTRAL_BBOX;
    const inBox = await count('street_lights', 'AND ST_Intersects(f.geom, ST_MakeEnvelope($2, $3, $4, $5, 4326))', CENTRAL_BBOX);
    expect((await matched(`S_INTERSECTS(geometry, BBOX(${a}, ${b}, ${c}, ${d}))`)).numberMatched).toBe(inBox);
    expect((await matched(`S_INTERSECTS(geometry, POLYGON((${a} ${b}, ${c} ${b}, ${c} ${d}, ${a} ${d}, ${a} ${b})))`)).numberMatched).toBe(inBox);
    expect((await matched(JSON.stringify({ op: 's_intersects', args: [{ property: 'geometry' },
      { type: 'Polygon', coordinates: [[[a, b], [c, b], [c, d], [a, d], [a, b]]] }] }), 'cql2-json')).numberMatched).toBe(inBox);
    // filter-crs: the same box in the city's plane zone (X = northing first) and in JGD2011 (latitude first).
    const { rows: [plane] } = await get().db.pool.query(
      `SELECT ST_XMin(b) AS e0, ST_YMin(b) AS n0, ST_XMax(b) AS e1, ST_YMax(b) AS n1
         FROM (SELECT ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 6677) AS b) t`, CENTRAL_BBOX);
    const inPlaneBox = await count('street_lights',
      'AND ST_Intersects(ST_Transform(f.geom, 6677), ST_MakeEnvelope($2, $3, $4, $5, 6677))', [plane.e0, plane.n0, plane.e1, plane.n1]);
    expect(inPlaneBox).toBeGreaterThan(0);
    const planeCrs = '&filter-crs=' + encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/6677');
    const inPlane = (filter: string) => json(`/collections/street_lights/items?filter=${encodeURIComponent(filter)}${planeCrs}&limit=1`);
    expect((await inPlane(`S_INTERSECTS(geometry, BBOX(${plane.n0}, ${plane.e0}, ${plane.n1}, ${plane.e1}))`)).numberMatched).toBe(inPlaneBox);
    expect((await inPlane(`S_INTERSECTS(geometry, POLYGON((${plane.n0} ${plane.e0}, ${plane.n0} ${plane.e1}, ${plane.n1} ${plane.e1}, ${plane.n1} ${plane.e0}, ${plane.n0} ${plane.e0})))`)).numberMatched).toBe(inPlaneBox);
    // Easting first (the wrong axis order) names another place: the city has nothing there.
    expect((await inPlane(`S_INTERSECTS(geometry, BBOX(${plane.e0}, ${plane.n0}, ${plane.e1}, ${plane.n1}))`)).numberMatched).toBe(0);
    const latFirst = encodeURIComponent(`S_INTERSECTS(geometry, BBOX(${b}, ${a}, ${d}, ${c}))`);
    expect((await json(`/collections/street_lights/items?filter=${latFirst}&filter-crs=${encodeURIComponent('[EPSG:6668]')}&limit=1`)).numberMatched).toBe(inBox);
    expect((await problem(`/collections/street_lights/items?filter=${encodeURIComponent(`S_INTERSECTS(geometry, BBOX(${a}, ${b}, ${c}, ${d}))`)}&filter-crs=EPSG%3A3857`, 400)).parameter).toBe('filter-crs');
    for (const bad of ["lamp_type = ", "colour = 'red'", "watts = 'bright'", "S_INTERSECTS(geometry, POLYGON((1 2, 3)))",
      "watts LIKE '1%'", "lamp_type = 'x'); DROP TABLE feature; --"]) {
      const r = await problem(`/collections/street_lights/items?filter=${encodeURIComponent(bad)}`, 400);
      expect(r.parameter).toBe('filter');
    }
    expect((await problem(`/collections/street_lights/items?filter=${encodeURIComponent('{"op":"~","args":[]}')}&filter-lang=cql2-json`, 400)).parameter).toBe('filter');
    expect((await problem('/collections/street_lights/items?filter=a%3D1&filter-lang=sql', 400)).parameter).toBe('filter-lang');
    expect(await count('street_lights')).toBeGreaterThan(0); // nothing was dropped
  });

  test('Part 4: create, patch, replace and delete through the edit path with ETag locking (428/412), problems and permissions', async () => {
    const editor = await get().login('community');
    const send = (method: string, p: string, body?: unknown, headers: Record<string, string> = {}, who = editor) =>
      fetch(`${get().url}/ogc/collections/street_lights/items${p}`, {
        method, body: body === undefined ? undefined : JSON.stringify(body),
        headers: { authorization: `Bearer ${who}`, 'content-type': 'application/geo+json', ...headers },
      });
    const { rows: [near] } = await get().db.pool.query(
      "SELECT ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'street_lights' LIMIT 1");
    const point = { type: 'Point', coordinates: [near.lon + 0.0001, near.lat] };
    const created = await send('POST', '', { type: 'Feature', geometry: point, properties: { light_no: 'SL-T0001', lamp_type: 'LED', watts: 20 } });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const id = created.headers.get('location')!.split('/').pop()!;
    expect((await json(`/collections/street_lights/items/${id}`)).properties).toMatchObject({ light_no: 'SL-T0001', watts: 20 });

    const patchBody = { properties: { watts: 30, pole_no: null } };
    expect((await send('PATCH', `/${id}`, patchBody, { 'content-type': 'application/merge-patch+json' })).status).toBe(428);
    const stale = await send('PATCH', `/${id}`, patchBody, { 'content-type': 'application/merge-patch+json', 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    const patched = await send('PATCH', `/${id}`, patchBody, { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect((await json(`/collections/street_lights/items/${id}`)).properties).toMatchObject({ light_no: 'SL-T0001', lamp_type: 'LED', watts: 30 });

    const bad: any = await (await send('PATCH', `/${id}`, { properties: { watts: 9999, lamp_type: 'ろうそく' } }, { 'if-match': '"2"' })).json();
    expect(bad.status).toBe(400);
    expect(bad.problems.map((p: any) => p.field).sort()).toEqual(['lamp_type', 'watts']);
    expect((await send('PATCH', `/${id}`, { properties: { watts: 25 } }, { 'if-match': '"2"' }, token)).status).toBe(403); // a viewer
    const roads = await get().login('roads');
    expect((await send('PATCH', `/${id}`, { properties: { watts: 25 } }, { 'if-match': '"2"' }, roads)).status).toBe(403); // another department

    // A field no one writes (被害面積 is computed by the server): as in GraphQL, a value sent for it is not stored —
    // the rest of the patch is, and the field keeps what the server computes.
    const disaster = await get().login('disaster');
    const stored = async (id: string) => (await get().db.pool.query('SELECT version, attributes FROM feature WHERE id = $1', [id])).rows[0];
    const { rows: [d] } = await get().db.pool.query(`SELECT f.id::text AS id FROM feature f JOIN layer l ON l.id = f.layer_id
      WHERE l.key = 'disaster_history' AND f.deleted_at IS NULL ORDER BY f.id LIMIT 1`);
    const before = await stored(d.id);
    const computed = await fetch(`${get().url}/ogc/collections/disaster_history/items/${d.id}`, {
      method: 'PATCH', body: JSON.stringify({ properties: { affected_area_m2: 123456, cause: 'OGC-COMPUTED' } }),
      headers: { authorization: `Bearer ${disaster}`, 'content-type': 'application/merge-patch+json', 'if-match': `"${before.version}"` } });
    expect(computed.status).toBe(200);
    const patchedDisaster = await stored(d.id);
    expect(patchedDisaster.attributes.cause).toBe('OGC-COMPUTED');
    expect(patchedDisaster.attributes.affected_area_m2 ?? null).toEqual(before.attributes.affected_area_m2 ?? null);
    expect(patchedDisaster.attributes.affected_area_m2).not.toBe(123456);
    const viaGraphql = await get().gql('mutation($id: ID!, $v: Int!) { updateFeature(id: $id, expectedVersion: $v, attributes: { affected_area_m2: 123456 }) { attributes } }',
      { id: d.id, v: patchedDisaster.version }, disaster);
    expect(viaGraphql.errors).toBeUndefined();
    expect((await stored(d.id)).attributes.affected_area_m2 ?? null).toEqual(before.attributes.affected_area_m2 ?? null);

    const replaced = await send('PUT', `/${id}`, { type: 'Feature', geometry: point, properties: { light_no: 'SL-T0001' } }, { 'if-match': '"2"' });
    expect(replaced.status).toBe(200);
    const after = await json(`/collections/street_lights/items/${id}`);
    expect(after.properties.watts).toBeUndefined(); // a replacement clears what it does not name
    const { rows: history } = await get().db.pool.query('SELECT version FROM feature_history WHERE feature_id = $1 ORDER BY version', [id]);
    expect(history.map((h: any) => h.version)).toEqual([1, 2, 3]);

    expect((await send('DELETE', `/${id}`, undefined, { 'if-match': '"2"' })).status).toBe(412);
    const deleted = await fetch(`${get().url}/ogc/collections/street_lights/items/${id}`, // as GDAL sends it: no body, no type
      { method: 'DELETE', headers: { authorization: `Bearer ${editor}`, 'if-match': '"3"' } });
    expect(deleted.status).toBe(204);
    await problem(`/collections/street_lights/items/${id}`, 404);
  });

  test('HTML pages by Accept or f=html, with escaped values', async () => {
    const page = await ogc('/collections', { accept: 'text/html,application/xhtml+xml' });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('防犯灯');
    expect(html).toContain('/ogc/collections/street_lights/items?f=html');
    const items = await (await ogc('/collections/street_lights/items?f=html&limit=2')).text();
    expect(items).toContain('numberReturned: 2');
    expect((await ogc('/collections', { accept: 'application/json' })).headers.get('content-type')).toMatch(/^application\/json/);
  });

  test('without a session or token the service answers 401, and API paths never get the web app', async () => {
    const res = await fetch(`${get().url}/ogc/collections`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    for (const p of ['/api/nothing', '/tiles', '/ogc/nothing']) {
      const r = await fetch(`${get().url}${p}`, { headers: { authorization: `Bearer ${token}` } });
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).not.toMatch(/html/);
    }
  });

  test('GDAL reads the service: ogrinfo lists every layer, ogr2ogr copies one to a GeoPackage in EPSG:6677 to the millimetre', async () => {
    const env = { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}` };
    const { stdout } = await run('ogrinfo', ['-ro', '-q', `OGCAPI:${get().url}/ogc`], { env });
    const { rows } = await get().db.pool.query('SELECT key FROM layer ORDER BY key');
    for (const { key } of rows) expect(stdout).toContain(`OGCAPI:${get().url}/ogc/collections/${key}?f=json`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogc-gdal-'));
    try {
      const gpkg = path.join(dir, 'lights.gpkg');
      await run('ogr2ogr', ['-f', 'GPKG', '-t_srs', 'EPSG:6677', '-nln', 'lights', gpkg, `OGCAPI:${get().url}/ogc/collections/street_lights`], { env });
      const copied = JSON.parse((await run('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', gpkg, 'lights'], { maxBuffer: 64 << 20 })).stdout);
      const { rows: truth } = await get().db.pool.query(
        `SELECT f.attributes, ST_X(ST_Transform(f.geom, 6677)) AS x, ST_Y(ST_Transform(f.geom, 6677)) AS y
         FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'street_lights' AND f.deleted_at IS NULL`);
      expect(copied.features.length).toBe(truth.length);
      const byNo = new Map(copied.features.map((f: any) => [f.properties.light_no, f]));
      for (const t of truth.slice(0, 20)) {
        const f: any = byNo.get(t.attributes.light_no);
        expect(f).toBeDefined();
        for (const [k, v] of Object.entries(t.attributes)) expect(f.properties[k]).toEqual(v);
        // GDAL writes EPSG:6677 as x=easting, y=northing (traditional GIS order).
        expect(Math.abs(f.geometry.coordinates[0] - t.x)).toBeLessThan(0.001);
        expect(Math.abs(f.geometry.coordinates[1] - t.y)).toBeLessThan(0.001);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('HTTP Basic with a token as the password is accepted (what desktop GIS can send); a wrong user name is not', async () => {
    const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
    const ok = await fetch(`${get().url}/ogc/collections/curve_mirrors/items?limit=1`, { headers: { authorization: basic('counter', token) } });
    expect(ok.status).toBe(200);
    for (const wrong of [basic('admin', token), basic('counter', 'not-a-token'), basic('counter', '')]) {
      const res = await fetch(`${get().url}/ogc/collections/curve_mirrors/items?limit=1`, { headers: { authorization: wrong } });
      expect(res.status).toBe(401);
    }
  });

  test('QGIS reads a layer through its OAPIF provider: every feature, every attribute, coordinates to the millimetre', async () => {
    if (!QGIS_PYTHON) return;
    const { stdout } = await run('/usr/bin/python3', [path.join(__dirname, '../interop/qgis_oapif.py'), get().url, 'curve_mirrors', 'counter', token], {
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', XDG_RUNTIME_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'qgis-')) }, maxBuffer: 64 << 20, timeout: 120_000,
    });
    const read = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(read.error).toBeNull();
    expect(read.valid).toBe(true);
    const { rows: truth } = await get().db.pool.query(
      `SELECT f.attributes, ST_X(ST_Transform(f.geom, 6677)) AS x, ST_Y(ST_Transform(f.geom, 6677)) AS y
       FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'curve_mirrors' AND f.deleted_at IS NULL`);
    expect(truth.length).toBeGreaterThan(0);
    expect(read.features.length).toBe(truth.length);
    const byNo = new Map(read.features.map((f: any) => [f.attributes.mirror_no, f]));
    for (const t of truth) {
      const f: any = byNo.get(t.attributes.mirror_no);
      expect(f).toBeDefined();
      for (const [k, v] of Object.entries(t.attributes)) {
        if (v !== null && typeof v !== 'object') expect(String(f.attributes[k])).toBe(String(v));
      }
      expect(Math.abs(f.x - t.x)).toBeLessThan(0.001);
      expect(Math.abs(f.y - t.y)).toBeLessThan(0.001);
    }
  }, 180_000);
}, { env: { FEATURES_PAGE_DEFAULT: '10', FEATURES_PAGE_MAX: '50' } });
