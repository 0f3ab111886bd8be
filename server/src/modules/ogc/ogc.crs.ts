import { PLANE_SRIDS } from '../../domain/planeZones';
import { badParam } from './ogc.params';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const EPSG = 'http://www.opengis.net/def/crs/EPSG/0/';

/**
 * A coordinate reference system of OGC API Features Part 2. `flip`: the axis order EPSG defines
 * is the reverse of PostGIS's x/y — latitude first for JGD2011 (6668), northing (X) first for the
 * plane rectangular zones (6669–6687).
 */
export interface Crs { uri: string; srid: number; flip: boolean; projected: boolean }

export const JGD2011 = 6668;
const PLANE_ZONES = Array.from({ length: PLANE_SRIDS.max - PLANE_SRIDS.min + 1 }, (_, i) => PLANE_SRIDS.min + i); // 平面直角座標系 I–XIX

export function crsOf(srid: number): Crs {
  if (srid === 4326) return { uri: CRS84, srid: 4326, flip: false, projected: false };
  return { uri: `${EPSG}${srid}`, srid, flip: true, projected: srid !== JGD2011 };
}

/** CRS84 first (the GeoJSON default), then JGD2011, the city's plane zone, then the other zones. */
export function supportedCrs(planeSrid: number): Crs[] {
  return [4326, JGD2011, planeSrid, ...PLANE_ZONES.filter((z) => z !== planeSrid)].map(crsOf);
}

/** `crs` / `bbox-crs` as a URI (or a safe CURIE like [EPSG:6677]); anything else is a 400 naming the parameter. */
export function parseCrs(raw: unknown, parameter: string, planeSrid: number): Crs {
  const all = supportedCrs(planeSrid);
  if (raw === undefined) return all[0];
  const text = typeof raw === 'string' ? raw.trim().replace(/^\[(.*)\]$/, '$1') : '';
  const curie = /^EPSG:(\d+)$/i.exec(text);
  const wanted = curie ? `${EPSG}${curie[1]}` : text === 'OGC:CRS84' ? CRS84 : text;
  const found = all.find((c) => c.uri === wanted);
  if (!found) throw badParam(parameter, `${parameter} must be one of: ${all.map((c) => c.uri).join(', ')}`);
  return found;
}
