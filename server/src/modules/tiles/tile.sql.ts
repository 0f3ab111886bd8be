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

/**
 * How much of a layer a tile shows: `full` at and above the layer's full-detail zoom (every feature, as
 * stored); `generalised` below it (points clustered on a grid, lines and polygons simplified to a pixel,
 * features smaller than a pixel dropped), the way tippecanoe and Martin keep low zooms small.
 */
export type TileDetail = 'full' | 'generalised';

/**
 * Clustering grid below the full-detail zoom: cells of 512 tile units, 8 × 8 per tile (64 CSS pixels
 * on a 512-pixel tile: a circle and its count with room around it; supercluster's default radius is 40
 * pixels). The grid is aligned to the tile, so a cell never straddles two tiles: a cluster's count is
 * the same whichever tile shows it.
 */
export const CLUSTER_CELL = 512;
/** One CSS pixel of a 512-pixel tile: the simplification tolerance and the smallest feature kept. */
export const PIXEL_UNITS = TILE_EXTENT / 512;

/** The attributes that travel in the tile, as one jsonb (ST_AsMVT turns its keys into tile properties). */
function propertiesExpr(keyCount: number): string {
  const pairs = ['\'version\', f.version'];
  for (let i = 0; i < keyCount; i++) pairs.push(`$${6 + i}::text, f.attributes -> $${6 + i}::text`);
  return `jsonb_strip_nulls(jsonb_build_object(${pairs.join(', ')}))`;
}

const envelope = 'ST_TileEnvelope($1::int, $2::int, $3::int)';
/** The tile plus its buffer, in the table's SRID (4326) so the (layer_id, geom) GiST index is used. */
const bufferedEnvelope4326 = `ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${TILE_BUFFER / TILE_EXTENT}), 4326)`;
/** `units` tile units in EPSG:3857 metres at zoom $1. */
const unitMetres = (units: number) => `(${WORLD_M} / (2 ^ $1::int) / ${TILE_EXTENT / units})`;

/**
 * Full detail: this layer, not deleted, bounding box within the tile plus its buffer; geometry in 4326.
 * The cap keeps the lowest ids, so a capped tile is stable between requests and on both backends.
 */
function candidatesSql(keyCount: number): string {
  return `
    SELECT f.id, f.geom, ${propertiesExpr(keyCount)} AS props
    FROM feature f
    WHERE f.layer_id = $4 AND f.deleted_at IS NULL AND f.geom && ${bufferedEnvelope4326}
    ORDER BY f.id
    LIMIT $5`;
}

/**
 * Generalised: id, props and geometry (4326) of what the tile shows below the full-detail zoom, from one
 * index scan of the tile plus its buffer.
 * - Points inside the tile (not its buffer) are grouped by grid cell, computed from lon/lat with the Web
 *   Mercator formulas (no reprojection per point). A cell holding one point gives that feature (id and
 *   properties); a cell holding more gives one point at their mean position, without id, whose only
 *   property is `point_count`. So the counts and single points of a tile add up to its points.
 * - Lines and polygons whose extent is under a pixel are dropped (a degree of latitude on the map grows
 *   as 1/cos(lat)); the cap applies to the rest.
 */
function generalisedSql(keyCount: number): string {
  const cells = TILE_EXTENT / CLUSTER_CELL;
  const pixelDegrees = `(360.0 / (2 ^ $1::int) / ${TILE_EXTENT / PIXEL_UNITS})`;
  const lat = 'radians(ST_Y(p.pt))';
  // u, v: the point's position in the tile, 0 ≤ u, v < 1 inside it (OFFSET 0: computed once per point).
  return `
    WITH f AS MATERIALIZED (
      SELECT f.id, f.geom, f.version, f.attributes, ST_Dimension(f.geom) AS dim
      FROM feature f
      WHERE f.layer_id = $4 AND f.deleted_at IS NULL AND f.geom && ${bufferedEnvelope4326}
    ), cluster AS (
      SELECT count(*)::int AS n, min(q.id) AS id, avg(q.lon) AS lon, avg(q.lat) AS lat
      FROM (
        SELECT p.id, ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat,
               ((ST_X(p.pt) + 180) / 360) * (2 ^ $1::int) - $2::int AS u,
               (1 - ln(tan(${lat}) + 1 / cos(${lat})) / pi()) / 2 * (2 ^ $1::int) - $3::int AS v
        FROM (SELECT f.id, CASE WHEN GeometryType(f.geom) = 'POINT' THEN f.geom ELSE ST_Centroid(f.geom) END AS pt FROM f WHERE f.dim = 0) p
        OFFSET 0
      ) q
      WHERE q.u >= 0 AND q.u < 1 AND q.v >= 0 AND q.v < 1
      GROUP BY floor(q.u * ${cells}), floor(q.v * ${cells})
    )
    SELECT f.id, ${propertiesExpr(keyCount)} AS props, f.geom
    FROM cluster c JOIN f ON f.id = c.id WHERE c.n = 1
    UNION ALL
    SELECT NULL, jsonb_build_object('point_count', c.n), ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326)
    FROM cluster c WHERE c.n > 1
    UNION ALL
    (SELECT f.id, ${propertiesExpr(keyCount)} AS props, f.geom
     FROM f
     WHERE f.dim > 0
       AND greatest(ST_XMax(f.geom) - ST_XMin(f.geom), (ST_YMax(f.geom) - ST_YMin(f.geom)) / cos(radians(ST_YMin(f.geom)))) >= ${pixelDegrees}
     ORDER BY f.id
     LIMIT $5)`;
}

/** The features of a tile (id, props, geometry in 4326) at the given detail. */
function featuresSql(keyCount: number, detail: TileDetail): string {
  return detail === 'full' ? candidatesSql(keyCount) : generalisedSql(keyCount);
}

/** Simplification tolerance, in tile units: one unit at full detail, a pixel below it. */
export const simplifyUnits = (detail: TileDetail) => (detail === 'full' ? 1 : PIXEL_UNITS);

/**
 * PostGIS: the whole tile in one statement (ST_AsMVT). Lines and polygons are simplified (see
 * simplifyUnits) before ST_AsMVTGeom snaps them to the 4096 grid and clips them to the buffer.
 */
export function mvtTileSql(keyCount: number, detail: TileDetail = 'full'): string {
  const layerName = `$${6 + keyCount}::text`;
  const merc = 'ST_Transform(c.geom, 3857)';
  return `
    SELECT ST_AsMVT(t, ${layerName}, ${TILE_EXTENT}, 'geom', 'id') AS tile
    FROM (
      SELECT c.id, c.props,
             ST_AsMVTGeom(CASE WHEN ST_Dimension(c.geom) > 0 THEN ST_Simplify(${merc}, ${unitMetres(simplifyUnits(detail))}, true) ELSE ${merc} END,
                          ${envelope}, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
      FROM (${featuresSql(keyCount, detail)}) c
    ) t
    WHERE t.geom IS NOT NULL`;
}

export interface TileFeatureRow {
  /** Null for a cluster. */
  id: string | null;
  props: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

/**
 * Embedded fallback (PGlite has no ST_AsMVT): the same features and properties as GeoJSON in 4326;
 * projection, clipping, simplification and encoding happen in tile.encode.ts.
 */
export function tileFeaturesSql(keyCount: number, detail: TileDetail = 'full'): string {
  return `
    SELECT c.id, c.props, ST_AsGeoJSON(c.geom, 7)::json AS geometry
    FROM (${featuresSql(keyCount, detail)}) c`;
}
