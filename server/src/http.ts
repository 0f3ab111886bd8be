import { NextFunction, Request, Response } from 'express';
import { Context, createContext, Services } from './context';
import { requireReader as requireReadAccess } from './modules/auth/permissions';

/** Wraps an async route so that its errors reach the error handler (AppErrors become HTTP statuses). */
export function route(fn: (req: Request, res: Response) => Promise<unknown>) {
  return (req: Request, res: Response, next: NextFunction) => { fn(req, res).catch(next); };
}

/**
 * REST routes share the GraphQL read rule: a session, unless anonymous reading is allowed.
 * The request context (with the caller) is left in res.locals.ctx for the route.
 */
export function requireReader(services: Services) {
  return (req: Request, res: Response, next: NextFunction) => {
    // The budget's gate (app.ts) may have found the caller already.
    (res.locals.ctx ? Promise.resolve(res.locals.ctx as Context) : createContext(services, req, res)).then((ctx) => {
      requireReadAccess(ctx.user, services.config.allowAnonymousRead);
      res.locals.ctx = ctx;
      next();
    }).catch(next);
  };
}
