// A server whose web client was never built (no index.html in WEB_DIST), or whose Chromium does not
// start, cannot print: a sheet asked of it is refused at once as a server problem
// (SERVICE_UNAVAILABLE, 503), not left to wait for the render timeout and reported as the user's mistake.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, ChizuServer } from '../../server/src/app';
import { backends, loginAt, openBackend, TestBackend } from '../helpers/backends';

/** Asks the server at `url` for a sheet as the counter: how long the answer took, its status and its error. */
async function askSheet(url: string): Promise<{ ms: number; status: number; error: { code: string; reason: string; message: string } }> {
  const token = await loginAt(url, 'counter');
  const t0 = Date.now();
  const res = await fetch(`${url}/api/print/enquiry.pdf?lon=140.168&lat=35.67&scale=1000&date=2026-11-24`, { headers: { authorization: `Bearer ${token}` } });
  const ms = Date.now() - t0;
  return { ms, status: res.status, ...((await res.json()) as { error: { code: string; reason: string; message: string } }) };
}

for (const kind of backends()) {
  describe(`Print on a server that cannot print [${kind}]`, () => {
    let backend: TestBackend;
    let server: ChizuServer;
    let url: string;
    let webDist: string;

    beforeAll(async () => {
      webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-unbuilt-'));
      backend = await openBackend(kind, { scale: 0.02 });
      server = await createServer(backend.db, { ...backend.config, webDist }, () => undefined);
      url = `http://127.0.0.1:${await server.listen(0)}`;
    });
    afterAll(async () => {
      await server?.stop();
      await backend?.close();
      fs.rmSync(webDist, { recursive: true, force: true });
    });

    test('a sheet is refused at once with SERVICE_UNAVAILABLE (503) naming the missing build, and nothing waits in the print queue', async () => {
      const { ms, status, error } = await askSheet(url);
      expect(ms).toBeLessThan(5000);
      expect(status).toBe(503);
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'printPageMissing' });
      expect(error.message).toContain('npm run build:web');
      expect(server.services.print.queue.peak).toBe(0);
    });

    test('a server whose Chromium does not start answers 503 naming CHROMIUM_PATH, through the low-priority launcher', async () => {
      fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><p>sheet</p>');
      const broken = await createServer(backend.db, { ...backend.config, webDist, chromiumPath: '/nonexistent/chromium' }, () => undefined);
      try {
        const { ms, status, error } = await askSheet(`http://127.0.0.1:${await broken.listen(0)}`);
        expect(ms).toBeLessThan(10_000);
        expect(status).toBe(503);
        expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'printBrowserMissing' });
        expect(error.message).toContain('/nonexistent/chromium');
      } finally {
        await broken.stop();
      }
    });
  });
}
