import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { Services } from '../../context';
import { AppError, badInput } from '../../errors';
import { route } from '../../http';
import { requireImporter } from '../auth/permissions';

/**
 * Upload of an import file (raw body, ?filename=…&layer=…), streamed to IMPORT_DIR so the server
 * never holds the file; and the refused rows of its dry run as CSV.
 */
export function importRouter(services: Services): Router {
  const router = Router();
  router.post('/imports', route(async (req, res) => {
    requireImporter(res.locals.ctx.user);
    const options = req.query.options ? parseOptions(String(req.query.options)) : {};
    if (req.query.layer) options.layer = String(req.query.layer);
    const limit = services.config.importMaxBytes;
    const tooLarge = () => {
      const err = services.imports.tooLarge();
      res.setHeader('Connection', 'close'); // the rest of the body is not read
      res.status(413).json({ error: { code: err.extensions.code, message: err.message, reason: err.extensions.reason } });
    };
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge();
    const file = await services.imports.newUploadFile();
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(bytes > limit ? services.imports.tooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(req, counter, fs.createWriteStream(file));
    } catch (err) {
      await fs.promises.rm(file, { force: true });
      if (err instanceof AppError) return tooLarge();
      throw badInput('アップロードが途中で切れました (the upload was interrupted)', { field: 'file', reason: 'interrupted' });
    }
    const id = await services.imports.uploadFile(res.locals.ctx.user, String(req.query.filename ?? ''), file, options);
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
