import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../config';
import { Database } from '../../db/database';
import { likeContains } from '../../db/sql';
import { badInput } from '../../errors';
import { LayerRecord } from '../layers/layer.service';
import { RoadService } from '../roads/road.service';
import {
  basemapRoadsSql, boundaryGeoJSONSql, computeTownAreasSql, insertBoundarySql, insertTownsSql,
  townAtSql, townCountSql, townSearchSql, townsSql,
} from './city.sql';
import { featureSearchSql, FeatureSearchRow } from './search.sql';
import { SearchResult, Town } from './city.type';

export const referenceDataDir = path.join(repoRoot, 'prisma', 'seed', 'data');

type BBoxCols = { min_lon: number | null; min_lat: number | null; max_lon: number | null; max_lat: number | null };
const bboxOf = (r: BBoxCols) => (r.min_lon === null ? null : [r.min_lon, r.min_lat!, r.max_lon!, r.max_lat!]);

/** The source has one town (たかおの杜) without a representative point; such towns are skipped. */
export const hasPoint = (f: any) => Number.isFinite(f?.geometry?.coordinates?.[0]) && Number.isFinite(f?.geometry?.coordinates?.[1]);

/** Fields searched by number or name: each layer's label field plus its *_no and *_name text fields. */
export function searchKeys(layer: LayerRecord): string[] {
  const keys = layer.fieldDefs.filter((f) => f.type === 'text' && /(_no|_name)$/.test(f.key)).map((f) => f.key);
  if (layer.labelField && !keys.includes(layer.labelField)) keys.unshift(layer.labelField);
  return keys;
}

export class CityService {
  constructor(private readonly db: Database, private readonly routeSearch?: RoadService) {}

  /** Loads the city boundary and towns (reference data every installation needs) when missing. */
  async ensureReferenceData(dir = referenceDataDir): Promise<void> {
    if ((await this.db.pool.query(townCountSql)).rows[0].count > 0) return;
    const boundary = JSON.parse(fs.readFileSync(path.join(dir, 'yotsukaido-boundary.geojson'), 'utf8'));
    const towns = JSON.parse(fs.readFileSync(path.join(dir, 'yotsukaido-towns.geojson'), 'utf8'));
    await this.db.transaction(async (tx) => {
      const feature = boundary.features[0];
      await tx.query(insertBoundarySql, [feature.properties.N03_004 ?? 'city', JSON.stringify(feature.geometry)]);
      const rows = towns.features.filter(hasPoint)
        .map((f: any) => ({ name: f.properties.town, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
      await tx.query(insertTownsSql, [JSON.stringify(rows)]);
      await tx.query(computeTownAreasSql);
    });
  }

  async boundary(): Promise<{ name: string; geometry: object } | null> {
    return (await this.db.pool.query(boundaryGeoJSONSql)).rows[0] ?? null;
  }

  async towns(): Promise<Town[]> {
    const { rows } = await this.db.pool.query(townsSql);
    return rows.map((r) => ({ id: String(r.id), name: r.name, point: r.point, area: r.area, bbox: bboxOf(r) }));
  }

  async townAt(lon: number, lat: number): Promise<string | null> {
    return (await this.db.pool.query(townAtSql, [lon, lat])).rows[0]?.name ?? null;
  }

  async roads(): Promise<Array<{ geometry: object; route_no: string; route_name: string; road_class: string }>> {
    return (await this.db.pool.query(basemapRoadsSql)).rows;
  }

  /** One search box: town names, then features by management number, route number or name. */
  async search(text: string, first: number, layers: LayerRecord[]): Promise<SearchResult[]> {
    const q = text.trim();
    if (!q) return [];
    if (q.length > 100) throw badInput('search text must be at most 100 characters', { field: 'text' });
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first must be between 1 and 100', { field: 'first' });
    const pattern = likeContains(q);
    const towns = (await this.db.pool.query(townSearchSql, [pattern, q, first])).rows.map((r): SearchResult => ({
      kind: 'town', label: r.name, sublabel: '町丁目', layerKey: null, featureId: null, geometry: r.geometry, bbox: bboxOf(r),
    }));
    // Road segments are found as whole routes (路線): one hit per route, not per segment.
    const routes = this.routeSearch ? await this.routeSearch.search(q, first) : [];
    const results = [...towns, ...routes.map((r): SearchResult => ({
      kind: 'route', label: r.routeNo, sublabel: ['道路台帳', r.routeName, r.roadClass].filter(Boolean).join(' · '),
      layerKey: 'road_ledger', featureId: r.segmentIds[0], geometry: r.geometry, bbox: r.bbox,
    }))];
    for (const layer of layers) {
      if (results.length >= first) break;
      if (this.routeSearch && layer.key === 'road_ledger') continue;
      const keys = searchKeys(layer);
      if (keys.length === 0) continue;
      const { sql, values } = featureSearchSql(layer.id, keys, pattern, q, first - results.length);
      const { rows } = await this.db.pool.query<FeatureSearchRow>(sql, values);
      for (const r of rows) {
        results.push({
          kind: 'feature', label: r.label ?? r.id, sublabel: [layer.nameJa, r.detail].filter(Boolean).join(' · '),
          layerKey: layer.key, featureId: r.id, geometry: r.geometry, bbox: bboxOf(r),
        });
      }
    }
    return results.slice(0, first);
  }
}
