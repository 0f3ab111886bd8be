import fs from 'node:fs';
import { Router } from 'express';
import { Services } from '../../context';
import { route } from '../../http';
import { parseExportOptions, RawExportOptions } from './export.options';
import { actorOf, recordAudit } from '../audit/audit.service';

/** RFC 6266/5987: an ASCII fallback plus the UTF-8 name (Japanese layer names). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** GET /api/layers/{key}/export?format=…: behind requireReader like every read. */
export function exportRouter(services: Services): Router {
  const router = Router();
  router.get('/layers/:key/export', route(async (req, res) => {
    const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string')) as RawExportOptions;
    const options = parseExportOptions(raw, services.config.planeSrid);
    const out = await services.exports.export(res.locals.ctx.layers, String(req.params.key), options);
    await recordAudit(services.db.pool, { kind: 'export', actor: actorOf(res.locals.ctx), layerKey: out.layerKey, rowCount: out.rows,
      details: { format: options.format, restrictedFields: out.restrictedFields, filtered: !!(options.bbox || options.area || options.where || options.search) } })
      .catch((err) => { out.dispose(); throw err; });
    res.setHeader('Content-Type', out.contentType);
    res.setHeader('Content-Disposition', contentDisposition(out.filename));
    res.setHeader('Content-Length', fs.statSync(out.file).size);
    res.setHeader('Cache-Control', 'no-store');
    const stream = fs.createReadStream(out.file);
    res.on('close', () => { stream.destroy(); out.dispose(); });
    stream.pipe(res);
  }));
  return router;
}
