/**
 * The sustained write load: merge patches of one label on the cluster's
 * pods, round robin, paced at a target rate with a bounded number in
 * flight. Every patch is a real write through the API (decide, append,
 * fold, live stream), and changes the label's value, so each one is exactly
 * one Pod event the dashboard's store must fold.
 */
import { performance } from 'node:perf_hooks';
import type { KubeClient } from '@chronokube/agent';

/** The label the load writes: the patch's sequence number. */
export const SEQ_LABEL = 'bench-seq';

export interface WriteLoadResult {
  /** rate x duration: what the schedule asked for. */
  offered: number;
  /** Patches started (those not started by the end of the window, because the server was behind, are not sent). */
  sent: number;
  ok: number;
  errors: number;
  /** First few error messages. */
  errorSamples: string[];
  /** From the first due time to the last completion. */
  elapsedMs: number;
  /** ok / elapsed. */
  achievedPerSec: number;
  /** Per acknowledged patch: when it was acknowledged (epoch ms) and the resourceVersion it produced. */
  acks: { at: number; resourceVersion: bigint }[];
  /** Per pod: the sequence number of its latest acknowledged patch (by resourceVersion). */
  lastSeq: Map<string, string>;
}

/**
 * Patch i (pod i mod pods.length, label = i) is due at start + i/rate; up
 * to `inFlight` are outstanding at once. A patch still waiting for a free
 * slot when the window closes is not sent: when the server cannot keep up,
 * the shortfall shows as sent < offered and in the achieved rate, never as
 * a backlog that runs on after the window.
 */
export async function runWriteLoad(client: KubeClient, pods: readonly string[], ratePerSec: number, durationMs: number, inFlight: number): Promise<WriteLoadResult> {
  const offered = Math.floor((ratePerSec * durationMs) / 1000);
  const intervalMs = 1000 / ratePerSec;
  const acks: WriteLoadResult['acks'] = [];
  const latest = new Map<string, { rv: bigint; seq: string }>();
  const errorSamples: string[] = [];
  let next = 0;
  let sent = 0;
  let errors = 0;
  let lastDone = 0;
  const start = performance.now();
  const end = start + durationMs;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= offered) return;
      const due = start + i * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (performance.now() >= end) return;
      sent++;
      const pod = pods[i % pods.length];
      const seq = String(i);
      try {
        const out = await client.request('PATCH', `/api/v1/namespaces/default/pods/${pod}`, { metadata: { labels: { [SEQ_LABEL]: seq } } }, 'application/merge-patch+json');
        const rv = BigInt(out.metadata.resourceVersion);
        acks.push({ at: performance.timeOrigin + performance.now(), resourceVersion: rv });
        const prev = latest.get(pod);
        if (!prev || prev.rv < rv) latest.set(pod, { rv, seq });
      } catch (err) {
        errors++;
        if (errorSamples.length < 3) errorSamples.push(`PATCH pods/${pod}: ${(err as Error).message}`);
      }
      lastDone = performance.now();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return writeLoadResult({ offered, sent, errors, errorSamples, acks, latest, durationMs, busyMs: lastDone - start });
}

/** What a write load did, from its counters: the window is the planned duration or the time the last write took to finish. */
export function writeLoadResult(r: {
  offered: number; sent: number; errors: number; errorSamples: string[];
  acks: WriteLoadResult['acks']; latest: ReadonlyMap<string, { seq: string }>; durationMs: number; busyMs: number;
}): WriteLoadResult {
  const elapsedMs = Math.max(r.durationMs, r.busyMs);
  return {
    offered: r.offered, sent: r.sent, ok: r.acks.length, errors: r.errors, errorSamples: r.errorSamples, elapsedMs,
    achievedPerSec: (r.acks.length * 1000) / elapsedMs,
    acks: r.acks,
    lastSeq: new Map([...r.latest].map(([pod, v]) => [pod, v.seq])),
  };
}
