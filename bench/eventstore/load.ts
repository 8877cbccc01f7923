import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ClosedLoopOptions {
  /** Number of async workers, i.e. operations kept in flight at once. */
  concurrency: number;
  /** Operations run before measuring starts, to warm connections and JIT. */
  warmupMs: number;
  /** Length of the measured window. */
  durationMs: number;
  /** Optional cap on the total number of operations (warm-up included). */
  maxOps?: number;
  /** One operation; `worker` is 0..concurrency-1, `iteration` counts per worker. */
  op: (worker: number, iteration: number) => Promise<void>;
}

export interface ClosedLoopResult {
  /** Operations completed inside the measured window. */
  ops: number;
  /** Measured window actually used (shorter when maxOps ends the run early). */
  elapsedMs: number;
  /** Operations per second over the measured window. */
  opsPerSec: number;
  /** Latency (ms) of every operation started inside the measured window. */
  latenciesMs: number[];
  /** All operations completed, warm-up included. */
  totalOps: number;
}

/**
 * Runs `op` from `concurrency` workers, each starting its next operation as
 * soon as the previous one finishes, for warm-up + measured window. Rejects
 * on the first failed operation (a benchmark must not hide errors).
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const { concurrency, warmupMs, durationMs, maxOps = Infinity, op } = options;
  const measureFrom = performance.now() + warmupMs;
  const stopAt = measureFrom + durationMs;
  const latenciesMs: number[] = [];
  let issued = 0;
  let totalOps = 0;
  let measuredOps = 0;
  let lastCompletion = measureFrom;
  let failure: unknown;

  const worker = async (w: number) => {
    for (let i = 0; failure === undefined && issued < maxOps; i++) {
      const t0 = performance.now();
      if (t0 >= stopAt) break;
      issued++;
      await op(w, i);
      const t1 = performance.now();
      totalOps++;
      if (t0 >= measureFrom) latenciesMs.push(t1 - t0);
      // Throughput counts completions inside the window, so an operation that
      // straddles the window start is neither lost nor double-counted.
      if (t1 >= measureFrom && t1 < stopAt) {
        measuredOps++;
        lastCompletion = t1;
      }
    }
  };
  await Promise.all(
    Array.from({ length: concurrency }, (_, w) =>
      worker(w).catch((err) => {
        failure ??= err;
      }),
    ),
  );
  if (failure !== undefined) throw failure;
  // When maxOps ends the run early, the window ends at the last completion.
  const elapsedMs = issued >= maxOps ? Math.max(1, lastCompletion - measureFrom) : durationMs;
  return { ops: measuredOps, elapsedMs, opsPerSec: (measuredOps * 1000) / elapsedMs, latenciesMs, totalOps };
}

export interface PacedOptions {
  /** Target operations per second. */
  ratePerSec: number;
  durationMs: number;
  /** Starts operation number `i`; its completion is not waited for before the next. */
  send: (i: number) => Promise<void>;
}

/**
 * Starts `send` at a steady rate (open loop: a slow operation does not slow
 * the schedule, as with real producers), then waits for all of them.
 * Resolves to the number of operations sent; rejects if any failed.
 */
export async function runPaced(options: PacedOptions): Promise<number> {
  const { ratePerSec, durationMs, send } = options;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  let sent = 0;
  let failure: unknown;
  // Handlers are attached at once: a rejection left unhandled until the end
  // of the schedule would crash the process.
  const startOne = (i: number) =>
    send(i).catch((err) => {
      failure ??= err;
    });
  for (;;) {
    const elapsed = performance.now() - start;
    const due = Math.min(Math.floor((elapsed * ratePerSec) / 1000), Math.floor((durationMs * ratePerSec) / 1000));
    while (sent < due) pending.push(startOne(sent++));
    if (elapsed >= durationMs) break;
    // Timers fire at ~1 ms granularity; a few ms per tick keeps the rate
    // smooth without spinning the event loop the servers also run on.
    await sleep(2);
  }
  await Promise.all(pending);
  if (failure !== undefined) throw failure;
  return sent;
}

/**
 * Resolves once `condition()` holds (checked every `intervalMs`), or to
 * false after `timeoutMs`. For waiting on effects of other async work.
 */
export async function waitUntil(condition: () => boolean, timeoutMs: number, intervalMs = 5): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() >= deadline) return false;
    await sleep(intervalMs);
  }
  return true;
}
