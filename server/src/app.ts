// type-graphql's decorators need the metadata polyfill before any GraphQL type is loaded.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import compression from 'compression';
import express, { NextFunction, Request, Response } from 'express';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { expressMiddleware } from '@as-integrations/express5';
import { GraphQLError, GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import { Config } from './config';
import { Context, createServices, requestContext, Services } from './context';
import { Database } from './db/database';
import { AppError, appError, httpStatus } from './errors';
import { requireUser } from './modules/auth/permissions';
import { requireReader } from './http';
import { attachmentRouter } from './modules/attachments/attachment.route';
import { basemapRouter } from './modules/city/basemap.route';
import { surveyRouter } from './modules/survey/survey.route';
import { exportRouter } from './modules/exports/export.route';
import { printRouter } from './modules/print/print.route';
import { tileRouter } from './modules/tiles/tile.route';
import { TileCache } from './modules/tiles/tile.cache';
import { importRouter } from './modules/imports/import.route';
import { backupRouter } from './backup/backup.route';
import { ogcRouter } from './modules/ogc/ogc.route';
import { publicRouter } from './modules/public/public.route';
import { liveRouter } from './modules/live/live.route';
import { auditRouter } from './modules/audit/audit.route';
import { tokenScopePlugin } from './modules/auth/token.service';
import { auditRestrictedReads } from './modules/audit/audit.service';
import { rasterApiRouter, rasterTileRouter } from './modules/rasters/raster.route';
import { stringifyResponse } from './raw-json';
import { maxOperationPoints, operationGuardPlugin } from './security/cost';
import { databaseLimitError } from './security/timeout';
import { anonymousBodyLimit, csrfGuard, graphqlBodyLimit, graphqlBodyTooLarge, jsonBody, publicBaseUrl, resolveSession, securityHeaders, trustProxySetting } from './security/http';
import { CostBudget, costBudgetPlugin, costGate, jsonBodyCharge, markUnbudgeted, noteOperationPoints, publicBudget, requestBudget } from './security/rate-limit';
import { buildGraphQLSchema } from './schema';
import { featuresFastPathPlugin } from './modules/features/feature.fastpath';

/** Path prefixes served by the API; the web app's client routes are everything else without a file extension. */
export const API_PREFIXES = ['graphql', 'api', 'tiles', 'ogc'];
export const SPA_ROUTE = new RegExp(`^/(?!(${API_PREFIXES.join('|')})(/|$))[^.]*$`);

/** Operations anyone may call: logging in needs no session. */
// Introspection needs a session: the schema is not shown to strangers (nor hinted at in errors).
const PUBLIC_ROOT_FIELDS = new Set(['login', 'logout', 'me', '__typename']);

/** Default-deny: every operation needs a session unless all its root fields are public. */
function requireSessionPlugin(config: Config): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (contextValue.user || !operation) return;
          if (config.allowAnonymousRead && operation.operation === 'query') return;
          const roots = rootFieldNames(operation);
          if (roots.some((name) => !PUBLIC_ROOT_FIELDS.has(name))) requireUser(contextValue.user);
        },
      };
    },
  };
}

/**
 * A request refused before it runs (no session, a read-only token's write, the cost limits) is
 * answered with its code's HTTP status — 401 UNAUTHENTICATED, 403 FORBIDDEN, 400, 429 — instead of
 * the 500 Apollo gives errors thrown by plugins. The body is unchanged (clients read its code). An
 * executed operation keeps 200 whatever its errors: its data may be partial.
 */
function refusalStatusPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || 'data' in response.body.singleResult || response.http.status !== 500) return;
          const status = httpStatus(response.body.singleResult.errors?.[0]?.extensions?.code);
          if (status !== 500) response.http.status = status;
        },
      };
    },
  };
}

/** Personal data read by an operation goes into the audit log as one row per request (not per feature). */
function restrictedReadsPlugin(db: Database): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName }) {
          await auditRestrictedReads(db.pool, contextValue, 'graphql', operationName);
        },
      };
    },
  };
}

function rootFieldNames(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((s) =>
    s.kind === 'Field' ? [s.name.value] : ['(fragment)']); // fragments at the root are not public
}

/** Known errors keep their code and message; anything else becomes a generic error (no SQL, no stack). */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: (m: string) => void, queueTimeoutMs = 0): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const timedOut = databaseLimitError(original, queueTimeoutMs);
  if (timedOut) return { message: timedOut.message, path: formatted.path, extensions: { ...timedOut.extensions } };
  if (original instanceof AppError) return { message: original.message, path: formatted.path, extensions: { ...original.extensions } };
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError || (code && code !== 'INTERNAL_SERVER_ERROR')) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  log(`internal error: ${(original as Error)?.stack ?? String(original)}`);
  return { message: 'サーバー内部エラー (internal server error)', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export interface ChizuServer {
  app: express.Express;
  httpServer: http.Server;
  services: Services;
  /** Starts listening; resolves with the port. */
  listen(port: number): Promise<number>;
  stop(): Promise<void>;
}

export async function createServer(db: Database, config: Config, log: (m: string) => void = console.log): Promise<ChizuServer> {
  const services = createServices(db, config);
  await services.rasters.recoverAbandoned();
  // Uploads nobody committed: at start and every hour after.
  const purgeImports = () => services.imports.purgeStale().catch((err: unknown) => log(`import purge failed: ${String(err)}`));
  await purgeImports();
  const importPurge = setInterval(() => void purgeImports(), 3600_000).unref();
  await services.basemaps.refresh();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(config.abuse.trustProxy));
  app.use(securityHeaders(config, () => services.basemaps.cspOrigins()), csrfGuard());
  app.use(compression()); // the client's JavaScript and GeoJSON shrink to a fraction
  app.use(markUnbudgeted((req) => services.print.isPrintPage(req)));
  const httpServer = http.createServer(app);
  const { points, perSecond } = config.abuse.costBudget;
  const costBudget = new CostBudget(points, perSecond, maxOperationPoints(config.abuse.graphql));
  const apollo = new ApolloServer<Context>({
    schema: buildGraphQLSchema(),
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: config.abuse.graphql.maxTokens }, // a huge document is refused while parsing
    hideSchemaDetailsFromClientErrors: true, // no "Did you mean …?": the schema is not a public document
    formatError: (formatted, error) => formatError(formatted, error, log, config.abuse.databaseQueueTimeoutMs),
    stringifyResult: stringifyResponse, // splices in the JSON text of features (RawJSON)
    // Cache-control hints would wrap every field of every feature in a resolver hook; we send no hints.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginCacheControlDisabled(), requireSessionPlugin(config),
      operationGuardPlugin<Context>(config.abuse.graphql, config.featuresPageDefault, (ctx, cost) => noteOperationPoints(ctx.res, cost)),
      costBudgetPlugin(costBudget), tokenScopePlugin(), restrictedReadsPlugin(db), refusalStatusPlugin(),
      // After every check above; reads config per request, so a test can compare both paths on one server.
      featuresFastPathPlugin(() => config.featuresFastPath)],
  });
  await apollo.start();

  // The session is known before the body is read (resolveSession), so the body limit can depend on it.
  const context = ({ req, res }: { req: Request; res: Response }) => requestContext(services, req, res);
  const budget = config.abuse.requestsPerSecond;
  // One chain (one budget) for both sub-apps below.
  // The cost budget's gate comes before the body limits: an empty bucket is a 429 whatever is sent.
  const graphqlChain = [requestBudget(budget.api, 'graphql'), resolveSession(services),
    costGate(costBudget, 'graphql', 0, config.abuse.graphqlBodyBytes), anonymousBodyLimit(config), graphqlBodyLimit(config),
    jsonBody(config, config.abuse.graphqlBodyBytes, jsonBodyCharge(costBudget)), graphqlBodyTooLarge(config), expressMiddleware(apollo, { context })];
  // POSTed queries and mutations carry no ETag: hashing every response body would be wasted.
  const graphqlPost = express().set('etag', false).disable('x-powered-by').use(graphqlChain);
  // Read queries the web client sends as GET get a weak ETag of their body and must be revalidated,
  // so an unchanged answer (a reload's layers and features) is a 304 without a body.
  const revalidate: express.RequestHandler = (_req, res, next) => { res.set('Cache-Control', 'private, no-cache'); next(); };
  // Anything else leaves this sub-app for the next one ('router' ends the sub-app's own router).
  const readsOnly: express.RequestHandler = (req, _res, next) => next(req.method === 'GET' || req.method === 'HEAD' ? undefined : 'router');
  const graphqlGet = express().set('etag', 'weak').disable('x-powered-by').use(readsOnly, revalidate, graphqlChain);
  // Mounted, not called: a mounted sub-app inherits the app's settings (trust proxy, so req.ip is the client's).
  app.use('/graphql', graphqlGet, graphqlPost);

  const reader = requireReader(services);
  // Each family its own budget: a burst of tiles does not spend the API's.
  app.use(['/api', '/ogc'], requestBudget(budget.api, 'rest', { waitOne: (req) => req.baseUrl === '/ogc' }),
    resolveSession(services, { leaveRefusalToRoute: true }), costGate(costBudget, 'rest', 1, config.abuse.graphqlBodyBytes));
  app.use('/tiles', requestBudget(budget.tiles, 'rest'));
  app.get('/api/health', (_req, res) => { res.json({ ok: true, database: db.kind }); });
  app.use('/api/basemap', reader, basemapRouter(services));
  app.use('/api', reader, anonymousBodyLimit(config), attachmentRouter(services), surveyRouter(services), printRouter(services));
  app.use('/api', reader, exportRouter(services));
  app.use('/api', reader, backupRouter(services));
  app.use('/api', reader, anonymousBodyLimit(config), importRouter(services));
  app.use('/api', reader, liveRouter(services));
  app.use('/api', reader, auditRouter(services));
  // Raster uploads stream their body themselves (up to RASTER_MAX_MB): no body parser, no anonymous limit.
  app.use('/api', reader, rasterApiRouter(services));
  app.use('/tiles/raster', reader, rasterTileRouter(services, (req) => publicBaseUrl(req, config), new TileCache(config.tileCacheMb * 1024 * 1024, false)));
  app.use('/tiles', reader, tileRouter(services, (req) => publicBaseUrl(req, config), undefined, new TileCache(config.tileCacheMb * 1024 * 1024)));
  app.use('/ogc', ogcRouter(services, (req) => publicBaseUrl(req, config)));
  // The public map (公開型GIS): no session is read or needed; it serves published layers and nothing else.
  // Its own rate limit per client address covers the page itself, its API and its tiles.
  app.use('/public', publicBudget(config.publicRatePerMinute));
  app.use('/public/api/basemap', basemapRouter(services, { roads: false }));
  app.use('/public', publicRouter(services, new TileCache(Math.min(16, config.tileCacheMb) * 1024 * 1024)));
  // API paths never fall through to the web app: an unknown one is a 404.
  app.use(API_PREFIXES.map((p) => `/${p}`), () => { throw appError('noSuchApiPath'); });

  // A deployment with its own basemap server (e.g. on LGWAN) points the client at it.
  if (config.basemapStyleUrl) app.get('/config.json', (_req, res) => { res.json({ basemap: { styleUrl: config.basemapStyleUrl } }); });
  if (fs.existsSync(path.join(config.webDist, 'index.html'))) {
    app.use(express.static(config.webDist, {
      index: 'index.html', maxAge: '1h',
      setHeaders: (res, file) => { if (file.endsWith('.pbf')) res.setHeader('Content-Type', 'application/x-protobuf'); },
    }));
    // Client routes (no file extension) get the app; a missing asset (glyph, script) stays a 404.
    app.get(SPA_ROUTE, (_req, res) => res.sendFile(path.join(config.webDist, 'index.html')));
  }

  app.use((caught: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const err = databaseLimitError(caught, config.abuse.databaseQueueTimeoutMs) ?? caught;
    const code = (err as AppError)?.extensions?.code;
    if (err instanceof AppError) {
      if (typeof err.extensions.retryAfter === 'number') res.set('Retry-After', String(err.extensions.retryAfter));
      // A catalogued error keeps its reason and params, so a client translates it as in GraphQL.
      const { reason, params } = err.extensions;
      res.status(httpStatus(code)).json({ error: { code, message: err.message, ...(reason ? { reason, params } : {}) } });
      return;
    }
    // Body-parser errors (too large, malformed JSON) carry a safe status and message.
    const httpErr = err as { status?: number; expose?: boolean; type?: string; message?: string };
    if (httpErr?.expose && typeof httpErr.status === 'number' && httpErr.status < 500) {
      const tooLarge = httpErr.type === 'entity.too.large';
      res.status(httpErr.status).json({ error: { code: 'BAD_USER_INPUT', message: tooLarge ? 'the request is too large' : httpErr.message } });
      return;
    }
    log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'internal server error' } });
  });

  return {
    app, httpServer, services,
    listen: (port) => new Promise((resolve) => httpServer.listen(port, () => resolve((httpServer.address() as { port: number }).port))),
    async stop() {
      clearInterval(importPurge);
      await services.print.close();
      await services.imports.close();
      await services.tokens.uses.flush();
      services.events.close();
      await apollo.stop();
      httpServer.close();
    },
  };
}
