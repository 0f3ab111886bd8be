import { omitFields } from '../auth/permissions';
import { Config } from '../../config';
import { Database } from '../../db/database';
import { notFound } from '../../errors';
import { LayerCatalog, LayerRecord } from '../layers/layer.service';
import { FeatureService } from '../features/feature.service';
import { featureCountSql, featurePageSql, FeatureRow } from '../features/feature.sql';
import { CRS84, Crs, parseCrs, supportedCrs } from './ogc.crs';
import { Params } from '../../db/sql';
import { bboxInCrsSql, bboxToWgs84Sql, geometryCheckSql, geometryInCrsSql } from './ogc.sql';
import { cql2Sql, parseFilter } from './ogc.filter';
import { badParam, dateFieldOf, datetimeFilter, equalityFilters, parseBBox, parseLimit, parseOffset } from './ogc.params';
import { isId } from '../../domain/ids';


export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-json',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags',
];

export interface Link { href: string; rel: string; type: string; title?: string }

/** Builds links from the request's public base URL (…/ogc) and the format of each target. */
export class Links {
  constructor(readonly base: string) {}
  json(path: string, rel: string, title?: string, type = 'application/json', query = ''): Link {
    return { href: `${this.base}${path}?f=json${query}`, rel, type, ...(title ? { title } : {}) };
  }
  html(path: string, rel: string, query = ''): Link {
    return { href: `${this.base}${path}?f=html${query}`, rel, type: 'text/html' };
  }
  /** self + alternate for a resource in the format it was asked in. */
  selfAndAlternate(path: string, html: boolean, type = 'application/json', query = ''): Link[] {
    const json = this.json(path, html ? 'alternate' : 'self', 'JSON', type, query);
    const page = this.html(path, html ? 'self' : 'alternate', query);
    return html ? [page, json] : [json, page];
  }
}

const GEOJSON = 'application/geo+json';

/** OGC API – Features documents over the layer catalogue and the features service (no SQL of its own). */
export class OgcService {
  constructor(private readonly db: Database, private readonly config: Config, private readonly features: FeatureService) {}

  landing(links: Links, html: boolean) {
    return {
      title: 'Chizu 地図 — OGC API Features',
      description: '四街道市 統合型GIS の地物サービス (OGC API – Features)',
      links: [
        ...links.selfAndAlternate('', html),
        { href: `${links.base}/api`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'OpenAPI 3.0' },
        links.json('/conformance', 'conformance', 'Conformance'),
        links.json('/collections', 'data', 'Collections'),
      ],
    };
  }

  conformance(links: Links, html: boolean) {
    return { conformsTo: CONFORMANCE, links: links.selfAndAlternate('/conformance', html) };
  }

  async collections(catalog: LayerCatalog, links: Links, html: boolean) {
    const layers = await catalog.all();
    const stats = await catalog.stats();
    return {
      links: links.selfAndAlternate('/collections', html),
      collections: layers.map((l) => this.describe(l, stats.get(l.id), links)),
    };
  }

  async collection(catalog: LayerCatalog, key: string, links: Links, html: boolean) {
    const layer = await requireLayer(catalog, key);
    const doc = this.describe(layer, (await catalog.stats()).get(layer.id), links);
    return { ...doc, links: [...links.selfAndAlternate(`/collections/${layer.key}`, html), ...doc.links.filter((l) => l.rel === 'items')] };
  }

  private describe(layer: LayerRecord, stats: { min_lon: number | null; min_lat: number | null; max_lon: number | null; max_lat: number | null } | undefined, links: Links) {
    const bbox = stats && stats.min_lon !== null ? [[stats.min_lon, stats.min_lat, stats.max_lon, stats.max_lat]] : undefined;
    const dateField = dateFieldOf(layer);
    return {
      id: layer.key,
      title: layer.nameJa,
      description: `${layer.nameEn}${dateField ? ` (datetime: ${dateField.key})` : ''}`,
      itemType: 'feature',
      crs: supportedCrs(this.config.planeSrid).map((c) => c.uri),
      storageCrs: CRS84,
      ...(bbox ? { extent: { spatial: { bbox, crs: CRS84 } } } : {}),
      links: [
        links.json(`/collections/${layer.key}`, 'self', layer.nameJa),
        links.json(`/collections/${layer.key}/items`, 'items', layer.nameJa, GEOJSON),
        links.html(`/collections/${layer.key}/items`, 'items'),
      ],
    };
  }

  /** Part 3 queryables: the layer's fields as a JSON Schema (the same names the equality filters take). */
  async queryables(catalog: LayerCatalog, key: string, links: Links) {
    const layer = await requireLayer(catalog, key);
    const type = { text: 'string', enum: 'string', date: 'string', integer: 'integer', number: 'number', boolean: 'boolean' } as const;
    const properties: Record<string, object> = { geometry: { 'x-ogc-role': 'primary-geometry', format: 'geometry-any' } };
    for (const f of layer.fieldDefs) {
      properties[f.key] = {
        title: f.label, description: f.labelEn, type: type[f.type],
        ...(f.type === 'date' ? { format: 'date' } : {}),
        ...(f.options ? { enum: f.options } : {}),
        ...(f.min !== undefined ? { minimum: f.min } : {}), ...(f.max !== undefined ? { maximum: f.max } : {}),
        ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
        ...(f.computed ? { readOnly: true } : {}),
      };
    }
    return {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${links.base}/collections/${layer.key}/queryables`,
      type: 'object', title: layer.nameJa, properties, additionalProperties: false,
    };
  }

  /** One page of items: the same checked query as GraphQL's `features`, paged by offset (next/prev links). */
  /** Part 2: the output CRS asked for with `crs`. */
  outputCrs(query: Record<string, unknown>): Crs {
    return parseCrs(query.crs, 'crs', this.config.planeSrid);
  }

  /**
   * `bbox` in `bbox-crs` (default CRS84): the WGS84 box around it for the index, and for another CRS the exact
   * test in that CRS (a plane box is slightly rotated against lon/lat).
   */
  private async bbox(query: Record<string, unknown>): Promise<{ wgs84?: number[]; exact?: (p: Params) => string }> {
    const bbox = parseBBox(query.bbox);
    const crs = parseCrs(query['bbox-crs'], 'bbox-crs', this.config.planeSrid);
    if (!bbox || crs.srid === 4326) return { wgs84: bbox };
    if (bbox[0] >= bbox[2] || bbox[1] >= bbox[3]) throw badParam('bbox', 'bbox must give the lower corner first, in the axis order of bbox-crs');
    const { sql, values } = bboxToWgs84Sql(bbox, crs);
    const { rows } = await this.db.pool.query<{ min_lon: number; min_lat: number; max_lon: number; max_lat: number }>(sql, values);
    const r = rows[0];
    if (![r.min_lon, r.min_lat, r.max_lon, r.max_lat].every(Number.isFinite)) throw badParam('bbox', 'bbox lies outside bbox-crs');
    return { wgs84: [r.min_lon, r.min_lat, r.max_lon, r.max_lat], exact: (p) => bboxInCrsSql(bbox, crs, p) };
  }

  /** Part 3 `filter` as SQL; WKT/GeoJSON geometries are checked by PostGIS before the query runs. */
  private async filter(layer: LayerRecord, query: Record<string, unknown>) {
    const expr = parseFilter(query.filter, query['filter-lang']);
    if (!expr) return undefined;
    const translated = cql2Sql(expr, layer, parseCrs(query['filter-crs'], 'filter-crs', this.config.planeSrid));
    for (const g of translated.geometries) {
      try {
        await this.db.pool.query(geometryCheckSql(g.sql), [g.value]);
      } catch {
        throw badParam('filter', 'S_INTERSECTS: the geometry is not valid WKT or GeoJSON');
      }
    }
    return translated.sql;
  }

  async items(catalog: LayerCatalog, key: string, query: Record<string, unknown>, links: Links, html: boolean) {
    const layer = await requireLayer(catalog, key);
    const crs = this.outputCrs(query);
    const limit = parseLimit(query.limit, this.config.featuresPageDefault, this.config.featuresPageMax);
    const offset = parseOffset(query.offset);
    const when = datetimeFilter(layer, query.datetime);
    const where = [...equalityFilters(layer, query), ...(when ? [when] : [])];
    const box = await this.bbox(query);
    const filter = await this.filter(layer, query);
    const extras = [box.exact, filter].filter((x): x is (p: Params) => string => !!x);
    const checked = {
      ...this.features.buildQuery(layer, { bbox: box.wgs84, where }),
      extra: extras.length ? (p: Params) => extras.map((x) => `(${x(p)})`).join(' AND ') : undefined,
    };
    const page = featurePageSql(checked, { limit, offset }, { geometrySql: geometryInCrsSql(crs) });
    const count = featureCountSql(checked);
    const [rows, matched] = await Promise.all([
      this.db.pool.query<FeatureRow>(page.sql, page.values).then((r) => r.rows),
      this.db.pool.query<{ count: number }>(count.sql, count.values).then((r) => r.rows[0].count),
    ]);
    const returned = rows.slice(0, limit);
    const path = `/collections/${layer.key}/items`;
    // Links keep every filter of this request; only offset changes.
    const kept = Object.entries(query).filter(([k, v]) => k !== 'f' && k !== 'offset' && typeof v === 'string') as [string, string][];
    const qs = (at: number): string => [...kept, ['offset', String(at)]].map(([k, v]) => `&${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('');
    const pageLinks = [...links.selfAndAlternate(path, html, GEOJSON, qs(offset))];
    if (rows.length > limit) pageLinks.push(links.json(path, 'next', 'next page', GEOJSON, qs(offset + limit)));
    if (offset > 0) pageLinks.push(links.json(path, 'prev', 'previous page', GEOJSON, qs(Math.max(0, offset - limit))));
    pageLinks.push(links.json(`/collections/${layer.key}`, 'collection', layer.nameJa));
    return {
      layer, crs,
      doc: {
        type: 'FeatureCollection',
        features: returned.map((row) => toGeoJson(row, layer.hiddenFields)),
        numberMatched: matched,
        numberReturned: returned.length,
        timeStamp: new Date().toISOString(),
        links: pageLinks,
      },
    };
  }

  async item(catalog: LayerCatalog, key: string, id: string, query: Record<string, unknown>, links: Links, html: boolean) {
    const layer = await requireLayer(catalog, key);
    const crs = this.outputCrs(query);
    const feature = isId(id) ? await this.features.byId(id, { geometrySql: geometryInCrsSql(crs) }) : null;
    if (!feature || feature.layerKey !== layer.key) throw notFound(`地物 ${id} はレイヤー ${layer.key} にありません (no feature ${id} in collection ${layer.key})`);
    const path = `/collections/${layer.key}/items/${feature.id}`;
    return {
      layer, crs,
      version: feature.version,
      doc: {
        type: 'Feature', id: feature.id, geometry: feature.geometry, properties: omitFields(feature.attributes, layer.hiddenFields),
        links: [...links.selfAndAlternate(path, html, GEOJSON), links.json(`/collections/${layer.key}`, 'collection', layer.nameJa)],
      },
    };
  }
}

/** An unknown collection is a 404 here (GraphQL answers BAD_USER_INPUT for the same key). */
export async function requireLayer(catalog: LayerCatalog, key: string): Promise<LayerRecord> {
  const layer = await catalog.find(key);
  if (!layer) throw notFound(`レイヤー ${key} はありません (no collection "${key}")`);
  return layer;
}

/** Restricted fields the caller may not read (the catalogue's hiddenFields) are left out. */
function toGeoJson(row: FeatureRow, hidden: string[]) {
  return { type: 'Feature', id: row.id, geometry: row.geometry, properties: omitFields(row.attributes as Record<string, unknown>, hidden) };
}
