import { CSV_ENCODINGS, CsvEncoding } from '../../domain/csv';
import { appError, badInput } from '../../errors';
import { isPlaneSrid, PLANE_SRIDS } from '../../domain/planeZones';
import { AreaSelection } from '../../domain/area';
import { AttributeFilter, FeatureOrder } from '../features/feature.input';

export const EXPORT_FORMATS = ['gpkg', 'shp', 'geojson', 'csv', 'kml', 'sima'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** JGD2011 geographic; GeoJSON (RFC 7946) and KML are always this (their CRS84 / WGS84 axis order). */
export const GEOGRAPHIC_SRID = 6668;

export interface ExportOptions {
  format: ExportFormat;
  /** 6668 (JGD2011 lon/lat) or a JGD2011 plane rectangular zone (6669–6687; the city's is config planeSrid). */
  srid: number;
  encoding: CsvEncoding;
  bbox?: number[];
  /** The attribute table's polygon or buffer selection, as the features query takes it in `area`. */
  area?: AreaSelection;
  where?: AttributeFilter[];
  search?: string;
  /** The attribute table's sort; id order when absent. */
  orderBy?: FeatureOrder;
  /** Column names: the Japanese labels (default) or the field keys (what an import maps back by). */
  columns: 'labels' | 'keys';
  dates: 'iso' | 'wareki';
  /** CSV geometry: lon/lat + plane X/Y columns (points) or WKT; default xy for point layers, wkt otherwise. */
  geometry?: 'xy' | 'wkt';
}

/** Query-string style options (HTTP and the CLI share this parser). */
export type RawExportOptions = Partial<Record<'format' | 'srid' | 'encoding' | 'bbox' | 'area' | 'filter' | 'search' | 'order' | 'columns' | 'dates' | 'geometry', string>>;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T | undefined): T {
  if (value === undefined || value === '') {
    if (fallback === undefined) throw badInput(`${name} is required: one of ${allowed.join(', ')}`, { field: name });
    return fallback;
  }
  if (!allowed.includes(value as T)) throw badInput(`${name} must be one of ${allowed.join(', ')} (got "${value}")`, { field: name });
  return value as T;
}

export function parseExportOptions(raw: RawExportOptions, planeSrid: number): ExportOptions {
  const format = oneOf('format', raw.format, EXPORT_FORMATS, undefined);
  const geographicOnly = format === 'geojson' || format === 'kml';
  const planeOnly = format === 'sima';
  const srid = raw.srid ? Number(raw.srid) : planeOnly ? planeSrid : GEOGRAPHIC_SRID;
  const isPlane = isPlaneSrid(srid);
  if (srid !== GEOGRAPHIC_SRID && !isPlane) {
    throw badInput(`srid must be ${GEOGRAPHIC_SRID} (JGD2011 longitude/latitude) or a JGD2011 plane rectangular zone ${PLANE_SRIDS.min}–${PLANE_SRIDS.max} (this city: ${planeSrid})`, { field: 'srid' });
  }
  if (geographicOnly && srid !== GEOGRAPHIC_SRID) throw badInput(`${format} is always longitude/latitude; choose gpkg, shp or csv for plane coordinates`, { field: 'srid' });
  if (planeOnly && !isPlane) throw badInput('SIMA holds plane rectangular coordinates; choose a plane zone', { field: 'srid' });
  const encoding = oneOf('encoding', raw.encoding, CSV_ENCODINGS, planeOnly ? 'cp932' : 'utf8'); // SIMA files are Shift_JIS by custom
  if (encoding === 'cp932' && (format === 'gpkg' || format === 'geojson' || format === 'kml')) {
    throw badInput(`${format} is always UTF-8; Shift_JIS (cp932) is for shp, csv and sima`, { field: 'encoding' });
  }
  const options: ExportOptions = {
    format, srid, encoding,
    columns: oneOf('columns', raw.columns, ['labels', 'keys'] as const, 'labels'),
    dates: oneOf('dates', raw.dates, ['iso', 'wareki'] as const, 'iso'),
  };
  if (raw.geometry) options.geometry = oneOf('geometry', raw.geometry, ['xy', 'wkt'] as const, undefined);
  if (raw.bbox) options.bbox = raw.bbox.split(',').map((v) => (v.trim() === '' ? NaN : Number(v)));
  if (raw.area) {
    let area: unknown;
    try { area = JSON.parse(raw.area); } catch { area = undefined; }
    const a = area as Record<string, unknown> | undefined;
    const ok = !!a && typeof a === 'object' && !Array.isArray(a)
      && (a.polygon === undefined || Array.isArray(a.polygon)) && (a.around === undefined || typeof a.around === 'string')
      && (a.distance === undefined || typeof a.distance === 'number');
    if (!ok) throw appError('areaJson', {}, { field: 'area' });
    options.area = a as AreaSelection;
  }
  if (raw.search) options.search = raw.search;
  if (raw.filter) {
    let where: unknown;
    try { where = JSON.parse(raw.filter); } catch { where = undefined; }
    if (!Array.isArray(where) || !where.every((w) => w && typeof w === 'object' && typeof w.field === 'string')) {
      throw badInput('filter must be a JSON array of attribute conditions, as the features query takes in where: [{"field":"…","eq":…}]', { field: 'filter' });
    }
    options.where = where as AttributeFilter[];
  }
  if (raw.order) {
    let order: unknown;
    try { order = JSON.parse(raw.order); } catch { order = undefined; }
    const o = order as FeatureOrder | undefined;
    if (!o || typeof o !== 'object' || typeof o.field !== 'string' || (o.descending !== undefined && typeof o.descending !== 'boolean')) {
      throw badInput('order must be JSON as the features query takes in orderBy: {"field":"…","descending":true}', { field: 'order' });
    }
    options.orderBy = { field: o.field, descending: !!o.descending };
  }
  return options;
}
