/**
 * bench/web/travel: time travel in the dashboard over a long history. A
 * `chronokube server --api-only` gets 200,000 events on about 5,000 objects
 * (BENCH_TRAVEL_EVENTS / BENCH_TRAVEL_OBJECTS for a smaller log), generated
 * through the deciders and appended signed straight into its store
 * (bench/history/seed.ts), is restarted over that log, and `chronokube web`
 * serves the dashboard on it to headless Chromium, signed in. Then, on the
 * overview at a point in the middle of the log:
 *
 * - scrub: clicks on the timeline at random times of the log, release to
 *   the frame showing the new point (p50/p95); the baseline is the same
 *   click a few seconds away, inside the events the page already loaded;
 * - step: `]` pressed again and again, key press to the frame showing the
 *   next event; the baseline is an unbound key's press to the next frame;
 * - play: at max and at 100x for PLAY_MS each, the events the page moved
 *   over per second (the history API's count of events between the rv at
 *   start and the rv reached) and the long tasks meanwhile.
 *
 * Missed goals are printed, not fatal. With BENCH_TRAVEL_PROFILE=dir, each
 * phase's page CPU profile is written there (scrub, near, step, play-max,
 * play-100 .cpuprofile; bench/tools/profile-summary.ts reads them).
 */
import { envInt } from '../env';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from '../eventstore/cleanup';
import { percentile } from '../eventstore/stats';
import { startApiServer } from '../api/server';
import { seedHistory } from '../history/seed';
import { waitForHistoryApi } from '../history/ready';
import { launchBrowser } from './browser';
import { startWebProcess } from './web-process';
import { TravelPage } from './travel-page';
import { renderTravel, type Latency, type PlayRun, type TravelResults } from './travel-report';

const READY_TIMEOUT_MS = 10 * 60_000;
const SCRUBS = 30;
const NEAR_SCRUBS = 15;
const STEPS = 60;
const FLOORS = 20;
const PLAY_MS = 10_000;
/** Each measured phase stops early after this long (a loaded machine must not stretch the run past ~8 min). */
const SCRUB_BUDGET_MS = 90_000;
const NEAR_BUDGET_MS = 45_000;
const STEP_BUDGET_MS = 45_000;
/** The page the bench travels on. */
const PAGE = '/';

function latency(samples: number[], failed = 0): Latency {
  const ok = Float64Array.from(samples.filter((s) => Number.isFinite(s))).sort();
  return { samples: ok.length, failed: failed + samples.filter((s) => !Number.isFinite(s)).length, p50: percentile(ok, 50), p95: percentile(ok, 95), max: ok.length ? ok[ok.length - 1] : NaN };
}

/** A deterministic random, so runs aim at the same points. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
}

interface HistoryEvent { resourceVersion: string; time: string }
interface EventList { items: HistoryEvent[] }
interface Histogram { from: { resourceVersion: string; time?: string }; to: { resourceVersion: string; time?: string }; buckets: { count: number }[] }

export async function runWebTravelBench(): Promise<void> {
  const events = envInt('BENCH_TRAVEL_EVENTS', 200_000);
  const objects = envInt('BENCH_TRAVEL_OBJECTS', 5_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'chronokube-bench-travel-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const random = seeded(7);

  console.log(`travel: generating and appending ${events.toLocaleString('en-US')} events on ${objects.toLocaleString('en-US')} objects...`);
  const first = await startApiServer(dataDir, ['--api-only']);
  const log = await seedHistory(first.eventstore, readFileSync(join(dataDir, 'history-key')), events, objects, (n) => console.log(`travel:   ${n.toLocaleString('en-US')} appended`));
  await first.stop();
  console.log(`travel: ${log.events.toLocaleString('en-US')} events on ${log.objects.size.toLocaleString('en-US')} objects in ${(log.ms / 1000).toFixed(1)} s; restarting the server over the log...`);

  const t0 = performance.now();
  const server = await startApiServer(dataDir, ['--api-only']);
  await waitForHistoryApi(server, t0, READY_TIMEOUT_MS, 100);
  const restartMs = performance.now() - t0;

  console.log('travel: starting chronokube web and Chromium...');
  const web = await startWebProcess(dataDir);
  onCleanup(() => web.stop());
  const browser = await launchBrowser();
  const page = await TravelPage.open(browser, web.url, server.endpoint.token);
  try {
    // The seeded part of the log: its first and last appends' positions, their times.
    const lo = log.positions[0];
    const hi = log.positions[log.positions.length - 1];
    const at = (share: number) => String(log.positions[Math.min(log.positions.length - 1, Math.floor(share * log.positions.length))]);
    await page.page.goto(`${web.url}/login/`, { waitUntil: 'commit' });
    const firstEv = (await page.api<EventList>(`/apis/history.chronokube.io/v1/events?order=asc&from=${lo - 1}&limit=1`)).items[0];
    const lastEv = (await page.api<EventList>(`/apis/history.chronokube.io/v1/events?order=desc&to=${hi}&limit=1`)).items[0];
    const logFromMs = Date.parse(firstEv.time);
    const logToMs = Date.parse(lastEv.time);
    const count = async (fromRv: string, toRv: string): Promise<{ events: number; fromMs: number; toMs: number }> => {
      const h = await page.api<Histogram>(`/apis/history.chronokube.io/v1/histogram?from=${fromRv}&to=${toRv}&bucket=100000000s`);
      return { events: h.buckets.reduce((n, b) => n + b.count, 0), fromMs: Date.parse(h.from.time ?? ''), toMs: Date.parse(h.to.time ?? '') };
    };

    // The overview at the middle of the log; the timeline zoomed out to show all of it.
    const mid = at(0.5);
    const openMs = await page.openAt(PAGE, mid);
    const longTaskSupported = await page.longTaskSupported();
    await page.page.locator(`[data-testid=timeline-cursor][data-rv="${mid}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    for (let i = 0; i < 20; i++) {
      const w = await page.window();
      if (w.startMs <= logFromMs && w.endMs >= logToMs) break;
      await page.page.click('[data-testid=timeline-zoom-out]');
      await page.page.waitForTimeout(150);
    }
    const w = await page.window();
    const from = Math.max(w.startMs, logFromMs);
    const to = Math.min(w.endMs, logToMs);
    if (!(to > from)) throw new Error(`the timeline does not show the log (window ${new Date(w.startMs).toISOString()}..${new Date(w.endMs).toISOString()})`);
    const msPerPx = (w.endMs - w.startMs) / w.width;
    await page.page.waitForTimeout(1000);

    console.log(`travel: scrubbing (${SCRUBS} random points, then ${NEAR_SCRUBS} near ones)...`);
    const scrub: number[] = [];
    const budget = (ms: number) => {
      const end = performance.now() + ms;
      return () => performance.now() < end;
    };
    const profileDir = process.env.BENCH_TRAVEL_PROFILE;
    const profiled = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
      if (!profileDir) return body();
      await page.startProfile();
      try {
        return await body();
      } finally {
        await page.stopProfile(join(profileDir, `${name}.cpuprofile`));
      }
    };
    const scrubbing = budget(SCRUB_BUDGET_MS);
    await profiled('scrub', async () => {
      for (let i = 0; i < SCRUBS && scrubbing(); i++) scrub.push((await page.clickAt(from + random() * (to - from))).ms);
    });
    const brief = (name: string, v: number[]) => console.log(`travel:   ${name}: ${v.map((x) => (Number.isFinite(x) ? Math.round(x) : 'timeout')).join(' ')} ms`);
    brief('scrub', scrub);
    const near: number[] = [];
    const nearing = budget(NEAR_BUDGET_MS);
    await profiled('near', async () => {
      for (let i = 0; i < NEAR_SCRUBS && nearing(); i++) {
        // Let the prefetch around the point finish, then click 2..6 px away (see msPerPx).
        await page.page.waitForTimeout(500);
        const here = Number(await page.page.locator('[data-testid=timeline-cursor]').getAttribute('data-ms'));
        // Towards the middle of the log, so the walk never runs off its end.
        const dir = here > (from + to) / 2 ? -1 : 1;
        near.push((await page.clickAt(here + dir * (2 + random() * 4) * msPerPx)).ms);
      }
    });

    brief('near', near);
    console.log(`travel: stepping (${STEPS} presses of ])...`);
    await page.clickAt(from + 0.3 * (to - from));
    await page.page.waitForTimeout(1000);
    const step: number[] = [];
    const stepping = budget(STEP_BUDGET_MS);
    await profiled('step', async () => {
      for (let i = 0; i < STEPS && stepping(); i++) step.push((await page.pressAndWait(']')).ms);
    });
    brief('step', step);
    const floor: number[] = [];
    for (let i = 0; i < FLOORS; i++) floor.push(await page.frameFloor());

    const play = async (speed: 'max' | '100', share: number): Promise<PlayRun> => {
      console.log(`travel: playing at ${speed} for ${PLAY_MS / 1000} s...`);
      const start = at(share);
      await page.openAt(PAGE, start);
      await page.page.waitForTimeout(1500);
      await page.page.selectOption('[data-testid=play-speed]', speed);
      const t = await page.now();
      await page.page.click('[data-testid=play]');
      await profiled(`play-${speed}`, () => page.page.waitForTimeout(PLAY_MS));
      const reached = await page.bannerRv();
      const elapsed = (await page.now()) - t;
      const playing = (await page.page.locator('[data-testid=play]').getAttribute('data-playing')) === 'true';
      if (playing) await page.page.click('[data-testid=play]');
      const tasks = await page.tasksSince(t);
      const c = reached && reached !== start ? await count(start, reached) : { events: 0, fromMs: NaN, toMs: NaN };
      return {
        speed,
        seconds: elapsed / 1000,
        events: c.events,
        perSec: c.events / (elapsed / 1000),
        eventTimeFactor: (c.toMs - c.fromMs) / elapsed,
        endedEarly: !playing,
        longTasks: tasks.length,
        longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
        over200: tasks.filter((d) => d > 200).length,
      };
    };
    const playMax = await play('max', 0.2);
    const play100 = await play('100', 0.6);

    const results: TravelResults = {
      events: log.events,
      objects: log.objects.size,
      seedPerSec: log.events / (log.ms / 1000),
      restartMs,
      openMs,
      logSpanMs: logToMs - logFromMs,
      msPerPx,
      scrub: latency(scrub),
      asked: { scrub: SCRUBS, near: NEAR_SCRUBS, step: STEPS },
      nearScrub: latency(near),
      step: latency(step),
      floor: latency(floor),
      playMax,
      play100,
      longTaskSupported,
      errors: page.errors,
    };
    console.log(renderTravel(results));
  } finally {
    await page.close();
    await web.stop();
    await server.stop();
  }
}
