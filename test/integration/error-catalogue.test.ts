import { isErrorKey } from '../../server/src/domain/errors';
import { serverProblems } from '../../web/src/editing/validate';
import { serverErrorText } from '../../web/src/i18n/errors';
import { describeBackends, TestServer } from '../helpers/backends';

// The server's refusals carry a catalogued reason and params; the web shows them in the user's
// language (these two used to reach a Japanese screen in English).
describeBackends('Catalogued errors, translated by the web', (get: () => TestServer) => {
  let roads = '';
  beforeAll(async () => { roads = await get().login('roads'); });

  test('an upload refusal (not a PDF, JPEG or PNG) reaches the attachments panel in Japanese or English', async () => {
    const created = await get().gql(`mutation { createFeature(layer: "curve_mirrors", geometry: { type: "Point", coordinates: [140.1713, 35.6713] },
      attributes: { mirror_no: "CM-ERR-1", shape: "丸" }) { id } }`, {}, roads);
    const id = created.data.createFeature.id;
    const res = await fetch(`${get().url}/api/features/${id}/attachments?filename=notes.txt`, {
      method: 'POST', body: 'plain text',
      headers: { authorization: `Bearer ${roads}`, 'content-type': 'application/octet-stream' },
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } & Record<string, unknown> };
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'attachmentType' });
    expect(serverErrorText('ja', error.message, error)).toBe('添付できるのは PDF・JPEG・PNG のファイルだけです');
    expect(serverErrorText('en', error.message, error)).toBe('only PDF, JPEG and PNG files can be attached');
  });

  test('a save outside the service area is shown at the geometry in Japanese, with the margin', async () => {
    const r = await get().gql(`mutation { applyChanges(changes: [{ op: CREATE, layer: "curve_mirrors",
      geometry: { type: "Point", coordinates: [139.7, 35.68] }, attributes: { mirror_no: "CM-ERR-2", shape: "丸" } }]) { id } }`, {}, roads);
    const err = r.errors![0];
    const extensions = err.extensions as Parameters<typeof serverProblems>[1];
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'outsideServiceArea', params: { marginM: 500 }, field: 'geometry' });
    expect(err.message).toMatch(/outside the service area/); // scripts keep the English text
    expect(serverProblems(err.message, extensions, 'ja')).toEqual([
      { field: 'geometry', code: 'server', params: { message: '市の区域(境界から500 m以内)の外には登録できません' } },
    ]);
    expect(serverProblems(err.message, extensions, 'en')[0].params.message).toBe('geometry lies outside the service area (the city boundary plus 500 m)');
  });

  test('bad input to features, edits, attachments, tokens and tiles is refused with a catalogued reason, shown in Japanese', async () => {
    const cases: Array<[string, string]> = [
      ['{ feature(id: "1; DROP TABLE feature") { id } }', 'notFeatureId'],
      ['{ features(layer: "curve_mirrors", first: 6000) { totalCount } }', 'pageTooLarge'],
      ['{ features(layer: "curve_mirrors", after: "nonsense") { totalCount } }', 'badCursor'],
      ['mutation { applyChanges(changes: []) { id } }', 'changesEmpty'],
      ['mutation { createFeature(layer: "curve_mirrors", geometry: { type: "LineString", coordinates: [[140.17, 35.67], [140.171, 35.671]] }, attributes: { mirror_no: "CM-ERR-3", shape: "丸" }) { id } }', 'geometryType'],
      ['{ attachments(featureId: "x") { id } }', 'notFeatureId'],
      ['mutation { createAccessToken(input: { name: "", expiresInDays: 30, readOnly: true }) { token } }', 'tokenName'],
    ];
    for (const [query, reason] of cases) {
      const r = await get().gql(query, {}, roads);
      const err = r.errors?.[0];
      expect([query, err?.extensions?.reason]).toEqual([query, reason]);
      expect(isErrorKey(err!.extensions!.reason)).toBe(true);
      expect(serverErrorText('ja', err!.message, err!.extensions as Record<string, unknown>)).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    // REST problem details carry the reason too (a tile beyond the zoom range).
    const tile = await fetch(`${get().url}/tiles/curve_mirrors/99/0/0.mvt`, { headers: { authorization: `Bearer ${roads}` } });
    expect(tile.status).toBe(400);
    const { error } = (await tile.json()) as { error: { message: string } & Record<string, unknown> };
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'zoomRange' });
    expect(serverErrorText('ja', error.message, error)).toMatch(/^z は \d+〜\d+ にしてください$/);
  });

  test('an error without a catalogued reason keeps the server\'s message', () => {
    expect(serverErrorText('ja', 'something else', { code: 'BAD_USER_INPUT', reason: 'PRINT_TIMEOUT' })).toBe('something else');
  });
});
