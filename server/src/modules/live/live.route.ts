import { Request, Response, Router } from 'express';
import { Context, Services } from '../../context';
import { LayerRecord } from '../layers/layer.service';
import { LiveEvent, mayReceive } from './event.bus';

/** A comment line this often keeps proxies from closing an idle stream; the session is checked again then too. */
export const HEARTBEAT_MS = 25_000;

/**
 * GET /api/events: Server-Sent Events of committed edits (event "edit"), filtered by what the
 * caller may read. A reconnect sends Last-Event-ID and gets what it missed from the ring; when that
 * is no longer possible it gets one "reset" event and should reload its layers.
 */
export function liveRouter(services: Services): Router {
  const router = Router();
  router.get('/events', async (req: Request, res: Response) => {
    const { user, token } = res.locals.ctx as Context;
    const bus = services.events;
    const allowAnonymous = services.config.allowAnonymousRead;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
    });
    // compression() buffers; flush after every write so an event leaves at once.
    const flush = () => (res as Response & { flush?: () => void }).flush?.();
    // Layer definitions (read permissions) as of the stream's start, refreshed with every heartbeat.
    let layers = new Map<string, LayerRecord>();
    const loadLayers = () => services.layers.list().then((all) => { layers = new Map(all.map((l) => [l.key, l])); });
    const send = (event: LiveEvent) => {
      if (!mayReceive(user, event, allowAnonymous, layers)) return;
      const { seq: _seq, ...data } = event;
      res.write(`id: ${bus.eventId(event)}\nevent: edit\ndata: ${JSON.stringify(data)}\n\n`);
      flush();
    };
    await loadLayers();
    res.write('retry: 2000\n\n');
    const lastId = req.get('last-event-id') ?? (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
    if (lastId) {
      const missed = bus.since(lastId);
      if (missed) missed.forEach(send);
      else res.write('event: reset\ndata: {}\n\n');
    }
    flush();
    const unsubscribe = bus.subscribe(send, () => res.end());
    const heartbeat = setInterval(() => {
      // A logged-out or expired session stops receiving.
      services.auth.authenticate(token).then((still) => {
        if (user && !still) { res.end(); return; }
        loadLayers().catch(() => undefined);
        res.write(': keep-alive\n\n');
        flush();
      }, () => res.end());
    }, HEARTBEAT_MS);
    heartbeat.unref();
    res.on('close', () => { clearInterval(heartbeat); unsubscribe(); });
  });
  return router;
}
