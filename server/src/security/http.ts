import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { Config } from '../config';
import { createContext, Services } from '../context';
import { appError } from '../errors';

/**
 * Response headers for every route: a CSP the web app and the print pages live within
 * (MapLibre needs blob: workers and data:/blob: images), no framing by other sites, no MIME sniffing.
 * Attachments are previewed in the app's own iframe, so they may be framed by the same origin.
 */
export function securityHeaders(config: Config, basemapOrigins: () => string[] = () => []): RequestHandler {
  // The deployment's BASEMAP_STYLE_URL and the base maps an administrator listed (read per response,
  // so a base map added or removed takes effect at once): nothing else from outside.
  const configured = config.basemapStyleUrl ? [new URL(config.basemapStyleUrl).origin] : [];
  const listed = () => basemapOrigins().filter((o) => !configured.includes(o)).join(' ');
  const basemapOrigin = [...configured, listed];
  const directives = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"], // MapLibre and React set style attributes
    imgSrc: ["'self'", 'data:', 'blob:', ...basemapOrigin],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", ...basemapOrigin],
    workerSrc: ["'self'", 'blob:'],
    childSrc: ["'self'", 'blob:'],
    frameSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: null, // the city's network may serve plain http
  };
  const options = {
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: false, // HSTS belongs to the TLS proxy, which knows the city's host names
    referrerPolicy: { policy: 'same-origin' as const },
    xFrameOptions: { action: 'deny' as const },
  };
  const page = helmet(options);
  const frameable = helmet({
    ...options,
    contentSecurityPolicy: { useDefaults: false, directives: { ...directives, frameAncestors: ["'self'"] } },
    xFrameOptions: { action: 'sameorigin' },
  });
  return (req, res, next) => (req.path.startsWith('/api/attachments/') ? frameable : page)(req, res, next);
}

const SIMPLE_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * The CSRF rule of Apollo's GraphQL endpoint, for every route: a write must carry a custom header
 * (`apollo-require-preflight` or `x-apollo-operation-name`) or a non-simple content type, which a
 * cross-site form cannot send without a CORS preflight (that we never answer). A browser that says
 * the request is cross-site (Sec-Fetch-Site) is refused outright.
 */
export function csrfGuard(): RequestHandler {
  return (req, _res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    const site = req.get('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') return next(appError('crossSite'));
    if (req.get('apollo-require-preflight') || req.get('x-apollo-operation-name')) return next();
    // An Authorization header is never sent by a cross-site form either (desktop GIS DELETEs carry no body or type).
    if (req.get('authorization')?.startsWith('Bearer ')) return next();
    const type = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!type || SIMPLE_CONTENT_TYPES.includes(type)) {
      return next(appError('simpleContentType'));
    }
    next();
  };
}

/** Finds the caller's session before any body is read, and leaves the request context in res.locals.ctx. */
export function resolveSession(services: Services, options: { leaveRefusalToRoute?: boolean } = {}): RequestHandler {
  return (req, res, next) => {
    if (res.locals.ctx) return next();
    createContext(services, req, res).then((ctx) => { res.locals.ctx = ctx; next(); })
      // leaveRefusalToRoute: a refused caller (a read-only token's write …) goes on without a context, and the
      // route's own reader check refuses it again in the route's format (the OGC API's problem details).
      .catch((err: unknown) => (options.leaveRefusalToRoute ? next() : next(err)));
  };
}

/**
 * Callers without a session may send only small bodies (a login, a query): a declared larger body is
 * refused with 413 before it is read, and the connection is closed so that the rest is never read.
 * Bodies without a length are cut by the parser's limit (`bodyLimit`).
 */
export function anonymousBodyLimit(config: Config): RequestHandler {
  return (req, res, next) => {
    if (res.locals.ctx?.user) return next();
    const length = Number(req.get('content-length') ?? 0);
    if (length > config.abuse.anonymousBodyBytes) {
      res.set('Connection', 'close');
      res.status(413).json({ error: { code: 'BAD_USER_INPUT', message: 'ログイン前の要求が大きすぎます (request too large before login)' } });
      return;
    }
    next();
  };
}

/**
 * A GraphQL body larger than GRAPHQL_BODY_KB is refused before it is read or parsed (413, the
 * connection closed): a 0.6 MB list of 10,000 filters would otherwise be parsed into objects before
 * the cost model could count and refuse it. A body without a declared length is cut by the parser
 * at the same limit (`graphqlBodyTooLarge`).
 */
export function graphqlBodyLimit(config: Config): RequestHandler {
  return (req, res, next) => {
    if (Number(req.get('content-length') ?? 0) <= config.abuse.graphqlBodyBytes) return next();
    res.set('Connection', 'close');
    sendGraphqlTooLarge(res, config);
  };
}

/** The body parser's own "too large" (a body without a declared length), as the same GraphQL error. */
export function graphqlBodyTooLarge(config: Config): ErrorRequestHandler {
  return (err, _req, res, next) => {
    // Before login the anonymous limit is the one that was exceeded (anonymousBodyLimit's answer).
    if ((err as { type?: string })?.type !== 'entity.too.large' || !res.locals.ctx?.user) return next(err);
    sendGraphqlTooLarge(res, config);
  };
}

function sendGraphqlTooLarge(res: Response, config: Config) {
  const err = appError('graphqlTooLarge', { maxKb: Math.floor(config.abuse.graphqlBodyBytes / 1024) });
  res.status(413).json({ errors: [{ message: err.message, extensions: err.extensions }] });
}

/**
 * The JSON body parser with the caller's limit: small before login, `fullLimit` after. `verify` sees
 * the raw body before it is parsed (the cost budget charges its size).
 */
export function jsonBody(config: Config, fullLimit: string | number, verify?: (req: Request, res: Response, body: Buffer) => void): RequestHandler {
  const check = verify && ((req: IncomingMessage, res: ServerResponse, body: Buffer) => verify(req as Request, res as Response, body));
  const full = express.json({ limit: fullLimit, verify: check });
  const small = express.json({ limit: config.abuse.anonymousBodyBytes, verify: check });
  return (req, res, next) => (res.locals.ctx?.user ? full : small)(req, res, next);
}

/**
 * The base URL of this service as the user reaches it, for URLs the server writes into responses
 * (TileJSON). PUBLIC_URL wins; behind a trusted proxy (TRUST_PROXY) its X-Forwarded-Proto/Host/Prefix
 * are used; otherwise the Host header, only when it is a plain host[:port].
 */
export function publicBaseUrl(req: Request, config: Config): string {
  if (config.abuse.publicUrl) return config.abuse.publicUrl;
  const host = config.abuse.trustProxy ? (req.get('x-forwarded-host')?.split(',')[0].trim() || req.get('host')) : req.get('host');
  if (!host || !/^([a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*|\[[0-9a-fA-F:.]+\])(:\d{1,5})?$/.test(host)) {
    throw appError('badHost');
  }
  let prefix = '';
  if (config.abuse.trustProxy) {
    prefix = (req.get('x-forwarded-prefix') ?? '').split(',')[0].trim().replace(/\/+$/, '');
    if (prefix && !/^(\/[\w.~-]+)+$/.test(prefix)) throw appError('badForwardedPrefix');
  }
  // With `trust proxy` set, express takes req.protocol from X-Forwarded-Proto.
  return `${req.protocol === 'https' ? 'https' : 'http'}://${host}${prefix}`;
}

/** Express's `trust proxy` value from TRUST_PROXY: true, a hop count, or addresses/subnets. */
export function trustProxySetting(value: string | undefined): boolean | number | string {
  if (!value) return false;
  if (/^(true|yes|on)$/i.test(value)) return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
