import { Router } from 'express';
import { Services } from '../../context';
import { appError } from '../../errors';
import { route } from '../../http';
import { serverTiming, SHEET_KINDS, SheetFormat, SheetKind, sheetQuery } from './print.service';
import { actorOf, recordAudit } from '../audit/audit.service';

/**
 * GET /api/print/enquiry.pdf|png?lon&lat&scale&paper&layers&date   窓口案内図
 * GET /api/print/route.pdf|png?routeNo&paper&date                  道路台帳 route sheet
 * GET /api/print/boundary.pdf|png?featureId&paper&date             境界確定図 (座標求積表)
 * GET /api/print/plan.pdf|png?routeNo&scale&paper&date          道路台帳平面図 over pages (PNG: the index page)
 * GET /api/print/map.pdf|png?lon&lat&scale&paper&layers&title&note&redline&date   the map as seen
 */
export function printRouter(services: Services): Router {
  const router = Router();
  router.get('/print/:kind.:format', route(async (req, res) => {
    const kind = String(req.params.kind) as SheetKind;
    const format = String(req.params.format) as SheetFormat;
    if (!SHEET_KINDS.includes(kind) || !['pdf', 'png'].includes(format)) throw appError('printKind', { kinds: SHEET_KINDS.join(', ') });
    const query = sheetQuery(kind, req.query as Record<string, unknown>);
    const baseUrl = `http://127.0.0.1:${req.socket.localPort}`;
    const gone = new AbortController();
    res.on('close', () => { if (!res.writableFinished) gone.abort(); });
    const userKey = res.locals.ctx.user ? `user:${res.locals.ctx.user.id}` : `address:${req.ip}`;
    const { body, timing } = await services.print.render(userKey, baseUrl, kind, query, format, res.locals.ctx.token, gone.signal);
    await recordAudit(services.db.pool, { kind: 'print', actor: actorOf(res.locals.ctx), target: kind,
      details: { format, ...Object.fromEntries(query) } });
    const name = { enquiry: `窓口案内図_${query.get('date')}`, route: `道路台帳_${query.get('routeNo')}`, boundary: `境界確定図_${query.get('featureId')}`, map: `地図_${query.get('date')}`, plan: `道路台帳平面図_${query.get('routeNo')}` }[kind];
    res.setHeader('Server-Timing', serverTiming(timing));
    res.setHeader('Content-Type', format === 'pdf' ? 'application/pdf' : 'image/png');
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`);
    res.end(body);
  }));
  return router;
}
