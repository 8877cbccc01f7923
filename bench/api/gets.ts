import { runClosedLoop } from '../eventstore/load';
import { summarize } from '../eventstore/stats';
import type { ApiClient } from './client';
import type { ClosedLoopFigures } from './creates';
import { podsPath } from './pods';

export const GETS = 'get';

/**
 * Closed-loop GETs of single pods, each a uniformly random one of `names`
 * (which must exist), so no one object stays hot. A 404 here is a server
 * fault (the pod's create was acknowledged) and is recorded as such.
 */
export async function measureGets(
  client: ApiClient,
  s: { namespace: string; names: readonly string[]; concurrency: number; warmupMs: number; durationMs: number },
): Promise<ClosedLoopFigures> {
  if (s.names.length === 0) throw new Error('get: no pods to read');
  let errors = 0;
  const base = podsPath(s.namespace);
  const run = await runClosedLoop({
    concurrency: s.concurrency,
    warmupMs: s.warmupMs,
    durationMs: s.durationMs,
    op: async () => {
      const name = s.names[Math.floor(Math.random() * s.names.length)];
      const res = await client.send('GET', `${base}/${name}`, { scenario: GETS });
      if (!res.ok) errors++;
    },
  });
  return { concurrency: s.concurrency, opsPerSec: run.opsPerSec, errors, latencyMs: summarize(run.latenciesMs) };
}
