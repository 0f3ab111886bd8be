// The print queue under a flood, and Chromium's recovery, against a real server and real Chromium.
// The print page here is a stand-in (a static page that declares itself drawn after a second), so
// that the queue's timing does not depend on the web client's build; the real page is covered by
// test/e2e/ledger.e2e.test.ts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, ChizuServer } from '../../server/src/app';
import { backends, loginAt, openBackend, TestBackend } from '../helpers/backends';

const hasChromium = fs.existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium');
const autogroups = fs.existsSync('/proc/sys/kernel/sched_autogroup_enabled')
  && fs.readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';

/** Chromium processes started by this test process (the server runs inside it). */
function chromiumChildren(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((l) => /chrom/i.test(l)).map((l) => Number(l.trim().split(/\s+/)[0]));
}

for (const kind of backends()) {
  (hasChromium ? describe : describe.skip)(`Print queue [${kind}]`, () => {
    let backend: TestBackend;
    let server: ChizuServer;
    let url: string;
    let webDist: string;
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-print-'));
      fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html><body><p>sheet</p><script src="/sheet.js"></script></body></html>');
      // A sheet dated 2000-01-01 never finishes drawing: the render timeout must end it.
      // A sheet dated 2001-01-01 first asks the server for something five times, as the real page asks for its data,
      // and fails when one is refused.
      fs.writeFileSync(path.join(webDist, 'sheet.js'), `
        if (location.search.indexOf('date=2001-01-01') >= 0) {
          (async function () {
            for (var i = 0; i < 5; i++) {
              var r = await fetch('/api/health');
              if (!r.ok) { window.__chizuSheetError = 'refused ' + r.status; return; }
            }
            window.__chizuSheetReady = true;
          })();
        } else setTimeout(function () { if (location.search.indexOf('date=2000-01-01') < 0) window.__chizuSheetReady = true; }, 1000);`);
      // A small cost budget (every request a point), which the sheet test drains.
      backend = await openBackend(kind, { scale: 0.02, env: { PRINT_CONCURRENCY: '2', PRINT_QUEUE_MAX: '3', PRINT_QUEUE_PER_USER: '2', PRINT_TIMEOUT_S: '3',
        COST_BUDGET_POINTS: '60', COST_BUDGET_PER_SECOND: '1' } });
      server = await createServer(backend.db, { ...backend.config, webDist }, () => undefined);
      url = `http://127.0.0.1:${await server.listen(0)}`;
      for (const u of ['admin', 'roads', 'env', 'community', 'disaster', 'counter']) tokens[u] = await loginAt(url, u);
    });
    afterAll(async () => {
      await server?.stop();
      await backend?.close();
      fs.rmSync(webDist, { recursive: true, force: true });
    });

    const print = (user: string, date = '2026-11-24') =>
      fetch(`${url}/api/print/enquiry.pdf?lon=140.168&lat=35.67&scale=1000&date=${date}`, { headers: { authorization: `Bearer ${tokens[user]}` } });

    test('a flood of 10 sheet requests: at most 2 renders at once, 3 wait, the rest get 429 with Retry-After', async () => {
      const users = ['admin', 'roads', 'env', 'community', 'disaster'];
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => print(users[i % 5])));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
      for (const r of responses.filter((x) => x.status === 429)) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      for (const r of responses.filter((x) => x.status === 200)) expect(Buffer.from(await r.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      expect(server.services.print.queue.peak).toBe(2);
      // The warm pages kept between sheets are bounded by the concurrency too.
      expect(server.services.print.pool.idlePages).toBeLessThanOrEqual(2);
      // Chromium yields the CPU to the server: every one of its processes at nice 19, which it cannot
      // raise again (as root it did: GPU process −8, renderers 0), and, where Linux schedules sessions
      // as groups (autogroup), its own session's group at 19 too: that group's value is what weighs
      // against the server's.
      const [browserPid] = chromiumChildren();
      const group = execFileSync('ps', ['-o', 'ni=', '-g', String(browserPid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
      expect(group.length).toBeGreaterThan(3);
      expect(new Set(group)).toEqual(new Set([19]));
      if (autogroups) {
        expect(fs.readFileSync(`/proc/${browserPid}/autogroup`, 'utf8')).toMatch(/ nice 19$/m);
        expect(fs.readFileSync(`/proc/${browserPid}/autogroup`, 'utf8')).not.toBe(fs.readFileSync('/proc/self/autogroup', 'utf8'));
      }
    });

    test('one user cannot take the whole queue: their third request is refused while others still get in', async () => {
      const mine = await Promise.all([print('counter'), print('counter'), print('counter'), print('roads')]);
      expect(mine.map((r) => r.status).sort()).toEqual([200, 200, 200, 429]);
      expect(mine[3].status).toBe(200);
    });

    test('a sheet that never finishes drawing ends at the render timeout with a coded error', async () => {
      const t0 = Date.now();
      const res = await print('roads', '2000-01-01');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
      expect(Date.now() - t0).toBeLessThan(8000);
    });

    test('a sheet\'s own requests are not refused by the budget its caller spent: the print was already charged', async () => {
      // Spend env's budget down to its last point or two, then print.
      let remaining = Infinity;
      while (remaining > 1) {
        const r = await fetch(`${url}/api/health`, { headers: { authorization: `Bearer ${tokens.env}` } });
        expect(r.status).toBe(200);
        remaining = Number(r.headers.get('x-cost-remaining'));
      }
      const res = await print('env', '2001-01-01');
      expect(res.status).toBe(200);
    });

    test('after Chromium is killed, the next print starts a new one and succeeds', async () => {
      const before = chromiumChildren();
      expect(before.length).toBeGreaterThan(0);
      for (const pid of before) process.kill(pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      const res = await print('roads');
      expect(res.status).toBe(200);
      expect(chromiumChildren().some((pid) => !before.includes(pid))).toBe(true);
    });
  });
}
