// A server whose web client was never built (no index.html in WEB_DIST), or whose Chromium does not
// start, cannot print: a sheet asked of it is refused at once as a server problem
// (SERVICE_UNAVAILABLE, 503), not left to wait for the render timeout and reported as the user's mistake.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, ChizuServer } from '../../server/src/app';
import { backends, openBackend, TestBackend } from '../helpers/backends';
import { DEMO_PASSWORD } from '../../server/src/seed/demo';

async function loginToken(base: string): Promise<string> {
  const login = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { login(username: "counter", password: "${DEMO_PASSWORD}") { token } }` }) });
  return ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
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
      const token = await loginToken(url);
      const t0 = Date.now();
      const res = await fetch(`${url}/api/print/enquiry.pdf?lon=140.168&lat=35.67&scale=1000&date=2026-11-24`, { headers: { authorization: `Bearer ${token}` } });
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(res.status).toBe(503);
      const { error } = (await res.json()) as { error: { code: string; reason: string; message: string } };
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'printPageMissing' });
      expect(error.message).toContain('npm run build:web');
      expect(server.services.print.queue.peak).toBe(0);
    });

    test('a server whose Chromium does not start answers 503 naming CHROMIUM_PATH, through the low-priority launcher', async () => {
      fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><p>sheet</p>');
      const broken = await createServer(backend.db, { ...backend.config, webDist, chromiumPath: '/nonexistent/chromium' }, () => undefined);
      try {
        const brokenUrl = `http://127.0.0.1:${await broken.listen(0)}`;
        const token = await loginToken(brokenUrl);
        const t0 = Date.now();
        const res = await fetch(`${brokenUrl}/api/print/enquiry.pdf?lon=140.168&lat=35.67&scale=1000&date=2026-11-24`, { headers: { authorization: `Bearer ${token}` } });
        expect(Date.now() - t0).toBeLessThan(10_000);
        expect(res.status).toBe(503);
        const { error } = (await res.json()) as { error: { code: string; reason: string; message: string } };
        expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'printBrowserMissing' });
        expect(error.message).toContain('/nonexistent/chromium');
      } finally {
        await broken.stop();
      }
    });
  });
}
