import express, { Router } from 'express';
import { Services } from '../../context';
import { badInput } from '../../errors';
import { route } from '../../http';

/** Upload of an import file (raw body, ?filename=…&layer=…) and the refused rows of its dry run as CSV. */
export function importRouter(services: Services): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: services.config.importMaxBytes + 1 });
  router.post('/imports', raw, route(async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const options = req.query.options ? parseOptions(String(req.query.options)) : {};
    if (req.query.layer) options.layer = String(req.query.layer);
    const id = await services.imports.upload(res.locals.ctx.user, String(req.query.filename ?? ''), body, options);
    res.status(201).json({ id });
  }));
  router.get('/imports/:id/refused.csv', route(async (req, res) => {
    const csv = await services.imports.refusedCsv(res.locals.ctx.user, String(req.params.id));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="import-${req.params.id}-refused.csv"`);
    res.end(csv);
  }));
  return router;
}

function parseOptions(text: string): Record<string, unknown> {
  try {
    const o = JSON.parse(text);
    if (o && typeof o === 'object' && !Array.isArray(o)) return o;
  } catch { /* refused below */ }
  throw badInput('options must be a JSON object', { field: 'options' });
}
