import { Params } from '../../db/sql';
import { FeatureQuery, featureWhere, orderClause, PageRequest } from '../features/feature.sql';

export interface ExportRow {
  id: string;
  attributes: Record<string, unknown>;
  /** GeoJSON geometry text in the export's SRID. */
  geometry: string;
  /** POINT, LINESTRING, POLYGON, MULTI… (of the stored geometry). */
  geometry_type: string;
  wkt: string;
  /** Points only: geographic (JGD2011) and plane (X northing, Y easting) coordinates. */
  lon: number | null;
  lat: number | null;
  plane_x: number | null;
  plane_y: number | null;
}

/** Decimals that keep survey millimetres: 1e-9° is 0.1 mm; plane metres to 0.1 mm. */
export const decimalsFor = (srid: number) => (srid === 6668 || srid === 4326 ? 9 : 4);

/** Where the next page starts: after an id (id order), or at an offset (an attribute sort, as the table shows it). */
export interface ExportCursor { afterId: string; offset: number }

/**
 * One page of a layer's features for an export, with the same WHERE and ORDER BY as `features`.
 * Pages rather than one cursor: the embedded database has a single connection to share.
 */
export function exportPageSql(q: FeatureQuery, order: PageRequest['orderBy'], at: ExportCursor, limit: number, srid: number, planeSrid: number) {
  const p = new Params();
  const where = featureWhere(q, p);
  const g = `ST_Transform(f.geom, ${p.add(srid)}::int)`;
  const dec = p.add(decimalsFor(srid));
  const plane = `ST_Transform(f.geom, ${p.add(planeSrid)}::int)`;
  const point = `GeometryType(f.geom) = 'POINT'`;
  const sql = `SELECT f.id::text AS id, f.attributes, ST_AsGeoJSON(${g}, ${dec}::int) AS geometry,
      GeometryType(f.geom) AS geometry_type, ST_AsText(${g}, ${dec}::int) AS wkt,
      CASE WHEN ${point} THEN round(ST_X(f.geom)::numeric, 9) END AS lon,
      CASE WHEN ${point} THEN round(ST_Y(f.geom)::numeric, 9) END AS lat,
      CASE WHEN ${point} THEN round(ST_Y(${plane})::numeric, 3) END AS plane_x,
      CASE WHEN ${point} THEN round(ST_X(${plane})::numeric, 3) END AS plane_y
    FROM feature f WHERE ${where} ${order ? '' : `AND f.id > ${p.add(at.afterId)}::bigint`}
    ORDER BY ${orderClause(order, p)} LIMIT ${p.add(limit)} ${order ? `OFFSET ${p.add(at.offset)}` : ''}`;
  return { sql, values: p.values };
}

export interface SimaPointRow {
  feature_id: string;
  /** The record's label (確定番号). */
  label: string | null;
  closed: boolean;
  /** null for a record without surveyed points. */
  seq: number | null;
  name: string;
  x: string;
  y: string;
}

/**
 * Surveyed points (境界点) of the boundary records the query selects, as entered when the zone is
 * the one they were surveyed in, otherwise transformed in PostGIS (to the mm).
 */
export function simaPointsSql(q: FeatureQuery, afterId: string, limit: number, srid: number, labelKey: string) {
  const p = new Params();
  const where = featureWhere(q, p);
  const label = p.add(labelKey);
  const zone = p.add(srid);
  const sql = `SELECT f.id::text AS feature_id, f.attributes->>${label} AS label, ST_Dimension(f.geom) = 2 AS closed,
      bp.seq, bp.name,
      CASE WHEN bp.srid = ${zone}::int THEN bp.x_northing::text ELSE round(ST_Y(ST_Transform(bp.geom, ${zone}::int))::numeric, 3)::text END AS x,
      CASE WHEN bp.srid = ${zone}::int THEN bp.y_easting::text ELSE round(ST_X(ST_Transform(bp.geom, ${zone}::int))::numeric, 3)::text END AS y
    FROM (SELECT f.* FROM feature f WHERE ${where} AND f.id > ${p.add(afterId)}::bigint ORDER BY f.id LIMIT ${p.add(limit)}) f
    LEFT JOIN boundary_point bp ON bp.feature_id = f.id -- a record without points still ends its page
    ORDER BY f.id, bp.seq`;
  return { sql, values: p.values };
}
