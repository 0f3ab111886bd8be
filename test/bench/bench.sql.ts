/** SQL of the benchmark itself (the measured statements come from the server's own *.sql.ts). */

/**
 * What PostGraphile serves: a bbox function over the same table and computed columns for what the web
 * client's FeatureFields read beside the table's own columns (GeoJSON at our 9 decimals, the layer key,
 * the editor's name, length and area), the way a PostGraphile user exposes PostGIS without a plugin (see
 * README "Benchmark" for why not @graphile/postgis). The functions are plain SQL, so PostgreSQL inlines
 * them and uses the GiST index. `update_features` is PostGraphile's bulk write: a custom mutation (a
 * VOLATILE function) with the same effect as our batch and the write floor (attributes merged, version
 * checked and bumped, one history row each, the layer's data version bumped), in one statement.
 */
export const peerSchemaSql = `
  DROP SCHEMA IF EXISTS peer CASCADE;
  CREATE SCHEMA peer;
  CREATE FUNCTION peer.features_in_bbox(layer int, min_lon float8, min_lat float8, max_lon float8, max_lat float8)
    RETURNS SETOF public.feature LANGUAGE sql STABLE AS $$
      SELECT f.* FROM public.feature f
      WHERE f.layer_id = layer AND f.deleted_at IS NULL
        AND f.geom && ST_MakeEnvelope(min_lon, min_lat, max_lon, max_lat, 4326)
        AND ST_Intersects(f.geom, ST_MakeEnvelope(min_lon, min_lat, max_lon, max_lat, 4326))
      ORDER BY f.id
    $$;
  CREATE FUNCTION peer.feature_geojson(f public.feature) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT ST_AsGeoJSON(f.geom, 9)::json
  $$;
  CREATE FUNCTION peer.feature_layer_key(f public.feature) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT l.key FROM public.layer l WHERE l.id = f.layer_id
  $$;
  CREATE FUNCTION peer.feature_updated_by_name(f public.feature) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT u.display_name FROM public.app_user u WHERE u.id = f.updated_by
  $$;
  CREATE FUNCTION peer.feature_length_m(f public.feature) RETURNS float8 LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN ST_Dimension(f.geom) = 1 THEN ST_Length(f.geom::geography) END
  $$;
  CREATE FUNCTION peer.feature_area_m2(f public.feature) RETURNS float8 LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN ST_Dimension(f.geom) = 2 THEN ST_Area(f.geom::geography) END
  $$;
  CREATE FUNCTION peer.update_features(ids bigint[], versions int[], patch jsonb, editor int)
    RETURNS SETOF public.feature LANGUAGE sql VOLATILE AS $$
      WITH upd AS (
        UPDATE public.feature f SET attributes = f.attributes || patch, version = f.version + 1, updated_at = now(), updated_by = editor
        FROM unnest(ids, versions) AS u(id, v)
        WHERE f.id = u.id AND f.version = u.v
        RETURNING f.*),
      history AS (
        INSERT INTO public.feature_history (feature_id, layer_id, version, operation, attributes, geom, changed_by)
        SELECT id, layer_id, version, 'update', attributes, geom, editor FROM upd),
      bump AS (
        UPDATE public.layer SET data_version = data_version + 1 WHERE id IN (SELECT layer_id FROM upd))
      SELECT * FROM upd ORDER BY id
    $$;`;

export const layerIdSql = 'SELECT id FROM layer WHERE key = $1';

export const featureCountSql = 'SELECT count(*)::int AS n FROM feature WHERE deleted_at IS NULL';

export const postgisVersionSql = 'SELECT postgis_lib_version() AS postgis, current_setting(\'server_version\') AS postgres';

/** Features of a layer in a bbox (the viewport's expected count). */
export const bboxCountSql = `
  SELECT count(*)::int AS n FROM feature f
  WHERE f.layer_id = $1 AND f.deleted_at IS NULL
    AND f.geom && ST_MakeEnvelope($2, $3, $4, $5, 4326) AND ST_Intersects(f.geom, ST_MakeEnvelope($2, $3, $4, $5, 4326))`;

export const cityExtentSql = `
  SELECT ST_XMin(e) AS min_lon, ST_YMin(e) AS min_lat, ST_XMax(e) AS max_lon, ST_YMax(e) AS max_lat
  FROM (SELECT ST_Extent(geom)::geometry AS e FROM city_boundary) b`;

/** Which of the given points ($1 lons, $2 lats) lie inside the city. */
export const insideCitySql = `
  SELECT p.i FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lon, lat, i), city_boundary b
  WHERE ST_Intersects(b.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) ORDER BY p.i`;

/** The features the write test changes: the lowest ids of a layer, with their current versions. */
export const writeTargetsSql = `
  SELECT id::text AS id, version, attributes FROM feature WHERE layer_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT $2`;

export const userIdSql = 'SELECT id FROM app_user WHERE username = $1';

/**
 * The write floor: the same effect as the API's batch (attribute change, version + 1, one history row
 * per feature, one data-version bump) as set-based SQL in one transaction, without per-feature checks.
 * $1 ids, $2 expected versions, $3 attribute patch, $4 user id, $5 layer id.
 */
export const writeFloorSql = [
  `WITH upd AS (
     UPDATE feature f SET attributes = f.attributes || $3::jsonb, version = f.version + 1, updated_at = now(), updated_by = $4
     FROM unnest($1::bigint[], $2::int[]) AS u(id, v)
     WHERE f.id = u.id AND f.version = u.v
     RETURNING f.id, f.layer_id, f.version, f.attributes, f.geom)
   INSERT INTO feature_history (feature_id, layer_id, version, operation, attributes, geom, changed_by)
   SELECT id, layer_id, version, 'update', attributes, geom, $4 FROM upd`,
  'UPDATE layer SET data_version = data_version + 1 WHERE id = $1',
];

export const benchMarkerSql = (db: string) => `SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = ${quoteLiteral(db)}`;

export const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The import floor: the same rows (lon/lat + attributes as JSON) inserted as set-based SQL with a
 * history row each, in one transaction, without parsing, coercion, checks or the edit path.
 * $1 layer id, $2 lons, $3 lats, $4 attribute objects, $5 user id.
 */
export const importFloorSql = `
  WITH ins AS (
    INSERT INTO feature (layer_id, geom, attributes, created_by, updated_by)
    SELECT $1, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), u.a, $5, $5
    FROM unnest($2::float8[], $3::float8[], $4::jsonb[]) AS u(lon, lat, a)
    RETURNING id, layer_id, version, attributes, geom)
  INSERT INTO feature_history (feature_id, layer_id, version, operation, attributes, geom, changed_by)
  SELECT id, layer_id, version, 'create', attributes, geom, $5 FROM ins`;

