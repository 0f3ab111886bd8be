import { Database } from '../../db/database';
import { likeContains } from '../../db/sql';
import { checkLonLat } from '../../domain/geometry';
import { appError } from '../../errors';
import { routeByNoSql, routeNoAtSql, routeSearchSql } from './road.sql';
import { Route } from './road.type';

function toRoute(r: any): Route {
  return {
    routeNo: r.route_no, routeName: r.route_name, roadClass: r.road_class, certifiedOn: r.certified_on,
    startPoint: r.start_point, endPoint: r.end_point, lengthM: r.length_m, widthMinM: r.width_min_m, widthMaxM: r.width_max_m,
    segmentCount: r.segment_count, segmentIds: r.segment_ids, geometry: r.geometry, bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
  };
}

/** Routes of the road ledger (道路台帳) for road staff and the counter. */
export class RoadService {
  constructor(private readonly db: Database) {}

  async route(routeNo: string): Promise<Route | null> {
    const row = (await this.db.pool.query(routeByNoSql, [routeNo])).rows[0];
    return row ? toRoute(row) : null;
  }

  async search(text: string, first: number): Promise<Route[]> {
    const q = text.trim();
    if (!q) return [];
    if (!Number.isInteger(first) || first < 1 || first > 100) throw appError('pageSize', { field: 'first', min: 1, max: 100 }, { field: 'first' });
    return (await this.db.pool.query(routeSearchSql, [likeContains(q), q, first])).rows.map(toRoute);
  }

  /** "Which route is this?" from a click on a road line. */
  async routeAt(lon: number, lat: number, tolerance: number): Promise<Route | null> {
    const bad = checkLonLat(lon, lat);
    if (bad) throw appError('badPosition', { detail: bad }, { field: 'lon' });
    if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 500) throw appError('badTolerance', {}, { field: 'tolerance' });
    const deg = (tolerance / 90_000) * 1.05 + 1e-7; // 1° of longitude here is ~90 km
    const row = (await this.db.pool.query(routeNoAtSql, [lon, lat, tolerance, deg])).rows[0];
    return row ? this.route(row.route_no) : null;
  }
}
