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
      const err = error();
      const { code, reason, params } = err.extensions;
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
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
