/**
 * All SQL of the vector tiles. Values (z, x, y, layer id, limit, attribute keys) are always bound;
 * the only text put into a statement is a constant of this module.
 */

/** Tile grid: 4096 units a side, 64 units of buffer so symbols and lines cross tile edges cleanly. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
/** Web Mercator world width in metres (EPSG:3857). */
const WORLD_M = 40075016.68557849;

export interface TileLayerRow {
  id: number;
  key: string;
  data_version: number;
  label_field: string | null;
  style: Record<string, unknown>;
  fields: Array<{ key: string; type: string; restricted?: unknown }>;
  name_ja: string;
  name_en: string;
  /** The department that keeps the layer: the TileJSON attribution. */
  department_ja: string;
}

/** The few columns a tile request needs, by layer key (cheaper than loading the whole catalog per tile). */
export const tileLayerSql = `
  SELECT l.id, l.key, l.data_version, l.label_field, l.style, l.fields, l.name_ja, l.name_en, d.name_ja AS department_ja
  FROM layer l JOIN department d ON d.key = l.department_key WHERE l.key = $1`;

/** The city's extent, for TileJSON bounds. */
export const cityBoundsSql = `
  SELECT ST_XMin(e) AS min_lon, ST_YMin(e) AS min_lat, ST_XMax(e) AS max_lon, ST_YMax(e) AS max_lat
  FROM (SELECT ST_Extent(geom)::geometry AS e FROM city_boundary) b WHERE e IS NOT NULL`;

/**
 * Parameters of both tile statements: $1 z, $2 x, $3 y, $4 layer id, $5 feature cap, $6.. attribute keys;
 * the PostGIS statement adds the MVT layer name last.
 */
export interface TileParams {
  z: number;
  x: number;
  y: number;
  layerId: number;
  maxFeatures: number;
  propertyKeys: string[];
}

export function tileValues(p: TileParams): unknown[] {
  return [p.z, p.x, p.y, p.layerId, p.maxFeatures, ...p.propertyKeys];
}

/** The attributes that travel in the tile, as one jsonb (ST_AsMVT turns its keys into tile properties). */
function propertiesExpr(keyCount: number): string {
  const pairs = ['\'version\', f.version'];
  for (let i = 0; i < keyCount; i++) pairs.push(`$${6 + i}::text, f.attributes -> $${6 + i}::text`);
  return `jsonb_strip_nulls(jsonb_build_object(${pairs.join(', ')}))`;
}

/**
 * The tile's features: this layer, not deleted, bounding box within the tile plus its buffer.
 * `geom && envelope` in the table's SRID (4326) lets the (layer_id, geom) GiST index do the work.
 * The cap keeps the lowest ids, so a capped tile is stable between requests and on both backends.
 */
function candidatesSql(keyCount: number): string {
  const margin = TILE_BUFFER / TILE_EXTENT;
  return `
    SELECT f.id, f.geom, ${propertiesExpr(keyCount)} AS props
    FROM feature f
    WHERE f.layer_id = $4 AND f.deleted_at IS NULL
      AND f.geom && ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${margin}), 4326)
    ORDER BY f.id
    LIMIT $5`;
}

/**
 * PostGIS: the whole tile in one statement (ST_AsMVT). Lines and polygons are simplified to one tile
 * unit at this zoom before ST_AsMVTGeom snaps them to the 4096 grid and clips them to the buffer.
 */
export function mvtTileSql(keyCount: number): string {
  const layerName = `$${6 + keyCount}::text`;
  const unit = `(${WORLD_M} / (2 ^ $1::int) / ${TILE_EXTENT})`;
  const merc = 'ST_Transform(c.geom, 3857)';
  return `
    SELECT ST_AsMVT(t, ${layerName}, ${TILE_EXTENT}, 'geom', 'id') AS tile
    FROM (
      SELECT c.id, c.props,
             ST_AsMVTGeom(CASE WHEN ST_Dimension(c.geom) > 0 THEN ST_Simplify(${merc}, ${unit}, true) ELSE ${merc} END,
                          ST_TileEnvelope($1::int, $2::int, $3::int), ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
      FROM (${candidatesSql(keyCount)}) c
    ) t
    WHERE t.geom IS NOT NULL`;
}

export interface TileFeatureRow {
  id: string;
  props: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

/**
 * Embedded fallback (PGlite has no ST_AsMVT): the same features and properties as GeoJSON in 4326;
 * projection, clipping, simplification and encoding happen in tile.encode.ts.
 */
export function tileFeaturesSql(keyCount: number): string {
  return `
    SELECT c.id, c.props, ST_AsGeoJSON(c.geom, 7)::json AS geometry
    FROM (${candidatesSql(keyCount)}) c`;
}
