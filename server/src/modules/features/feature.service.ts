import { Config } from '../../config';
import { Database } from '../../db/database';
import { Cursor, decodeCursor, encodeCursor } from '../../domain/cursor';
import { checkValue, FieldDefinition } from '../../domain/fields';
import { AreaSelection, areaPolygon, AREA_MAX_DISTANCE_M, bufferDegrees, checkAreaDistance, checkAreaRing } from '../../domain/area';
import { BBox, checkBBox, checkLonLat, positionsOf } from '../../domain/geometry';
import { appError } from '../../errors';
import { RawJSON } from '../../raw-json';
import { LayerCatalog, LayerRecord } from '../layers/layer.service';
import {
  AttributeCondition, FeatureColumns, FeatureQuery, FeatureRow, PageRequest, ResolvedArea,
  areaOutlineSql, areaPolygonValidSql, featuresByIdsSql, featureCountSql, featureExtentSql, featurePageSql, featuresNearSql,
} from './feature.sql';
import { AttributeFilter, FeatureOrder } from './feature.input';
import { Feature, FeatureHit } from './feature.type';
import { isId } from '../../domain/ids';

export interface ListArgs {
  layer: string;
  bbox?: number[];
  /** A drawn polygon or a buffer around a feature (the attribute table's area selection). */
  area?: AreaSelection | null;
  where?: AttributeFilter[];
  search?: string;
  orderBy?: FeatureOrder;
  first?: number;
  after?: string;
  deleted?: boolean;
}

const MAX_NEAR_RADIUS_M = 10_000;
const MAX_IN_VALUES = 1000;
const ORDERABLE = new Set(['text', 'integer', 'number', 'date', 'enum', 'boolean']);

export function toFeature(row: FeatureRow): Feature {
  const json = (value: object | string) => (typeof value === 'string' ? new RawJSON(value) : value);
  return {
    id: row.id, layerKey: row.layer_key, version: row.version,
    geometry: json(row.geometry), attributes: json(row.attributes) as Feature['attributes'],
    createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at,
    createdBy: row.created_by, updatedBy: row.updated_by, lengthM: row.length_m, areaM2: row.area_m2,
  };
}

/** An edge whose cursor is encoded only when read: a viewport asks for the end cursor alone. */
class Edge {
  constructor(private readonly at: Cursor, readonly node: Feature) {}
  get cursor(): string {
    return encodeCursor(this.at);
  }
}

/** Reads features. Input is checked here against the layer's definition before any SQL is built. */
export class FeatureService {
  constructor(private readonly db: Database, private readonly config: Config) {}

  async list(layers: LayerCatalog, args: ListArgs, columns: FeatureColumns, wantCount: boolean, wantExtent = false) {
    const layer = await layers.require(args.layer);
    const first = args.first ?? this.config.featuresPageDefault;
    if (!Number.isInteger(first) || first < 0 || first > this.config.featuresPageMax) {
      throw appError('pageTooLarge', { max: this.config.featuresPageMax }, { field: 'first' });
    }
    const query = this.buildQuery(layer, args, await this.resolveArea(layers, args.area));
    const page: PageRequest = { limit: first, orderBy: this.pageOrder(layer, args.orderBy) };
    if (args.after) {
      const cursor = decodeCursor(args.after);
      const ok = cursor && (page.orderBy?.field ? 'offset' in cursor : 'id' in cursor);
      if (!cursor || !ok) throw appError('badCursor', {}, { field: 'after' });
      if ('offset' in cursor) page.offset = cursor.offset; else page.afterId = cursor.id;
    }
    const pageSql = featurePageSql(query, page, columns);
    const [rows, totalCount, extent] = await Promise.all([
      this.db.pool.query<FeatureRow>(pageSql.sql, pageSql.values).then((r) => r.rows),
      wantCount ? this.count(query) : Promise.resolve(-1),
      wantExtent ? this.extent(query) : Promise.resolve(null),
    ]);
    const hasNextPage = rows.length > first;
    const pageRows = hasNextPage ? rows.slice(0, first) : rows;
    const base = page.offset ?? 0;
    const edges = pageRows.map((row, i) => new Edge(page.orderBy?.field ? { offset: base + i + 1 } : { id: row.id }, toFeature(row)));
    return { totalCount, extent, edges, pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
  }

  private async count(query: FeatureQuery): Promise<number> {
    const { sql, values } = featureCountSql(query);
    return (await this.db.pool.query<{ count: number }>(sql, values)).rows[0].count;
  }

  private async extent(query: FeatureQuery): Promise<number[] | null> {
    const { sql, values } = featureExtentSql(query);
    const row = (await this.db.pool.query<{ min_x: number | null; min_y: number; max_x: number; max_y: number }>(sql, values)).rows[0];
    return row?.min_x == null ? null : [row.min_x, row.min_y, row.max_x, row.max_y].map(Number);
  }

  async byId(id: string, columns: FeatureColumns): Promise<Feature | null> {
    if (!isId(id)) throw appError('notFeatureId', { value: id }, { field: 'id' });
    return (await this.byIds([id], columns))[0] ?? null;
  }

  async byIds(ids: string[], columns: FeatureColumns, includeDeleted = false): Promise<Feature[]> {
    const { sql, values } = featuresByIdsSql(ids, columns, includeDeleted);
    return (await this.db.pool.query<FeatureRow>(sql, values)).rows.map(toFeature);
  }

  /** Features of the given layers within radius metres of a point, nearest first. */
  async near(layers: LayerRecord[], lon: number, lat: number, radius: number, first: number, columns: FeatureColumns): Promise<FeatureHit[]> {
    const bad = checkLonLat(lon, lat);
    if (bad) throw appError('badPosition', { detail: bad }, { field: 'lon' });
    if (!Number.isFinite(radius) || radius < 0 || radius > MAX_NEAR_RADIUS_M) {
      throw appError('badRadius', { max: MAX_NEAR_RADIUS_M }, { field: 'radius' });
    }
    if (!Number.isInteger(first) || first < 1 || first > this.config.featuresPageMax) {
      throw appError('pageSize', { field: 'first', min: 1, max: this.config.featuresPageMax }, { field: 'first' });
    }
    // A slightly generous degree box around the circle lets the GiST index prefilter.
    const degLat = (radius / 110_574) * 1.01 + 1e-7;
    const degLon = (radius / (111_320 * Math.cos((lat * Math.PI) / 180))) * 1.01 + 1e-7;
    const { sql, values } = featuresNearSql({ layerIds: layers.map((l) => l.id), lon, lat, radius, degLon, degLat, limit: first }, columns);
    const { rows } = await this.db.pool.query<FeatureRow>(sql, values);
    return rows.map((row) => ({ distanceM: row.distance_m!, feature: toFeature(row) }));
  }

  /** The checked sort of a `features` call (exports sort the same way). */
  pageOrder(layer: LayerRecord, orderBy?: FeatureOrder): PageRequest['orderBy'] {
    if (orderBy && orderBy.field !== 'id') return { field: orderField(layer, orderBy.field), descending: !!orderBy.descending };
    return orderBy?.descending ? { descending: true } : undefined;
  }

  /**
   * An area selection checked and made ready for SQL (undefined when none). A feature to buffer must be
   * one the caller may read: another department's restricted layer is not found, as everywhere else.
   */
  async resolveArea(layers: Pick<LayerCatalog, 'find'>, area: AreaSelection | null | undefined): Promise<ResolvedArea | undefined> {
    if (!area) return undefined;
    const hasPolygon = area.polygon !== undefined && area.polygon !== null;
    const hasAround = area.around !== undefined && area.around !== null;
    if (hasPolygon === hasAround) throw appError('areaChoice', {}, { field: 'area' });
    const distance = area.distance ?? 0;
    if (checkAreaDistance(distance)) throw appError('areaDistance', { max: AREA_MAX_DISTANCE_M }, { field: 'distance' });
    let geometry: { type: string; coordinates: unknown };
    if (hasPolygon) {
      const bad = checkAreaRing(area.polygon!);
      if (bad) throw appError('areaPolygon', { detail: bad }, { field: 'polygon' });
      geometry = areaPolygon(area.polygon!);
      const { rows } = await this.db.pool.query<{ valid: boolean }>(areaPolygonValidSql, [JSON.stringify(geometry)]);
      if (!rows[0]?.valid) throw appError('areaSelfCrossing', {}, { field: 'polygon' });
    } else {
      const source = await this.byId(area.around!, {});
      if (!source || !(await layers.find(source.layerKey))) throw appError('featureNotFound', { id: area.around! }, { field: 'around' });
      geometry = source.geometry as typeof geometry;
    }
    const maxAbsLat = Math.max(...positionsOf(geometry.coordinates).map((p) => Math.abs(p[1])));
    return { geojson: JSON.stringify(geometry), distance, ...bufferDegrees(distance, maxAbsLat) };
  }

  /** The outline of an area selection to draw on the map (a buffer's is computed as the selection measures it). */
  async areaOutline(layers: Pick<LayerCatalog, 'find'>, area: AreaSelection): Promise<object> {
    const resolved = (await this.resolveArea(layers, area))!;
    const { rows } = await this.db.pool.query<{ geometry: object }>(areaOutlineSql, [resolved.geojson, resolved.distance]);
    return rows[0].geometry;
  }

  /** The checked query of a `features` call (filter, bbox, area, search): exports reuse it. */
  buildQuery(layer: LayerRecord, args: Omit<ListArgs, 'layer' | 'area'>, area?: ResolvedArea): FeatureQuery {
    let bbox: BBox | undefined;
    if (args.bbox) {
      const bad = checkBBox(args.bbox);
      if (bad) throw appError('badPosition', { detail: bad }, { field: 'bbox' });
      bbox = args.bbox as BBox;
    }
    const search = args.search?.trim();
    if (search && search.length > 200) throw appError('textTooLong', { field: 'search', max: 200 }, { field: 'search' });
    return {
      layerId: layer.id,
      bbox,
      area,
      conditions: (args.where ?? []).map((f) => toCondition(layer, f)),
      searchFields: layer.fieldDefs.filter((f) => f.type === 'text' || f.type === 'enum'),
      search: search || undefined,
      deleted: args.deleted,
    };
  }
}

function fieldOf(layer: LayerRecord, key: string, what: string): FieldDefinition {
  const field = layer.fieldDefs.find((f) => f.key === key);
  if (!field) {
    throw appError('notAField', { what, key, layer: layer.key, fields: layer.fieldDefs.map((f) => f.key).join(', ') }, { field: key });
  }
  return field;
}

function orderField(layer: LayerRecord, key: string): FieldDefinition {
  const field = fieldOf(layer, key, 'orderBy');
  if (!ORDERABLE.has(field.type)) throw appError('cannotSortBy', { field: key }, { field: key });
  return field;
}

/** Checks a filter against the field's type: operators it supports and values of its type. */
export function toCondition(layer: LayerRecord, filter: AttributeFilter): AttributeCondition {
  const field = fieldOf(layer, filter.field, 'where');
  const fail = (message: string) => appError('badFilter', { field: field.key, detail: message }, { field: field.key });
  // Range bounds need the field's type but not its min/max: a filter may ask beyond them.
  const typed = { ...field, min: undefined, max: undefined, maxLength: undefined };
  const check = (op: string, value: unknown) => {
    const reason = checkValue(typed, value);
    if (reason) throw fail(`${op} value ${JSON.stringify(value)} ${reason}`);
  };
  const ordered = field.type === 'integer' || field.type === 'number' || field.type === 'date';
  const c: AttributeCondition = { field };
  for (const op of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const) {
    const value = filter[op];
    if (value === undefined || value === null) continue;
    if (['gt', 'gte', 'lt', 'lte'].includes(op) && !ordered) throw fail(`${op} needs a number or date field; ${field.key} is ${field.type}`);
    check(op, value);
    c[op] = value;
  }
  if (filter.in) {
    if (filter.in.length === 0 || filter.in.length > MAX_IN_VALUES) throw fail(`in needs 1 to ${MAX_IN_VALUES} values`);
    filter.in.forEach((v) => check('in', v));
    c.in = filter.in;
  }
  if (filter.contains !== undefined && filter.contains !== null) {
    if (field.type !== 'text' && field.type !== 'enum') throw fail(`contains needs a text field; ${field.key} is ${field.type}`);
    c.contains = filter.contains;
  }
  if (filter.isNull !== undefined && filter.isNull !== null) c.isNull = filter.isNull;
  if (Object.keys(c).length === 1) throw fail('give at least one condition (eq, ne, in, gt, gte, lt, lte, contains, isNull)');
  return c;
}
