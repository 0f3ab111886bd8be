import { Params } from '../../db/sql';
import { Crs } from './ogc.crs';

/**
 * The GeoJSON geometry of f.geom in an output CRS, transformed in PostGIS and put in the CRS's
 * own axis order. The SRID comes from the supported list (an integer), never from the request text.
 */
export function geometryInCrsSql(crs: Crs): string | undefined {
  if (crs.srid === 4326) return undefined; // the features query's default
  if (!Number.isInteger(crs.srid)) throw new Error('bad srid');
  const transformed = `ST_Transform(f.geom, ${crs.srid})`;
  // 4 decimals of a metre = 0.1 mm; 9 decimals of a degree ≈ 0.1 mm as well.
  return `ST_AsGeoJSON(${crs.flip ? `ST_FlipCoordinates(${transformed})` : transformed}, ${crs.projected ? 4 : 9})`;
}

/** The WGS84 box around a bbox given in another CRS (in that CRS's axis order), for the index filter. */
export function bboxToWgs84Sql(bbox: number[], crs: Crs) {
  const p = new Params();
  const [a, b, c, d] = crs.flip ? [bbox[1], bbox[0], bbox[3], bbox[2]] : bbox;
  // Segmentized so that the box's curved edges in WGS84 are covered, not cut.
  const env = `ST_Transform(ST_Segmentize(ST_MakeEnvelope(${p.add(a)}, ${p.add(b)}, ${p.add(c)}, ${p.add(d)}, ${p.add(crs.srid)}::int), ${p.add(crs.projected ? 10 : 0.0001)}), 4326)`;
  return {
    sql: `SELECT ST_XMin(e) AS min_lon, ST_YMin(e) AS min_lat, ST_XMax(e) AS max_lon, ST_YMax(e) AS max_lat FROM (SELECT ${env} AS e) box`,
    values: p.values,
  };
}

/** Parses a filter geometry (a fixed constructor over $1) so that a malformed one is a 400, not a failed query. */
export function geometryCheckSql(constructor: string): string {
  return `SELECT ST_IsEmpty(${constructor}) AS empty`;
}

/** The exact bbox test in the bbox's own CRS (after the WGS84 box has used the index). */
export function bboxInCrsSql(bbox: number[], crs: Crs, p: Params): string {
  const [a, b, c, d] = crs.flip ? [bbox[1], bbox[0], bbox[3], bbox[2]] : bbox;
  return `ST_Intersects(ST_Transform(f.geom, ${p.add(crs.srid)}::int), ST_MakeEnvelope(${p.add(a)}, ${p.add(b)}, ${p.add(c)}, ${p.add(d)}, ${p.add(crs.srid)}::int))`;
}
