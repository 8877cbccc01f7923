import { alignedTable, goalLines } from '../table';
import type { AppendFigures, ScenarioResults, Settings } from './scenarios';

/** One line of the comparison table. */
export interface Row {
  scenario: string;
  unit: string;
  /** Which direction is better; decides how the ratio is taken. */
  better: 'higher' | 'lower';
  chronokube: number;
  etcd: number | null;
  /** > 1 means chronokube is better (ck/etcd for rates, etcd/ck for latencies). */
  ratio: number | null;
}

export interface Goal {
  goal: string;
  status: 'PASS' | 'MISS' | 'N/A';
  detail: string;
}

/** Turns both stores' results into table rows, in scenario order. */
export function buildRows(ck: ScenarioResults, etcd: ScenarioResults | undefined, settings: Settings): Row[] {
  const rows: Row[] = [];
  const add = (scenario: string, unit: string, better: Row['better'], pick: (r: ScenarioResults) => number) => {
    const a = pick(ck);
    const b = etcd ? pick(etcd) : null;
    const ratio = b === null ? null : better === 'higher' ? a / b : b / a;
    rows.push({ scenario, unit, better, chronokube: a, etcd: b, ratio: Number.isFinite(ratio) ? ratio : null });
  };
  ck.single.forEach((f, i) => {
    const name = `append 1 event, c=${f.concurrency}`;
    add(name, 'events/s', 'higher', (r) => r.single[i].eventsPerSec);
    add(name, 'p50 ms', 'lower', (r) => r.single[i].latencyMs.p50);
    add(name, 'p99 ms', 'lower', (r) => r.single[i].latencyMs.p99);
  });
  ck.batch.forEach((f, i) => {
    const name = `append ${f.eventsPerAppend} events, c=${f.concurrency}`;
    add(name, 'events/s', 'higher', (r) => r.batch[i].eventsPerSec);
    add(name, 'appends/s', 'higher', (r) => r.batch[i].appendsPerSec);
  });
  // Each store reads back what it was given (at least settings.readEvents).
  add(`read all from start (>= ${fmtRate(settings.readEvents)})`, 'events/s', 'higher', (r) => r.read.eventsPerSec);
  // chronokube only: what the server delivers, without the official client's
  // per-event decoding. No etcd counterpart, hence no etcd figure and no ratio.
  if (ck.readRaw) {
    rows.push({
      scenario: 'read all, server side (no client decode)',
      unit: 'events/s',
      better: 'higher',
      chronokube: ck.readRaw.eventsPerSec,
      etcd: null,
      ratio: null,
    });
  }
  const lag = `subscription lag @ ${settings.lagRatePerSec}/s`;
  add(lag, 'p50 ms', 'lower', (r) => r.lag.latencyMs.p50);
  add(lag, 'p99 ms', 'lower', (r) => r.lag.latencyMs.p99);
  return rows;
}

/** Checks the performance goals of the store against the results. */
export function checkGoals(ck: ScenarioResults, etcd: ScenarioResults | undefined): Goal[] {
  const goals: Goal[] = [];
  const appendRows = (r: ScenarioResults): AppendFigures[] => [...r.single, ...r.batch];
  if (etcd) {
    const behind = appendRows(ck)
      .map((f, i) => ({ f, ratio: f.eventsPerSec / appendRows(etcd)[i].eventsPerSec }))
      .filter(({ ratio }) => !(ratio > 1));
    goals.push({
      goal: 'ahead of etcd at every concurrency (append events/s, every row)',
      status: behind.length === 0 ? 'PASS' : 'MISS',
      detail:
        behind.length === 0
          ? 'all append rows > 1.00x'
          : `behind: ${behind.map(({ f, ratio }) => `x${f.eventsPerAppend} c=${f.concurrency} ${ratio.toFixed(2)}x`).join(', ')}`,
    });
  } else {
    goals.push({ goal: 'ahead of etcd at every concurrency', status: 'N/A', detail: 'etcd baseline skipped' });
  }
  const c128 = ck.single.find((f) => f.concurrency === 128);
  if (c128) {
    goals.push({
      goal: '>= 20,000 single-event appends/s at c=128',
      status: c128.eventsPerSec >= 20_000 ? 'PASS' : 'MISS',
      detail: `${fmtRate(c128.eventsPerSec)} events/s`,
    });
  }
  goals.push({
    goal: '$all reads >= 200,000 events/s',
    status: ck.read.eventsPerSec >= 200_000 ? 'PASS' : 'MISS',
    detail:
      `${fmtRate(ck.read.eventsPerSec)} events/s through the official client` +
      (ck.readRaw ? ` (server side: ${fmtRate(ck.readRaw.eventsPerSec)} events/s)` : ''),
  });
  return goals;
}

/** Renders rows and goals as an aligned plain-text table. */
export function renderTable(rows: Row[], goals: Goal[], etcdName: string): string {
  const header = ['scenario', 'unit', 'chronokube', etcdName, 'ratio'];
  const cells = rows.map((r) => [
    r.scenario,
    r.unit,
    fmtValue(r.chronokube, r.unit),
    r.etcd === null ? '-' : fmtValue(r.etcd, r.unit),
    r.ratio === null ? '-' : `${r.ratio.toFixed(2)}x`,
  ]);
  return [
    'ratio > 1 means chronokube is better: chronokube/etcd for rates, etcd/chronokube for latencies (ms)',
    ...alignedTable(header, cells),
    ...goalLines(goals),
  ].join('\n');
}

function fmtValue(v: number, unit: string): string {
  if (!Number.isFinite(v)) return 'n/a';
  return unit.endsWith('ms') ? v.toFixed(2) : fmtRate(v);
}

function fmtRate(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}
