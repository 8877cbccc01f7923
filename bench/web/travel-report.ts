/**
 * bench/web/travel's table: each figure beside a baseline measured in the
 * same run, and the issue's goals.
 */
import { alignedTable, goalLines } from '../table';

/** The issue's goals. */
export const TRAVEL_GOALS = { scrubP95Ms: 200, stepP95Ms: 50, playPerSec: 500, longTaskMs: 200 } as const;

export interface Latency {
  samples: number;
  /** Timed out (no new point shown within 30 s). */
  failed: number;
  p50: number;
  p95: number;
  max: number;
}

export interface PlayRun {
  speed: 'max' | '100';
  seconds: number;
  /** Events of the log (as the history API counts them) between the rv at the start and the rv reached. */
  events: number;
  perSec: number;
  /** Event time advanced per real time (100 at 100x if the views keep up). */
  eventTimeFactor: number;
  /** Play stopped by itself (the head of the log, or a failed load). */
  endedEarly: boolean;
  longTasks: number;
  longestTaskMs: number;
  over200: number;
}

export interface TravelResults {
  events: number;
  objects: number;
  seedPerSec: number;
  restartMs: number;
  /** Navigation to the overview at ?at= until its frame. */
  openMs: number;
  logSpanMs: number;
  msPerPx: number;
  scrub: Latency;
  /** Samples each phase aimed at (fewer when its time budget ran out). */
  asked: { scrub: number; near: number; step: number };
  nearScrub: Latency;
  step: Latency;
  floor: Latency;
  playMax: PlayRun;
  play100: PlayRun;
  longTaskSupported: boolean;
  errors: string[];
}

type Cell = [string, string, string, string, string];

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const count = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(2)}x` : '-');

function latency(cells: Cell[], scenario: string, l: Latency, base: Latency, baseName: string): void {
  const n = `n=${l.samples}${l.failed ? `, ${l.failed} timed out` : ''}`;
  cells.push([scenario, `p50 ms (${n})`, ms(l.p50), `${ms(base.p50)} ${baseName}`, ratio(l.p50, base.p50)]);
  cells.push(['', 'p95 ms', ms(l.p95), `${ms(base.p95)} ${baseName}`, ratio(l.p95, base.p95)]);
}

function play(cells: Cell[], p: PlayRun, longTasks: boolean): void {
  const name = p.speed === 'max' ? 'max' : `${p.speed}x`;
  cells.push([`play at ${name}, ${p.seconds.toFixed(1)} s${p.endedEarly ? ' (stopped early)' : ''}`, 'events/s', count(p.perSec), `${count(p.events)} events`, '-']);
  cells.push(['  event time per real time', 'x', Number.isFinite(p.eventTimeFactor) ? p.eventTimeFactor.toFixed(1) : 'n/a', p.speed === 'max' ? '-' : `${p.speed} asked`, p.speed === 'max' ? '-' : ratio(p.eventTimeFactor, Number(p.speed))]);
  cells.push(['  long tasks (count / longest)', 'ms', longTasks ? ms(p.longestTaskMs) : 'not measurable', longTasks ? `${p.longTasks} tasks, ${p.over200} > 200 ms` : '-', '-']);
}

export function renderTravel(r: TravelResults): string {
  const cells: Cell[] = [];
  cells.push([`log: ${count(r.events)} events, ${count(r.objects)} objects`, 'appended/s', count(r.seedPerSec), '-', '-']);
  cells.push(['restart over the log until /history answers', 'ms', ms(r.restartMs), '-', '-']);
  cells.push(['open the overview at ?at=<middle> (navigation to frame)', 'ms', ms(r.openMs), '-', '-']);
  latency(cells, 'scrub: click at a random time, release to frame', r.scrub, r.nearScrub, 'near');
  const perPx = (r.events * r.msPerPx) / r.logSpanMs;
  latency(cells, `  near: 2-6 px away (~${count(2 * perPx)}-${count(6 * perPx)} events)`, r.nearScrub, r.floor, 'frame');
  latency(cells, 'step: ] to the frame showing the next event', r.step, r.floor, 'frame');
  latency(cells, '  frame floor: unbound key to the next frame', r.floor, r.floor, 'frame');
  play(cells, r.playMax, r.longTaskSupported);
  play(cells, r.play100, r.longTaskSupported);

  const clean = r.errors.length === 0;
  const status = (ok: boolean) => (ok && clean ? 'MET' : 'MISSED');
  const fullyMeasured = (l: Latency) => l.failed === 0 && l.samples > 0;
  const best = [r.playMax, r.play100].filter((p) => p.perSec >= TRAVEL_GOALS.playPerSec && p.over200 === 0).sort((a, b) => b.perSec - a.perSec)[0];
  const playOk = r.longTaskSupported && best !== undefined;
  const goals = [
    { goal: `scrub to render < ${TRAVEL_GOALS.scrubP95Ms} ms p95`, status: status(fullyMeasured(r.scrub) && r.scrub.p95 < TRAVEL_GOALS.scrubP95Ms), detail: `p50 ${ms(r.scrub.p50)}, p95 ${ms(r.scrub.p95)} ms over ${r.scrub.samples} random points${r.scrub.failed ? ` (${r.scrub.failed} timed out)` : ''}` },
    { goal: `step < ${TRAVEL_GOALS.stepP95Ms} ms p95`, status: status(fullyMeasured(r.step) && r.step.p95 < TRAVEL_GOALS.stepP95Ms), detail: `p50 ${ms(r.step.p50)}, p95 ${ms(r.step.p95)} ms over ${r.step.samples} steps${r.step.failed ? ` (${r.step.failed} timed out)` : ''}` },
    {
      goal: `play >= ${TRAVEL_GOALS.playPerSec} events/s, no long task > ${TRAVEL_GOALS.longTaskMs} ms`,
      status: status(playOk),
      detail: r.longTaskSupported
        ? `max ${count(r.playMax.perSec)} events/s (longest task ${ms(r.playMax.longestTaskMs)} ms), 100x ${count(r.play100.perSec)} events/s (longest ${ms(r.play100.longestTaskMs)} ms)`
        : 'long tasks not observable in this browser: not measured',
    },
  ];
  return [
    `time travel in the dashboard over ${count(r.events)} events on ${count(r.objects)} objects (headless Chromium, overview page; the log spans`,
    `${(r.logSpanMs / 1000).toFixed(1)} s of event time (the store's append times: the seed wrote it that fast), ${r.msPerPx.toFixed(0)} ms of it per timeline pixel;`,
    `"frame" = the first requestAnimationFrame after the store showed the new rv; baselines from the same run):`,
    ...alignedTable(['scenario', 'unit', 'chronokube', 'baseline', 'ratio'], cells),
    ...goalLines(goals),
    ...(r.scrub.samples + r.scrub.failed < r.asked.scrub || r.nearScrub.samples + r.nearScrub.failed < r.asked.near || r.step.samples + r.step.failed < r.asked.step
      ? [`  (time budget: ${r.scrub.samples + r.scrub.failed}/${r.asked.scrub} scrubs, ${r.nearScrub.samples + r.nearScrub.failed}/${r.asked.near} near, ${r.step.samples + r.step.failed}/${r.asked.step} steps measured)`]
      : []),
    ...(clean ? [] : [`  (page errors: ${r.errors.join('; ')}: every goal counts as MISSED)`]),
  ].join('\n');
}
