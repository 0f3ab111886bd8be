import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError, appError } from '../errors';
import { tokenFrom } from '../modules/auth/session-token';

/**
 * A request budget per caller and second, so that one account (or one address without a login)
 * looping on the API cannot starve everyone else: over the budget a request is answered 429 with
 * Retry-After before its body is read or its session looked up.
 *
 * The caller is the credential it sends (session cookie, bearer or Basic token; hashed, never kept
 * as is), not the address: on LGWAN many clerks reach the server through one proxy address.
 * Requests without a credential (the login form, a health check) are counted per address.
 */
export function requestBudget(perSecond: number, json: 'graphql' | 'rest', options: { waitOne?: (req: Request) => boolean } = {}): RequestHandler {
  return budget(1000, perSecond, callerKey, json, () => appError('rateLimited', { perSecond }), options.waitOne);
}

/**
 * The public map's budget: per client address and minute. It is on the internet side and its callers
 * have no login, so the address is all there is (`TRUST_PROXY` gives the real one behind a proxy).
 */
export function publicBudget(perMinute: number): RequestHandler {
  return budget(60_000, perMinute, (req) => `a:${ipKeyGenerator(req.ip ?? '')}`, 'rest', () => appError('publicRateLimited', { perMinute }));
}

/**
 * `waitOne` (the OGC API): a caller's first request over the budget waits for the next window instead of a 429
 * (one at a time per caller; any more at once are refused). A desktop GIS paging through a layer one
 * request after another (GDAL asks 10 features a page) is slowed to the budget, not broken off, while
 * a caller sending many at once is still refused.
 */
function budget(windowMs: number, limit: number, keyGenerator: (req: Request) => string, json: 'graphql' | 'rest', error: () => AppError,
  waitOne: (req: Request) => boolean = () => false): RequestHandler {
  if (limit <= 0) return (_req, _res, next) => next();
  const waiting = new Set<string>();
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8', // RateLimit-Policy / RateLimit: what a well-behaved client reads
    legacyHeaders: false,
    keyGenerator,
    handler: (req, res, next) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const key = keyGenerator(req);
      if (waitOne(req) && !waiting.has(key)) {
        waiting.add(key);
        setTimeout(() => { waiting.delete(key); next(); }, Math.max(0, (resetTime?.getTime() ?? Date.now() + windowMs) - Date.now())).unref();
        return;
      }
      const err = error();
      const { code, reason, params } = err.extensions;
      const retryAfter = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
      res.set('Retry-After', String(retryAfter)).status(429);
      // The shape each client already reads: GraphQL errors on /graphql, { error } elsewhere.
      if (json === 'graphql') res.json({ errors: [{ message: err.message, extensions: { code, reason, params, retryAfter } }] });
      else res.json({ error: { code, message: err.message, reason, params } });
    },
  });
}

function callerKey(req: Request): string {
  const credential = tokenFrom(req);
  if (credential) return `t:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`;
  return `a:${ipKeyGenerator(req.ip ?? '')}`;
}
