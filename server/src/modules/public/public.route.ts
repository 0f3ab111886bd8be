import { Response, Router } from 'express';
import { notFound } from '../../errors';
import { Services } from '../../context';
import { parseTileCoords, TileService } from '../tiles/tile.service';
import { TileCache, tileEncoding } from '../tiles/tile.cache';
import { etagMatches, MVT_CONTENT_TYPE } from '../tiles/tile.route';
import { PublicService } from './public.service';

/**
 * The public map's own read path, mounted at /public without a session (app.ts):
 *   GET /public/api/layers                         published layers and their public fields
 *   GET /public/api/layers/{key}/features/{id}     one feature's public attributes (the info panel)
 *   GET /public/api/search?q=                      towns and published features
 *   GET /public/tiles/{key}/{z}/{x}/{y}.mvt        tiles of a published layer (tiles carry public fields only)
 * Anything unpublished answers 404, exactly like an unknown layer; any other path is 404 too.
 */
export function publicRouter(services: Services, cache: TileCache): Router {
  const publicMap = new PublicService(services);
  const tiles = new TileService(services.db);
  const router = Router();
  // Published data changes when staff edit it: a short public cache, never shared with staff responses.
  const publicCache = (res: Response) => res.set('Cache-Control', 'public, max-age=60');

  router.get('/api/layers', async (_req, res) => {
    publicCache(res);
    res.json({ layers: await publicMap.describe() });
  });
  router.get('/api/layers/:layer/features/:id', async (req, res) => {
    const p = req.params as Record<string, string>;
    publicCache(res);
    res.json(await publicMap.feature(p.layer, p.id));
  });
  router.get('/api/search', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    publicCache(res);
    res.json({ results: await publicMap.search(q) });
  });
  router.get('/tiles/:layer/:z/:x/:y.mvt', async (req, res) => {
    const p = req.params as Record<string, string>;
    const coords = parseTileCoords(p.z, p.x, p.y, tiles.options);
    const published = await publicMap.layer(p.layer); // 404 unless published and open to all
    // Public tiles carry the published fields only (their own cache entry: the fingerprint names the keys).
    const layer = await tiles.layer(p.layer, published.fieldDefs.map((f) => f.key));
    res.set('Cache-Control', 'public, max-age=60');
    res.set('ETag', `${tiles.etag(layer, coords).slice(0, -1)}-public"`);
    res.set('Vary', 'Accept-Encoding');
    if (etagMatches(req.get('if-none-match'), res.get('ETag')!)) {
      res.status(304).end();
      return;
    }
    const encoding = tileEncoding(req.get('accept-encoding'));
    const { body } = await cache.get(layer.key, `${layer.dataVersion}-${layer.fingerprint}`, `${coords.z}/${coords.x}/${coords.y}`, encoding,
      () => tiles.tile(layer, coords));
    if (encoding !== 'identity') res.set('Content-Encoding', encoding);
    res.type(MVT_CONTENT_TYPE).send(body);
  });
  router.use(['/api', '/tiles'], () => {
    throw notFound('この URL はありません (no such public path)');
  });
  return router;
}
