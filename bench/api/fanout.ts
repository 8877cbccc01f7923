import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { waitUntil } from '../eventstore/load';
import { summarize, type LatencySummary } from '../eventstore/stats';
import type { ApiClient } from './client';
import { measurePaced, type PacedFigures } from './paced';
import { createNamespace, createPod, listPods, podsPath } from './pods';
import { openWatch, type WatchStream } from './watch-stream';

export const FANOUT = 'watch fan-out';

export interface FanoutSettings {
  namespace: string;
  watchers: number;
  pods: number;
  ratePerSec: number;
  /** How long to wait, after the last create is answered, for stragglers. */
  drainTimeoutMs: number;
}

export interface FanoutFigures {
  watchers: number;
  pods: number;
  /** The creates themselves (at ratePerSec, no warm-up). */
  creates: PacedFigures;
  /** (pod, watcher) pairs that should have arrived: acknowledged creates x watchers. */
  expected: number;
  received: number;
  missing: number;
  /** ADDED events seen more than once on the same watch. */
  duplicates: number;
  /** Events that are not a first ADDED of a bench pod, by type (MODIFIED from controllers is normal). */
  otherEvents: Record<string, number>;
  /** Watches the server ended (or broke) before the bench closed them. */
  endedEarly: number;
  /** Create request start -> ADDED received, per (pod, watcher) pair. */
  delayMs: LatencySummary;
}

/**
 * Watch fan-out: `watchers` watches on the pods of a fresh namespace, all
 * from the resourceVersion of one list (so none can miss a create), then
 * `pods` creates at a steady rate. Each (pod, watcher) delay runs from the
 * moment the create request started to the moment that watcher received the
 * ADDED event. Watches get their own unpooled agent: the request pool's
 * socket limit would otherwise queue them behind each other.
 */
export async function measureFanout(client: ApiClient, s: FanoutSettings): Promise<FanoutFigures> {
  await createNamespace(client, s.namespace);
  const resourceVersion = (await listPods(client, s.namespace)).metadata.resourceVersion;
  if (!resourceVersion) throw new Error(`list of ${s.namespace} has no resourceVersion`);

  const startedAt = new Float64Array(s.pods).fill(NaN);
  const arrivals = Array.from({ length: s.watchers }, () => new Float64Array(s.pods).fill(NaN));
  let received = 0;
  let duplicates = 0;
  const otherEvents: Record<string, number> = {};
  const agent = new https.Agent({ keepAlive: false, maxSockets: Infinity, ca: client.endpoint.caPem });
  const streams: WatchStream[] = [];
  let closing = false;
  let endedEarly = 0;
  const path = `${podsPath(s.namespace)}?watch=true&resourceVersion=${resourceVersion}`;

  try {
    const opened = await Promise.allSettled(
      arrivals.map((seen) =>
        openWatch(client.endpoint, agent, path, (event) => {
          const index = event.type === 'ADDED' ? podIndex(event.name, s.pods) : undefined;
          if (index === undefined) {
            otherEvents[event.type] = (otherEvents[event.type] ?? 0) + 1;
          } else if (!Number.isNaN(seen[index])) {
            duplicates++;
          } else {
            seen[index] = event.receivedAt;
            received++;
          }
        }),
      ),
    );
    for (const r of opened) {
      if (r.status === 'fulfilled') streams.push(r.value);
      else client.problems.record({ scenario: FANOUT, request: `GET ${path}`, status: 0, response: String(r.reason) });
    }
    if (streams.length < s.watchers) throw new Error(`only ${streams.length} of ${s.watchers} watches opened`);
    for (const stream of streams) {
      void stream.ended.then((reason) => {
        if (closing) return;
        endedEarly++;
        client.problems.record({ scenario: FANOUT, request: `GET ${path}`, status: 200, response: `watch ${reason} during the scenario` });
      });
    }

    const creates = await measurePaced({
      ratePerSec: s.ratePerSec,
      warmupMs: 0,
      durationMs: (s.pods * 1000) / s.ratePerSec,
      op: async (i) => {
        startedAt[i] = performance.now();
        const ok = await createPod(client, s.namespace, `w-${i}`, FANOUT);
        // A failed create is not expected on any watch.
        if (!ok) startedAt[i] = NaN;
        return ok;
      },
    });
    const acknowledged = startedAt.filter((t) => !Number.isNaN(t)).length;
    const expected = acknowledged * s.watchers;
    await waitUntil(() => received >= expected, s.drainTimeoutMs);

    const delays: number[] = [];
    for (const seen of arrivals) {
      for (let i = 0; i < s.pods; i++) {
        if (!Number.isNaN(startedAt[i]) && !Number.isNaN(seen[i])) delays.push(seen[i] - startedAt[i]);
      }
    }
    return {
      watchers: s.watchers,
      pods: s.pods,
      creates,
      expected,
      received,
      missing: expected - delays.length,
      duplicates,
      otherEvents,
      endedEarly,
      delayMs: summarize(delays),
    };
  } finally {
    closing = true;
    for (const stream of streams) stream.close();
    agent.destroy();
  }
}

/** The index i of a bench pod named w-i, if in range. */
function podIndex(name: string | undefined, pods: number): number | undefined {
  const m = name ? /^w-(\d+)$/.exec(name) : null;
  if (!m) return undefined;
  const i = Number(m[1]);
  return i < pods ? i : undefined;
}
