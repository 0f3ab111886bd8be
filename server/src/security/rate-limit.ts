import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { appError } from '../errors';
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
  if (perSecond <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 1000,
    limit: perSecond,
    standardHeaders: 'draft-8', // RateLimit-Policy / RateLimit: what a well-behaved client reads
    legacyHeaders: false,
    keyGenerator: callerKey,
    handler: (_req, res) => {
      const err = appError('rateLimited', { perSecond });
      const { code, reason, params } = err.extensions;
      res.set('Retry-After', '1').status(429);
      // The shape each client already reads: GraphQL errors on /graphql, { error } elsewhere.
      if (json === 'graphql') res.json({ errors: [{ message: err.message, extensions: { code, reason, params, retryAfter: 1 } }] });
      else res.json({ error: { code, message: err.message, reason, params } });
    },
  });
}

function callerKey(req: Request): string {
  const credential = tokenFrom(req);
  if (credential) return `t:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`;
  return `a:${ipKeyGenerator(req.ip ?? '')}`;
}
