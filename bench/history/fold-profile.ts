/**
 * In-process measurement of time-travel snapshots and the fold, no server:
 * generates a log through the deciders (generate.ts), turns it into
 * recorded events (positions advance by each event's JSON size, as commit
 * positions roughly do), folds it and prints heap and speed figures.
 *
 *   node --expose-gc bin/run-ts.js bench/history/fold-profile.ts [events] [objects]
 */
import { ClusterState, type PackedState, type RecordedEvent } from '@chronokube/core';
import { generateHistory } from './generate';
import { SnapshotSpacing } from '../../apps/api/src/projection/snapshot-spacing';

const events = Number(process.argv[2] ?? 100_000);
const objects = Number(process.argv[3] ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;
const heap = (): number => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};
const mb = (n: number): string => (n / 1e6).toFixed(1);

const log: RecordedEvent[] = [];
const revisions = new Map<string, bigint>();
let position = 0;
let logBytes = 0;
for (const episode of generateHistory({ events, objects, seed: 1 })) {
  for (const e of episode.events) {
    const revision = (revisions.get(episode.stream) ?? -1n) + 1n;
    revisions.set(episode.stream, revision);
    const bytes = JSON.stringify(e.data).length + JSON.stringify(e.metadata).length;
    logBytes += bytes;
    position += bytes + 100;
    // A fresh parse per event, as the store hands them over (nothing shared with the generator).
    log.push({ streamId: episode.stream, revision, type: e.type, data: JSON.parse(JSON.stringify(e.data)), position, id: e.id, metadata: e.metadata });
  }
}
console.log(`log: ${log.length} events, ${mb(logBytes)} MB of JSON payload`);

const every = process.env.EVERY ? Number(process.env.EVERY) : undefined;
const fold = (withSnapshots: boolean): { state: ClusterState; snapshots: PackedState[]; ms: number } => {
  const state = new ClusterState();
  const snapshots: PackedState[] = [];
  const spacing = new SnapshotSpacing({ every });
  const t0 = performance.now();
  for (const event of log) {
    state.apply(event);
    if (withSnapshots && spacing.tick()) {
      const packed = state.pack();
      spacing.taken(packed);
      snapshots.push(packed);
    }
  }
  return { state, snapshots, ms: performance.now() - t0 };
};

const base = heap();
let run = fold(false);
const live = heap() - base;
console.log(`fold: ${(log.length / (run.ms / 1000)).toFixed(0)} events/s (${run.ms.toFixed(0)} ms), live state ${mb(live)} MB`);
run = undefined as never;
heap();
const base2 = heap();
const withSnaps = fold(true);
const total = heap() - base2;
const snapBytes = total - live;
console.log(`snapshots: ${withSnaps.snapshots.length}, ${mb(snapBytes)} MB beyond the live state = ${((100 * snapBytes) / logBytes).toFixed(1)}% of the payload, ${((100 * snapBytes) / (log.length * 820)).toFixed(1)}% of the log on disk (~820 B an event at 100k)`);
// What the maps alone cost: clone the final state N times (all object versions shared).
const h0 = heap();
const clones = Array.from({ length: 20 }, () => withSnaps.state.clone());
const perClone = (heap() - h0) / clones.length;
const h1 = heap();
const packs = Array.from({ length: 20 }, () => withSnaps.state.pack());
const perPack = (heap() - h1) / packs.length;
const t1 = performance.now();
for (const p of packs) ClusterState.unpack(p);
console.log(`one pack (slots only): ${(perPack / 1e3).toFixed(0)} kB; unpack ${((performance.now() - t1) / packs.length).toFixed(2)} ms`);
let count = 0;
for (const s of [withSnaps.state]) for (const _ of s.toSnapshot().objects) count++;
console.log(`one clone of a ${count}-object state (maps only): ${(perClone / 1e3).toFixed(0)} kB = ${(perClone / count).toFixed(0)} B per object`);
// Fold length from a snapshot: the worst case any stateAt pays.
let worst = 0;
let last = 0;
const spacing = new SnapshotSpacing({ every });
const probe = new ClusterState();
for (let i = 0; i < log.length; i++) {
  probe.apply(log[i]);
  if (spacing.tick()) {
    spacing.taken(probe.pack());
    worst = Math.max(worst, i - last);
    last = i;
  }
}
console.log(`longest fold between snapshots: ${Math.max(worst, log.length - 1 - last)} events`);
