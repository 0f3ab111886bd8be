import express, { Router } from 'express';
import { Services } from '../../context';
import { route } from '../../http';
import { LayerCatalog } from '../layers/layer.service';
import { actorOf, recordAudit } from '../audit/audit.service';

/** Upload (raw body, file name in ?filename=) and download of attachments; the caller's session is in res.locals.ctx. */
export function attachmentRouter(services: Services): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: services.config.attachmentMaxBytes + 1 });
  router.post('/features/:id/attachments', raw, route(async (req, res) => {
    const layers = await new LayerCatalog(services.layers, res.locals.ctx.user).all();
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const info = await services.attachments.upload(res.locals.ctx.user, layers, String(req.params.id), String(req.query.filename ?? ''), body,
      actorOf(res.locals.ctx));
    res.status(201).json(info);
  }));
  router.get('/attachments/:id', route(async (req, res) => {
    const layers = await new LayerCatalog(services.layers, res.locals.ctx.user).all();
    const file = await services.attachments.download(res.locals.ctx.user, layers, String(req.params.id));
    await recordAudit(services.db.pool, { kind: 'attachment.download', actor: actorOf(res.locals.ctx), target: String(req.params.id),
      layerKey: file.layerKey, details: { filename: file.filename, featureId: file.featureId } });
    const disposition = req.query.download ? 'attachment' : 'inline'; // inline: the browser previews PDFs and images
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.data.length));
    res.setHeader('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('ETag', `"${file.sha256}"`);
    res.setHeader('Cache-Control', 'private, no-cache');
    if (req.headers['if-none-match'] === `"${file.sha256}"`) { res.status(304).end(); return; }
    res.end(file.data);
  }));
  return router;
}
