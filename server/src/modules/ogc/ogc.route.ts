import express, { NextFunction, Request, Response, Router } from 'express';
import { Services } from '../../context';
import { AppError, httpStatus, notFound } from '../../errors';
import { requireReader, route } from '../../http';
import { databaseLimitError } from '../../security/timeout';
import { anonymousBodyLimit } from '../../security/http';
import { PreconditionError, writeItem } from './ogc.write';
import { renderHtml } from './ogc.html';
import { openApiDocument } from './ogc.openapi';
import { supportedCrs } from './ogc.crs';
import { badParam } from './ogc.params';
import { Links, OgcService } from './ogc.service';
import { auditRestrictedReads } from '../audit/audit.service';

const GEOJSON = 'application/geo+json';

/** `f=json|html`, else the Accept header (a browser gets HTML; GDAL, QGIS and curl get JSON). */
function wantsHtml(req: Request): boolean {
  const f = req.query.f;
  if (f === undefined) return req.accepts(['application/json', GEOJSON, 'text/html']) === 'text/html';
  if (f === 'html') return true;
  if (f === 'json') return false;
  throw badParam('f', 'f must be json or html');
}

/**
 * OGC API – Features under /ogc (pg_featureserv style): each handler parses the request, asks
 * OgcService, and encodes JSON or HTML. Reads follow the GraphQL rule (requireReader).
 */
export function ogcRouter(services: Services, baseUrl: (req: Request) => string): Router {
  const ogc = new OgcService(services.db, services.config, services.features);
  const router = Router();
  router.use(requireReader(services));

  const send = (req: Request, res: Response, title: string, doc: Record<string, unknown>, type = 'application/json') => {
    res.set('Vary', 'Accept, Cookie, Authorization');
    res.set('Cache-Control', 'private, no-cache');
    if (wantsHtml(req)) res.type('text/html').send(renderHtml(title, doc));
    else res.type(type).send(JSON.stringify(doc));
  };
  const links = (req: Request) => new Links(`${baseUrl(req)}/ogc`);
  const key = (req: Request) => String(req.params.layer);

  router.get('/', route(async (req, res) => send(req, res, 'Chizu OGC API Features', ogc.landing(links(req), wantsHtml(req)))));
  router.get('/conformance', route(async (req, res) => send(req, res, 'Conformance', ogc.conformance(links(req), wantsHtml(req)))));
  router.get('/api', route(async (req, res) => {
    const doc = openApiDocument(`${baseUrl(req)}/ogc`, await res.locals.ctx.layers.all(),
      { default: services.config.featuresPageDefault, max: services.config.featuresPageMax },
      supportedCrs(services.config.planeSrid).map((c) => c.uri));
    res.type('application/vnd.oai.openapi+json;version=3.0').send(JSON.stringify(doc));
  }));
  router.get('/collections', route(async (req, res) => {
    send(req, res, 'Collections', await ogc.collections(res.locals.ctx.layers, links(req), wantsHtml(req)));
  }));
  router.get('/collections/:layer', route(async (req, res) => {
    const doc = await ogc.collection(res.locals.ctx.layers, key(req), links(req), wantsHtml(req));
    send(req, res, `${doc.title} (${doc.id})`, doc);
  }));
  router.get('/collections/:layer/items', route(async (req, res) => {
    const { layer, crs, doc } = await ogc.items(res.locals.ctx.layers, key(req), req.query, links(req), wantsHtml(req));
    res.set('Content-Crs', `<${crs.uri}>`);
    send(req, res, `${layer.nameJa} (${layer.key})`, doc, GEOJSON);
    res.locals.ctx.layers.noteRead(layer.key, doc.numberReturned);
    await auditRestrictedReads(services.db.pool, res.locals.ctx, 'ogc');
  }));
  router.get('/collections/:layer/queryables', route(async (req, res) => {
    const doc = await ogc.queryables(res.locals.ctx.layers, key(req), links(req));
    send(req, res, `${doc.title} queryables`, doc, 'application/schema+json');
  }));
  router.get('/collections/:layer/items/:id', route(async (req, res) => {
    const { layer, crs, version, doc } = await ogc.item(res.locals.ctx.layers, key(req), String(req.params.id), req.query, links(req), wantsHtml(req));
    res.set('ETag', `"${version}"`);
    res.set('Content-Crs', `<${crs.uri}>`);
    send(req, res, `${layer.nameJa} ${doc.id}`, doc, GEOJSON);
    res.locals.ctx.layers.noteRead(layer.key);
    await auditRestrictedReads(services.db.pool, res.locals.ctx, 'ogc');
  }));
  // Part 4: writes take GeoJSON (and JSON Merge Patch); the answer carries the new version as ETag.
  const body = [anonymousBodyLimit(services.config),
    express.json({ limit: '20mb', type: ['application/json', GEOJSON, 'application/merge-patch+json'] })];
  const written = async (req: Request, res: Response, id: string, status: number) => {
    const { version } = await ogc.item(res.locals.ctx.layers, key(req), id, {}, links(req), false);
    res.status(status).set('ETag', `"${version}"`).set('Location', `${links(req).base}/collections/${key(req)}/items/${id}`).end();
  };
  router.post('/collections/:layer/items', body, route(async (req, res) => written(req, res, await writeItem(res.locals.ctx, req, 'create'), 201)));
  router.put('/collections/:layer/items/:id', body, route(async (req, res) => written(req, res, await writeItem(res.locals.ctx, req, 'replace'), 200)));
  router.patch('/collections/:layer/items/:id', body, route(async (req, res) => written(req, res, await writeItem(res.locals.ctx, req, 'patch'), 200)));
  router.delete('/collections/:layer/items/:id', route(async (req, res) => {
    await writeItem(res.locals.ctx, req, 'delete');
    res.status(204).end();
  }));
  router.use(() => { throw notFound('OGC API のパスではありません (not an OGC API path)'); });
  router.use(problemDetails(services.config.abuse.databaseQueueTimeoutMs));
  return router;
}

/** Errors as RFC 9457 problem details; `parameter` names the query parameter at fault. */
const problemDetails = (queueTimeoutMs: number) => (caught: unknown, _req: Request, res: Response, next: NextFunction) => {
  const err = databaseLimitError(caught, queueTimeoutMs) ?? caught;
  if (!(err instanceof AppError)) return next(err);
  if (typeof err.extensions.retryAfter === 'number') res.set('Retry-After', String(err.extensions.retryAfter));
  const status = err instanceof PreconditionError ? err.status
    : err.extensions.code === 'CONFLICT' && err.extensions.currentVersion !== undefined ? 412 : httpStatus(err.extensions.code);
  if (status === 401) res.set('WWW-Authenticate', 'Bearer');
  const { code, field, problems } = err.extensions as Record<string, unknown>;
  const parameter = err.extensions.parameter ?? field;
  res.status(status).type('application/problem+json').send(JSON.stringify({
    type: `https://chizu.invalid/problems/${String(code).toLowerCase()}`,
    title: String(code), status, detail: err.message, code,
    ...(parameter ? { parameter } : {}), ...(problems ? { problems } : {}),
  }));
};
