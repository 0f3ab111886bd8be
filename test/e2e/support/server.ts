// Starts the real Chizu server (embedded database, demo data) with the freshly built web client.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
/**
 * Where the client is built and served from: not web/dist, which `npm start` may be serving.
 * E2E_WEB_DIST gives parallel runs their own copy.
 */
const webDist = process.env.E2E_WEB_DIST ?? path.join(repoRoot, 'test-output', 'e2e-web');

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
  /** Everything the server printed, for failure messages. */
  output(): string;
}

/**
 * Builds the client once per jest run, from the e2e project's global setup, before any server
 * serves it (a few seconds). E2E_SKIP_WEB_BUILD=1 keeps the last build.
 */
export function buildWeb(): void {
  if (process.env.E2E_SKIP_WEB_BUILD === '1') return;
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.mts', '--outDir', webDist, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    // Jest sets NODE_ENV=test, which would give a development build of React.
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
}

const serverMain = path.join(repoRoot, 'dist', 'server', 'main.js');

/** Builds the server if it has never been built (CI builds it first with the project's build script); global setup. */
export function ensureServerBuilt(): void {
  if (!process.env.E2E_SERVER_MAIN && !fs.existsSync(serverMain)) {
    execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
  }
}

export interface ServerOptions {
  /** Multiplies the demo feature counts (`DEMO_SCALE`); 0.05 is a small city that starts in seconds. */
  demoScale?: number;
  timeoutMs?: number;
}

export async function startServer({ demoScale, timeoutMs = 300_000 }: ServerOptions = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(`no web client at ${webDist}: the e2e global setup (test/e2e/support/global-setup.ts) builds it; run browser tests through npm test`);
  }
  // E2E_SERVER_MAIN runs another build of the server (e.g. a checkout of the last commit).
  const main = process.env.E2E_SERVER_MAIN ?? serverMain;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chizu-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      WEB_DIST: webDist,
      DATABASE_URL: '',
      ALLOW_ANONYMOUS_READ: 'false',
      // The full city's parcels and buildings add up to a minute to every suite's first start; the
      // base-map suites look around the station, which the small scale still parcels.
      DEMO_REFERENCE_SCALE: process.env.DEMO_REFERENCE_SCALE ?? '0.05',
      // The raster demo (a warped orthophoto) only where a suite asks for it.
      DEMO_RASTERS: process.env.DEMO_RASTERS ?? 'false',
      ...(demoScale !== undefined ? { DEMO_SCALE: String(demoScale) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      const match = /Map:\s+http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it started:\n${output}`));
    });
  });

  return {
    url: `http://localhost:${port}`,
    port,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
