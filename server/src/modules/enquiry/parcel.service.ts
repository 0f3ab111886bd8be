import { Database } from '../../db/database';
import { LayerRecord } from '../layers/layer.service';
import { LayerRole, layerWithRole } from '../layers/layer.roles';
import { boundaryRecordsTouchingSql, parcelAtSql, roadFrontageSql } from './parcel.sql';
import { BoundaryRecordRef, ParcelEnquiry, RoadFrontage } from './parcel.type';

/** A road fronts a parcel when its centreline is within half its width plus this many metres. */
export const FRONTAGE_REACH_M = 3;

const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * The counter's answer for the parcel (地番) at a place: the parcel, the city roads along it (接道:
 * route number, class, width), and the boundary determinations touching it. Null where the caller
 * may not read parcels or no parcel is there.
 */
export async function parcelEnquiryAt(db: Database, layers: LayerRecord[], lon: number, lat: number): Promise<ParcelEnquiry | null> {
  const parcels = layerWithRole(layers, LayerRole.PARCELS);
  if (!parcels) return null;
  const p = (await db.pool.query(parcelAtSql, [parcels.id, lon, lat])).rows[0];
  if (!p) return null;
  const roads = layerWithRole(layers, LayerRole.ROAD_LEDGER);
  const records = layerWithRole(layers, LayerRole.BOUNDARY_RECORDS);
  const [frontRows, recordRows] = await Promise.all([
    roads ? db.pool.query(roadFrontageSql, [p.id, roads.id, FRONTAGE_REACH_M]).then((r) => r.rows) : [],
    records ? db.pool.query(boundaryRecordsTouchingSql, [p.id, records.id]).then((r) => r.rows) : [],
  ]);
  // One line per route: its nearest segment, its widest width range, its total length along the parcel.
  const byRoute = new Map<string, RoadFrontage>();
  for (const r of frontRows) {
    const seen = byRoute.get(r.route_no);
    if (!seen) {
      byRoute.set(r.route_no, {
        routeNo: r.route_no, routeName: r.route_name, roadClass: r.road_class, widthMinM: num(r.width_min_m), widthMaxM: num(r.width_max_m),
        distanceM: r.distance_m, frontageM: r.frontage_m, segmentId: r.segment_id,
      });
      continue;
    }
    seen.frontageM += r.frontage_m;
    if (r.width_min_m !== null) seen.widthMinM = Math.min(seen.widthMinM ?? Infinity, r.width_min_m);
    if (r.width_max_m !== null) seen.widthMaxM = Math.max(seen.widthMaxM ?? -Infinity, r.width_max_m);
  }
  const a = p.attributes as Record<string, unknown>;
  return {
    featureId: p.id, oaza: str(a.oaza), chiban: str(a.chiban), label: `${str(a.oaza) ?? ''}${str(a.chiban) ?? ''}` || p.id,
    landCategory: str(a.land_category), registeredAreaM2: num(a.registered_area_m2), areaM2: p.area_m2,
    geometry: p.geometry, bbox: [p.min_lon, p.min_lat, p.max_lon, p.max_lat],
    roadFrontage: [...byRoute.values()],
    boundaryRecords: recordRows.map((r): BoundaryRecordRef => ({
      featureId: r.id, recordNo: r.record_no, determinedOn: r.determined_on, relatedRouteNo: r.related_route_no,
    })),
  };
}
