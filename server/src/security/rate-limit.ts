import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
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
export function requestBudget(perSecond: number, json: 'graphql' | 'rest'): RequestHandler {
  return budget(1000, perSecond, callerKey, json, () => appError('rateLimited', { perSecond }));
}

/**
 * The public map's budget: per client address and minute. It is on the internet side and its callers
 * have no login, so the address is all there is (`TRUST_PROXY` gives the real one behind a proxy).
 */
export function publicBudget(perMinute: number): RequestHandler {
  return budget(60_000, perMinute, (req) => `a:${ipKeyGenerator(req.ip ?? '')}`, 'rest', () => appError('publicRateLimited', { perMinute }));
}

function budget(windowMs: number, limit: number, keyGenerator: (req: Request) => string, json: 'graphql' | 'rest', error: () => AppError): RequestHandler {
  if (limit <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8', // RateLimit-Policy / RateLimit: what a well-behaved client reads
    legacyHeaders: false,
    keyGenerator,
    handler: (req, res) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      tooMany(res, error(), Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000)), json);
    },
  });
}

/** 429 with Retry-After, in the shape each client already reads: GraphQL errors on /graphql, { error } elsewhere. */
function tooMany(res: Response, err: AppError, retryAfter: number, json: 'graphql' | 'rest') {
  const { code, reason, params } = err.extensions;
  res.set('Retry-After', String(retryAfter)).status(429);
  if (json === 'graphql') res.json({ errors: [{ message: err.message, extensions: { code, reason, params, retryAfter } }] });
  else res.json({ error: { code, message: err.message, reason, params } });
}

/**
 * At most `max` requests of one caller (as for the budget: its credential, or its address without
 * one) in flight at once. Each waiting request holds a place in the database's queue (the embedded
 * database has one connection), so a caller opening many heavy requests in parallel would put everyone
 * else behind all of them; beyond `max` the answer is 429 with Retry-After at once, before the body is
 * read. `exempt`: long-lived requests that wait by design (the live event stream).
 */
export function inFlightLimit(max: number, json: 'graphql' | 'rest', exempt: (req: Request) => boolean = () => false): RequestHandler {
  if (max <= 0) return (_req, _res, next) => next();
  const inFlight = new Map<string, number>();
  return (req, res, next) => {
    if (exempt(req)) return next();
    const key = callerKey(req);
    const n = inFlight.get(key) ?? 0;
    if (n >= max) return tooMany(res, appError('tooManyInFlight', { max }), 1, json);
    inFlight.set(key, n + 1);
    let released = false;
    // 'close' comes for every response, finished or abandoned by the caller.
    res.once('close', () => {
      if (released) return;
      released = true;
      const left = (inFlight.get(key) ?? 1) - 1;
      if (left > 0) inFlight.set(key, left); else inFlight.delete(key);
    });
    next();
  };
}

function callerKey(req: Request): string {
  const credential = tokenFrom(req);
  if (credential) return `t:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`;
  return `a:${ipKeyGenerator(req.ip ?? '')}`;
}
