import { Database, Queryable } from '../../db/database';
import { mvtTileSql, tileValues, TileParams } from './tile.sql';
import { EncodedTileSource } from './tile.encode';

/** One tile of one layer, already validated; the property keys come from the layer definition. */
export type TileRequest = TileParams & { layerName: string };

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
  /** Statement text per number of property keys: built once, reused for every tile. */
  private readonly statements = new Map<number, string>();

  constructor(private readonly db: Queryable) {}

  async getTile(request: TileRequest): Promise<Buffer> {
    const keyCount = request.propertyKeys.length;
    let sql = this.statements.get(keyCount);
    if (!sql) this.statements.set(keyCount, (sql = mvtTileSql(keyCount)));
    const { rows } = await this.db.query<{ tile: Buffer | null }>(sql, [...tileValues(request), request.layerName]);
    return rows[0]?.tile ?? Buffer.alloc(0);
  }
}

export function tileSourceFor(db: Database): TileSource {
  return db.kind === 'postgis' ? new PostgisTileSource(db.pool) : new EncodedTileSource(db.pool);
}
