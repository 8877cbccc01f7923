import { performance } from 'node:perf_hooks';
import { runPaced } from '../eventstore/load';
import { summarize, type LatencySummary } from '../eventstore/stats';

export interface PacedRun {
  ratePerSec: number;
  /** Not measured: connections, JIT and caches settle first. */
  warmupMs: number;
  durationMs: number;
  /** Operation number `i`; resolves true on success. Must not reject. */
  op: (i: number) => Promise<boolean>;
}

/** Figures of an open-loop phase (warm-up excluded). */
export interface PacedFigures {
  offeredPerSec: number;
  /** Operations scheduled inside the measured window. */
  sent: number;
  ok: number;
  errors: number;
  /** Successes per second over the measured window, stretched to the last completion if the target fell behind. */
  achievedPerSec: number;
  /** From each operation's scheduled start to its completion (successes only). */
  latencyMs: LatencySummary;
}

/**
 * Open loop: operation i is due at start + i/rate and is started then,
 * whether or not earlier ones have finished, as independent clients would.
 * Latency is taken from the due time, not the actual send, so a stalled
 * client or server cannot hide its backlog (no coordinated omission).
 */
export async function measurePaced(run: PacedRun): Promise<PacedFigures> {
  const intervalMs = 1000 / run.ratePerSec;
  const firstMeasured = Math.ceil(run.warmupMs / intervalMs);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  let lastDone = 0;
  // runPaced starts its clock right after this one, so due times are at most
  // a few microseconds early, which only adds that much to each latency.
  const start = performance.now();
  const sent = await runPaced({
    ratePerSec: run.ratePerSec,
    durationMs: run.warmupMs + run.durationMs,
    send: async (i) => {
      const due = start + i * intervalMs;
      const success = await run.op(i);
      const done = performance.now();
      if (i < firstMeasured) return;
      if (success) {
        ok++;
        latencies.push(done - due);
        lastDone = Math.max(lastDone, done);
      } else errors++;
    },
  });
  const windowStart = start + firstMeasured * intervalMs;
  const windowMs = Math.max(run.durationMs, lastDone - windowStart);
  return {
    offeredPerSec: run.ratePerSec,
    sent: sent - firstMeasured,
    ok,
    errors,
    achievedPerSec: (ok * 1000) / windowMs,
    latencyMs: summarize(latencies),
  };
}
