/**
 * Search SQL over the normalised search keys ('|value|value|…|', see domain/normalize.ts).
 * Every pattern is built by likePattern from a normalised text; the trigram indexes of
 * migration 0007 serve all four tiers (exact value, value prefix, substring, similar).
 */

/** A LIKE pattern around a normalised text (which never holds '|', '%', '_' or '\\'). */
export const likePattern = (before: string, text: string, after: string) => `${before}${text}${after}`;

const FEATURE_COLUMNS = `f.id::text AS id, f.layer_id, f.attributes, f.search_key,
  ST_AsGeoJSON(ST_PointOnSurface(f.geom), 7)::json AS geometry,
  ST_XMin(f.geom) AS min_lon, ST_YMin(f.geom) AS min_lat, ST_XMax(f.geom) AS max_lon, ST_YMax(f.geom) AS max_lat,
  (SELECT t.name FROM town t WHERE t.area IS NOT NULL AND ST_Intersects(t.area, ST_PointOnSurface(f.geom)) LIMIT 1) AS town`;

export interface FeatureHitRow {
  id: string;
  layer_id: number;
  attributes: Record<string, unknown>;
  search_key: string;
  geometry: object;
  min_lon: number; min_lat: number; max_lon: number; max_lat: number;
  /** The town (町丁目) the feature lies in, to tell equal hits apart. */
  town: string | null;
  /** 0 exact value, 1 value prefix, 2 substring, 3 similar (typo) */
  tier: number;
  /** Tier 3 only: word similarity and strict word similarity to the query (0–1). */
  score?: number;
  strict?: number;
}

/**
 * Features of the given layers whose key matches, best tier first, each tier limited on its own
 * (so a common prefix never keeps an exact hit out). No ORDER BY: a tier stops at its limit instead
 * of sorting thousands of equal hits (every garbage point of a town); the service orders what it gets. $1 layer ids, $2 exact, $3 prefix,
 * $4 substring pattern (null: skip the substring tier), $5 limit per tier.
 */
export const featureHitsSql = `
  (SELECT ${FEATURE_COLUMNS}, 0 AS tier FROM feature f
    WHERE f.deleted_at IS NULL AND f.search_key <> '' AND f.layer_id = ANY($1::int[]) AND f.search_key LIKE $2
    LIMIT $5)
  UNION ALL
  (SELECT ${FEATURE_COLUMNS}, 1 AS tier FROM feature f
    WHERE f.deleted_at IS NULL AND f.search_key <> '' AND f.layer_id = ANY($1::int[]) AND f.search_key LIKE $3 AND f.search_key NOT LIKE $2
    LIMIT $5)
  UNION ALL
  (SELECT ${FEATURE_COLUMNS}, 2 AS tier FROM feature f
    WHERE $4::text IS NOT NULL AND f.deleted_at IS NULL AND f.search_key <> '' AND f.layer_id = ANY($1::int[])
      AND f.search_key LIKE $4 AND f.search_key NOT LIKE $3
    LIMIT $5)`;

/**
 * The last tier, for typos (one wrong kana or kanji, a dropped character): features with a key value
 * similar to the query by pg_trgm word similarity (`<%`, served by the same trigram index, with the
 * threshold set for the transaction by similarityThresholdSql), the most similar first (word
 * similarity, then strict word similarity: the closer whole value). $1 layer ids, $2 query, $3 limit.
 */
export const featureSimilarSql = `
  WITH alike AS (
    SELECT f.id, word_similarity($2, f.search_key) AS score, strict_word_similarity($2, f.search_key) AS strict FROM feature f
    WHERE f.deleted_at IS NULL AND f.search_key <> '' AND f.layer_id = ANY($1::int[]) AND $2 <% f.search_key
    ORDER BY score DESC, strict DESC, f.id LIMIT $3)
  SELECT ${FEATURE_COLUMNS}, 3 AS tier, s.score, s.strict FROM alike s JOIN feature f ON f.id = s.id ORDER BY s.score DESC, s.strict DESC, f.id`;

/**
 * The same for a few small layers (facility names) with a lower threshold, by their layer index:
 * the trigram index would offer every key sharing a common start (四街道…, most of the city).
 * $1 layer ids, $2 query, $3 limit, $4 threshold.
 */
export const namesSimilarSql = `
  WITH alike AS (
    SELECT f.id, word_similarity($2, f.search_key) AS score, strict_word_similarity($2, f.search_key) AS strict FROM feature f
    WHERE f.deleted_at IS NULL AND f.layer_id = ANY($1::int[]) AND f.search_key <> '' AND word_similarity($2, f.search_key) >= $4
    ORDER BY score DESC, strict DESC, f.id LIMIT $3)
  SELECT ${FEATURE_COLUMNS}, 3 AS tier, s.score, s.strict FROM alike s JOIN feature f ON f.id = s.id ORDER BY s.score DESC, s.strict DESC, f.id`;

/** The word similarity threshold of `<%` for the rest of the transaction. $1 threshold (text). */
export const similarityThresholdSql = "SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)";

/** Towns (tens of rows) with a key value similar to the query. $1 query, $2 threshold. */
export const townsSimilarSql = `
  SELECT id, word_similarity($1, search_key) AS score, strict_word_similarity($1, search_key) AS strict FROM town
  WHERE search_key <> '' AND word_similarity($1, search_key) >= $2`;

/** Parcels of one layer under one 親番: '|鹿渡933|' or '|鹿渡933-…|'. $1 layer, $2 and $3 patterns. */
export const lotsOfParentSql = `
  SELECT ${FEATURE_COLUMNS}, 2 AS tier FROM feature f
  WHERE f.deleted_at IS NULL AND f.search_key <> '' AND f.layer_id = $1 AND (f.search_key LIKE $2 OR f.search_key LIKE $3)
  LIMIT 500`;

/** Every town with its key (the city has tens of towns: ranked in code). */
export const townKeysSql = `
  SELECT id, name, search_key, ST_AsGeoJSON(point, 6)::json AS geometry,
         ST_XMin(area) AS min_lon, ST_YMin(area) AS min_lat, ST_XMax(area) AS max_lon, ST_YMax(area) AS max_lat
  FROM town WHERE search_key <> ''`;

// Keeping the keys: rows loaded in bulk have none yet (NULL) and are keyed in batches.

export const featuresWithoutKeySql = `
  SELECT f.id::text AS id, f.layer_id, f.attributes FROM feature f
  WHERE f.search_key IS NULL AND f.id > $1::bigint ORDER BY f.id LIMIT $2`;

export const writeFeatureKeysSql = `
  UPDATE feature f SET search_key = k.search_key
  FROM unnest($1::bigint[], $2::text[]) AS k(id, search_key) WHERE f.id = k.id`;

/** A layer whose searchable fields changed is keyed again. */
export const forgetLayerKeysSql = 'UPDATE feature SET search_key = NULL WHERE layer_id = $1 AND search_key IS NOT NULL';

export const townsWithoutKeySql = 'SELECT id, name, kana FROM town WHERE search_key IS NULL';

export const writeTownKeysSql = `
  UPDATE town t SET kana = k.kana, search_key = k.search_key
  FROM unnest($1::int[], $2::text[], $3::text[]) AS k(id, kana, search_key) WHERE t.id = k.id`;
