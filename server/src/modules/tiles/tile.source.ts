import { Database, Queryable } from '../../db/database';
import { mvtTileSql, TileDetail, tileValues, TileParams } from './tile.sql';
import { EncodedTileSource } from './tile.encode';

/** One tile of one layer, already validated; the property keys and the detail come from the layer definition. */
export type TileRequest = TileParams & { layerName: string; detail: TileDetail };

/**
 * Where tiles come from (cf. martin's Source): one implementation per backend, chosen from db.kind.
 * Both return the same features with the same properties; an empty tile is an empty buffer.
 */
export interface TileSource {
  readonly name: 'postgis' | 'encoded';
  getTile(request: TileRequest): Promise<Buffer>;
}

/** PostGIS: ST_AsMVT builds the whole tile in the database, in one statement per tile. */
export class PostgisTileSource implements TileSource {
  readonly name = 'postgis';
  /** Statement text per detail and number of property keys: built once, reused for every tile. */
  private readonly statements = new Map<string, string>();

  constructor(private readonly db: Queryable) {}

  async getTile(request: TileRequest): Promise<Buffer> {
    const keyCount = request.propertyKeys.length;
    const key = `${request.detail}/${keyCount}`;
    let sql = this.statements.get(key);
    if (!sql) this.statements.set(key, (sql = mvtTileSql(keyCount, request.detail)));
    const { rows } = await this.db.query<{ tile: Buffer | null }>(sql, [...tileValues(request), request.layerName]);
    return rows[0]?.tile ?? Buffer.alloc(0);
  }
}

export function tileSourceFor(db: Database): TileSource {
  return db.kind === 'postgis' ? new PostgisTileSource(db.pool) : new EncodedTileSource(db.pool);
}
