import { FieldDefinition } from '../../domain/fields';
import { withComputedSql } from '../features/feature.sql';

/** Grows the city boundary by the margin in the plane CRS (metres) and stores it once per margin. */
export const ensureServiceAreaSql = `
  INSERT INTO service_area (margin_m, geom)
  SELECT $1::int, ST_Multi(ST_Transform(ST_Buffer(ST_Transform(geom, $2::int), $1::int), 4326)) FROM city_boundary WHERE id = 1
  ON CONFLICT (margin_m) DO NOTHING`;

// What a write needs of a locked row; what a conflict shows of it is read only on a conflict (currentStateSql).
const LOCKED_COLUMNS = 'f.id::text AS id, f.layer_id, f.version, f.deleted_at, f.attributes';

export const lockFeatureSql = `SELECT ${LOCKED_COLUMNS} FROM feature f WHERE f.id = $1::bigint FOR UPDATE OF f`;

/** Locks the features a batch changes up front, in id order (so two batches cannot deadlock). */
export const lockFeaturesSql = `SELECT ${LOCKED_COLUMNS} FROM feature f WHERE f.id = ANY($1::bigint[]) ORDER BY f.id FOR UPDATE OF f`;

/** A feature as a CONFLICT shows it (the row is locked by then). */
export const currentStateSql = `
  SELECT ST_AsGeoJSON(f.geom, 9) AS geojson, f.updated_at, (SELECT display_name FROM app_user u WHERE u.id = f.updated_by) AS updated_by
  FROM feature f WHERE f.id = $1::bigint`;

export type HistoryOperation = 'create' | 'update' | 'delete' | 'restore';

/**
 * A write of one feature (a CTE `written` returning the new row) together with its history row,
 * in one statement: half the round trips of a batch. Returns the feature's id and new version.
 */
function withHistory(write: string, operation: HistoryOperation, userParam: string): string {
  return `WITH written AS (${write} RETURNING id, layer_id, version, attributes, geom, updated_at)
    ${historyFromWritten(operation, userParam)} RETURNING feature_id::text AS id, version`;
}

/** The history rows of the rows a CTE `written` returned (the operation is ours, never input). */
const historyFromWritten = (operation: HistoryOperation, userParam: string, orderBy = '') => `
  INSERT INTO feature_history (feature_id, layer_id, version, operation, attributes, geom, changed_by, changed_at)
  SELECT id, layer_id, version, '${operation}', attributes, geom, ${userParam}, updated_at FROM written ${orderBy}`;


/**
 * A geometry in the given SRID as 4326. ST_Transform to the SRID a geometry already has still costs
 * as much as parsing it (PostGIS 3.3 looks up the projection each time): most writes are in 4326.
 */
export const to4326 = (geom: string, srid: string) =>
  `CASE WHEN ${srid} = 4326 THEN ST_SetSRID(${geom}, 4326) ELSE ST_Transform(ST_SetSRID(${geom}, ${srid}), 4326) END`;

/**
 * Geometries as given (GeoJSON text in its SRID, NULL for none) transformed to 4326 and checked, for a
 * set-based write: `checked` has each row's validity and whether it lies in the service area ($margin),
 * `bad` any row that fails; the geometry written is the one the GeoJSON of 9 decimals gives (survey millimetres).
 */
const checkedGeometries = (rows: string, margin: string) => `
    checked AS (
      SELECT r.*, ST_SetSRID(ST_GeomFromGeoJSON(ST_AsGeoJSON(r.geom, 9)), 4326) AS new_geom,
        COALESCE(ST_IsValid(r.geom), true) AS valid,
        COALESCE(ST_CoveredBy(r.geom, (SELECT geom FROM service_area WHERE margin_m = ${margin}::int)), true) AS inside
      FROM (SELECT i.*, ${to4326('ST_GeomFromGeoJSON(i.geojson)', 'i.srid')} AS geom FROM ${rows} i) r),
    bad AS (SELECT n, valid, CASE WHEN NOT valid THEN ST_IsValidReason(geom) END AS reason, inside FROM checked WHERE NOT (valid AND inside))`;

/** The rows of a checked write: its refused geometries (n in input order) or, when none, what it wrote (`written`). */
export interface CheckedWriteRow { n: number | null; valid: boolean | null; reason: string | null; inside: boolean | null; id: string | null }

const checkedResult = (written: string) => `
  SELECT n::int AS n, valid, reason, inside, NULL::text AS id FROM bad
  UNION ALL SELECT NULL, NULL, NULL, NULL, ${written} FROM written`;

/**
 * Inserts features of one layer with a history row each, in one statement that also checks their
 * geometries (validity, service area): when any fails nothing is written and the failing rows come
 * back (CheckedWriteRow). $1 layer, $2 GeoJSON texts, $3 their SRIDs, $4 attributes, $5 user,
 * $6 search keys, $7 service-area margin. Ids come from the sequence in input order, so the returned
 * ids sorted ascending are in input order.
 */
export function insertFeaturesSql(fields: FieldDefinition[]) {
  return `WITH i AS (SELECT * FROM unnest($2::text[], $3::int[], $4::jsonb[], $6::text[]) WITH ORDINALITY AS i(geojson, srid, attributes, search_key, n)),
    ${checkedGeometries('i', '$7')},
    written AS (
      INSERT INTO feature (layer_id, geom, attributes, created_by, updated_by, search_key)
      SELECT $1, c.new_geom, ${withComputedSql(fields, 'c.attributes', 'c.new_geom')}, $5, $5, c.search_key FROM checked c
      WHERE NOT EXISTS (SELECT 1 FROM bad) ORDER BY c.n
      RETURNING id, layer_id, version, attributes, geom, updated_at),
    history AS (${historyFromWritten('create', '$5')})
  ${checkedResult('id::text')}`;
}

/**
 * Writes new states of features of one layer whose versions are still the expected ones, with a
 * history row each, in one statement that also checks the new geometries (as insertFeaturesSql): $1 ids,
 * $2 GeoJSON (null keeps the stored geometry), $3 attributes, $4 expected versions, $5 user,
 * $6 search keys, $7 SRIDs, $8 service-area margin. Returns the refused geometries or one row whose id
 * is the count written. The rows are locked and their versions checked first; of two concurrent
 * writers with the same expected version, the second finds the row changed after waiting for the
 * first's lock and gets a CONFLICT.
 */
export function updateFeaturesSql(fields: FieldDefinition[]) {
  const geom = 'COALESCE(c.new_geom, f.geom)';
  return `WITH i AS (
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::jsonb[], $4::int[], $6::text[], $7::int[]) WITH ORDINALITY AS i(id, geojson, attributes, version, search_key, srid, n)),
    ${checkedGeometries('i', '$8')},
    written AS (
      UPDATE feature f SET geom = ${geom}, attributes = ${withComputedSql(fields, 'c.attributes', geom)}, search_key = c.search_key,
        version = f.version + 1, updated_by = $5, updated_at = now(), deleted_at = NULL, deleted_by = NULL
      FROM checked c WHERE f.id = c.id AND f.version = c.version AND NOT EXISTS (SELECT 1 FROM bad)
      RETURNING f.id, f.layer_id, f.version, f.attributes, f.geom, f.updated_at, c.n),
    history AS (${historyFromWritten('update', '$5', 'ORDER BY n')})
  ${checkedResult('count(*)::text')}`;
}

/**
 * A restore: an older version's state (from history, so not checked again) as a new version with its
 * history row. $1 id, $2 GeoJSON (4326), $3 attributes, $4 expected version, $5 user, $6 search key.
 */
export function restoreFeatureSql(fields: FieldDefinition[]) {
  const geom = 'ST_SetSRID(ST_GeomFromGeoJSON($2::text), 4326)';
  return `WITH written AS (
      UPDATE feature f SET geom = ${geom}, attributes = ${withComputedSql(fields, '$3::jsonb', geom)}, search_key = $6,
        version = f.version + 1, updated_by = $5, updated_at = now(), deleted_at = NULL, deleted_by = NULL
      WHERE f.id = $1::bigint AND f.version = $4::int
      RETURNING f.id, f.layer_id, f.version, f.attributes, f.geom, f.updated_at)
    ${historyFromWritten('restore', '$5')}`;
}

/** $1 id, $2 user, $3 expected version. */
export const softDeleteFeatureSql = withHistory(`
  UPDATE feature SET version = version + 1, updated_by = $2, updated_at = now(), deleted_at = now(), deleted_by = $2
  WHERE id = $1::bigint AND version = $3 AND deleted_at IS NULL`, 'delete', '$2');

/**
 * Every edit changes the layer's data version, which keys tile caches. The UPDATE also locks the
 * layer rows until commit (it conflicts with updateLayer's FOR UPDATE) and returns the definitions
 * as they are now, so the edit can check it was validated against the layer as it is at commit.
 */
export const bumpLayerVersionSql = `
  UPDATE layer SET data_version = data_version + 1 WHERE id = ANY($1::int[])
  RETURNING id, fields, geometry_types`;

export const historySql = `
  SELECT h.version, h.operation, h.changed_at, u.display_name AS changed_by, u.username AS changed_by_username,
         h.attributes, ST_AsGeoJSON(h.geom, 7)::json AS geometry, l.key AS layer_key, h.feature_id::text AS feature_id,
         h.import_id::text AS import_id
  FROM feature_history h JOIN layer l ON l.id = h.layer_id LEFT JOIN app_user u ON u.id = h.changed_by
  WHERE h.feature_id = $1::bigint ORDER BY h.version DESC`;

/** Whether a feature is deleted, and its layer (for who may see it). */
export const featureStateSql = 'SELECT layer_id, deleted_at IS NOT NULL AS deleted FROM feature WHERE id = $1::bigint';

export const historyVersionSql = `
  SELECT h.attributes, ST_AsGeoJSON(h.geom, 9) AS geojson, h.operation FROM feature_history h
  WHERE h.feature_id = $1::bigint AND h.version = $2`;

/** Recent changes across layers, newest first, with optional filters (all bound). */
export const changesSql = `
  SELECT h.feature_id::text AS feature_id, l.key AS layer_key, l.name_ja AS layer_name, h.version, h.operation,
         h.changed_at, u.display_name AS changed_by, u.username AS changed_by_username, h.attributes, h.import_id::text AS import_id,
         (SELECT p.attributes FROM feature_history p WHERE p.feature_id = h.feature_id AND p.version = h.version - 1) AS previous_attributes,
         h.version > 1 AND NOT ST_Equals(h.geom, (SELECT p.geom FROM feature_history p WHERE p.feature_id = h.feature_id AND p.version = h.version - 1)) AS geometry_changed
  FROM feature_history h JOIN layer l ON l.id = h.layer_id LEFT JOIN app_user u ON u.id = h.changed_by
  WHERE ($1::text IS NULL OR l.key = $1) AND ($2::text IS NULL OR u.username = $2)
    AND ($3::timestamptz IS NULL OR h.changed_at >= $3) AND ($4::timestamptz IS NULL OR h.changed_at < $4)
  ORDER BY h.changed_at DESC, h.id DESC LIMIT $5`;

/** Serialises writers of one layer while its unique fields are checked (released at commit). */
export const lockLayerUniqueSql = 'SELECT pg_advisory_xact_lock(7243002, $1::int)';

/**
 * Values of a unique field ($2) that more than one live feature of the layer ($1) holds, among
 * the values of the features just written ($3).
 */
export const duplicateValuesSql = `
  SELECT f.attributes->>$2 AS value, array_agg(f.id::text ORDER BY f.id) AS ids FROM feature f
  WHERE f.layer_id = $1 AND f.deleted_at IS NULL
    AND f.attributes->>$2 IN (SELECT w.attributes->>$2 FROM feature w WHERE w.id = ANY($3::bigint[]) AND w.deleted_at IS NULL)
  GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 10`;

/** Names the import that the history rows of this transaction belong to ('' = none). */
export const setImportIdSql = "SELECT set_config('chizu.import_id', $1, true)";
