import fs from 'node:fs';
import path from 'node:path';
import peggy from 'peggy';
import { repoRoot } from '../../config';
import { Params } from '../../db/sql';
import { checkBBox } from '../../domain/geometry';
import { AppError } from '../../errors';
import { AttributeCondition, attributeConditionSql } from '../features/feature.sql';
import { toCondition } from '../features/feature.service';
import { LayerRecord } from '../layers/layer.service';
import { Crs, crsOf } from './ogc.crs';
import { badParam } from './ogc.params';

/** CQL2 JSON (OGC 21-065); CQL2 text is parsed into the same form by the grammar in cql2.peggy. */
export type Cql2 = { op: string; args: unknown[] };
type Geometry = { bbox: number[] } | { wkt: string } | { type: string; coordinates?: unknown; geometries?: unknown };

const MAX_FILTER_CHARS = 20_000;
const MAX_NODES = 500;

let parser: peggy.Parser | undefined;
function textParser(): peggy.Parser {
  return (parser ??= peggy.generate(fs.readFileSync(path.join(repoRoot, 'server/src/modules/ogc/cql2.peggy'), 'utf8')));
}

/** `filter` + `filter-lang` (cql2-text, the default, or cql2-json) to the CQL2 JSON form; a 400 naming `filter` otherwise. */
export function parseFilter(raw: unknown, lang: unknown): Cql2 | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.length > MAX_FILTER_CHARS) throw badParam('filter', `filter must be one CQL2 expression of at most ${MAX_FILTER_CHARS} characters`);
  const language = lang === undefined ? 'cql2-text' : lang;
  if (language === 'cql2-json') {
    try { return JSON.parse(raw) as Cql2; } catch { throw badParam('filter', 'filter is not valid JSON (filter-lang=cql2-json)'); }
  }
  if (language !== 'cql2-text') throw badParam('filter-lang', 'filter-lang must be cql2-text or cql2-json');
  try {
    return textParser().parse(raw) as Cql2;
  } catch (e) {
    const err = e as { message: string; location?: { start: { column: number } } };
    throw badParam('filter', `filter is not valid CQL2 text at character ${err.location?.start.column ?? '?'}: ${err.message}`);
  }
}

const COMPARISON: Record<string, keyof AttributeCondition> = { '=': 'eq', '<>': 'ne', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };

/**
 * Translates a CQL2 expression to SQL over feature f: properties only from the layer's field list,
 * every value a bound parameter, each comparison checked by the same rules as GraphQL's `where`.
 * Geometries given as WKT/GeoJSON are returned so that the caller can check them in PostGIS first.
 * Geometry literals are in `filterCrs` (Part 3's `filter-crs`), in that CRS's axis order.
 */
export function cql2Sql(expr: Cql2, layer: LayerRecord, filterCrs: Crs = crsOf(4326)) {
  const geometries: { sql: string; value: string }[] = [];
  let nodes = 0;
  const fail = (message: string) => badParam('filter', message);
  const propertyOf = (arg: unknown): string => {
    const name = (arg as { property?: unknown })?.property;
    if (typeof name !== 'string') throw fail('a comparison needs a property first, e.g. watts > 10');
    return name;
  };
  const condition = (p: Params, filter: Record<string, unknown> & { field: string }): string => {
    try {
      return attributeConditionSql(toCondition(layer, filter as never), p).join(' AND ');
    } catch (e) {
      if (e instanceof AppError) throw fail(e.message);
      throw e;
    }
  };
  // The SRID is an integer from the supported list, never request text; a flipped CRS (lat/lon, X=northing) is put
  // into PostGIS's x/y order first.
  const srid = filterCrs.srid;
  const xy = (constructor: string) => (filterCrs.flip ? `ST_FlipCoordinates(${constructor})` : constructor);
  const geometrySql = (g: Geometry, p: Params): string => {
    if (g && 'bbox' in g) {
      if (!Array.isArray(g.bbox) || g.bbox.length !== 4) throw fail('S_INTERSECTS: a bbox needs 4 numbers');
      const box = (filterCrs.flip ? [g.bbox[1], g.bbox[0], g.bbox[3], g.bbox[2]] : g.bbox) as number[];
      const bad = srid === 4326 ? checkBBox(box)
        : !box.every(Number.isFinite) ? 'bbox values must be finite numbers'
          : box[0] > box[2] || box[1] > box[3] ? 'bbox is inverted: min must not exceed max' : null;
      if (bad) throw fail(`S_INTERSECTS: ${bad}`);
      return `ST_MakeEnvelope(${box.map((n) => p.add(n)).join(', ')}, ${srid})`;
    }
    if (g && 'wkt' in g && typeof g.wkt === 'string') {
      geometries.push({ sql: xy(`ST_GeomFromText($1, ${srid})`), value: g.wkt });
      return xy(`ST_GeomFromText(${p.add(g.wkt)}, ${srid})`);
    }
    if (g && typeof (g as { type?: unknown }).type === 'string') {
      const json = JSON.stringify(g);
      geometries.push({ sql: xy(`ST_SetSRID(ST_GeomFromGeoJSON($1), ${srid})`), value: json });
      return xy(`ST_SetSRID(ST_GeomFromGeoJSON(${p.add(json)}), ${srid})`);
    }
    throw fail('S_INTERSECTS needs a BBOX, a WKT or a GeoJSON geometry');
  };
  /**
   * In CRS84 the test runs on f.geom directly. In another CRS the index is used with the literal's WGS84 box
   * (segmentized so that curved edges are covered, and widened by about 1 m), and the exact test runs in the
   * literal's own CRS, where its straight edges are straight.
   */
  const intersectsSql = (g: string, p: Params): string => {
    if (srid === 4326) return `f.geom && ${g} AND ST_Intersects(f.geom, ${g})`;
    const step = filterCrs.projected ? 10 : 0.0001;
    const wgs84Box = `ST_Expand(ST_Envelope(ST_Transform(ST_Segmentize(${g}, ${p.add(step)}), 4326)), ${p.add(0.00001)})`;
    return `f.geom && ${wgs84Box} AND ST_Intersects(ST_Transform(f.geom, ${srid}), ${g})`;
  };
  const walk = (node: Cql2, p: Params): string => {
    if (++nodes > MAX_NODES) throw fail(`filter has more than ${MAX_NODES} parts`);
    if (!node || typeof node !== 'object' || typeof node.op !== 'string' || !Array.isArray(node.args)) {
      throw fail('each filter expression needs an op and args');
    }
    const op = node.op.toLowerCase();
    const a = node.args;
    switch (op) {
      case 'and':
      case 'or':
        if (a.length < 2) throw fail(`${op} needs two or more arguments`);
        return a.map((x) => `(${walk(x as Cql2, p)})`).join(` ${op.toUpperCase()} `);
      case 'not':
        return `NOT (${walk(a[0] as Cql2, p)})`;
      case 'between':
        return condition(p, { field: propertyOf(a[0]), gte: a[1], lte: a[2] });
      case 'in':
        if (!Array.isArray(a[1])) throw fail('IN needs a list of values');
        return condition(p, { field: propertyOf(a[0]), in: a[1] });
      case 'isnull':
        return condition(p, { field: propertyOf(a[0]), isNull: true });
      case 'like': {
        const key = propertyOf(a[0]);
        const field = layer.fieldDefs.find((f) => f.key === key);
        if (!field) return condition(p, { field: key, eq: a[1] }); // names the unknown property
        if (field.type !== 'text' && field.type !== 'enum') throw fail(`LIKE needs a text property; ${key} is ${field.type}`);
        if (typeof a[1] !== 'string') throw fail('LIKE needs a text pattern');
        return attributeConditionSql({ field, like: a[1] }, p).join(' AND ');
      }
      case 's_intersects': {
        if (propertyOf(a[0]) !== 'geometry') throw fail('S_INTERSECTS takes the property geometry');
        return intersectsSql(geometrySql(a[1] as Geometry, p), p);
      }
      default: {
        const key = COMPARISON[op];
        if (!key) throw fail(`unsupported operator "${node.op}" (Basic CQL2 with S_INTERSECTS)`);
        if (a[1] !== null && typeof a[1] === 'object') throw fail(`${node.op} compares a property with a value`);
        return condition(p, { field: propertyOf(a[0]), [key]: a[1] });
      }
    }
  };
  // Checked once now (errors before any SQL runs), built again into the query's own parameters.
  walk(expr, new Params());
  nodes = 0;
  const checked = geometries.splice(0);
  return { geometries: checked, sql: (p: Params) => walk(expr, p) };
}
