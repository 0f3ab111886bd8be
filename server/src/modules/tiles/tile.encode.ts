import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { Queryable } from '../../db/database';
import { simplifyUnits, TILE_BUFFER, TILE_EXTENT, TileDetail, TileFeatureRow, tileFeaturesSql, tileValues } from './tile.sql';
import type { TileRequest, TileSource } from './tile.source';

// Both libraries are ES modules only; this CommonJS build loads them with import(), once.
const importEncoders = () => Promise.all([import('@maplibre/geojson-vt'), import('@maplibre/vt-pbf')])
  .then(([vt, pbf]) => ({ geoJSONToTile: vt.geoJSONToTile, fromGeojsonVt: pbf.fromGeojsonVt }));
let encoders: ReturnType<typeof importEncoders> | undefined;
const loadEncoders = () => (encoders ??= importEncoders());

/**
 * Encodes a tile from GeoJSON features: projection to the tile grid, clipping to the buffer and
 * simplification (one tile unit at full detail, a pixel below it, as the PostGIS statement does), then MVT protobuf.
 */
export async function encodeTile(layerName: string, features: Feature[], z: number, x: number, y: number, detail: TileDetail = 'full'): Promise<Buffer> {
  if (features.length === 0) return Buffer.alloc(0);
  const { geoJSONToTile, fromGeojsonVt } = await loadEncoders();
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  // maxZoom above z: geojson-vt simplifies at every zoom below its maxZoom only.
  const tile = geoJSONToTile(collection, z, x, y, {
    extent: TILE_EXTENT, buffer: TILE_BUFFER, tolerance: simplifyUnits(detail), maxZoom: 24, clip: true,
  });
  if (!tile || tile.features.length === 0) return Buffer.alloc(0);
  const bytes = fromGeojsonVt({ [layerName]: tile }, { version: 2, extent: TILE_EXTENT });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The embedded database (PGlite) is built without protobuf, so it has no ST_AsMVT/ST_AsMVTGeom:
 * it selects the same features as GeoJSON and the server encodes the tile.
 */
export class EncodedTileSource implements TileSource {
  readonly name = 'encoded';
  private readonly statements = new Map<string, string>();

  constructor(private readonly db: Queryable) {}

  async getTile(request: TileRequest): Promise<Buffer> {
    const keyCount = request.propertyKeys.length;
    const key = `${request.detail}/${keyCount}`;
    let sql = this.statements.get(key);
    if (!sql) this.statements.set(key, (sql = tileFeaturesSql(keyCount, request.detail)));
    const { rows } = await this.db.query<TileFeatureRow>(sql, tileValues(request));
    // A cluster has no id.
    const features: Feature[] = rows.map((row) => ({
      type: 'Feature', ...(row.id === null ? {} : { id: Number(row.id) }), properties: row.props, geometry: row.geometry as Geometry,
    }));
    return encodeTile(request.layerName, features, request.z, request.x, request.y, request.detail);
  }
}
