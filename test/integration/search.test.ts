import { refreshSearchKeys } from '../../server/src/modules/city/search-index';
import { describeBackends } from '../helpers/backends';

// Known places, written through the edit path (applyChanges) like any other data.
const square = (lon: number, lat: number, d = 0.0002) => ({
  type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
// East of the demo parcels (at test scale they cover ~400 m around the station, outside 鹿渡: the demo city's own
// 鹿渡933-1 and 鹿渡353-14 are pinned in 鹿渡 at full scale, see reference-data.test.ts), so these are the only lots here.
const PARCELS: Array<[oaza: string, chiban: string, lon: number, lat: number]> = [
  ['鹿渡', '933-1', 140.2000, 35.6700],
  ['鹿渡', '933-2', 140.2003, 35.6700],
  ['鹿渡', '933-4', 140.2006, 35.6700],
  ['鹿渡', '353-14', 140.2009, 35.6700],
  ['鹿渡', '353-140', 140.2012, 35.6700],
];
const FACILITIES = [
  { name: '四街道市役所', reading: 'よつかいどうしやくしょ', facility_kind: '市役所', lon: 140.1677, lat: 35.6697 },
  { name: '四街道駅', reading: 'よつかいどうえき', facility_kind: '駅', lon: 140.1680, lat: 35.6690 },
  // A name that starts one character off the town 四街道: found by its start, before the town's near spelling.
  { name: '四街堂ホール', reading: 'しがいどうほーる', facility_kind: 'その他', lon: 140.1690, lat: 35.6690 },
];
const SEARCH = `query($t: String!, $first: Int) { search(text: $t, first: $first) {
  kind label sublabel layerKey featureId bbox match note { code requested found } } }`;

describeBackends('search', (get) => {
  let counter: string;
  const search = async (t: string, first = 30) => {
    const r = await get().gql(SEARCH, { t, first }, counter);
    expect(r.errors).toBeUndefined();
    return r.data.search as Array<{ kind: string; label: string; featureId: string | null; match: string; layerKey: string | null;
      note: { code: string; requested: string; found: string | null } | null; bbox: number[] | null }>;
  };

  beforeAll(async () => {
    const admin = await get().login('admin');
    counter = await get().login('counter');
    const changes = [
      ...PARCELS.map(([oaza, chiban, lon, lat]) => ({
        op: 'CREATE', layer: 'parcels', geometry: square(lon, lat), attributes: { oaza, chiban, land_category: '宅地' } })),
      ...FACILITIES.map(({ lon, lat, ...attributes }) => ({ op: 'CREATE', layer: 'facilities', geometry: point(lon, lat), attributes })),
      { op: 'CREATE', layer: 'curve_mirrors', geometry: point(140.171, 35.671), attributes: { mirror_no: 'G-1451' } },
      { op: 'CREATE', layer: 'curve_mirrors', geometry: point(140.172, 35.671), attributes: { mirror_no: 'G-14510' } },
      // A 6 m road whose centreline runs 3 m south of 鹿渡933-1 (fronts it), one 50 m north (does not),
      // and a boundary determination sharing the parcel's east edge.
      { op: 'CREATE', layer: 'road_ledger', geometry: { type: 'LineString', coordinates: [[140.1999, 35.669973], [140.2003, 35.669973]] },
        attributes: { route_no: 'T-901', route_name: '鹿渡南線', road_class: '2級', width_min_m: 5.5, width_max_m: 6 } },
      { op: 'CREATE', layer: 'road_ledger', geometry: { type: 'LineString', coordinates: [[140.1999, 35.6707], [140.2003, 35.6707]] },
        attributes: { route_no: 'T-902', route_name: '鹿渡北線', road_class: 'その他', width_min_m: 4, width_max_m: 4 } },
      { op: 'CREATE', layer: 'boundary_records', geometry: square(140.2002, 35.67, 0.00005),
        attributes: { record_no: 'BR-T-1', determined_on: '2025-04-01', parcel_no: '鹿渡933-1' } },
    ];
    const r = await get().gql('mutation($c: [FeatureChangeInput!]!) { applyChanges(changes: $c) { id } }', { c: changes }, admin);
    expect(r.errors).toBeUndefined();
  });

  test('a feature hit carries its town and its date, so equal labels can be told apart', async () => {
    const r = await get().gql(`{ search(text: "BR-T-1") { kind label featureId town date } }`, {}, counter);
    expect(r.errors).toBeUndefined();
    const hit = r.data.search.find((h: { label: string }) => h.label === 'BR-T-1');
    expect(hit.date).toBe('2025-04-01');
    // The town is one of the city's towns (found as such by its own name).
    expect(hit.town).toEqual(expect.any(String));
    const towns = await get().gql('query($t: String!) { search(text: $t) { kind label } }', { t: hit.town }, counter);
    expect(towns.data.search.filter((h: { kind: string }) => h.kind === 'town').map((h: { label: string }) => h.label)).toContain(hit.town);
    // A town hit has neither.
    const town = r.data.search.find((h: { kind: string }) => h.kind === 'town');
    if (town) expect([town.town, town.date]).toEqual([null, null]);
  });

  test('towns come in natural order: 一丁目, 二丁目, 三丁目 … not by code point', async () => {
    const towns = (await search('旭ケ丘')).filter((h) => h.kind === 'town').map((h) => h.label);
    expect(towns).toEqual(['旭ケ丘一丁目', '旭ケ丘二丁目', '旭ケ丘三丁目', '旭ケ丘四丁目', '旭ケ丘五丁目']);
    const yotsukaido = (await search('四街道')).filter((h) => h.kind === 'town').map((h) => h.label);
    expect(yotsukaido).toEqual(['四街道', '四街道一丁目', '四街道二丁目', '四街道三丁目']); // the exact name first
  });

  test('exact before prefix before fuzzy, and groups by kind', async () => {
    const hits = await search('G-1451');
    const mirrors = hits.filter((h) => h.layerKey === 'curve_mirrors');
    expect(mirrors.map((h) => [h.label, h.match])).toEqual([['G-1451', 'exact'], ['G-14510', 'prefix']]);
    const fuzzy = (await search('役所')).find((h) => h.label === '四街道市役所');
    expect(fuzzy).toMatchObject({ kind: 'facility', match: 'fuzzy' });
    const kinds = (await search('四街道')).map((h) => h.kind);
    expect(kinds.indexOf('town')).toBe(0);
    // Each kind forms one run (grouped), never interleaved.
    expect(kinds.filter((k, i) => k !== kinds[i - 1]).length).toBe(new Set(kinds).size);
  });

  test.each([
    ['四街道1丁目', 'town', '四街道一丁目'],
    ['旭ヶ丘', 'town', '旭ケ丘一丁目'],
    ['しかわたし', 'town', '鹿渡'],
    ['Ｇ－１４５１', 'feature', 'G-1451'],
    ['G1451', 'feature', 'G-1451'],
    ['鹿渡353-14', 'lot', '鹿渡353-14'],
    ['鹿渡字東３５３番１４', 'lot', '鹿渡353-14'],
    ['鹿渡933番地の1', 'lot', '鹿渡933-1'],
    ['四街道駅', 'facility', '四街道駅'],
    ['市役所', 'facility', '四街道市役所'],
    ['よつかいどうえき', 'facility', '四街道駅'],
  ])('%s finds %s %s first', async (typed, kind, label) => {
    const hits = await search(typed);
    expect(hits[0]).toMatchObject({ kind, label });
    expect(hits[0].bbox).toHaveLength(4);
  });

  // Typos as clerks make them: one wrong kana or kanji, a wrong dakuten, a dropped character.
  test.each([
    ['四街道えき', 'facility', '四街道駅'], // 駅 typed in kana
    ['よつかいどうえい', 'facility', '四街道駅'], // one wrong kana in the reading
    ['よつかいどえき', 'facility', '四街道駅'], // a dropped う
    ['しかわだし', 'town', '鹿渡'], // だ for た
    ['旭ケ岡', 'town', '旭ケ丘一丁目'], // 岡 for 丘: the 丁目 in natural order
  ])('a typo, %s, finds %s %s first as a similar spelling', async (typed, kind, label) => {
    const hits = await search(typed);
    expect(hits[0]).toMatchObject({ kind, label, match: 'similar' });
    expect(hits.every((h) => h.match === 'similar')).toBe(true);
  });

  test('one wrong kanji in a town name finds the town, noted as a near match: 鹿戸 → 鹿渡', async () => {
    const hits = await search('鹿戸');
    expect(hits[0]).toMatchObject({ kind: 'town', label: '鹿渡', match: 'similar', note: { code: 'nearMatch', requested: '鹿戸', found: '鹿渡' } });
    expect(hits[0].bbox).toHaveLength(4);
    // A single character is never near anything; an exact town has no near spellings beside it.
    expect(await search('戸')).toEqual([]);
    expect((await search('鹿渡')).filter((h) => h.note?.code === 'nearMatch')).toEqual([]);
  });

  test('near spellings rank after prefix hits: 四街堂 finds the facility 四街堂ホール, then the towns 四街道 …', async () => {
    const hits = await search('四街堂');
    expect(hits[0]).toMatchObject({ kind: 'facility', label: '四街堂ホール', match: 'prefix', note: null });
    const towns = hits.filter((h) => h.kind === 'town');
    // One edit from the whole name first, then one edit from the start of the name, in natural order.
    expect(towns.map((h) => h.label)).toEqual(['四街道', '四街道一丁目', '四街道二丁目', '四街道三丁目']);
    expect(towns.every((h) => h.match === 'similar' && h.note?.code === 'nearMatch')).toBe(true);
    expect(hits.indexOf(towns[0])).toBeGreaterThan(0);
  });

  test('a lot number with one wrong kanji in its 大字 finds the parcel, noted as a near match', async () => {
    const [lot] = await search('鹿戸933-1');
    expect(lot).toMatchObject({ kind: 'lot', label: '鹿渡933-1', match: 'similar', note: { code: 'nearMatch', requested: '鹿戸933-1', found: '鹿渡933-1' } });
    const [branch] = await search('鹿戸933-3');
    expect(branch).toMatchObject({ kind: 'lot', label: '鹿渡933-2', note: { code: 'nearestBranch', requested: '鹿戸933-3' } });
  });

  test('the similar tier is only the last resort: a text found exactly, by prefix or as a substring gets no similar hits', async () => {
    for (const text of ['四街道駅', 'G-145', '役所', '旭ケ丘']) {
      const hits = await search(text);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.filter((h) => h.match === 'similar')).toEqual([]);
    }
    // Nothing alike at all, or too short to judge: nothing.
    expect(await search('ZZQXJ')).toEqual([]);
    expect(await search('駅え')).toEqual([]);
  });

  test('a lot number that does not exist goes to the nearest 枝番 of its 親番, with a note', async () => {
    const hits = await search('鹿渡933-3');
    const lot = hits.find((h) => h.kind === 'lot')!;
    expect(lot.label).toBe('鹿渡933-2'); // 933-2 and 933-4 are equally near: the lower one
    expect(lot.note).toEqual({ code: 'nearestBranch', requested: '鹿渡933-3', found: '鹿渡933-2' });
    const five = (await search('鹿渡933-5')).find((h) => h.kind === 'lot')!;
    expect(five).toMatchObject({ label: '鹿渡933-4', note: { code: 'nearestBranch' } });
    const exact = (await search('鹿渡933-1')).find((h) => h.kind === 'lot')!;
    expect(exact).toMatchObject({ label: '鹿渡933-1', match: 'exact', note: null });
  });

  test('an unknown lot number says so and goes to its town', async () => {
    const hits = await search('鹿渡99999-1');
    expect(hits.some((h) => h.kind === 'lot')).toBe(false);
    const town = hits.find((h) => h.note)!;
    expect(town).toMatchObject({ kind: 'town', label: '鹿渡', note: { code: 'lotNotFound', requested: '鹿渡99999-1', found: '鹿渡' } });
  });

  test('an address (住居表示) goes to its town with a note', async () => {
    const hits = await search('四街道一丁目2番3号');
    expect(hits[0]).toMatchObject({ kind: 'address', note: { code: 'addressInTown', found: '四街道一丁目' } });
    expect(hits[0].bbox).toHaveLength(4);
  });

  test('an edit updates the search key: a renumbered mirror is found by its new number only', async () => {
    const admin = await get().login('admin');
    const [hit] = (await search('G-14510')).filter((h) => h.match === 'exact');
    const f = await get().gql(`{ feature(id: "${hit.featureId}") { version } }`, undefined, admin);
    const r = await get().gql('mutation($c: [FeatureChangeInput!]!) { applyChanges(changes: $c) { id } }',
      { c: [{ op: 'UPDATE', id: hit.featureId, expectedVersion: f.data.feature.version, attributes: { mirror_no: 'K-777' } }] }, admin);
    expect(r.errors).toBeUndefined();
    expect((await search('k777')).find((h) => h.featureId === hit.featureId)?.match).toBe('exact');
    expect((await search('G-14510')).some((h) => h.featureId === hit.featureId)).toBe(false);
  });

  test('features loaded in bulk without a key are keyed by refreshSearchKeys (run at start-up)', async () => {
    const { rows } = await get().db.pool.query(
      "SELECT f.id::text AS id, f.attributes->>'light_no' AS no FROM feature f JOIN layer l ON l.id = f.layer_id WHERE l.key = 'street_lights' LIMIT 1");
    await get().db.pool.query('UPDATE feature SET search_key = NULL WHERE id = $1', [rows[0].id]);
    expect((await search(rows[0].no)).some((h) => h.featureId === rows[0].id)).toBe(false);
    expect(await refreshSearchKeys(get().db)).toBe(1);
    expect((await search(rows[0].no)).find((h) => h.featureId === rows[0].id)?.match).toBe('exact');
  });

  test('the enquiry for a parcel found by its 地番 gives its road frontage and boundary determinations', async () => {
    const [lot] = await search('鹿渡933番1');
    expect(lot).toMatchObject({ kind: 'lot', label: '鹿渡933-1' });
    const r = await get().gql(`query($lon: Float!, $lat: Float!) { enquiry(lon: $lon, lat: $lat) { town
      parcel { featureId label oaza chiban landCategory areaM2 bbox
        roadFrontage { routeNo routeName roadClass widthMinM widthMaxM distanceM frontageM }
        boundaryRecords { recordNo determinedOn } } } }`,
    { lon: (lot.bbox![0] + lot.bbox![2]) / 2, lat: (lot.bbox![1] + lot.bbox![3]) / 2 }, counter);
    expect(r.errors).toBeUndefined();
    const parcel = r.data.enquiry.parcel;
    expect(parcel).toMatchObject({ featureId: lot.featureId, label: '鹿渡933-1', oaza: '鹿渡', chiban: '933-1', landCategory: '宅地' });
    expect(parcel.areaM2).toBeGreaterThan(300); // 0.0002° square here: about 18 m × 22 m
    expect(parcel.areaM2).toBeLessThan(500);
    expect(parcel.roadFrontage.map((f: any) => f.routeNo)).toEqual(['T-901']);
    const front = parcel.roadFrontage[0];
    expect(front).toMatchObject({ routeName: '鹿渡南線', roadClass: '2級', widthMinM: 5.5, widthMaxM: 6 });
    expect(front.distanceM).toBeGreaterThan(2);
    expect(front.distanceM).toBeLessThan(4);
    expect(front.frontageM).toBeGreaterThan(18); // the whole south edge (about 18 m) and a little either side
    expect(parcel.boundaryRecords).toEqual([{ recordNo: 'BR-T-1', determinedOn: '2025-04-01' }]);
  });

  test('a place without a parcel has no parcel answer', async () => {
    const r = await get().gql('{ enquiry(lon: 140.20, lat: 35.65) { parcel { featureId } } }', undefined, counter);
    expect(r.errors).toBeUndefined();
    expect(r.data.enquiry.parcel).toBeNull();
  });

  test('a layer whose label field changes is keyed again: its features are found by the new field', async () => {
    const admin = await get().login('admin');
    const created = await get().gql('mutation($c: [FeatureChangeInput!]!) { applyChanges(changes: $c) { id } }', { c: [{
      op: 'CREATE', layer: 'disaster_history', geometry: point(140.173, 35.672),
      attributes: { disaster_type: '倒木', occurred_on: '2025-09-01', cause: '台風十五号' } }] }, admin);
    expect(created.errors).toBeUndefined();
    const id = created.data.applyChanges[0].id;
    expect((await search('台風15号')).some((h) => h.featureId === id)).toBe(false); // 原因 is not searched
    const changed = await get().gql('mutation { updateLayer(key: "disaster_history", patch: { labelField: "cause" }) { key } }', undefined, admin);
    expect(changed.errors).toBeUndefined();
    expect((await search('台風15号')).find((h) => h.featureId === id)?.match).toBe('exact');
  });

  test('bad input is refused with BAD_USER_INPUT', async () => {
    const r = await get().gql(SEARCH, { t: 'x'.repeat(101), first: 5 }, counter);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const r2 = await get().gql(SEARCH, { t: '鹿渡', first: 0 }, counter);
    expect(r2.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
