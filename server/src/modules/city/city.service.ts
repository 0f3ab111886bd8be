import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../config';
import { Database } from '../../db/database';
import { LayerRecord } from '../layers/layer.service';
import {
  basemapRoadsSql, boundaryGeoJSONSql, computeTownAreasSql, insertBoundarySql, insertTownsSql,
  townAtSql, townCountSql, townsSql,
} from './city.sql';
import { refreshSearchKeys } from './search-index';
import { SearchOptions, SearchService } from './search.service';
import { SearchResult, Town } from './city.type';

export const referenceDataDir = path.join(repoRoot, 'prisma', 'seed', 'data');

type BBoxCols = { min_lon: number | null; min_lat: number | null; max_lon: number | null; max_lat: number | null };
const bboxOf = (r: BBoxCols) => (r.min_lon === null ? null : [r.min_lon, r.min_lat!, r.max_lon!, r.max_lat!]);

/** The source has one town (たかおの杜) without a representative point; such towns are skipped. */
export const hasPoint = (f: any) => Number.isFinite(f?.geometry?.coordinates?.[0]) && Number.isFinite(f?.geometry?.coordinates?.[1]);

export class CityService {
  private readonly searcher: SearchService;

  constructor(private readonly db: Database) {
    this.searcher = new SearchService(db);
  }

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

  /** Search keys for towns and for features loaded in bulk (the edit path keys what it writes). */
  async ensureSearchKeys(dir = referenceDataDir): Promise<number> {
    return refreshSearchKeys(this.db, dir);
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

  /** One search box: see SearchService. */
  search(text: string, first: number, layers: LayerRecord[], options?: SearchOptions): Promise<SearchResult[]> {
    return this.searcher.search(text, first, layers, options);
  }
}
