/** Latency summary of one measured phase, in milliseconds. */
export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Nearest-rank percentile of an ascending-sorted array (p in 0..100).
 * Nearest-rank (rather than interpolation) always reports a latency that was
 * actually observed. Returns NaN for an empty array.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Summarizes raw latency samples (ms); does not modify the input. */
export function summarize(samplesMs: readonly number[]): LatencySummary {
  // A typed array sorts numerically and quickly, without a comparator.
  const sorted = Float64Array.from(samplesMs).sort();
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}
