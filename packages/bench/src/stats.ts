/** Latency figures of a series of timings, in milliseconds. */
export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

/**
 * The `q` quantile (0..1) of ascending `sorted` values, nearest-rank: the
 * smallest value with at least `q` of the values at or below it.
 */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) {
    throw new RangeError('No values to take a quantile of');
  }
  if (q < 0 || q > 1) throw new RangeError(`Invalid quantile ${q}`);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** n, p50, p95, mean and max of timings, rounded to 0.01 ms. */
export function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    n: sorted.length,
    p50: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    max: round(sorted[sorted.length - 1]),
  };
}

/** Runs `fn` and returns its result with the wall time it took. */
export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** Runs `fn` `n` times one after the other; returns each run's time. */
export async function timeSequential(
  n: number,
  fn: (i: number) => Promise<unknown>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    times.push((await timed(() => fn(i))).ms);
  }
  return times;
}
