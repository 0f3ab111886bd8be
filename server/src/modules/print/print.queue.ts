import { AppError } from '../../errors';

export interface PrintQueueLimits {
  /** Renders at the same time (each is a Chromium page: memory). */
  concurrency: number;
  /** Requests waiting for a render slot, in all. */
  queueMax: number;
  /** Requests one user may have running or waiting: one user cannot fill the queue. */
  perUserMax: number;
}

interface Waiter { start: () => void; cancel: () => void }

/**
 * A bounded FIFO of print jobs with a per-user share. A request that does not fit is refused at
 * once with TOO_MANY_REQUESTS and `retryAfter` (seconds), which the REST layer sends as Retry-After.
 */
export class PrintQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private readonly perUser = new Map<string, number>();
  /** Most renders seen at once (for tests and the soak). */
  peak = 0;
  private averageMs = 5000;

  constructor(private readonly limits: PrintQueueLimits) {}

  async run<T>(userKey: string, job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const mine = this.perUser.get(userKey) ?? 0;
    if (mine >= this.limits.perUserMax) throw this.full('あなたの印刷要求が処理中です。終わってからお試しください (your earlier prints are still being made)');
    if (this.running >= this.limits.concurrency && this.waiting.length >= this.limits.queueMax) {
      throw this.full('印刷が混み合っています。しばらくしてからお試しください (the print queue is full; try again shortly)');
    }
    this.perUser.set(userKey, mine + 1);
    try {
      await this.slot(signal);
      this.peak = Math.max(this.peak, this.running);
      const t0 = Date.now();
      try {
        return await job();
      } finally {
        this.averageMs = 0.8 * this.averageMs + 0.2 * (Date.now() - t0);
        this.release();
      }
    } finally {
      const left = (this.perUser.get(userKey) ?? 1) - 1;
      if (left > 0) this.perUser.set(userKey, left); else this.perUser.delete(userKey);
    }
  }

  private slot(signal?: AbortSignal): Promise<void> {
    if (this.running < this.limits.concurrency) { this.running++; return Promise.resolve(); }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: () => { signal?.removeEventListener('abort', waiter.cancel); resolve(); },
        // A caller that went away gives up its place instead of a render nobody receives.
        cancel: () => { this.waiting.splice(this.waiting.indexOf(waiter), 1); reject(new Error('print request abandoned')); },
      };
      signal?.addEventListener('abort', waiter.cancel, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot to the next waiter, or frees it. */
  private release() {
    const next = this.waiting.shift();
    if (next) next.start(); else this.running--;
  }

  private full(message: string) {
    const retryAfter = Math.max(1, Math.ceil((this.averageMs * (this.waiting.length / this.limits.concurrency + 1)) / 1000));
    return new AppError('TOO_MANY_REQUESTS', message, { retryAfter });
  }
}
