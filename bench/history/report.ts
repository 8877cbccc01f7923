/**
 * bench/history's table: each figure beside its floor (the same work
 * without the history API, measured in the same run) and the goals.
 */
import { alignedTable, goalLines } from '../table';
import type { LatencySummary } from '../eventstore/stats';
import type { QueryFigures } from './queries';
import type { ReplayFigures } from './replay';

/** The goals. */
export const GOALS = { stateP99Ms: 50, diffMs: 200, queryMs: 50, replayPerSec: 300_000, snapshotShare: 0.1 } as const;

export interface HistoryResults {
  events: number;
  objects: number;
  seedPerSec: number;
  logFileBytes: number;
  payloadBytes: number;
  /** Spawn of the restarted server until its history API answered. */
  restartMs: number;
  counts: { cold: number; warmup: number; warm: number };
  queries: QueryFigures;
  replay: ReplayFigures;
  problems: number;
}

type Cell = [string, string, string, string, string];

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const count = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const mb = (v: number) => (v / 1e6).toFixed(1);
const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(2)}x` : '-');

function latency(cells: Cell[], scenario: string, l: LatencySummary, floor?: LatencySummary, floorName = ''): void {
  cells.push([scenario, `p50 ms (n=${l.samples})`, ms(l.p50), floor ? `${ms(floor.p50)} ${floorName}` : '-', floor ? ratio(l.p50, floor.p50) : '-']);
  cells.push(['', 'p99 ms', ms(l.p99), floor ? `${ms(floor.p99)} ${floorName}` : '-', floor ? ratio(l.p99, floor.p99) : '-']);
}

/** The table and the goals as printed lines. */
export function renderHistory(r: HistoryResults): string {
  const q = r.queries;
  const f = q.floor;
  const cells: Cell[] = [];
  cells.push([`log: ${count(r.events)} events, ${count(r.objects)} objects`, 'appended/s', count(r.seedPerSec), '-', '-']);
  cells.push(['  events.sqlite', 'MB', mb(r.logFileBytes), `${mb(r.payloadBytes)} JSON`, ratio(r.logFileBytes, r.payloadBytes)]);
  cells.push(['restart over the log until /history answers', 'ms', ms(r.restartMs), '-', '-']);
  latency(cells, `state, whole cluster (~${count(q.items.cluster)} obj), cold`, q.cold.cluster, f.stateNow.cluster, 'at=now');
  latency(cells, '  warm', q.warm.cluster, f.stateNow.cluster, 'at=now');
  latency(cells, `state, namespace team-3 (~${count(q.items.namespace)} obj), cold`, q.cold.namespace, f.stateNow.namespace, 'at=now');
  latency(cells, '  warm', q.warm.namespace, f.stateNow.namespace, 'at=now');
  latency(cells, '  warm, built by the server (Server-Timing app)', q.app.warm.cluster, q.app.stateNow.cluster, 'at=now');
  latency(cells, '  namespace warm, built by the server', q.app.warm.namespace, q.app.stateNow.namespace, 'at=now');
  latency(cells, `diff of two random points (~${count(q.diffChanged)} changed)`, q.diff, f.diffNow, 'now/now');
  latency(cells, '  built by the server (Server-Timing app)', q.app.diff);
  latency(cells, `events actor+kind+range (~${count(q.eventItems)} items)`, q.events, f.eventsRead, 'read');
  latency(cells, '  histogram, same filters, 1s buckets', q.histogram);
  latency(cells, `timeline of a random object (~${count(q.timelineVersions)} versions)`, q.timeline, f.streamRead, 'read');
  latency(cells, `why-tree of a random pod event (~${count(q.whyTreeSize)} nodes)`, q.why, f.treeRead, 'read');
  const rp = r.replay;
  cells.push([`full replay from the store, ${rp.readPath === 'direct' ? 'direct SQLite read' : 'official client'} (read+verify+fold)`, 'events/s', count(rp.replayPerSec), `${count(rp.parsePerSec)} parse`, ratio(rp.replayPerSec, rp.parsePerSec)]);
  cells.push(['  bare readAll, official client (first 200k)', 'events/s', count(rp.rawReadPerSec), `${count(rp.parsePerSec)} parse`, ratio(rp.rawReadPerSec, rp.parsePerSec)]);
  cells.push([`time-travel snapshots (${rp.snapshots}), heap beyond live`, 'MB', mb(rp.snapshotHeapBytes), `${mb(r.logFileBytes)} log`, ratio(rp.snapshotHeapBytes, r.logFileBytes)]);
  cells.push(['  live state alone (for scale)', 'MB', mb(rp.liveHeapBytes), '-', '-']);

  const share = rp.snapshotHeapBytes / r.logFileBytes;
  const clean = r.problems === 0;
  const status = (ok: boolean) => (ok && clean ? 'MET' : 'MISSED');
  // The goal is time travel's own cost: the server's time to build the state. Sending ~10k objects
  // costs the same at=now (the floor beside it), so end-to-end figures are shown, not judged.
  const worst = Math.max(q.app.warm.cluster.p99, q.app.warm.namespace.p99);
  const goals = [
    { goal: `state at any point < ${GOALS.stateP99Ms} ms p99 warm`, status: status(worst < GOALS.stateP99Ms), detail: `built in: whole cluster ${ms(q.app.warm.cluster.p99)} ms, namespace ${ms(q.app.warm.namespace.p99)} ms; end to end over HTTPS ${ms(q.warm.cluster.p99)} / ${ms(q.warm.namespace.p99)} ms (at=now ${ms(q.floor.stateNow.cluster.p99)} / ${ms(q.floor.stateNow.namespace.p99)} ms)` },
    { goal: `diff < ${GOALS.diffMs} ms`, status: status(q.diff.p99 < GOALS.diffMs), detail: `p99 ${ms(q.diff.p99)} ms` },
    { goal: `query and timeline < ${GOALS.queryMs} ms`, status: status(Math.max(q.events.p99, q.histogram.p99, q.timeline.p99) < GOALS.queryMs), detail: `p99 events ${ms(q.events.p99)}, histogram ${ms(q.histogram.p99)}, timeline ${ms(q.timeline.p99)} ms` },
    { goal: `replay >= ${count(GOALS.replayPerSec)} events/s`, status: status(rp.replayPerSec >= GOALS.replayPerSec), detail: `${count(rp.replayPerSec)} events/s` },
    { goal: `snapshot storage < ${GOALS.snapshotShare * 100}% of the log`, status: status(share < GOALS.snapshotShare), detail: `${(share * 100).toFixed(1)}% (${mb(rp.snapshotHeapBytes)} of ${mb(r.logFileBytes)} MB)` },
  ];
  return [
    `history over ${count(r.events)} events on ${count(r.objects)} objects (HTTPS, one request at a time; cold = the first ${r.counts.cold} states after a restart,`,
    `warm = ${r.counts.warm} fresh points after ${r.counts.warmup} others; every point a fresh random event position; floors measured in the same run):`,
    ...alignedTable(['scenario', 'unit', 'chronokube', 'floor/baseline', 'ratio'], cells),
    ...goalLines(goals),
    ...(clean ? [] : [`  (${r.problems} failed or wrong answers: every goal counts as MISSED)`]),
  ].join('\n');
}
