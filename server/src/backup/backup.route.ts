import { Router } from 'express';
import { Services } from '../context';
import { appError } from '../errors';
import { route } from '../http';
import { requireAdmin } from '../modules/auth/permissions';

/**
 * GET /api/admin/backup (administrators, embedded database): a consistent copy of the running
 * PGlite database as a gzipped tar. `npm run backup` calls it and writes the manifest.
 */
export function backupRouter(services: Services): Router {
  const router = Router();
  router.get('/admin/backup', route(async (_req, res) => {
    requireAdmin(res.locals.ctx.user);
    const dump = services.db.dumpDataDir;
    if (!dump) throw appError('backupWithPgDump');
    const data = Buffer.from(await (await dump()).arrayBuffer());
    res.setHeader('Content-Type', 'application/gzip');
    res.setHeader('Content-Length', String(data.length));
    res.setHeader('Cache-Control', 'no-store');
    res.end(data);
  }));
  return router;
}
