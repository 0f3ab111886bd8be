import { Router } from 'express';
import { Services } from '../../context';
import { route } from '../../http';
import { appError } from '../../errors';
import { contentDisposition } from '../exports/export.route';
import { actorOf } from './audit.service';
import { AuditFilter } from './audit.type';

function date(value: unknown, name: string): Date | null {
  if (typeof value !== 'string' || !value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw appError('notADate', { field: name }, { field: name });
  return d;
}

/** GET /api/audit.csv?username=&kind=&from=&until=: the filtered audit log as CSV (administrators). */
export function auditRouter(services: Services): Router {
  const router = Router();
  router.get('/audit.csv', route(async (req, res) => {
    const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
    const filter: AuditFilter = {
      username: str(req.query.username), kind: str(req.query.kind), from: date(req.query.from, 'from'), until: date(req.query.until, 'until'),
    };
    let started = false;
    await services.audit.writeCsv(actorOf(res.locals.ctx), filter, (chunk) => {
      if (!started) {
        started = true;
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', contentDisposition('監査ログ.csv'));
        res.setHeader('Cache-Control', 'no-store');
      }
      res.write(chunk);
    });
    res.end();
  }));
  return router;
}
