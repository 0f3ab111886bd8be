import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ApolloServerPlugin } from '@apollo/server';
import { AppError, appError } from '../errors';
import { tokenFrom } from '../modules/auth/session-token';
import type { SessionUser } from '../modules/auth/permissions';

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
 * Marks the requests the budgets let through uncharged: those of a printed sheet, made by the
 * server's own Chromium for a print the caller was already charged for (print.service.ts
 * `isPrintPage`). Refusing them halfway would fail the sheet after it took its render slot.
 */
export function markUnbudgeted(test: (req: Request) => boolean): RequestHandler {
  return (req, res, next) => {
    if (test(req)) res.locals.unbudgeted = true;
    next();
  };
}

const unbudgeted = (res: Response) => res.locals.unbudgeted === true;

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
    skip: (_req, res) => unbudgeted(res),
    handler: (req, res, next) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const untilReset = (resetTime?.getTime() ?? Date.now() + windowMs) - Date.now();
      const key = keyGenerator(req);
      if (waitOne(req) && !waiting.has(key)) {
        waiting.add(key);
        setTimeout(() => { waiting.delete(key); next(); }, Math.max(0, untilReset)).unref();
        return;
      }
      tooMany(res, error(), Math.ceil(untilReset / 1000), json);
    },
  });
}

/** A 429 with Retry-After, in the shape each client already reads: GraphQL errors on /graphql, { error } elsewhere. */
function tooMany(res: Response, err: AppError, seconds: number, json: 'graphql' | 'rest') {
  const { code, reason, params } = err.extensions;
  const retryAfter = Math.max(1, seconds);
  res.set('Retry-After', String(retryAfter)).status(429);
  if (json === 'graphql') res.json({ errors: [{ message: err.message, extensions: { code, reason, params, retryAfter } }] });
  else res.json({ error: { code, message: err.message, reason, params } });
}

function callerKey(req: Request): string {
  const credential = tokenFrom(req);
  if (credential) return `t:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`;
  return `a:${ipKeyGenerator(req.ip ?? '')}`;
}

/** Points a GraphQL body costs per full 16 KB: parsing a large body is work even when it is refused. */
const BODY_BYTES_PER_POINT = 16 * 1024;

/**
 * The cost budget per caller: a bucket of cost points (a leaky bucket, as Shopify's and GitHub's
 * GraphQL APIs meter their callers) that refills at `perSecond` up to `points`. A GraphQL operation is
 * charged what it asks for (security/cost.ts `operationPoints`) plus its body's size; one refused by
 * the cost limits, or not even parsed or valid, is charged the most an allowed one may cost
 * (`maxCharge`); a request to /api or /ogc costs one point. A caller whose bucket is empty is
 * answered 429 (`costBudgetExhausted`) with Retry-After before its body is read or parsed, so that
 * refused work cannot be repeated at the price of its parsing. The bucket may go below zero (an
 * operation already under way is charged in full); the caller then waits until it is above zero again.
 *
 * The caller is the logged-in user (all its sessions and access tokens share one bucket); without
 * a login, the client address. Keys are in memory, per server process.
 */
export class CostBudget {
  private readonly buckets = new Map<string, { level: number; at: number }>();
  private swept = 0;

  constructor(readonly points: number, readonly perSecond: number, readonly maxCharge: number, private readonly now: () => number = Date.now) {}

  get enabled(): boolean { return this.points > 0; }

  /** The bucket's key: the user, or the address without a login. */
  key(req: Request, user: SessionUser | null | undefined): string {
    return user ? `u:${user.id}` : `a:${ipKeyGenerator(req.ip ?? '')}`;
  }

  /** The caller's points now, refilled since it was last charged. */
  level(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.points;
    return Math.min(this.points, bucket.level + ((this.now() - bucket.at) / 1000) * this.perSecond);
  }

  /** Takes points from the caller's bucket; returns what is left. */
  charge(key: string, points: number): number {
    const level = this.level(key) - points;
    this.buckets.set(key, { level, at: this.now() });
    this.sweep();
    return level;
  }

  /** Whole seconds until a caller with `level` points has one again. */
  retryAfter(level: number): number {
    return Math.ceil((1 - level) / this.perSecond);
  }

  /** Full buckets are forgotten (a full bucket and no bucket are the same), at most once a minute. */
  private sweep() {
    const now = this.now();
    if (now - this.swept < 60_000) return;
    this.swept = now;
    for (const key of [...this.buckets.keys()]) if (this.level(key) >= this.points) this.buckets.delete(key);
  }
}

/** What this request has been charged so far, and what its operation is to be charged (res.locals). */
interface Charges { charged?: number; operationPoints?: number }
const chargesOf = (res: Response) => res.locals as Charges;

/**
 * Charges this request's caller (res.locals.ctx has the caller: after resolveSession); returns the
 * budget headers: what the request has cost so far and what is left.
 */
function chargeRequest(budget: CostBudget, req: Request, res: Response, points: number): Record<string, string> {
  if (unbudgeted(res)) return {};
  const left = budget.charge(budget.key(req, res.locals.ctx?.user), points);
  const charges = chargesOf(res);
  charges.charged = (charges.charged ?? 0) + points;
  return { 'x-cost-charged': String(charges.charged), 'x-cost-remaining': String(Math.max(0, Math.floor(left))) };
}

/**
 * The gate in front of GraphQL, /api and /ogc, after the session is known and before the body is
 * read: an empty bucket is a 429 at once. A declared body larger than `drainBytes` (or one of unknown
 * length) is not even drained: the connection is closed after the answer. REST requests are charged
 * `points` here; GraphQL is charged by `jsonBodyCharge` and `costBudgetPlugin` once its cost is known.
 */
export function costGate(budget: CostBudget, json: 'graphql' | 'rest', points: number, drainBytes: number): RequestHandler {
  if (!budget.enabled) return (_req, _res, next) => next();
  return (req, res, next) => {
    if (unbudgeted(res)) return next();
    const level = budget.level(budget.key(req, res.locals.ctx?.user));
    if (level >= 1) {
      if (points) res.set(chargeRequest(budget, req, res, points));
      return next();
    }
    const length = req.get('content-length');
    if ((length === undefined && req.get('transfer-encoding')) || Number(length ?? 0) > drainBytes) res.set('Connection', 'close');
    const seconds = budget.retryAfter(level);
    res.set('x-cost-remaining', '0');
    tooMany(res, appError('costBudgetExhausted', { points: budget.points, perSecond: budget.perSecond, seconds }), seconds, json);
  };
}

/** The body parser's `verify`: a GraphQL body costs its size in points, whether or not it parses. */
export function jsonBodyCharge(budget: CostBudget): (req: Request, res: Response, body: Buffer) => void {
  return (req, res, body) => { if (budget.enabled) chargeRequest(budget, req, res, Math.floor(body.length / BODY_BYTES_PER_POINT)); };
}

/** security/cost.ts `operationGuardPlugin`'s `measured`: the points of an operation within the limits. */
export function noteOperationPoints(res: Response | undefined, points: number): void {
  if (res) chargesOf(res).operationPoints = points;
}

/**
 * Charges each GraphQL operation when its answer goes out: its measured points, or the maximum when
 * it was refused by the cost limits, did not parse or was not valid (nothing was measured).
 */
export function costBudgetPlugin(budget: CostBudget): ApolloServerPlugin<{ req?: Request; res?: Response }> {
  return {
    async requestDidStart() {
      if (!budget.enabled) return;
      return {
        async willSendResponse({ contextValue: { req, res }, response }) {
          if (!req || !res) return;
          const headers = chargeRequest(budget, req, res, chargesOf(res).operationPoints ?? budget.maxCharge);
          for (const [name, value] of Object.entries(headers)) response.http.headers.set(name, value);
        },
      };
    },
  };
}
