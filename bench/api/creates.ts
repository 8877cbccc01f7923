import { runClosedLoop } from '../eventstore/load';
import { summarize, type LatencySummary } from '../eventstore/stats';
import type { ApiClient } from './client';
import { measurePaced, type PacedFigures } from './paced';
import { createPod } from './pods';

export const PACED_CREATES = 'create (paced)';
export const MAX_CREATES = 'create (closed loop)';

export interface PacedCreateSettings {
  namespace: string;
  ratePerSec: number;
  warmupMs: number;
  durationMs: number;
}

/** The paced creates plus the names that were created (the later reads use them). */
export interface PacedCreateResult {
  figures: PacedFigures;
  created: string[];
}

/**
 * Open-loop pod creates at a fixed rate into `namespace`, names p-0, p-1, ...
 * (warm-up included, so every created pod is a real one to read later).
 */
export async function measurePacedCreates(client: ApiClient, s: PacedCreateSettings): Promise<PacedCreateResult> {
  const created: string[] = [];
  const figures = await measurePaced({
    ratePerSec: s.ratePerSec,
    warmupMs: s.warmupMs,
    durationMs: s.durationMs,
    op: async (i) => {
      const name = `p-${i}`;
      const ok = await createPod(client, s.namespace, name, PACED_CREATES);
      if (ok) created.push(name);
      return ok;
    },
  });
  return { figures, created };
}

export interface ClosedLoopFigures {
  concurrency: number;
  opsPerSec: number;
  errors: number;
  latencyMs: LatencySummary;
}

/**
 * Maximum create throughput: `concurrency` clients, each creating its next
 * pod as soon as the previous one is answered. Failures are counted (and
 * recorded by the client), not thrown, so one bad answer still leaves figures.
 */
export async function measureMaxCreates(
  client: ApiClient,
  s: { namespace: string; concurrency: number; warmupMs: number; durationMs: number; scenario?: string },
): Promise<ClosedLoopFigures> {
  let errors = 0;
  const run = await runClosedLoop({
    concurrency: s.concurrency,
    warmupMs: s.warmupMs,
    durationMs: s.durationMs,
    op: async (worker, iteration) => {
      if (!(await createPod(client, s.namespace, `m-${worker}-${iteration}`, s.scenario ?? MAX_CREATES))) errors++;
    },
  });
  return { concurrency: s.concurrency, opsPerSec: run.opsPerSec, errors, latencyMs: summarize(run.latenciesMs) };
}
