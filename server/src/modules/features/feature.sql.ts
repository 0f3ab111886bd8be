import { Params, likeContains } from '../../db/sql';
import { FieldDefinition } from '../../domain/fields';
import { BBox } from '../../domain/geometry';
import { pointsPlaneAreaSql } from '../survey/survey.sql';

/** Optional columns, selected only when the GraphQL query asks for them. */
export interface FeatureColumns {
  /** createdAt, updatedAt, deletedAt (parsing dates is a visible cost on large pages). */
  times?: boolean;
  measures?: boolean;
  users?: boolean;
  /** Geometry and attributes as JSON text, for passing through to the response unparsed (RawJSON). */
  raw?: boolean;
  /** Another GeoJSON expression over f.geom (OGC API output CRS); built by a trusted SQL builder. */
  geometrySql?: string;
}

export interface FeatureRow {
  id: string;
  layer_key: string;
  /** Text when selected with `raw`. */
  geometry: object | string;
  attributes: Record<string, unknown> | string;
  version: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  created_by?: string | null;
  updated_by?: string | null;
  length_m?: number | null;
  area_m2?: number | null;
  distance_m?: number;
}

/**
 * SELECT list and FROM clause for feature rows (alias f; layer l). 9 decimals keep survey millimetres.
 * `source` is what f is: the table, or a subquery of its rows (a page already limited).
 */
export function featureSelect(columns: FeatureColumns = {}, extra: string[] = [], source = 'feature f'): string {
  const geometry = columns.geometrySql ?? 'ST_AsGeoJSON(f.geom, 9)';
  const json = columns.raw
    ? [`${geometry} AS geometry`, 'f.attributes::text AS attributes']
    : [`${geometry}::json AS geometry`, 'f.attributes'];
  const cols = [...extra, 'f.id::text AS id', 'l.key AS layer_key', ...json, 'f.version'];
  if (columns.times) cols.push('f.created_at', 'f.updated_at', 'f.deleted_at');
  let from = `${source} JOIN layer l ON l.id = f.layer_id`;
  if (columns.measures) {
    cols.push(
      `CASE WHEN ST_Dimension(f.geom) = 1 THEN ST_Length(f.geom::geography) END AS length_m`,
      // A boundary record's area is its surveyed points' plane area, the one its 座標一覧 shows.
      `CASE WHEN ST_Dimension(f.geom) = 2 THEN COALESCE(${pointsPlaneAreaSql('f.id')}, ST_Area(f.geom::geography)) END AS area_m2`);
  }
  if (columns.users) {
    cols.push('cu.display_name AS created_by', 'uu.display_name AS updated_by');
    from += ' LEFT JOIN app_user cu ON cu.id = f.created_by LEFT JOIN app_user uu ON uu.id = f.updated_by';
  }
  return `SELECT ${cols.join(', ')} FROM ${from}`;
}

/** One attribute filter, already checked against the layer's field types by the service. */
export interface AttributeCondition {
  field: FieldDefinition;
  eq?: unknown;
  ne?: unknown;
  in?: unknown[];
  gt?: unknown;
  gte?: unknown;
  lt?: unknown;
  lte?: unknown;
  contains?: string;
  /** A LIKE pattern as given (CQL2: % and _ are wildcards). */
  like?: string;
  isNull?: boolean;
}

/** The SQL expression reading one attribute as its field type (JSONB key bound as a parameter). */
function attributeExpr(field: FieldDefinition, p: Params): { expr: string; cast: string } {
  const raw = `(f.attributes->>${p.add(field.key)})`;
  switch (field.type) {
    case 'integer':
    case 'number': return { expr: `${raw}::numeric`, cast: 'numeric' };
    case 'boolean': return { expr: `${raw}::boolean`, cast: 'boolean' };
    default: return { expr: raw, cast: 'text' }; // text, enum and ISO dates compare as text
  }
}

export function attributeConditionSql(c: AttributeCondition, p: Params): string[] {
  const sql: string[] = [];
  // isNull alone must not bind the unused key of the value expression (its type could not be inferred).
  if (Object.keys(c).every((k) => k === 'field' || k === 'isNull')) {
    if (c.isNull !== undefined) sql.push(`${c.isNull ? 'NOT ' : ''}(f.attributes ? ${p.add(c.field.key)})`);
    return sql;
  }
  const { expr, cast } = attributeExpr(c.field, p);
  const cmp = (op: string, v: unknown) => sql.push(`${expr} ${op} ${p.add(v)}::${cast}`);
  if (c.eq !== undefined) cmp('=', c.eq);
  if (c.ne !== undefined) sql.push(`${expr} IS DISTINCT FROM ${p.add(c.ne)}::${cast}`);
  if (c.gt !== undefined) cmp('>', c.gt);
  if (c.gte !== undefined) cmp('>=', c.gte);
  if (c.lt !== undefined) cmp('<', c.lt);
  if (c.lte !== undefined) cmp('<=', c.lte);
  if (c.in !== undefined) sql.push(`${expr} = ANY(${p.add(c.in)}::${cast}[])`);
  if (c.contains !== undefined) sql.push(`${expr} ILIKE ${p.add(likeContains(c.contains))}`);
  if (c.like !== undefined) sql.push(`${expr} LIKE ${p.add(c.like)}`);
  if (c.isNull !== undefined) sql.push(`${c.isNull ? 'NOT ' : ''}(f.attributes ? ${p.add(c.field.key)})`);
  return sql;
}

/** An area selection ready for SQL: a WGS84 GeoJSON geometry and a distance in metres (0: intersecting). */
export interface ResolvedArea {
  geojson: string;
  distance: number;
  /** The degree box around the geometry that covers the distance (index prefilter). */
  degLon: number;
  degLat: number;
}

export interface FeatureQuery {
  layerId: number;
  bbox?: BBox;
  area?: ResolvedArea;
  conditions: AttributeCondition[];
  /** Text fields searched with `search`. */
  searchFields: FieldDefinition[];
  search?: string;
  deleted?: boolean;
  /** A further condition built by a trusted builder (OGC API CQL2 filter), with its values bound in `p`. */
  extra?: (p: Params) => string;
}

/** WHERE clause for a layer's features. The (layer_id, geom) GiST index serves layer + bbox. */
export function featureWhere(q: FeatureQuery, p: Params): string {
  const where = [`f.layer_id = ${p.add(q.layerId)}`, q.deleted ? 'f.deleted_at IS NOT NULL' : 'f.deleted_at IS NULL'];
  if (q.bbox) {
    const env = `ST_MakeEnvelope(${p.add(q.bbox[0])}, ${p.add(q.bbox[1])}, ${p.add(q.bbox[2])}, ${p.add(q.bbox[3])}, 4326)`;
    where.push(`f.geom && ${env}`, `ST_Intersects(f.geom, ${env})`);
  }
  if (q.area) where.push(...areaConditionSql(q.area, p));
  for (const c of q.conditions) where.push(...attributeConditionSql(c, p));
  if (q.extra) where.push(`(${q.extra(p)})`);
  if (q.search && q.searchFields.length > 0) {
    const pattern = p.add(likeContains(q.search));
    where.push(`(${q.searchFields.map((f) => `(f.attributes->>${p.add(f.key)}) ILIKE ${pattern}`).join(' OR ')})`);
  }
  return where.join(' AND ');
}

/** The area as conditions on f.geom: the bounding box first so the GiST index is used, then the exact test in metres. */
function areaConditionSql(area: ResolvedArea, p: Params): string[] {
  const g = `ST_SetSRID(ST_GeomFromGeoJSON(${p.add(area.geojson)}::text), 4326)`;
  if (area.distance === 0) return [`f.geom && ${g}`, `ST_Intersects(f.geom, ${g})`];
  return [`f.geom && ST_Expand(${g}, ${p.add(area.degLon)}, ${p.add(area.degLat)})`, `ST_DWithin(f.geom::geography, ${g}::geography, ${p.add(area.distance)})`];
}

/**
 * What an area selects, as a WGS84 GeoJSON geometry for the map: the geometry itself at distance 0, else its
 * buffer in metres on the geography (as ST_DWithin measures), 8 segments a quarter circle.
 */
export const areaOutlineSql = `SELECT ST_AsGeoJSON(CASE WHEN $2::float8 = 0 THEN g
    ELSE ST_Buffer(g::geography, $2::float8)::geometry END, 7)::json AS geometry
  FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g) AS area`;

/** Whether a drawn selection polygon is simple (a self-crossing ring has no inside to select by). */
export const areaPolygonValidSql = 'SELECT ST_IsValid(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326)) AS valid';

export interface PageRequest {
  limit: number;
  afterId?: string;
  offset?: number;
  orderBy?: { field?: FieldDefinition; descending: boolean };
}

/** ORDER BY for a page: an attribute (empty values last, then id) or the id. */
export function orderClause(orderBy: PageRequest['orderBy'], p: Params): string {
  if (orderBy?.field) {
    const { expr } = attributeExpr(orderBy.field, p);
    const dir = orderBy.descending ? 'DESC' : 'ASC';
    return `${expr} ${dir} NULLS LAST, f.id ${dir}`;
  }
  return orderBy?.descending ? 'f.id DESC' : 'f.id';
}

/**
 * One page of features. The page's rows are chosen first (filter, order, LIMIT) and only they are turned
 * into GeoJSON, measured and joined to their layer and editors: a bbox page sorted after an index scan
 * would otherwise write the GeoJSON of every row the sort reads. The order is applied again outside
 * (the joins may reorder rows); re-sorting a page is cheap.
 */
export function featurePageSql(q: FeatureQuery, page: PageRequest, columns: FeatureColumns) {
  const p = new Params();
  let where = featureWhere(q, p);
  const order = orderClause(page.orderBy, p);
  if (!page.orderBy?.field && page.afterId) where += ` AND f.id ${page.orderBy?.descending ? '<' : '>'} ${p.add(page.afterId)}::bigint`;
  let rows = `SELECT f.* FROM feature f WHERE ${where} ORDER BY ${order} LIMIT ${p.add(page.limit + 1)}`;
  if (page.offset) rows += ` OFFSET ${p.add(page.offset)}`;
  return { sql: `${featureSelect(columns, [], `(${rows}) f`)} ORDER BY ${orderClause(page.orderBy, p)}`, values: p.values };
}

export function featureCountSql(q: FeatureQuery) {
  const p = new Params();
  return { sql: `SELECT count(*)::int AS count FROM feature f WHERE ${featureWhere(q, p)}`, values: p.values };
}

/** The bounding box of every matching feature (null columns when none match). */
export function featureExtentSql(q: FeatureQuery) {
  const p = new Params();
  return {
    sql: `SELECT ST_XMin(e) AS min_x, ST_YMin(e) AS min_y, ST_XMax(e) AS max_x, ST_YMax(e) AS max_y
      FROM (SELECT ST_Extent(f.geom) AS e FROM feature f WHERE ${featureWhere(q, p)}) s`,
    values: p.values,
  };
}

/** Features by id in the given order; deleted ones only when asked (the result of a delete is one). */
export function featuresByIdsSql(ids: string[], columns: FeatureColumns, includeDeleted: boolean) {
  return {
    sql: `${featureSelect(columns)} JOIN unnest($1::bigint[]) WITH ORDINALITY AS wanted(id, n) ON wanted.id = f.id
      ${includeDeleted ? '' : 'WHERE f.deleted_at IS NULL'} ORDER BY wanted.n`,
    values: [ids],
  };
}

/**
 * Features within `radius` metres of a point, nearest first, distances in metres (geography).
 * The degree box (from the caller) lets the GiST index prefilter before the exact distance.
 */
export function featuresNearSql(args: {
  layerIds: number[]; lon: number; lat: number; radius: number; degLon: number; degLat: number; limit: number;
}, columns: FeatureColumns) {
  const p = new Params();
  const pt = `ST_SetSRID(ST_MakePoint(${p.add(args.lon)}, ${p.add(args.lat)}), 4326)`;
  const box = `ST_Expand(${pt}, ${p.add(args.degLon)}, ${p.add(args.degLat)})`;
  const distance = `ST_Distance(f.geom::geography, ${pt}::geography) AS distance_m`;
  const sql = `SELECT * FROM (${featureSelect(columns, [distance])}
      WHERE f.layer_id = ANY(${p.add(args.layerIds)}::int[]) AND f.deleted_at IS NULL AND f.geom && ${box}) near
    WHERE distance_m <= ${p.add(args.radius)}
    ORDER BY distance_m, id::bigint LIMIT ${p.add(args.limit)}`;
  return { sql, values: p.values };
}

/**
 * Attributes with the server-computed fields filled from the geometry (metres, geodesic).
 * Used by every write path, so a client can never supply these values.
 */
export function withComputedSql(fields: FieldDefinition[], attributesExpr: string, geomExpr: string): string {
  const computed = fields.filter((f) => f.computed);
  if (computed.length === 0) return attributesExpr;
  const pairs = computed.map((f) => {
    const value = f.computed === 'length'
      ? `CASE WHEN ST_Dimension(${geomExpr}) = 1 THEN round(ST_Length(${geomExpr}::geography)::numeric, 2) END`
      : `CASE WHEN ST_Dimension(${geomExpr}) = 2 THEN round(ST_Area(${geomExpr}::geography)::numeric, 2) END`;
    return `'${f.key.replace(/'/g, "''")}', ${value}`;
  });
  return `jsonb_strip_nulls(${attributesExpr} || jsonb_build_object(${pairs.join(', ')}))`;
}
