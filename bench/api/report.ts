import { alignedTable, goalLines } from '../table';
import type { LatencySummary } from '../eventstore/stats';
import type { ApiResults, ApiSettings } from './results';

/**
 * Kubernetes' official "API call latency" SLOs (kubernetes/community,
 * sig-scalability/slos/slos.md), as fixed reference lines. Upstream they are
 * the p99 per cluster-day in a default installation; here the p99 of this run.
 */
export const K8S_SLO_MS = {
  /** Mutating API calls for single objects, every (resource, verb): p99 <= 1 s. */
  mutating: 1000,
  /** Non-streaming read-only calls, every (resource, scope): scope=resource p99 <= 1 s. */
  readResource: 1000,
  /** ... scope=namespace p99 <= 5 s. */
  readNamespace: 5000,
  /** ... scope=cluster p99 <= 30 s (not exercised: the bench lists one namespace). */
  readCluster: 30_000,
} as const;

/** The goals. */
export const GOALS = { createP99Ms: 25, listMs: 300, watchP99Ms: 50 } as const;

/** One line of the table; ratio = chronokube / reference. */
export interface Row {
  scenario: string;
  unit: string;
  chronokube: number;
  reference: number | null;
  /** What the reference is: the bare store append measured in this run, or a Kubernetes SLO. */
  referenceKind: 'append' | 'SLO' | null;
  ratio: number | null;
}

export interface Goal {
  goal: string;
  status: 'MET' | 'MISSED';
  detail: string;
}

/** Table rows in scenario order. */
export function buildRows(r: ApiResults, s: ApiSettings): Row[] {
  const rows: Row[] = [];
  const add = (scenario: string, unit: string, value: number, reference: number | null = null, kind: Row['referenceKind'] = null) => {
    const ratio = reference === null ? null : value / reference;
    rows.push({ scenario, unit, chronokube: value, reference, referenceKind: reference === null ? null : kind, ratio: Number.isFinite(ratio) ? ratio : null });
  };
  const latency = (scenario: string, l: LatencySummary, base?: LatencySummary, sloP99?: number) => {
    add(scenario, 'p50 ms', l.p50, base?.p50 ?? null, 'append');
    add(scenario, 'p99 ms', l.p99, base?.p99 ?? null, 'append');
    if (base) add(scenario, 'max ms', l.max, base.max, 'append');
    if (sloP99 !== undefined) add(scenario, 'p99 ms', l.p99, sloP99, 'SLO');
  };

  const paced = `create pod, open loop @${s.createRatePerSec}/s`;
  add(paced, 'creates/s', r.pacedCreates.achievedPerSec, r.baseline.achievedPerSec, 'append');
  latency(paced, r.pacedCreates.latencyMs, r.baseline.latencyMs, K8S_SLO_MS.mutating);

  if (r.withControlPlane) {
    const cp = `  same, control plane on (+1 Event +1 status/pod)`;
    add(cp, 'creates/s', r.withControlPlane.achievedPerSec, r.baseline.achievedPerSec, 'append');
    latency(cp, r.withControlPlane.latencyMs, r.baseline.latencyMs, K8S_SLO_MS.mutating);
  }

  const closed = `create pod, closed loop c=${r.maxCreates.concurrency}`;
  add(closed, 'creates/s', r.maxCreates.opsPerSec);
  latency(closed, r.maxCreates.latencyMs, undefined, K8S_SLO_MS.mutating);

  const get = `get pod (random), closed loop c=${r.gets.concurrency}`;
  add(get, 'req/s', r.gets.opsPerSec);
  latency(get, r.gets.latencyMs, undefined, K8S_SLO_MS.readResource);

  const list = `list ${fmtCount(s.listPods)} pods, JSON (x${r.jsonLists.runs})`;
  add(list, 'p50 ms', r.jsonLists.latencyMs.p50);
  add(list, 'p99 ms', r.jsonLists.latencyMs.p99, K8S_SLO_MS.readNamespace, 'SLO');
  add(list, 'max ms', r.jsonLists.latencyMs.max);
  add(list, 'MB', r.jsonLists.bytes / 1e6);

  const table = `list ${fmtCount(s.listPods)} pods, Table limit=${s.tableLimit} (${r.tableLists.pages} pages, x${r.tableLists.runs})`;
  add(table, 'p50 total ms', r.tableLists.totalMs.p50);
  add(table, 'max total ms', r.tableLists.totalMs.max);

  const f = r.fanout;
  const fanout = `watch fan-out ${f.watchers} watchers x ${f.pods} creates @${s.watchRatePerSec}/s`;
  add(fanout, 'p50 ms', f.delayMs.p50);
  add(fanout, 'p99 ms', f.delayMs.p99);
  add(fanout, 'max ms', f.delayMs.max);
  add(fanout, 'missing events', f.missing);
  return rows;
}

/** The goals, evaluated; errors or missing data count against a goal. */
export function checkGoals(r: ApiResults, s: ApiSettings): Goal[] {
  const c = r.pacedCreates;
  const keptPace = c.achievedPerSec >= 0.98 * s.createRatePerSec;
  const l = r.jsonLists;
  const allItems = l.items.length === l.runs && l.items.every((n) => n === s.listPods);
  const f = r.fanout;
  return [
    {
      goal: `creates p99 < ${GOALS.createP99Ms} ms at ${s.createRatePerSec} creates/s`,
      status: c.latencyMs.p99 < GOALS.createP99Ms && keptPace && c.errors === 0 ? 'MET' : 'MISSED',
      detail: `p99 ${fmtMs(c.latencyMs.p99)} ms at ${c.achievedPerSec.toFixed(1)} creates/s achieved, ${c.errors} errors`,
    },
    {
      goal: `a ${fmtCount(s.listPods)}-pod list < ${GOALS.listMs} ms (every one of ${l.runs}: the max)`,
      status: l.latencyMs.max < GOALS.listMs && allItems && l.errors === 0 ? 'MET' : 'MISSED',
      detail: `max ${fmtMs(l.latencyMs.max)} ms, p50 ${fmtMs(l.latencyMs.p50)} ms; items per list ${[...new Set(l.items)].join('/') || 'none'}, ${l.errors} errors`,
    },
    {
      goal: `every watcher gets each event within ${GOALS.watchP99Ms} ms p99`,
      status: f.delayMs.p99 < GOALS.watchP99Ms && f.missing === 0 && f.endedEarly === 0 ? 'MET' : 'MISSED',
      detail: `p99 ${fmtMs(f.delayMs.p99)} ms; ${f.received}/${f.expected} delivered, ${f.missing} missing, ${f.duplicates} duplicates, ${f.endedEarly} watches ended early`,
    },
  ];
}

/** Rows, goals and CPU use as aligned plain text. */
export function renderTable(rows: Row[], goals: Goal[], cpu: ApiResults['cpu'], cores: number): string {
  const header = ['scenario', 'unit', 'chronokube', 'baseline/SLO', 'ratio'];
  const cells = rows.map((r) => [
    r.scenario,
    r.unit,
    fmtValue(r.chronokube, r.unit),
    r.reference === null ? '-' : `${fmtValue(r.reference, r.unit)} ${r.referenceKind}`,
    r.ratio === null ? '-' : `${r.ratio < 0.01 ? r.ratio.toFixed(4) : r.ratio.toFixed(2)}x`,
  ]);
  const phaseWidth = Math.max(...Object.keys(cpu).map((k) => k.length));
  return [
    'ratio = chronokube / reference. "append": a bare appendToStream of one small event (official client, same store,',
    'same pace, same run), so the ratio is the API\'s overhead. "SLO": Kubernetes API call latency SLO (p99 per',
    'cluster-day upstream: mutating single object <= 1 s; read-only scope=resource <= 1 s, namespace <= 5 s,',
    'cluster <= 30 s); the ratio is the share of that budget used.',
    ...alignedTable(header, cells),
    ...goalLines(goals),
    `cpu (cores busy, of ${cores}) and the client's event-loop delay (p99/max ms; high = load generator lagging):`,
    ...Object.entries(cpu).map(
      ([phase, u]) =>
        `  ${phase.padEnd(phaseWidth)}  server ${u.server.toFixed(2)}  client ${u.client.toFixed(2)}` +
        `  client loop delay ${u.clientLoopDelayP99Ms.toFixed(1)}/${u.clientLoopDelayMaxMs.toFixed(1)}`,
    ),
  ].join('\n');
}

function fmtValue(v: number, unit: string): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (unit.endsWith('ms')) return fmtMs(v);
  if (unit === 'MB') return v.toFixed(2);
  return fmtCount(v);
}

function fmtMs(v: number): string {
  return Number.isFinite(v) ? v.toFixed(2) : 'n/a';
}

function fmtCount(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}
