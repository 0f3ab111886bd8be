import { randomBytes } from 'node:crypto';
import { Config, loadConfig } from '../config';
import { Database } from '../db/database';
import { hashPassword } from '../modules/auth/auth.service';
import { SessionUser } from '../modules/auth/permissions';
import { EditService } from '../modules/edits/edit.service';
import { LayerRecord, LayerService } from '../modules/layers/layer.service';
import { referenceDataDir } from '../modules/city/city.service';
import { pointsFromGeometrySql } from '../modules/survey/survey.sql';
import { CityModel, offset, Position, RoadEdge } from './city-model';
import { Random } from './random';
import { refreshSearchKeys } from '../modules/city/search-index';
import { seedReferenceData } from './reference';
import { LayerRole } from '../modules/layers/layer.roles';

export const DEMO_PASSWORD = 'chizu-demo';
/** Yotsukaido's survey coordinates are in JGD2011 plane rectangular zone IX. */
const PLANE_SRID_ZONE_IX = 6677;

/** Demo accounts: an admin, an editor per department and a counter (窓口) viewer. */
export const DEMO_USERS = [
  { username: 'admin', displayName: '管理者', role: 'admin', departmentKey: null },
  { username: 'roads', displayName: '道路管理課 担当', role: 'editor', departmentKey: 'roads' },
  { username: 'env', displayName: '環境政策課 担当', role: 'editor', departmentKey: 'env' },
  { username: 'community', displayName: '自治振興課 担当', role: 'editor', departmentKey: 'community' },
  { username: 'disaster', displayName: '危機管理室 担当', role: 'editor', departmentKey: 'disaster' },
  { username: 'counter', displayName: '窓口', role: 'viewer', departmentKey: null },
] as const;

/** Feature counts at scale 1. */
export const DEMO_COUNTS = {
  road_ledger: 1200, boundary_records: 300, curve_mirrors: 1800, garbage_points: 2500, street_lights: 8000, disaster_history: 400,
};

export interface SeedOptions {
  scale?: number;
  /** Scale of the reference layers (parcels, buildings …); defaults to scale. */
  referenceScale?: number;
  users?: boolean;
  seed?: number;
  /** The server's configuration (the edit path's limits and service area); read from the environment when absent. */
  config?: Config;
  log?: (m: string) => void;
}

type Geometry = { type: string; coordinates: unknown };
type Draft = { geometry: Geometry; attributes: Record<string, unknown> };
const pt = (p: Position): Geometry => ({ type: 'Point', coordinates: round(p) });
const round = (p: Position): Position => [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Collection days are shared by a town, as real schedules are.
const BURNABLE = ['月・木', '火・金', '水・土'];
const NON_BURNABLE = ['第1水', '第2水', '第3水', '第4水', '第1金', '第3金'];
const RECYCLABLE = ['月', '火', '水', '木', '金'];
const TYPHOONS: Array<[string, string]> = [
  ['2011-09-21', '台風第15号'], ['2013-10-16', '台風第26号'], ['2016-08-22', '台風第9号'], ['2019-09-09', '令和元年房総半島台風(台風第15号)'],
  ['2019-10-12', '令和元年東日本台風(台風第19号)'], ['2019-10-25', '10月25日の大雨'], ['2023-06-02', '台風第2号と梅雨前線の大雨'],
];

function streetLights(city: CityModel, rnd: Random, n: number): Draft[] {
  return Array.from({ length: n }, (_, i) => {
    const { at } = city.pointBesideRoad(rnd, 3);
    const town = city.nearestTown(at);
    const lamp = rnd.chance(0.78) ? 'LED' : rnd.chance(0.7) ? '蛍光灯' : '水銀灯';
    return {
      geometry: pt(at),
      attributes: {
        light_no: `SL-${pad(i + 1, 5)}`, lamp_type: lamp,
        watts: lamp === 'LED' ? rnd.pick([10, 15, 20, 25]) : lamp === '蛍光灯' ? rnd.pick([20, 32, 40]) : rnd.pick([80, 100]),
        pole_no: `四街道${pad(rnd.int(1, 999), 3)}-${rnd.int(1, 60)}`, association: `${town.base}自治会`,
        installed_year: lamp === 'LED' ? rnd.int(2012, 2025) : rnd.int(1985, 2011),
        contract_type: rnd.pick(['定額電灯', '定額電灯', '公衆街路灯A', '公衆街路灯B']),
      },
    };
  });
}

function garbagePoints(city: CityModel, rnd: Random, n: number): Draft[] {
  const schedule = new Map<string, [string, string, string]>();
  return Array.from({ length: n }, (_, i) => {
    const { at } = city.pointBesideRoad(rnd, 4);
    const town = city.nearestTown(at);
    if (!schedule.has(town.name)) schedule.set(town.name, [rnd.pick(BURNABLE), rnd.pick(NON_BURNABLE), rnd.pick(RECYCLABLE)]);
    const [burnable, nonBurnable, recyclable] = schedule.get(town.name)!;
    const attributes: Record<string, unknown> = {
      point_no: `G-${pad(i + 1, 4)}`, address: town.name, burnable_days: burnable, non_burnable_days: nonBurnable,
      recyclable_days: recyclable, association: `${town.base}自治会`, households: rnd.int(4, 60),
      installation_type: rnd.pick(['ボックス', 'ボックス', 'ネット', 'ステーション', '戸別']),
    };
    if (rnd.chance(0.1)) attributes.notes = rnd.pick(['カラス被害あり', '道路が狭く収集車注意', '新築分譲地', '移設予定']);
    return { geometry: pt(at), attributes };
  });
}

function curveMirrors(city: CityModel, rnd: Random, n: number): Draft[] {
  const crossings = city.nodes.filter((node) => node.degree >= 3);
  const routeAt = new Map<number, string>();
  for (const e of city.edges) { routeAt.set(e.a.id, e.route.name); routeAt.set(e.b.id, e.route.name); }
  return Array.from({ length: n }, (_, i) => {
    const node = rnd.pick(crossings.length ? crossings : city.nodes);
    // Mirrors stand at a corner of the crossing, a few metres off its centre.
    let at = offset(node.at, rnd.between(-7, 7), rnd.between(-7, 7));
    if (!city.inside(at)) at = node.at;
    const faces = rnd.chance(0.75) ? '1面' : '2面';
    return {
      geometry: pt(at),
      attributes: {
        mirror_no: `CM-${pad(i + 1, 4)}`, route_name: routeAt.get(node.id), shape: rnd.chance(0.85) ? '丸' : '角', faces,
        mirror_size_mm: rnd.pick([600, 600, 800, 800, 1000]), installed_year: rnd.int(1980, 2025),
        pole_material: rnd.pick(['鋼管', '鋼管', 'ステンレス', 'アルミ', '電柱共架']),
        bearing_deg: rnd.int(0, 359), last_inspected_on: rnd.date(2019, 2025),
        condition: rnd.pick(['良好', '良好', '良好', '要清掃', '要補修', '要交換']),
      },
    };
  });
}

function roads(city: CityModel, rnd: Random): Draft[] {
  const certified = new Map<string, Record<string, unknown>>();
  return city.edges.map((edge) => {
    const r = edge.route;
    if (!certified.has(r.no)) {
      const [lo, hi] = r.roadClass === '1級' ? [6, 12] : r.roadClass === '2級' ? [4.5, 8] : [2.7, 6];
      const min = Math.round(rnd.between(lo, hi) * 10) / 10;
      certified.set(r.no, {
        certified_on: rnd.date(1972, 2020), width_min_m: min, width_max_m: Math.round(rnd.between(min, hi + 2) * 10) / 10,
        start_point: city.nearestTown(r.edges[0].a.at).name, end_point: city.nearestTown(r.edges[r.edges.length - 1].b.at).name,
      });
    }
    return {
      geometry: { type: 'LineString', coordinates: edge.coords.map(round) },
      attributes: {
        route_no: r.no, route_name: r.name, segment_no: edge.segmentNo, road_class: r.roadClass, ...certified.get(r.no),
        pavement: r.roadClass === 'その他' && rnd.chance(0.15) ? rnd.pick(['砂利', '未舗装', 'コンクリート']) : 'アスファルト',
      },
    };
  });
}

function disasters(city: CityModel, rnd: Random, n: number): Draft[] {
  return Array.from({ length: n }, () => {
    const typhoon = rnd.chance(0.45) ? rnd.pick(TYPHOONS) : null;
    const occurred = typhoon ? typhoon[0] : rnd.date(2010, 2025);
    const type = typhoon ? rnd.pick(['浸水', '道路冠水', '倒木', '土砂崩れ']) : rnd.pick(['浸水', '道路冠水', '土砂崩れ', '倒木', '陥没', 'その他']);
    const centre = typhoon || type === '倒木' ? city.pointBesideRoad(rnd, 2).at : city.randomPoint(rnd);
    let geometry: Geometry = pt(centre);
    if ((type === '浸水' || type === '土砂崩れ') && rnd.chance(0.5)) {
      const radius = rnd.between(25, 120);
      const ring: Position[] = Array.from({ length: 10 }, (_, k) => {
        const a = (k / 10) * 2 * Math.PI;
        const r = radius * rnd.between(0.7, 1.2);
        return round(offset(centre, Math.cos(a) * r, Math.sin(a) * r));
      });
      if (ring.every((p) => city.inside(p))) geometry = { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
    }
    const days = rnd.int(0, 60);
    const resolved = new Date(Date.parse(occurred) + days * 86_400_000).toISOString().slice(0, 10);
    const attributes: Record<string, unknown> = {
      disaster_type: type, occurred_on: occurred,
      cause: typhoon ? typhoon[1] : rnd.pick(['大雨', '集中豪雨', '強風', '老朽化', '地下埋設物の破損', '不明']),
      damage_summary: {
        浸水: '床下浸水', 道路冠水: '市道冠水により通行止め', 土砂崩れ: '法面崩落', 倒木: '倒木により道路閉塞', 陥没: '路面陥没', その他: '道路付属物の破損',
      }[type],
      response: rnd.pick(['通行止め・土のう設置', '倒木撤去', '応急復旧', '排水ポンプ車出動', '舗装補修', '現地確認']),
    };
    if (resolved <= '2025-12-31' && rnd.chance(0.92)) attributes.resolved_on = resolved;
    return { geometry, attributes };
  });
}

function boundaryRecords(city: CityModel, rnd: Random, n: number): Draft[] {
  const drafts: Draft[] = [];
  const counters = new Map<number, number>();
  while (drafts.length < n) {
    const edge: RoadEdge = rnd.pick(city.edges);
    const [a, b] = [edge.coords[0], edge.coords[2]];
    // A parcel along one side of the road: the determined boundary is its road-side edge.
    const t = rnd.between(0.15, 0.6);
    const along = rnd.between(0.12, 0.3);
    const p1: Position = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    const p2: Position = [a[0] + (b[0] - a[0]) * (t + along), a[1] + (b[1] - a[1]) * (t + along)];
    const east = (b[0] - a[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180);
    const north = (b[1] - a[1]) * 110_574;
    const len = Math.hypot(east, north) || 1;
    const side = rnd.chance(0.5) ? 1 : -1;
    const [ox, oy] = [(-north / len) * side, (east / len) * side];
    const half = rnd.between(2, 4); // half the road width
    const depth = rnd.between(12, 30);
    const q1 = offset(p1, ox * half, oy * half);
    const q2 = offset(p2, ox * half, oy * half);
    const q3 = offset(p2, ox * (half + depth), oy * (half + depth));
    const q4 = offset(p1, ox * (half + depth), oy * (half + depth));
    if (![q1, q2, q3, q4].every((p) => city.inside(p))) continue;
    const year = rnd.int(2000, 2025);
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const town = city.nearestTown(q1);
    const geometry: Geometry = rnd.chance(0.8)
      ? { type: 'Polygon', coordinates: [[q1, q2, q3, q4, q1].map(round)] }
      : { type: 'LineString', coordinates: [q1, q2].map(round) };
    drafts.push({
      geometry,
      attributes: {
        record_no: `BR-${year}-${pad(seq, 3)}`, determined_on: `${year}-${pad(rnd.int(1, 12), 2)}-${pad(rnd.int(1, 28), 2)}`,
        parcel_no: `${town.base} ${rnd.int(1, 2999)}番${rnd.int(1, 30)}`,
        applicant_type: rnd.pick(['個人', '個人', '個人', '法人', '法人', '国・県', '市']),
        related_route_no: edge.route.no, witnesses: '申請者, 隣接地所有者, 市職員(道路管理課)',
        surveyor: rnd.pick(['(株)四街道測量', '千葉測地(株)', '土地家屋調査士 山田事務所', '土地家屋調査士 佐藤事務所']),
      },
    });
  }
  return drafts;
}

/**
 * The drafts that lie wholly inside the city boundary. The edit path accepts shapes up to the service
 * area's margin beyond it; the demo city keeps to the boundary itself, as the old set-based seed did.
 */
const insideCitySql = `
  SELECT (g.i - 1)::int AS index
  FROM unnest($1::text[]) WITH ORDINALITY AS g(json, i), city_boundary b
  WHERE ST_Within(ST_SetSRID(ST_GeomFromGeoJSON(g.json), 4326), b.geom)`;

async function insideCity(db: Database, drafts: Draft[]): Promise<Draft[]> {
  const { rows } = await db.pool.query<{ index: number }>(insideCitySql, [drafts.map((d) => JSON.stringify(d.geometry))]);
  const inside = new Set(rows.map((r) => r.index));
  return drafts.filter((_, i) => inside.has(i));
}

/**
 * The demo features are written like any edit, through the one edit path: validated against the
 * layer's fields and geometry rules, computed fields and search keys filled, a history row each.
 * Batches of at most BATCH_MAX_CHANGES (the transaction is the seed's own, see seed-state.ts).
 */
async function writeFeatures(edits: EditService, author: SessionUser, layers: LayerRecord[], layer: LayerRecord, drafts: Draft[],
  batchMax: number): Promise<number> {
  let written = 0;
  for (let i = 0; i < drafts.length; i += batchMax) {
    const changes = drafts.slice(i, i + batchMax).map((d) => ({ op: 'create' as const, layer: layer.key, geometry: d.geometry, attributes: d.attributes }));
    written += (await edits.apply(author, layers, changes)).length;
  }
  return written;
}

/**
 * Who wrote the demo features: each layer's department editor with the demo accounts; without them
 * (a real database seeded without --users) a disabled account "demo-data" (デモデータ) that cannot log in.
 */
async function demoAuthors(db: Database, users: boolean): Promise<(departmentKey: string) => SessionUser> {
  const session = (row: { id: number; username: string; displayName: string; role: string; departmentKey: string | null }): SessionUser =>
    ({ id: row.id, username: row.username, displayName: row.displayName, role: row.role as SessionUser['role'], departmentKey: row.departmentKey, grantedLayerIds: [] });
  if (users) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const editors = new Map<string, SessionUser>();
    let admin: SessionUser | undefined;
    for (const u of DEMO_USERS) {
      const row = await db.prisma.appUser.upsert({ where: { username: u.username }, create: { ...u, passwordHash }, update: {} });
      if (u.departmentKey) editors.set(u.departmentKey, session(row));
      if (u.role === 'admin') admin = session(row);
    }
    return (departmentKey) => editors.get(departmentKey) ?? admin!;
  }
  const row = await db.prisma.appUser.upsert({
    where: { username: DEMO_DATA_AUTHOR },
    create: {
      username: DEMO_DATA_AUTHOR, displayName: 'デモデータ', role: 'admin', departmentKey: null, disabled: true,
      passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
    },
    update: {},
  });
  return () => session(row);
}

/** The author of the demo features when the seed makes no demo accounts (disabled: it cannot log in). */
export const DEMO_DATA_AUTHOR = 'demo-data';

/** Writes the deterministic demo city. Returns the number of features per layer. */
export async function seedDemo(db: Database, options: SeedOptions = {}): Promise<Record<string, number>> {
  const scale = options.scale ?? 1;
  const log = options.log ?? (() => undefined);
  const rnd = new Random(options.seed ?? 12228); // the city's municipality code
  const count = (key: keyof typeof DEMO_COUNTS) => Math.max(1, Math.round(DEMO_COUNTS[key] * scale));

  const authorOf = await demoAuthors(db, !!options.users);
  // Scale 0: the demo accounts only, no city (a road network of one road cannot be laid out).
  if (scale <= 0) return {};
  const config = options.config ?? loadConfig();
  const edits = new EditService(db, config);
  // The reference layers name their departments' editors as creators (set-based, below).
  const userIds = new Map<string, number>();
  if (options.users) for (const u of DEMO_USERS) if (u.departmentKey) userIds.set(u.departmentKey, authorOf(u.departmentKey).id);

  const city = new CityModel(referenceDataDir, count('road_ledger'), rnd);
  const generators: Record<keyof typeof DEMO_COUNTS, () => Draft[]> = {
    road_ledger: () => roads(city, rnd),
    boundary_records: () => boundaryRecords(city, rnd, count('boundary_records')),
    curve_mirrors: () => curveMirrors(city, rnd, count('curve_mirrors')),
    garbage_points: () => garbagePoints(city, rnd, count('garbage_points')),
    street_lights: () => streetLights(city, rnd, count('street_lights')),
    disaster_history: () => disasters(city, rnd, count('disaster_history')),
  };
  const layers = await new LayerService(db).list();
  const counts: Record<string, number> = {};
  for (const [key, generate] of Object.entries(generators)) {
    const layer = layers.find((l) => l.key === key);
    if (!layer) throw new Error(`layer ${key} is missing; run migrations first`);
    counts[key] = await writeFeatures(edits, authorOf(layer.departmentKey), layers, layer, await insideCity(db, generate()), config.batchMaxChanges);
    log(`  ${key}: ${counts[key]}`);
  }
  // Parcels, buildings, water, railway and facilities: after the road ledger, whose roads bound the blocks.
  const reference = await db.transaction((tx) => seedReferenceData(tx, {
    scale: options.referenceScale ?? scale, seed: options.seed ?? 12228, towns: city.towns, userIds, rnd, log,
    layers: layers.map((l) => ({ id: l.id, key: l.key, departmentKey: l.departmentKey, fields: l.fieldDefs })),
  }));
  for (const [key, n] of Object.entries(reference)) log(`  ${key}: ${n}`);
  Object.assign(counts, reference);
  // The reference data is written in bulk by SQL: its search keys (地番, facility names) are computed here.
  await refreshSearchKeys(db);
  const boundaryLayer = layers.find((l) => l.role === LayerRole.BOUNDARY_RECORDS);
  if (boundaryLayer) await db.pool.query(pointsFromGeometrySql, [boundaryLayer.id, PLANE_SRID_ZONE_IX]);
  await db.pool.query('ANALYZE feature');
  return counts;
}
