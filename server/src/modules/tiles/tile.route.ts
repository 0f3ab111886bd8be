import { Request, Response, Router } from 'express';
import { appError } from '../../errors';
import { Context, Services } from '../../context';
import { parseTileCoords, TileOptions, TileService } from './tile.service';
import { TileCache, tileEncoding } from './tile.cache';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

/**
 * If-None-Match against our ETag (weak comparison). Not express's req.fresh: that ignores the ETag
 * whenever the request says Cache-Control: no-cache, which fetch() adds to every conditional request.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => strip(tag) === strip(etag));
}

/**
 * GET /tiles/{layer}/{z}/{x}/{y}.mvt   Mapbox Vector Tile of one layer
 * GET /tiles/{layer}.json              TileJSON (also /tiles/{layer}/tilejson.json)
 * Mounted behind the same read rule as GraphQL (see app.ts). Handlers parse, ask TileService, encode.
 */
/** `baseUrl` gives the service's public base URL for a request (never the raw Host header). */
/** `cache`: tiles kept in memory by layer, data version and address (see TileCache). */
export function tileRouter(services: Pick<Services, 'db' | 'layers'>, baseUrl: (req: Request) => string, options?: TileOptions,
  cache = new TileCache(64 * 1024 * 1024)): Router {
  const tiles = new TileService(services.db, options);
  const router = Router();
  // A layer the caller may not read answers exactly like an unknown one. Both answers come from the
  // catalogue in memory: a warm tile asks the database nothing.
  const readableLayer = async (res: Response, key: string) => {
    if (!(await (res.locals.ctx as Context).layers.find(key))) throw appError('layerNotFound', { layer: key });
    const record = (await services.layers.list()).find((l) => l.key === key);
    if (!record) throw appError('layerNotFound', { layer: key });
    return tiles.fromRecord(record);
  };

  router.get('/:layer/:z/:x/:y.mvt', async (req: Request, res: Response) => {
    const p = req.params as Record<string, string>;
    const coords = parseTileCoords(p.z, p.x, p.y, tiles.options);
    const layer = await readableLayer(res, p.layer);
    // A URL that names the current data version never changes content: the browser may keep it.
    // Any other URL (no ?v, or an old one) must be revalidated; the ETag makes that a cheap 304.
    const current = req.query.v === String(layer.dataVersion);
    res.set('Cache-Control', current ? 'private, max-age=86400' : 'private, no-cache');
    res.set('ETag', tiles.etag(layer, coords));
    res.set('Vary', 'Cookie, Authorization, Accept-Encoding');
    if (etagMatches(req.get('if-none-match'), res.get('ETag')!)) {
      res.status(304).end();
      return;
    }
    const encoding = tileEncoding(req.get('accept-encoding'));
    const { body, hit } = await cache.get(layer.key, `${layer.dataVersion}-${layer.fingerprint}`, `${coords.z}/${coords.x}/${coords.y}`, encoding,
      () => tiles.tile(layer, coords));
    // Already compressed: compression() leaves a response with a Content-Encoding alone.
    if (encoding !== 'identity') res.set('Content-Encoding', encoding);
    res.set('X-Tile-Cache', hit ? 'hit' : 'miss');
    res.type(MVT_CONTENT_TYPE).send(body);
  });

  const tileJson = async (req: Request, res: Response) => {
    const layer = await readableLayer(res, (req.params as Record<string, string>).layer);
    res.set('Cache-Control', 'private, no-cache');
    res.json(await tiles.tileJson(layer, baseUrl(req)));
  };
  router.get('/:layer.json', tileJson);
  router.get('/:layer/tilejson.json', tileJson);

  router.use(() => {
    throw appError('tileUrl');
  });
  return router;
}
