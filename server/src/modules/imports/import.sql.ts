/** SQL of import jobs. Values always bound. */
import { to4326 } from '../edits/edit.sql';

export const insertJobSql = `
  INSERT INTO import_job (layer_id, filename, status, options, file_name, size_bytes, created_by)
  VALUES ($1, $2, 'uploaded', $3::jsonb, $4, $5, $6) RETURNING id::text AS id`;

export const jobSql = `
  SELECT j.id::text AS id, j.layer_id, l.key AS layer_key, j.filename, j.status, j.options, j.summary, j.created_by,
         j.created_at, j.committed_at, j.undone_at, j.size_bytes, j.file_name
  FROM import_job j LEFT JOIN layer l ON l.id = j.layer_id WHERE j.id = $1::bigint`;

export const jobFileSql = 'SELECT file_name FROM import_job WHERE id = $1::bigint';

export const jobsSql = `
  SELECT j.id::text AS id, j.layer_id, l.key AS layer_key, j.filename, j.status, j.options, j.summary, j.created_by,
         j.created_at, j.committed_at, j.undone_at, j.size_bytes
  FROM import_job j LEFT JOIN layer l ON l.id = j.layer_id
  WHERE ($1::int IS NULL OR j.created_by = $1) ORDER BY j.id DESC LIMIT $2`;

export const saveDryRunSql = 'UPDATE import_job SET options = $2::jsonb, summary = $3::jsonb WHERE id = $1::bigint';

/** A committed job keeps its summary but not the file. */
export const markCommittedSql = `
  UPDATE import_job SET status = 'committed', layer_id = $2, summary = $3::jsonb, committed_at = now(), file_name = NULL
  WHERE id = $1::bigint AND status = 'uploaded'`;

export const markUndoneSql = `UPDATE import_job SET status = 'undone', undone_at = now() WHERE id = $1::bigint AND status = 'committed'`;

export const lockJobSql = 'SELECT status FROM import_job WHERE id = $1::bigint FOR UPDATE';

/** Is this EPSG code one PostGIS can transform? */
export const knownSridSql = 'SELECT EXISTS (SELECT 1 FROM spatial_ref_sys WHERE srid = $1::int) AS known';

/** The city's extent in plane coordinates (to tell X from Y). */
export const cityPlaneBoxSql = `
  SELECT ST_XMin(b) AS min_e, ST_XMax(b) AS max_e, ST_YMin(b) AS min_n, ST_YMax(b) AS max_n
  FROM (SELECT ST_Transform(geom, $1::int)::box2d AS b FROM city_boundary WHERE id = 1) c`;

/**
 * Geometries of many rows at once, as the edit path will see them: GeoJSON or WKT ($1, kinds in $2)
 * in an SRID ($3) transformed to 4326, with validity, the service-area test and, for rows that match
 * a stored feature ($5), whether the geometry is the stored one (within ~1 mm).
 */
export const inspectGeometriesSql = `
  WITH i AS (
    SELECT n, CASE WHEN kind = 'wkt' THEN ST_GeomFromText(g) ELSE ST_GeomFromGeoJSON(g) END AS raw, srid, existing
    FROM unnest($1::text[], $2::text[], $3::int[], $5::bigint[]) WITH ORDINALITY AS u(g, kind, srid, existing, n)),
  g AS (SELECT n, existing, ${to4326('raw', 'srid')} AS geom FROM i),
  v AS (SELECT g.*, ST_IsValid(g.geom) AS valid FROM g)
  SELECT v.n::int AS n, v.valid, CASE WHEN NOT v.valid THEN ST_IsValidReason(v.geom) END AS reason, ST_GeometryType(v.geom) AS type,
         ST_AsGeoJSON(v.geom, 9) AS geojson,
         COALESCE(ST_CoveredBy(v.geom, (SELECT geom FROM service_area WHERE margin_m = $4::int)), true) AS inside,
         (SELECT ST_HausdorffDistance(f.geom, v.geom) < 1e-8 FROM feature f WHERE f.id = v.existing) AS same_as_existing
  FROM v ORDER BY v.n`;

/**
 * Live features of a layer whose key field ($2) has one of the values ($3); a join, so 100,000 keys stay fast.
 * With the version the job's dry run ($5) saw, if it saw the feature.
 * Only features up to id $4 (the newest when the import began): those an import writes itself never
 * match a later row of it (a key twice in a file is refused), and leaving them out keeps each chunk's
 * look-up to the layer as it was instead of a scan that grows with every chunk written.
 */
export const featuresByKeySql = `
  SELECT f.id::text AS id, f.version, v.version AS dry_run_version, f.attributes, k.key
  FROM unnest($3::text[]) AS k(key) JOIN feature f ON f.attributes->>$2 = k.key
  LEFT JOIN import_version v ON v.job_id = $5::bigint AND v.feature_id = f.id
  WHERE f.layer_id = $1 AND f.deleted_at IS NULL AND f.id <= $4::bigint`;

/** The newest feature id (the bound of featuresByKeySql). */
export const newestFeatureIdSql = 'SELECT COALESCE(max(id), 0)::text AS id FROM feature';

/**
 * What an import wrote, per feature: its first and last version by the import, whether the import
 * created it, and the feature's current version (to refuse undoing over later edits), in feature
 * order; `having` narrows the groups, `page` the history rows.
 */
const importedFeatures = (having: string, page: string) => `
  SELECT h.feature_id::text AS id, min(h.version) AS first_version, max(h.version) AS last_version,
         bool_or(h.operation = 'create') AS created, f.version AS current_version, f.deleted_at IS NOT NULL AS deleted
  FROM feature_history h JOIN feature f ON f.id = h.feature_id
  WHERE h.import_id = $1::bigint ${page} GROUP BY h.feature_id, f.version, f.deleted_at ${having} ORDER BY h.feature_id`;

/** The features an import wrote that were edited after it (they stop an undo). */
export const editedSinceImportSql = importedFeatures('HAVING f.version <> max(h.version)', '');

/** The features an import wrote, a page at a time: those after feature $2, at most $3. */
export const importedFeaturesPageSql = `${importedFeatures('', 'AND h.feature_id > $2::bigint')} LIMIT $3`;

export const townsForAddressSql = 'SELECT name, ST_AsGeoJSON(point, 9) AS geojson FROM town ORDER BY length(name) DESC';

/**
 * The layer a failed or cancelled import made, removed when nothing was ever written to it (its
 * creation and the import's writes are separate transactions).
 */
export const removeEmptyLayerSql = `
  DELETE FROM layer l WHERE l.id = $1
    AND NOT EXISTS (SELECT 1 FROM feature f WHERE f.layer_id = l.id)
    AND NOT EXISTS (SELECT 1 FROM feature_history h WHERE h.layer_id = l.id)`;

/** Jobs never committed whose file has waited longer than $1 hours: the file is let go, the job row stays. */
export const releaseStaleFilesSql = `
  WITH stale AS (
    SELECT id, file_name FROM import_job
    WHERE status = 'uploaded' AND file_name IS NOT NULL AND created_at < now() - make_interval(hours => $1::int)
    FOR UPDATE)
  UPDATE import_job j SET file_name = NULL FROM stale WHERE j.id = stale.id
  RETURNING stale.file_name`;

/** Every file a job still holds. */
export const heldFilesSql = `SELECT file_name FROM import_job WHERE file_name IS NOT NULL`;

/**
 * Adds one chunk's keys ($2, each once with the line it is first on, $3) to those of a check ($1) and
 * returns the ones an earlier chunk already had, with that chunk's line (the statement sees the table
 * as it was before its own INSERT). Keys are kept as digests: any length fits the index.
 */
export const addImportKeysSql = `
  WITH k AS (SELECT md5(key)::uuid AS digest, key, line FROM unnest($2::text[], $3::int[]) AS u(key, line)),
  added AS (INSERT INTO import_key (run, digest, line) SELECT $1::uuid, digest, line FROM k ON CONFLICT DO NOTHING)
  SELECT k.key, s.line FROM k JOIN import_key s ON s.run = $1::uuid AND s.digest = k.digest`;

export const removeImportKeysSql = 'DELETE FROM import_key WHERE run = $1::uuid';

/** Keys left by a check that never ended (the process stopped), older than $1 hours. */
export const purgeImportKeysSql = 'DELETE FROM import_key WHERE created_at < now() - make_interval(hours => $1::int)';

/** The versions of the features a dry run of job $1 would update ($2 ids, $3 versions), for its commit to check. */
export const saveDryRunVersionsSql = `
  INSERT INTO import_version (job_id, feature_id, version)
  SELECT $1::bigint, u.id, u.version FROM unnest($2::bigint[], $3::int[]) AS u(id, version)
  ON CONFLICT (job_id, feature_id) DO UPDATE SET version = EXCLUDED.version`;

/** A new dry run replaces what the last one saw; a commit ends the need. */
export const forgetDryRunVersionsSql = 'DELETE FROM import_version WHERE job_id = $1::bigint';
