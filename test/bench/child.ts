// Child processes of the bench (servers) and their memory, read from /proc.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const log = (m: string) => console.log(`[bench] ${m}`);

/** A port nobody listens on now, for a child server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A server child process with its output kept in a log file. */
export class Child {
  readonly process: ChildProcess;
  readonly logFile: string;
  constructor(readonly name: string, args: string[], env: NodeJS.ProcessEnv) {
    this.logFile = path.join(os.tmpdir(), `chizu-bench-${name}.log`);
    const out = fs.openSync(this.logFile, 'w');
    this.process = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
    this.process.on('exit', (code, signal) => {
      if (!this.stopping) log(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); see ${this.logFile}`);
    });
  }
  private stopping = false;
  get pid(): number { return this.process.pid!; }
  async waitFor(check: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.process.exitCode !== null) throw new Error(`${this.name} stopped: ${fs.readFileSync(this.logFile, 'utf8').slice(-2000)}`);
      if (await check().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.name} did not start in time; see ${this.logFile}`);
  }
  stop(): Promise<void> {
    this.stopping = true;
    return new Promise((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      this.process.once('exit', () => resolve());
      this.process.kill('SIGTERM');
      setTimeout(() => this.process.kill('SIGKILL'), 10_000).unref();
    });
  }
}

/** Samples a process's resident memory from /proc (Linux). */
export class MemorySampler {
  readonly samples: Array<{ t: number; rssMb: number; phase: string }> = [];
  phase = 'start';
  private timer?: NodeJS.Timeout;
  constructor(private readonly pid: number) {}
  private read(field: 'VmRSS' | 'VmHWM'): number {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const m = status.match(new RegExp(`${field}:\\s+(\\d+) kB`));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }
  start() {
    this.timer = setInterval(() => this.samples.push({ t: performance.now(), rssMb: this.read('VmRSS'), phase: this.phase }), 250);
    return this;
  }
  /** Peak resident set size so far (the kernel's high-water mark). */
  peakMb() { return this.read('VmHWM'); }
  rssMb() { return this.read('VmRSS'); }
  stop() { clearInterval(this.timer); }
}

