import { Database } from '../../db/database';
import { featureSearchKey, KEY_SEPARATOR, naturalCompare, nearMatch, normalizeSearchText, searchFieldKeys } from '../../domain/normalize';
import { appError } from '../../errors';
import { LayerRecord } from '../layers/layer.service';
import { LayerRole } from '../layers/layer.roles';
import { SearchResult } from './city.type';
import {
  FeatureHitRow, featureHitsSql, featureSimilarSql, likePattern, lotsOfParentSql, namesSimilarSql, similarityThresholdSql, townKeysSql, townsSimilarSql,
} from './search.sql';

/** The groups of one search, in the order the box shows them when their best hits tie. */
export const SEARCH_KINDS = ['town', 'address', 'lot', 'facility', 'route', 'feature'] as const;
export type SearchKind = typeof SEARCH_KINDS[number];
const MATCHES = ['exact', 'prefix', 'fuzzy', 'similar'] as const;

/**
 * Typos: when nothing matches exactly, by prefix or as a substring, values whose pg_trgm word
 * similarity to the query reaches a threshold are offered (四街道えき → 四街道駅). Over all features 0.6:
 * lower, the trigram index offers every key with a value starting like the query (四街道…: most of the
 * city at 1,000,000 features). Town and facility names, few, down to 0.5: one wrong or dropped
 * character in a name of four or more characters (しかわだし → 鹿渡, よつかいどえき → 四街道駅).
 */
const SIMILARITY_THRESHOLD = 0.6;
const NAME_SIMILARITY_THRESHOLD = 0.5;
/** Queries shorter than this (characters, normalised) get no similar tier. */
const SIMILAR_MIN_LENGTH = 3;
/**
 * Near spellings of town names (one wrong, added or dropped character: 鹿戸 → 鹿渡, 四街堂 → 四街道),
 * by edit distance over the cached towns, the same on every backend: offered when nothing was found
 * exactly, ranked after prefix and substring hits, before the similar tier. One edit from the whole
 * name ranks before one from its start.
 */
const NEAR_TIER = 2.5;
const NEAR_PREFIX_TIER = 2.6;

/**
 * Layers whose hits mean something of their own at the counter (by layer key, like the road module);
 * every other layer's hits are "feature" (found by its management numbers and names).
 */
const KIND_OF_ROLE: Partial<Record<LayerRole, SearchKind>> = { [LayerRole.PARCELS]: 'lot', [LayerRole.FACILITIES]: 'facility', [LayerRole.ROAD_LEDGER]: 'route' };
const kindOf = (layer: { role: LayerRole | null }): SearchKind | undefined => (layer.role ? KIND_OF_ROLE[layer.role] : undefined);

/**
 * Rows read per tier for each result asked: a big layer's many equal hits (every garbage point of a
 * town, every segment of a route) should not keep a smaller layer's hits out of the groups.
 */
export const CANDIDATES_PER_RESULT = 3;
const TOWN_CACHE_MS = 60_000;

type BBoxCols = { min_lon: number | null; min_lat: number | null; max_lon: number | null; max_lat: number | null };
const bboxOf = (r: BBoxCols) => (r.min_lon === null ? null : [r.min_lon, r.min_lat!, r.max_lon!, r.max_lat!]);

/** A hit before it is grouped: its tier is 0 exact, 1 prefix, 2 fuzzy (substring), 2.5–2.6 near, 3–4 similar (3 + 1 − similarity). */
type Hit = SearchResult & { tier: number };

interface TownRow extends BBoxCols { id: number; name: string; search_key: string; geometry: object }

/** Parcels under one 親番, and the 枝番 asked for (0: none); `near` when the 大字 was typed with one wrong character. */
interface LotCandidates { rows: FeatureHitRow[]; oaza: string; parent: string; branch: number; near: boolean }

const keyValues = (key: string) => key.split(KEY_SEPARATOR).filter(Boolean);

/** The tier of a key for a normalised query, or null when it does not match. */
function tierOf(key: string, q: string, fuzzy: boolean): number | null {
  const values = keyValues(key);
  if (values.includes(q)) return 0;
  if (values.some((v) => v.startsWith(q))) return 1;
  if (fuzzy && key.includes(q)) return 2;
  return null;
}

export interface SearchOptions {
  /**
   * Match only by the fields the given layers list (the public map's published fields): the stored
   * search key covers all unrestricted fields, so each hit is checked again against the listed ones.
   */
  onlyListedFields?: boolean;
}

/** Rows whose match holds on the layer's listed fields, with the key of those fields (see SearchOptions). */
function listedRows<R extends FeatureHitRow & { tier?: number }>(rows: R[], layers: Map<number, LayerRecord>, q: string, fuzzy: boolean): R[] {
  return rows.flatMap((r) => {
    const layer = layers.get(r.layer_id);
    if (!layer) return [];
    const key = featureSearchKey(searchFieldKeys(layer), r.attributes);
    const attributes = Object.fromEntries(Object.entries(r.attributes).filter(([k]) => layer.fieldDefs.some((f) => f.key === k)));
    if (key === r.search_key) return [{ ...r, attributes }];
    if (r.tier !== undefined && r.tier >= 3) return []; // a similarity on other fields cannot be checked here: dropped
    const tier = tierOf(key, q, fuzzy);
    return tier === null ? [] : [{ ...r, attributes, search_key: key, ...(r.tier !== undefined ? { tier: Math.max(tier, r.tier) } : {}) }];
  });
}

/** 鹿渡933-1 → 大字 鹿渡, 親番 933, 枝番 1 (the 大字 part is needed: a bare number names no parcel). */
const LOT = /^(.*[^0-9-])([0-9]+)(?:-([0-9]+))?$/;
/** 四街道1-2-3 (住居表示: 丁目-番-号) → town 四街道1丁目. */
const ADDRESS = /^(.*[^0-9-])([0-9]+)-([0-9]+)(?:-([0-9]+))?$/;

/**
 * One search box for the counter: towns (町丁目, by name or reading), addresses (住居表示, to their
 * town), lot numbers (地番, or the nearest 枝番), facilities, road routes, and every layer's
 * management numbers and names. Query and index are normalised alike (domain/normalize.ts).
 */
export class SearchService {
  /** Towns change only with the reference data (at start-up): read them once a minute, not per keystroke. */
  private towns: { at: number; rows: Promise<TownRow[]> } | null = null;

  constructor(private readonly db: Database) {}

  private townRows(): Promise<TownRow[]> {
    if (!this.towns || Date.now() - this.towns.at > TOWN_CACHE_MS) {
      const rows = this.db.pool.query<TownRow>(townKeysSql).then((r) => r.rows);
      rows.catch(() => { this.towns = null; });
      this.towns = { at: Date.now(), rows };
    }
    return this.towns.rows;
  }

  async search(text: string, first: number, layers: LayerRecord[], options: SearchOptions = {}): Promise<SearchResult[]> {
    if (text.length > 100) throw appError('textTooLong', { field: 'search', max: 100 }, { field: 'text' });
    if (!Number.isInteger(first) || first < 1 || first > 100) throw appError('pageSize', { field: 'first', min: 1, max: 100 }, { field: 'first' });
    const q = normalizeSearchText(text);
    if (!q) return [];
    // A single character matches too much as a substring: exact and prefix only.
    const fuzzy = [...q].length >= 2;
    const lotLayer = layers.find((l) => kindOf(l) === 'lot');
    const towns = await this.townRows(); // cached: the lot's 大字 may need them
    // The two reads are independent (the nearest lot is dropped below when the lot exists): in parallel.
    const [features, lots] = await Promise.all([
      this.featureHits(q, fuzzy, first, layers, options),
      lotLayer ? this.lotsOfParent(lotLayer, q, towns, options) : null,
    ]);
    const found: Hit[] = [...this.townHits(towns, q, fuzzy), ...this.addressHits(towns, q, text.trim()), ...features];
    // Near spellings of towns when nothing was found exactly and no town by its start.
    const near = found.some((h) => h.tier === 0 || (h.kind === 'town' && h.tier <= 1)) ? [] : this.nearTownHits(towns, q, text.trim());
    const hits = [...found, ...near];
    if (lots && !hits.some((h) => h.kind === 'lot' && h.tier === 0)) {
      const nearest = this.nearestLot(lotLayer!, lots, towns, text.trim(), hits.length > 0);
      const all = [...hits.filter((h) => !nearest.some((n) => n.kind === h.kind && n.featureId === h.featureId)), ...nearest];
      if (all.length) return group(all).slice(0, first);
    } else if (hits.some((h) => h.tier < NEAR_TIER)) {
      return group(hits).slice(0, first);
    }
    // The last tier only when nothing else matched (near spellings aside): a search that finds something pays nothing for it.
    if ([...q].length < SIMILAR_MIN_LENGTH) return group(near).slice(0, first);
    const similar = (await this.similarHits(q, first, layers, towns, options))
      .filter((h) => !near.some((n) => n.kind === h.kind && n.label === h.label));
    return group([...near, ...similar]).slice(0, first);
  }

  /** Towns one edit from the query (see NEAR_TIER), with a note that they are a near match. */
  private nearTownHits(towns: TownRow[], q: string, typed: string): Hit[] {
    return towns.flatMap((t) => {
      const matches = keyValues(t.search_key).map((v) => nearMatch(q, v));
      const tier = matches.includes('exact') ? NEAR_TIER : matches.includes('prefix') ? NEAR_PREFIX_TIER : null;
      return tier === null ? [] : [{ ...townHit(t, 3), tier, note: { code: 'nearMatch', requested: typed, found: t.name } }];
    });
  }

  /** Tier 3: towns and features with a value similar to the query, the most similar first (the tier's fraction: 1 − similarity). */
  private async similarHits(q: string, first: number, layers: LayerRecord[], towns: TownRow[], options: SearchOptions): Promise<Hit[]> {
    const searchable = layers.filter((l) => searchFieldKeys(l).length > 0);
    const limit = Math.min(first * CANDIDATES_PER_RESULT, 500);
    const names = searchable.filter((l) => kindOf(l) === 'facility').map((l) => l.id);
    const [townRows, featureRows] = await this.db.transaction(async (tx) => {
      const t = (await tx.query<{ id: number; score: number; strict: number }>(townsSimilarSql, [q, NAME_SIMILARITY_THRESHOLD])).rows;
      if (!searchable.length) return [t, []] as const;
      await tx.query(similarityThresholdSql, [String(SIMILARITY_THRESHOLD)]);
      const f = (await tx.query<FeatureHitRow>(featureSimilarSql, [searchable.map((l) => l.id), q, limit])).rows;
      if (f.length || !names.length) return [t, f] as const;
      return [t, (await tx.query<FeatureHitRow>(namesSimilarSql, [names, q, limit, NAME_SIMILARITY_THRESHOLD])).rows] as const;
    });
    const byId = new Map(searchable.map((l) => [l.id, l]));
    const townById = new Map(towns.map((t) => [t.id, t]));
    const features = options.onlyListedFields ? listedRows(featureRows.map((r) => ({ ...r, tier: 3 })), byId, q, true) : featureRows;
    const rank = (r: { score?: number; strict?: number }) => 3 + (1 - (r.score ?? 0)) + (1 - (r.strict ?? 0)) / 100;
    const townHits = townRows.flatMap((r) => {
      const town = townById.get(r.id);
      return town ? [{ ...townHit(town, 3), tier: rank(r) }] : [];
    });
    const routes = new Set<string>(); // a road route is one hit (its most similar segment), not one per segment
    const featureHits = features.flatMap((r) => {
      const layer = byId.get(r.layer_id)!;
      const kind = kindOf(layer) ?? 'feature';
      const hit = { ...featureHit(layer, kind, r), tier: rank(r) };
      if (kind !== 'route') return [hit];
      const routeNo = String(r.attributes.route_no ?? r.id);
      if (routes.has(routeNo)) return [];
      routes.add(routeNo);
      return [{ ...hit, label: routeNo }];
    });
    return [...townHits, ...featureHits];
  }

  private townHits(towns: TownRow[], q: string, fuzzy: boolean): Hit[] {
    return towns.flatMap((t) => {
      const tier = tierOf(t.search_key, q, fuzzy);
      return tier === null ? [] : [townHit(t, tier)];
    });
  }

  /** An address within a town goes to the town, with a note (the city has no address points). */
  private addressHits(towns: TownRow[], q: string, typed: string): Hit[] {
    const m = ADDRESS.exec(q);
    if (!m) return [];
    const town = towns.find((t) => keyValues(t.search_key).includes(`${m[1]}${m[2]}丁目`));
    if (!town) return [];
    return [{ ...townHit(town, 0), kind: 'address', label: typed, sublabel: town.name,
      note: { code: 'addressInTown', requested: typed, found: town.name } }];
  }

  private async featureHits(q: string, fuzzy: boolean, first: number, layers: LayerRecord[], options: SearchOptions): Promise<Hit[]> {
    const searchable = layers.filter((l) => searchFieldKeys(l).length > 0);
    if (searchable.length === 0) return [];
    const { rows: found } = await this.db.pool.query<FeatureHitRow>(featureHitsSql, [
      searchable.map((l) => l.id), likePattern('%|', q, '|%'), likePattern('%|', q, '%'), fuzzy ? likePattern('%', q, '%') : null,
      Math.min(first * CANDIDATES_PER_RESULT, 500),
    ]);
    const byId = new Map(searchable.map((l) => [l.id, l]));
    const rows = options.onlyListedFields ? listedRows(found, byId, q, fuzzy) : found;
    const hits: Hit[] = [];
    const routes = new Map<string, Hit>(); // a road route is one hit, not one per segment
    for (const r of rows) {
      const layer = byId.get(r.layer_id)!;
      const kind = kindOf(layer) ?? 'feature';
      if (kind !== 'route') {
        hits.push(featureHit(layer, kind, r));
        continue;
      }
      const routeNo = String(r.attributes.route_no ?? r.id);
      const seen = routes.get(routeNo);
      if (!seen) {
        const a = r.attributes;
        routes.set(routeNo, {
          ...featureHit(layer, kind, r), label: routeNo, sublabel: [layer.nameJa, a.route_name, a.road_class].filter(Boolean).join(' · '),
        });
      } else {
        // The route's box grows with each of its segments found; its best tier counts.
        const b = bboxOf(r)!;
        if (seen.bbox && b) seen.bbox = [Math.min(seen.bbox[0], b[0]), Math.min(seen.bbox[1], b[1]), Math.max(seen.bbox[2], b[2]), Math.max(seen.bbox[3], b[3])];
        if (r.tier < seen.tier) Object.assign(seen, { tier: r.tier, match: MATCHES[r.tier] });
      }
    }
    return [...hits, ...routes.values()];
  }

  /**
   * The parcels under the 親番 of a typed lot number (大字 + 親番[-枝番]), if it is one. A 大字 that
   * is no town's name but one edit from exactly one (鹿戸933-1) is read as that town.
   */
  private async lotsOfParent(layer: LayerRecord, q: string, towns: TownRow[], options: SearchOptions): Promise<LotCandidates | null> {
    const m = LOT.exec(q);
    if (!m) return null;
    const [, typedOaza, parent, branchText] = m;
    const names = towns.map((t) => normalizeSearchText(t.name));
    const nearNames = names.includes(typedOaza) ? [] : [...new Set(names.filter((n) => nearMatch(typedOaza, n) === 'exact'))];
    const near = nearNames.length === 1;
    const oaza = near ? nearNames[0] : typedOaza;
    const { rows: found } = await this.db.pool.query<FeatureHitRow>(lotsOfParentSql,
      [layer.id, likePattern('%|', `${oaza}${parent}`, '|%'), likePattern('%|', `${oaza}${parent}-`, '%')]);
    const rows = !options.onlyListedFields ? found : listedRows(found, new Map([[layer.id, layer]]), `${oaza}${parent}`, true)
      .filter((r) => keyValues(r.search_key).some((x) => x === `${oaza}${parent}` || x.startsWith(`${oaza}${parent}-`)));
    return { rows, oaza, parent, branch: branchText === undefined ? 0 : Number(branchText), near };
  }

  /**
   * A lot number that does not exist goes to the nearest existing 枝番 of the same 親番, with a note;
   * when the 親番 has no parcel at all and nothing else was found, to the 大字's town with a note that
   * the lot was not found (四街道1 is more likely 四街道1丁目, found by prefix, than a missing lot).
   */
  private nearestLot(layer: LayerRecord, { rows, oaza, parent, branch, near }: LotCandidates, towns: TownRow[], typed: string,
    foundOther: boolean): Hit[] {
    const branchOf = (r: FeatureHitRow) => {
      const v = keyValues(r.search_key).find((x) => x === `${oaza}${parent}` || x.startsWith(`${oaza}${parent}-`))!;
      return v === `${oaza}${parent}` ? 0 : Number(v.slice(oaza.length + parent.length + 1).split('-')[0]);
    };
    const nearest = rows.map((r) => ({ r, d: Math.abs(branchOf(r) - branch), b: branchOf(r) }))
      .sort((a, b) => a.d - b.d || a.b - b.b)[0];
    if (nearest && near && nearest.d === 0) {
      const hit = featureHit(layer, 'lot', { ...nearest.r, tier: 3 });
      return [{ ...hit, tier: NEAR_TIER, note: { code: 'nearMatch', requested: typed, found: hit.label } }];
    }
    if (nearest) {
      const hit = featureHit(layer, 'lot', { ...nearest.r, tier: near ? 3 : 2 });
      return [{ ...hit, tier: near ? NEAR_TIER : 2, note: { code: 'nearestBranch', requested: typed, found: hit.label } }];
    }
    if (foundOther) return [];
    const town = towns.find((t) => keyValues(t.search_key).includes(oaza));
    return town ? [{ ...townHit(town, near ? 3 : 2), tier: near ? NEAR_TIER : 2, note: { code: 'lotNotFound', requested: typed, found: town.name } }] : [];
  }
}

function townHit(t: TownRow, tier: number): Hit {
  return {
    kind: 'town', label: t.name, sublabel: '町丁目', town: null, date: null, layerKey: null, featureId: null, geometry: t.geometry, bbox: bboxOf(t),
    tier, match: MATCHES[tier], note: null,
  };
}

/** A feature's label: its required identifying values run together (鹿渡 + 933-1), else its label field. */
function featureHit(layer: LayerRecord, kind: SearchKind, r: FeatureHitRow): Hit {
  const keys = searchFieldKeys(layer);
  const text = (k: string) => (r.attributes[k] === undefined || r.attributes[k] === null ? '' : String(r.attributes[k]));
  const required = keys.filter((k) => layer.fieldDefs.find((f) => f.key === k)?.required && layer.fieldDefs.find((f) => f.key === k)?.type === 'text');
  const label = kind === 'lot' ? required.map(text).join('') : text(layer.labelField ?? keys[0]) || required.map(text).join(' ');
  const detail = keys.map(text).filter((v) => v && !label.includes(v)).join(' ');
  const dateField = layer.fieldDefs.find((f) => f.type === 'date');
  return {
    kind, label: label || r.id, sublabel: [layer.nameJa, detail].filter(Boolean).join(' · '), layerKey: layer.key, featureId: r.id,
    town: r.town ?? null, date: dateField ? text(dateField.key).slice(0, 10) || null : null,
    geometry: r.geometry, bbox: bboxOf(r), tier: r.tier, match: MATCHES[r.tier], note: null,
  };
}

/**
 * Groups by kind, the group with the best hit first (ties in SEARCH_KINDS order); inside a group best
 * tier (a similar hit's tier orders it by similarity), then natural order.
 */
function group(hits: Hit[]): SearchResult[] {
  const best = new Map<string, number>();
  for (const h of hits) best.set(h.kind, Math.min(h.tier, best.get(h.kind) ?? 9));
  const kindOrder = (k: string) => SEARCH_KINDS.indexOf(k as SearchKind);
  return [...hits]
    .sort((a, b) => best.get(a.kind)! - best.get(b.kind)! || kindOrder(a.kind) - kindOrder(b.kind)
      || a.tier - b.tier || naturalCompare(a.label, b.label))
    .map(({ tier: _tier, ...result }) => result);
}
