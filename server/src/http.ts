import { NextFunction, Request, Response } from 'express';
import { requestContext, Services } from './context';
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
    requestContext(services, req, res).then((ctx) => {
      requireReadAccess(ctx.user, services.config.allowAnonymousRead);
      res.locals.ctx = ctx;
      next();
    }).catch(next);
  };
}
