// Closed-loop load: `concurrency` workers run `count` tasks in all; latency per task, throughput overall.
import { performance } from 'node:perf_hooks';

export interface LoadStats {
  count: number;
  concurrency: number;
  p50: number;
  p95: number;
  mean: number;
  /** Tasks per second over the wall-clock time of the run. */
  throughput: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** The stats of a run: `latencies` of its tasks in ms (sorted here), `wallSeconds` its whole time (NaN: no throughput). */
export function statsOf(latencies: number[], concurrency: number, wallSeconds: number): LoadStats {
  const sorted = latencies.sort((a, b) => a - b);
  return {
    count: sorted.length, concurrency,
    p50: percentile(sorted, 50), p95: percentile(sorted, 95),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    throughput: sorted.length / wallSeconds,
  };
}

export async function runLoad(task: (i: number) => Promise<unknown>, count: number, concurrency: number): Promise<LoadStats> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await task(i);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return statsOf(latencies, concurrency, (performance.now() - started) / 1000);
}

/**
 * Runs several variants of the same work in alternating rounds (A B C A B C …), so that a burst of
 * other load on a shared machine hits all of them alike. Latencies are pooled over the rounds;
 * throughput is all tasks over the variant's total wall-clock time.
 */
export async function runInterleaved(
  variants: Record<string, (i: number) => Promise<unknown>>, count: number, concurrency: number, rounds = 4,
): Promise<Record<string, LoadStats>> {
  const latencies: Record<string, number[]> = {};
  const wall: Record<string, number> = {};
  const perRound = Math.max(1, Math.ceil(count / rounds));
  for (let done = 0; done < count; done += perRound) {
    const n = Math.min(perRound, count - done);
    for (const [name, task] of Object.entries(variants)) {
      let next = 0;
      const started = performance.now();
      const worker = async () => {
        while (next < n) {
          const i = done + next++;
          const t0 = performance.now();
          await task(i);
          (latencies[name] ??= []).push(performance.now() - t0);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
      wall[name] = (wall[name] ?? 0) + (performance.now() - started) / 1000;
    }
  }
  return Object.fromEntries(Object.keys(variants).map((name) => [name, statsOf(latencies[name], concurrency, wall[name])]));
}

/** Deterministic PRNG (mulberry32) so every run measures the same tiles. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
