import { Request, Response, Router } from 'express';
import { Context, Services } from '../../context';
import { badInput } from '../../errors';
import { route } from '../../http';
import { TileCache, tileEncoding } from '../tiles/tile.cache';
import { etagMatches, MVT_CONTENT_TYPE } from '../tiles/tile.route';
import { parseTileCoords } from '../tiles/tile.service';

const ctxOf = (res: Response) => res.locals.ctx as Context;

/**
 * POST /api/rasters/{layer}/sheets?filename=…&name=…&world=…&scale=500&surveyDate=YYYY-MM-DD&page=1&dpi=200
 *                                                                body = the raw file (streamed); page/dpi: a PDF's page
 * POST /api/rasters/sheets/{id}/worldfile                        body = the world file text
 * GET  /api/rasters/sheets/{id}/original                         the scan as uploaded
 * GET  /api/rasters/sheets/{id}/preview?max=2048                 PNG; X-Preview-Scale = preview px per image px
 */
export function rasterApiRouter(services: Services): Router {
  const router = Router();
  const rasters = services.rasters;
  router.post('/rasters/:layer/sheets', route(async (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    const scale = q.scale === undefined || q.scale === '' ? null : Number(q.scale);
    const sheet = await rasters.upload(ctxOf(res).layers, ctxOf(res).user, String(req.params.layer), req, {
      fileName: q.filename ?? q.name ?? '', name: q.name, world: q.world, declaredBytes: req.headers['content-length'] ? Number(req.headers['content-length']) : undefined,
      scaleDenominator: scale, surveyDate: q.surveyDate || null, page: q.page, dpi: q.dpi, address: req.ip ?? '',
    });
    res.status(201).json(sheet);
  }));
  router.post('/rasters/sheets/:id/worldfile', route(async (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 4096) throw badInput('ワールドファイルが大きすぎます (a world file is six short lines)', { field: 'world' });
      chunks.push(chunk as Buffer);
    }
    res.json(await rasters.placeByWorldFile(ctxOf(res).layers, ctxOf(res).user, String(req.params.id), Buffer.concat(chunks).toString('utf8'), req.ip ?? ''));
  }));
  router.get('/rasters/sheets/:id/original', route(async (req, res) => {
    const file = await rasters.original(ctxOf(res).layers, String(req.params.id));
    res.set('ETag', `"${file.checksum}"`);
    res.set('Cache-Control', 'private, no-cache');
    if (etagMatches(req.get('if-none-match'), `"${file.checksum}"`)) { res.status(304).end(); return; }
    res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.set('X-Content-Type-Options', 'nosniff');
    res.type(file.contentType);
    res.sendFile(file.file, { headers: { 'Content-Length': String(file.size) }, etag: false, lastModified: false });
  }));
  router.get('/rasters/sheets/:id/preview', route(async (req, res) => {
    const preview = await rasters.preview(ctxOf(res).layers, String(req.params.id), Number(req.query.max ?? 2048));
    res.set('X-Preview-Scale', String(preview.scale));
    res.set('Access-Control-Expose-Headers', 'X-Preview-Scale');
    res.set('Cache-Control', 'private, no-cache');
    res.type('png').send(preview.png);
  }));
  return router;
}

/**
 * GET /tiles/raster/{layer}/{z}/{x}/{y}.png        PNG tile, transparent outside the sheets
 * GET /tiles/raster/{layer}.json                   TileJSON
 * GET /tiles/raster/{layer}/index/{z}/{x}/{y}.mvt  the sheet index (図郭割): the placed sheets' outlines as a vector tile
 * GET /tiles/raster/{layer}/index.json             its TileJSON
 * Same read rule, ETag/304 and caching as the vector tiles: the layer's data version (bumped by every
 * placement or deletion) is in the ETag and the ?v of the TileJSON's URLs.
 */
export function rasterTileRouter(services: Services, baseUrl: (req: Request) => string, cache: TileCache): Router {
  const router = Router();
  const rasters = services.rasters;
  type TileLayer = Awaited<ReturnType<typeof rasters.tileLayer>>;
  type Coords = ReturnType<typeof parseTileCoords>;
  /** What a sheet tile and a sheet-index tile share: the read check, cache headers, ETag/304 and the tile cache. */
  const tileRoute = (kind: 'raster' | 'raster-index', type: string, make: (layer: TileLayer, c: Coords) => Promise<Buffer>) => route(async (req, res) => {
    const p = req.params as Record<string, string>;
    const coords = parseTileCoords(p.z, p.x, p.y);
    const layer = await rasters.tileLayer(ctxOf(res).layers, p.layer);
    const current = req.query.v === String(layer.data_version);
    res.set('Cache-Control', current ? 'private, max-age=86400' : 'private, no-cache');
    res.set('ETag', `W/"${kind}-${layer.key}-${layer.data_version}-${coords.z}-${coords.x}-${coords.y}"`);
    res.set('Vary', 'Cookie, Authorization');
    if (etagMatches(req.get('if-none-match'), res.get('ETag')!)) { res.status(304).end(); return; }
    // PNG is compressed already, and an index tile holds a few outlines: always the identity encoding.
    const { body, hit } = await cache.get(`${kind}:${layer.key}`, String(layer.data_version), `${coords.z}/${coords.x}/${coords.y}`, tileEncoding('identity'),
      () => make(layer, coords));
    res.set('X-Tile-Cache', hit ? 'hit' : 'miss');
    res.type(type).send(body);
  });
  router.get('/:layer/:z/:x/:y.png', tileRoute('raster', 'png', (layer, c) => rasters.tile(layer, c.z, c.x, c.y)));
  router.get('/:layer/index/:z/:x/:y.mvt', tileRoute('raster-index', MVT_CONTENT_TYPE, (layer, c) => rasters.sheetIndexTile(layer, c.z, c.x, c.y)));
  router.get('/:layer/index.json', route(async (req, res) => {
    const layer = await rasters.tileLayer(ctxOf(res).layers, String(req.params.layer));
    res.set('Cache-Control', 'private, no-cache');
    res.json(rasters.sheetIndexTileJson(layer, baseUrl(req)));
  }));
  router.get('/:layer.json', route(async (req, res) => {
    const layer = await rasters.tileLayer(ctxOf(res).layers, String(req.params.layer));
    res.set('Cache-Control', 'private, no-cache');
    res.json(await rasters.tileJson(layer, baseUrl(req)));
  }));
  return router;
}
