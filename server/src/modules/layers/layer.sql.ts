import { Params } from '../../db/sql';
import { FieldDefinition } from '../../domain/fields';

export interface LayerStatsRow {
  layer_id: number;
  feature_count: number;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
}

export const layerStatsSql = `
  SELECT layer_id, count(*)::int AS feature_count,
         ST_XMin(ST_Extent(geom)) AS min_lon, ST_YMin(ST_Extent(geom)) AS min_lat,
         ST_XMax(ST_Extent(geom)) AS max_lon, ST_YMax(ST_Extent(geom)) AS max_lat
  FROM feature WHERE deleted_at IS NULL GROUP BY layer_id`;


/**
 * Counts, per field, the stored features whose attribute would break the new definition
 * (missing while required, wrong type, outside min/max, too long, not an enum option).
 */
export function fieldViolationsSql(layerId: number, fields: FieldDefinition[]) {
  const p = new Params();
  const cols = fields.filter((f) => !f.computed).map((f, i) => {
    const k = `${p.add(f.key)}::text`;
    const v = `f.attributes->${k}`;
    const t = `jsonb_typeof(${v})`;
    const num = `(f.attributes->>${k})::numeric`;
    const range = () => [
      f.min !== undefined ? `${num} < ${p.add(f.min)}::numeric` : null,
      f.max !== undefined ? `${num} > ${p.add(f.max)}::numeric` : null,
    ].filter(Boolean).join(' OR ') || 'false';
    // Built lazily: only the field's own type may add parameters.
    const badFor: Record<string, () => string> = {
      text: () => `${t} <> 'string' OR length(f.attributes->>${k}) > ${p.add(f.maxLength ?? 1000)}::int`,
      integer: () => `CASE WHEN ${t} <> 'number' THEN true ELSE ${num} <> trunc(${num}) OR ${range()} END`,
      number: () => `CASE WHEN ${t} <> 'number' THEN true ELSE ${range()} END`,
      date: () => `${t} <> 'string' OR f.attributes->>${k} !~ '^\\d{4}-\\d{2}-\\d{2}$'`,
      boolean: () => `${t} <> 'boolean'`,
      enum: () => `${t} <> 'string' OR NOT (f.attributes->>${k} = ANY(${p.add(f.options ?? [])}::text[]))`,
    };
    const bad = badFor[f.type]();
    const missing = f.required ? `NOT (f.attributes ? ${k})` : 'false';
    return `count(*) FILTER (WHERE ${missing} OR (f.attributes ? ${k} AND (${bad})))::int AS c${i}`;
  });
  const sql = `SELECT ${cols.length ? cols.join(', ') : '0 AS none'} FROM feature f WHERE f.layer_id = ${p.add(layerId)}`;
  return { sql, values: p.values, keys: fields.filter((f) => !f.computed).map((f) => f.key) };
}

/** Features (deleted ones included: they can be restored) that still hold a value for a key. */
export const featuresWithKeySql = 'SELECT count(*)::int AS n FROM feature WHERE layer_id = $1 AND attributes ? $2';

/** Values of a field ($2) that more than one live feature of the layer ($1) holds (before declaring it unique). */
export const duplicateFieldValuesSql = `
  SELECT count(*)::int AS n, min(v) AS example FROM (
    SELECT attributes->>$2 AS v FROM feature WHERE layer_id = $1 AND deleted_at IS NULL AND attributes ? $2
    GROUP BY 1 HAVING count(*) > 1) d`;

/** Features whose geometry type is not in the given list. */
export const geometryTypeViolationsSql = `
  SELECT count(*)::int AS n FROM feature WHERE layer_id = $1 AND NOT (ST_GeometryType(geom) = ANY($2::text[]))`;

export const lockLayerSql = 'SELECT id, fields, geometry_types, label_field, role, kind, published_fields FROM layer WHERE key = $1 FOR UPDATE';

/** Frees a role ($1) for another layer: at most one layer plays each role (run before setRoleSql, same transaction). */
export const freeRoleSql = 'UPDATE layer SET role = NULL, updated_at = now() WHERE role = $1';

/** Sets a layer's ($1) role ($2; null = none). */
export const setRoleSql = 'UPDATE layer SET role = $2, updated_at = now() WHERE id = $1';


/** Publishes ($2 true) or withdraws a layer from the public map. */
export const updatePublishedSql = 'UPDATE layer SET published = $2, updated_at = now() WHERE id = $1';
export const updateBasemapSql = 'UPDATE layer SET basemap = $2, data_version = data_version + 1, updated_at = now() WHERE id = $1';
export const departmentExistsSql = 'SELECT 1 FROM department WHERE key = $1';

/** Null parameters keep the stored value; fields and geometry types are always the full new lists. */
export const updateLayerSql = `
  UPDATE layer SET name_ja = COALESCE($2, name_ja), name_en = COALESCE($3, name_en), department_key = COALESCE($4, department_key),
    geometry_types = $5, fields = $6::jsonb, style = COALESCE($7::jsonb, style), label_field = $8,
    sort_order = COALESCE($9, sort_order), data_version = data_version + 1, updated_at = now()
  WHERE id = $1`;

/** 'null' (JSON) clears the restriction: all staff read the layer. */
export const updateReadAccessSql = `UPDATE layer SET read_access = NULLIF($2::jsonb, 'null'::jsonb) WHERE id = $1`;

/** All layers with their departments, in display order (read on most requests, so plain SQL). */
export const listLayersSql = `
  SELECT l.id, l.key, l.name_ja, l.name_en, l.department_key, l.geometry_types, l.fields, l.style, l.label_field,
         l.sort_order, l.data_version, l.created_at, l.updated_at, l.read_access, l.role, l.kind, l.basemap, l.published, l.published_fields,
         d.name_ja AS department_name_ja, d.name_en AS department_name_en
  FROM layer l JOIN department d ON d.key = l.department_key
  ORDER BY l.sort_order, l.key`;

/** Department merge (one transaction): both departments locked, then every reference moved from $1 to $2. */
export const lockDepartmentsSql = 'SELECT key FROM department WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE';
export const moveDepartmentUsersSql = 'UPDATE app_user SET department_key = $2 WHERE department_key = $1';
/** Layers that name a department anywhere: as owner, in read_access or in a field's restriction (rewritten in code). */
export const layersForDepartmentMergeSql = 'SELECT id, key, department_key, read_access, fields FROM layer ORDER BY id FOR UPDATE';
export const rewriteLayerDepartmentsSql = `
  UPDATE layer SET department_key = $2, read_access = NULLIF($3::jsonb, 'null'::jsonb), fields = $4::jsonb, updated_at = now() WHERE id = $1`;
export const deleteDepartmentSql = 'DELETE FROM department WHERE key = $1';

/** The public map's fields of a layer ($2; null = all unrestricted fields). */
export const updatePublishedFieldsSql = 'UPDATE layer SET published_fields = $2::text[], updated_at = now() WHERE id = $1';
