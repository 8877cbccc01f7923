import { performance } from 'node:perf_hooks';
import { runClosedLoop, runPaced, waitUntil } from './load';
import { summarize, type LatencySummary } from './stats';
import { benchPayload, lagProbe, type BenchTarget } from './target';

/** Sizes and durations of every phase; the same for both stores. */
export interface Settings {
  warmupMs: number;
  durationMs: number;
  singleConcurrency: number[];
  batchConcurrency: number[];
  batchSize: number;
  /** Events that must exist before the read phase (topped up if needed). */
  readEvents: number;
  /** Upper bound on the top-up phase. */
  fillTimeoutMs: number;
  lagRatePerSec: number;
  lagWarmupMs: number;
  lagDurationMs: number;
}

/** Figures of one append phase. */
export interface AppendFigures {
  concurrency: number;
  eventsPerAppend: number;
  appendsPerSec: number;
  eventsPerSec: number;
  latencyMs: LatencySummary;
}

export interface ReadFigures {
  events: number;
  ms: number;
  eventsPerSec: number;
}

export interface LagFigures {
  sent: number;
  /** Measured probes (warm-up excluded) that never arrived. */
  lost: number;
  latencyMs: LatencySummary;
}

/** Everything measured on one store. */
export interface ScenarioResults {
  single: AppendFigures[];
  batch: AppendFigures[];
  read: ReadFigures;
  /** The same read counted server side (target.readAllRaw); absent where not applicable. */
  readRaw?: ReadFigures;
  lag: LagFigures;
  /** Events appended in total before the read phase. */
  eventsWritten: number;
}

/**
 * Runs every phase against `target` in order: single-event appends, batch
 * appends, a top-up to `readEvents`, the read-back, subscription lag.
 * `progress` receives one line per phase. Rejects on the first store error.
 */
export async function runScenarios(
  target: BenchTarget,
  settings: Settings,
  progress: (line: string) => void,
): Promise<ScenarioResults> {
  let eventsWritten = 0;

  // Each worker writes its own log (stream / key prefix), so appends never
  // contend on one stream, as with one stream per cluster object.
  type Limits = { warmupMs: number; durationMs: number; maxOps?: number };
  const appendPhase = (tag: string, concurrency: number, size: number, limits: Limits) =>
    runClosedLoop({
      concurrency,
      ...limits,
      op: async (worker, iteration) => {
        const log = `${tag}.w${worker}`;
        const events = Array.from({ length: size }, (_, k) => {
          const seq = iteration * size + k;
          return { seq, data: benchPayload(log, seq) };
        });
        await target.append(log, events);
        eventsWritten += size;
      },
    });

  const single: AppendFigures[] = [];
  for (const concurrency of settings.singleConcurrency) {
    const r = await appendPhase(`single-c${concurrency}`, concurrency, 1, settings);
    single.push(figures(concurrency, 1, r.opsPerSec, r.latenciesMs));
    progress(`append x1 c=${concurrency}: ${Math.round(r.opsPerSec)} events/s`);
  }

  const batch: AppendFigures[] = [];
  for (const concurrency of settings.batchConcurrency) {
    const r = await appendPhase(`batch-c${concurrency}`, concurrency, settings.batchSize, settings);
    batch.push(figures(concurrency, settings.batchSize, r.opsPerSec, r.latenciesMs));
    progress(`append x${settings.batchSize} c=${concurrency}: ${Math.round(r.opsPerSec * settings.batchSize)} events/s`);
  }

  const missing = settings.readEvents - eventsWritten;
  if (missing > 0) {
    const t0 = performance.now();
    await appendPhase('fill', 16, settings.batchSize, {
      warmupMs: 0,
      durationMs: settings.fillTimeoutMs,
      maxOps: Math.ceil(missing / settings.batchSize),
    });
    progress(`filled to ${eventsWritten} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  // A small read first, so the measured one does not pay for cold code paths.
  await target.readAll(Math.min(10_000, eventsWritten));
  const t0 = performance.now();
  const readCount = await target.readAll(eventsWritten);
  const readMs = performance.now() - t0;
  const read = { events: readCount, ms: readMs, eventsPerSec: (readCount * 1000) / readMs };
  progress(`read ${readCount} events: ${Math.round(read.eventsPerSec)} events/s`);
  if (readCount < eventsWritten) throw new Error(`read back ${readCount} of ${eventsWritten} events`);

  let readRaw: ReadFigures | undefined;
  if (target.readAllRaw) {
    // Warmed up like the read above.
    await target.readAllRaw(Math.min(10_000, eventsWritten));
    const t1 = performance.now();
    const rawCount = await target.readAllRaw(eventsWritten);
    const rawMs = performance.now() - t1;
    readRaw = { events: rawCount, ms: rawMs, eventsPerSec: (rawCount * 1000) / rawMs };
    progress(`read ${rawCount} events server side (no client decode): ${Math.round(readRaw.eventsPerSec)} events/s`);
    if (rawCount < eventsWritten) throw new Error(`raw read back ${rawCount} of ${eventsWritten} events`);
  }

  const lag = await measureLag(target, settings);
  const { p50, p99 } = lag.latencyMs;
  progress(`subscription lag at ${settings.lagRatePerSec}/s: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);

  return { single, batch, read, ...(readRaw ? { readRaw } : {}), lag, eventsWritten };
}

function figures(concurrency: number, perAppend: number, appendsPerSec: number, latencies: number[]): AppendFigures {
  return {
    concurrency,
    eventsPerAppend: perAppend,
    appendsPerSec,
    eventsPerSec: appendsPerSec * perAppend,
    latencyMs: summarize(latencies),
  };
}

/**
 * One live subscriber, one writer at a steady rate; lag = receipt time minus
 * the `sentAt` stamped in the event just before its append.
 */
async function measureLag(target: BenchTarget, settings: Settings): Promise<LagFigures> {
  const lagBySeq = new Map<number, number>();
  let readySeen = false;
  const subscription = await target.subscribeProbes((probe, receivedAt) => {
    if (probe.seq < 0) readySeen = true;
    else lagBySeq.set(probe.seq, receivedAt - probe.sentAt);
  });
  try {
    // A probe must round-trip before measuring: a subscription may not be
    // live yet when its call returns, and early probes would be missed.
    let readyProbe = -1;
    while (!readySeen) {
      if (readyProbe < -50) throw new Error(`${target.name}: subscription never delivered a probe`);
      await target.sendProbe(lagProbe(readyProbe--, performance.now()));
      await waitUntil(() => readySeen, 200);
    }

    const totalMs = settings.lagWarmupMs + settings.lagDurationMs;
    const sent = await runPaced({
      ratePerSec: settings.lagRatePerSec,
      durationMs: totalMs,
      send: (seq) => target.sendProbe(lagProbe(seq, performance.now())),
    });
    await waitUntil(() => lagBySeq.size >= sent, 5000);

    const warmupProbes = Math.floor((settings.lagWarmupMs * settings.lagRatePerSec) / 1000);
    const measured = [...lagBySeq].filter(([seq]) => seq >= warmupProbes).map(([, ms]) => ms);
    return { sent, lost: sent - warmupProbes - measured.length, latencyMs: summarize(measured) };
  } finally {
    await subscription.close();
  }
}
