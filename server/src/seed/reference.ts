// The demo city's reference layers: parcels (地番図), buildings (家屋), railway, rivers and public
// facilities. Synthetic but plausible: blocks between the demo roads are cut into lots in SQL
// (set-based, fast enough for the first embedded start) and numbered per town as 地番 run.
import pg from 'pg';
import { FieldDefinition } from '../domain/fields';
import { bumpLayerVersionSql } from '../modules/edits/edit.sql';
import { withComputedSql } from '../modules/features/feature.sql';
import { offset, Position, Town } from './city-model';
import { Random } from './random';
import {
  blocksSql, buildingRowsSql, buildingsSql, clippedRowsSql, facilitySitesSql, insertReferenceSql, lotsSql,
  parcelRowsSql, parentIndexSql, parentsSql, pinBranchSql, pinParentSql, pointRowsSql, renumberSql, sitesSql,
} from './reference.sql';

const PLANE_SRID = 6677;
/** 四街道駅 (JR 総武本線): the centre of the demo city. */
export const STATION: Position = [140.1676, 35.6698];
/** Parent cells (親番) are squares of this many metres before roads and lanes cut them. */
const CELL_M = 60;
const CITY_AREA_M2 = 34.5e6;

/** The town point of 鹿渡 (town.json), where the pinned lots below lie. */
const SHIKAWATASHI: Position = [140.180445, 35.668062];

/**
 * 地番 the issue, the README and the counter's examples name: the parcel nearest each spot in its 大字
 * is given that number (the holder of the number takes the parcel's old one), so a clerk typing
 * 鹿渡933-1 lands on a parcel in the demo city. Where the 大字 has no parcels (a test's small disc) nothing is pinned.
 */
export const PINNED_LOTS: LotPin[] = [
  { oaza: '鹿渡', chiban: '933-1', at: offset(SHIKAWATASHI, 110, 70) },
  { oaza: '鹿渡', chiban: '353-14', at: offset(SHIKAWATASHI, -140, -120) },
];

export interface LotPin { oaza: string; chiban: string; at: Position }

type Kind = '市役所' | '出張所' | '学校' | '保育所' | '公園' | '公民館' | '図書館' | '駅' | '病院' | 'その他';
interface FacilityDef { name: string; reading: string; kind: Kind; near: string | Position; phone?: string }

// Names as the city's facilities are called; places near the town they serve (synthetic positions).
const FACILITIES: FacilityDef[] = [
  { name: '四街道市役所', reading: 'よつかいどうしやくしょ', kind: '市役所', near: offset(STATION, 60, -170), phone: '043-421-2111' },
  { name: '四街道駅', reading: 'よつかいどうえき', kind: '駅', near: STATION },
  { name: '物井駅', reading: 'ものいえき', kind: '駅', near: [140.2012, 35.6951] },
  { name: '四街道市立図書館', reading: 'よつかいどうしりつとしょかん', kind: '図書館', near: '鹿渡' },
  { name: '四街道公民館', reading: 'よつかいどうこうみんかん', kind: '公民館', near: '大日' },
  { name: '千代田公民館', reading: 'ちよだこうみんかん', kind: '公民館', near: '千代田三丁目' },
  { name: '旭公民館', reading: 'あさひこうみんかん', kind: '公民館', near: '旭ケ丘三丁目' },
  { name: '四街道小学校', reading: 'よつかいどうしょうがっこう', kind: '学校', near: '四街道一丁目' },
  { name: '旭小学校', reading: 'あさひしょうがっこう', kind: '学校', near: '旭ケ丘一丁目' },
  { name: '大日小学校', reading: 'だいにちしょうがっこう', kind: '学校', near: '大日' },
  { name: '八木原小学校', reading: 'やぎはらしょうがっこう', kind: '学校', near: '鹿渡' },
  { name: '南小学校', reading: 'みなみしょうがっこう', kind: '学校', near: 'めいわ二丁目' },
  { name: '和良比小学校', reading: 'わらびしょうがっこう', kind: '学校', near: '和良比' },
  { name: '四和小学校', reading: 'しわしょうがっこう', kind: '学校', near: '和田' },
  { name: '山梨小学校', reading: 'やまなししょうがっこう', kind: '学校', near: '山梨' },
  { name: '吉岡小学校', reading: 'よしおかしょうがっこう', kind: '学校', near: '吉岡' },
  { name: '栗山小学校', reading: 'くりやましょうがっこう', kind: '学校', near: '栗山' },
  { name: 'みそら小学校', reading: 'みそらしょうがっこう', kind: '学校', near: 'みそら三丁目' },
  { name: '中央小学校', reading: 'ちゅうおうしょうがっこう', kind: '学校', near: '中央' },
  { name: '四街道中学校', reading: 'よつかいどうちゅうがっこう', kind: '学校', near: 'つくし座二丁目' },
  { name: '四街道北中学校', reading: 'よつかいどうきたちゅうがっこう', kind: '学校', near: '千代田二丁目' },
  { name: '四街道西中学校', reading: 'よつかいどうにしちゅうがっこう', kind: '学校', near: '鹿放ケ丘' },
  { name: '旭中学校', reading: 'あさひちゅうがっこう', kind: '学校', near: '旭ケ丘五丁目' },
  { name: '千代田中学校', reading: 'ちよだちゅうがっこう', kind: '学校', near: '千代田五丁目' },
  { name: '四街道保育所', reading: 'よつかいどうほいくしょ', kind: '保育所', near: '四街道二丁目' },
  { name: '千代田保育所', reading: 'ちよだほいくしょ', kind: '保育所', near: '千代田一丁目' },
  { name: '四街道総合公園', reading: 'よつかいどうそうごうこうえん', kind: '公園', near: '和良比' },
  { name: '中央公園', reading: 'ちゅうおうこうえん', kind: '公園', near: 'みのり町' },
  { name: '鷹の台公園', reading: 'たかのだいこうえん', kind: '公園', near: '鷹の台二丁目' },
  { name: 'みそら中央公園', reading: 'みそらちゅうおうこうえん', kind: '公園', near: 'みそら二丁目' },
  { name: 'もねの里公園', reading: 'もねのさとこうえん', kind: '公園', near: 'もねの里三丁目' },
  { name: '下志津病院', reading: 'しもしづびょういん', kind: '病院', near: '鹿放ケ丘' },
  { name: '四街道徳洲会病院', reading: 'よつかいどうとくしゅうかいびょういん', kind: '病院', near: '吉岡' },
  { name: '四街道市文化センター', reading: 'よつかいどうしぶんかせんたー', kind: 'その他', near: '大日' },
  { name: '四街道市総合福祉センター', reading: 'よつかいどうしそうごうふくしせんたー', kind: 'その他', near: '鹿渡' },
];

/** 地目 and building of a facility's site; stations stand on the railway, parks have no building. */
const SITE_OF: Partial<Record<Kind, { land: string; buildingUse: string | null }>> = {
  市役所: { land: '宅地', buildingUse: '公共施設' }, 出張所: { land: '宅地', buildingUse: '公共施設' },
  学校: { land: '学校用地', buildingUse: '公共施設' }, 保育所: { land: '宅地', buildingUse: '公共施設' },
  公園: { land: '公園', buildingUse: null }, 公民館: { land: '宅地', buildingUse: '公共施設' },
  図書館: { land: '宅地', buildingUse: '公共施設' }, 病院: { land: '宅地', buildingUse: '公共施設' },
  その他: { land: '宅地', buildingUse: '公共施設' },
};

// JR 総武本線 from 都賀 (Chiba) through 四街道 to 物井 and on to 佐倉, clipped to the city.
const RAILWAY: Position[] = [[140.1437, 35.6377], [140.1545, 35.6520], [140.1615, 35.6625], [140.1676, 35.6698], [140.1760, 35.6780], [140.1880, 35.6870], [140.2012, 35.6951], [140.2200, 35.7080]];

/** Rivers and channels: control points smoothed into curves, water surface half-width in metres (0 = a line). */
const WATER: Array<{ name: string; river_class: string; halfWidth: number; points: Position[] }> = [
  { name: '鹿島川', river_class: '一級河川', halfWidth: 8, points: [[140.1560, 35.6470], [140.1525, 35.6590], [140.1440, 35.6650], [140.1385, 35.6740], [140.1398, 35.6830], [140.1440, 35.6910], [140.1495, 35.6990], [140.1540, 35.7070]] },
  { name: '手繰川', river_class: '一級河川', halfWidth: 4, points: [[140.1560, 35.6560], [140.1540, 35.6650], [140.1575, 35.6740], [140.1560, 35.6830], [140.1600, 35.6920], [140.1625, 35.7020]] },
  { name: '小名木川', river_class: '準用河川', halfWidth: 3, points: [[140.1760, 35.6515], [140.1832, 35.6560], [140.1900, 35.6598], [140.1990, 35.6635], [140.2090, 35.6650]] },
  { name: '物井川', river_class: '普通河川', halfWidth: 0, points: [[140.1930, 35.6930], [140.1990, 35.6985], [140.2060, 35.7010]] },
  { name: '吉岡水路', river_class: '水路', halfWidth: 0, points: [[140.1880, 35.6380], [140.1960, 35.6440], [140.2040, 35.6470]] },
  { name: '山梨水路', river_class: '水路', halfWidth: 0, points: [[140.1900, 35.6760], [140.1990, 35.6790], [140.2100, 35.6770]] },
];

/** Towns laid out as planned subdivisions (丁目 towns and the newer named estates): lots reach further from their centre. */
const isPlanned = (town: Town) => /丁目$|ケ丘$|町$|の杜$|^中央$/.test(town.name);

/** A polyline through control points, rounded at the bends (Chaikin corner cutting, three rounds). */
export function smoothLine(points: Position[], rounds = 3): Position[] {
  let line = points;
  for (let r = 0; r < rounds; r++) {
    const next: Position[] = [line[0]];
    for (let i = 0; i + 1 < line.length; i++) {
      const [a, b] = [line[i], line[i + 1]];
      next.push([a[0] * 0.75 + b[0] * 0.25, a[1] * 0.75 + b[1] * 0.25], [a[0] * 0.25 + b[0] * 0.75, a[1] * 0.25 + b[1] * 0.75]);
    }
    next.push(line[line.length - 1]);
    line = next;
  }
  return line;
}

const lineJson = (points: Position[]) => JSON.stringify({ type: 'LineString', coordinates: points });
const metresBetween = (a: Position, b: Position) =>
  Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 110_574);

export interface ReferenceLayer { id: number; key: string; departmentKey: string; fields: FieldDefinition[] }
export interface ReferenceOptions {
  scale: number;
  seed: number;
  towns: Town[];
  layers: ReferenceLayer[];
  userIds: Map<string, number>;
  rnd: Random;
  log?: (m: string) => void;
  /** Centre of the parcelled disc below scale 1 (default: the station). */
  centre?: Position;
  /** Lot numbers pinned to places (default: PINNED_LOTS). */
  pins?: LotPin[];
}

/**
 * Writes the reference layers in one transaction `tx`, after the road ledger. Below scale 1 only a disc
 * around the station (or `centre`) is parcelled (its area grows with the scale), so tests stay fast.
 */
export async function seedReferenceData(tx: pg.PoolClient, options: ReferenceOptions): Promise<Record<string, number>> {
  const { scale, seed, rnd } = options;
  const centre = options.centre ?? STATION;
  // 0.3: at the tests' scale 0.05 a disc of ~400 m, the view of the base-map tests, keeps each test file's seed short.
  const radius = scale >= 1 ? null : Math.sqrt((0.3 * scale * CITY_AREA_M2) / Math.PI);
  const townAt = new Map(options.towns.map((t) => [t.name, t.at]));
  const facilities = FACILITIES.map((f, i) => {
    const near = typeof f.near === 'string' ? townAt.get(f.near) : f.near;
    if (!near) throw new Error(`facility ${f.name}: unknown town ${f.near}`);
    // Places named after a town stand somewhere in it, not on its label point.
    const at = typeof f.near === 'string' ? offset(near, rnd.between(-150, 150), rnd.between(-150, 150)) : near;
    return { ...f, site: i + 1, at };
  }).filter((f) => radius === null || metresBetween(f.at, centre) <= radius);
  const sited = facilities.filter((f) => SITE_OF[f.kind]);

  const railway = smoothLine(RAILWAY, 2);
  const water = WATER.map((w) => ({ ...w, line: smoothLine(w.points) }));
  const corridors = [
    { g: lineJson(railway), half_width: 10 },
    ...water.map((w) => ({ g: lineJson(w.line), half_width: Math.max(w.halfWidth + 4, 3) })),
  ];
  const seedKey = String(seed);
  const started = Date.now();
  const step = (name: string) => options.log?.(`  reference data: ${name} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Compiling these one-off statements with JIT costs PostgreSQL more than running them; and they are
  // long by design (seconds over the whole city), not the requests statement_timeout guards against.
  await tx.query('SET LOCAL jit = off');
  await tx.query('SET LOCAL statement_timeout = 0');
  await tx.query(blocksSql, [PLANE_SRID, JSON.stringify(corridors)]);
  await tx.query('CREATE INDEX ON ref_block USING gist (geom)');
  step('blocks');
  await tx.query(parentsSql, [PLANE_SRID, radius, STATION[0], STATION[1], CELL_M, options.towns.filter(isPlanned).map((t) => t.name), seedKey, centre[0], centre[1]]);
  await tx.query(parentIndexSql);
  await tx.query(sitesSql, [PLANE_SRID, JSON.stringify(sited.map((f) => ({ site: f.site, lon: f.at[0], lat: f.at[1] }))), CELL_M * CELL_M * 0.6]);
  step('parent lots');
  await tx.query(lotsSql, [
    PLANE_SRID, CELL_M, seedKey, JSON.stringify(water.map((w) => ({ g: lineJson(w.line) }))),
    JSON.stringify(sited.map((f) => ({ site: f.site, land: SITE_OF[f.kind]!.land }))),
  ]);
  for (const pin of options.pins ?? PINNED_LOTS) {
    const [oya, eda] = pin.chiban.split('-').map(Number);
    const params = [PLANE_SRID, pin.oaza, oya, eda ?? 0, pin.at[0], pin.at[1]];
    await tx.query(pinParentSql, params);
    if (eda) await tx.query(pinBranchSql, params);
    await tx.query(renumberSql, [pin.oaza]);
  }
  step('lots');
  await tx.query(buildingsSql, [seedKey, JSON.stringify(sited.map((f) => ({ site: f.site, building_use: SITE_OF[f.kind]!.buildingUse })))]);

  step('buildings');
  const { rows: sites } = await tx.query<{ site: number; geometry: string; oaza: string | null; chiban: string | null }>(
    facilitySitesSql, [JSON.stringify(facilities.map((f) => ({ site: f.site, lon: f.at[0], lat: f.at[1] })))]);
  const siteOf = new Map(sites.map((s) => [s.site, s]));
  const facilityRows = facilities.map((f, i) => {
    const s = siteOf.get(f.site)!;
    const attributes: Record<string, unknown> = {
      name: f.name, reading: f.reading, facility_kind: f.kind,
      phone: f.phone ?? `043-4${rnd.int(21, 34)}-${String(rnd.int(1000, 9999))}`,
    };
    if (s.oaza) attributes.address = `四街道市${s.oaza}${s.chiban}`;
    return { ord: i + 1, g: s.geometry, a: attributes };
  });

  const lineRows = (items: Array<{ line: Position[]; halfWidth: number; a: Record<string, unknown> }>) =>
    JSON.stringify(items.map((w, i) => ({ ord: i + 1, g: lineJson(w.line), half_width: w.halfWidth, a: w.a })));
  const jobs: Record<string, { sql: string; params: unknown[] }> = {
    parcels: { sql: parcelRowsSql, params: [seedKey] },
    buildings: { sql: buildingRowsSql, params: [seedKey] },
    facilities: { sql: pointRowsSql, params: [JSON.stringify(facilityRows)] },
    railways: { sql: clippedRowsSql, params: [PLANE_SRID, lineRows([{ line: railway, halfWidth: 0, a: { name: 'JR総武本線', operator: '東日本旅客鉄道' } }])] },
    rivers: { sql: clippedRowsSql, params: [PLANE_SRID, lineRows(water.map((w) => ({ line: w.line, halfWidth: w.halfWidth, a: { name: w.name, river_class: w.river_class } })))] },
  };
  const counts: Record<string, number> = {};
  const touched: number[] = [];
  for (const [key, job] of Object.entries(jobs)) {
    const layer = options.layers.find((l) => l.key === key);
    if (!layer) throw new Error(`layer ${key} is missing; run migrations first`);
    const n = job.params.length;
    const sql = insertReferenceSql(job.sql, `$${n + 1}`, `$${n + 2}`, (attributes, geom) => withComputedSql(layer.fields, attributes, geom));
    const result = await tx.query(sql, [...job.params, layer.id, options.userIds.get(layer.departmentKey) ?? null]);
    counts[key] = result.rowCount ?? 0;
    step(`${key} written`);
    touched.push(layer.id);
  }
  await tx.query(bumpLayerVersionSql, [touched]);
  return counts;
}
