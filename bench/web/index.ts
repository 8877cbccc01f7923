/**
 * bench/web: the dashboard (apps/web, served by `chronokube web`) in
 * headless Chromium against a cluster of 5,000 pods on 500 simulated nodes.
 * - First complete render of the overview: from navigation start (a fresh
 *   browser context, signed in by the token in localStorage as the login
 *   page leaves it) to the first frame showing all 500 node cards and all
 *   5,000 pod chips (each inside its node's card, phase Running). Median
 *   and p95 of RUNS, after one warm-up. Baseline measured in the same run,
 *   same server, browser and code path, before the cluster grows: the same
 *   overview with 50 pods on 5 nodes (the ratio is what 100x the cluster
 *   costs). The login page's shell (the static bundle, no cluster data) is
 *   shown as the floor. Goal: p95 < 1.5 s.
 * - Sustained events: the overview open and Live while the bench changes a
 *   label of the pods at 2,000/s for BENCH_WEB_SECONDS, paced, with a
 *   bounded number outstanding (changes the source is too slow to start
 *   within the window are not sent, so the achieved rate is what it
 *   sustained). BENCH_WEB_SOURCE picks where the changes come from:
 *   `store` (default, store-load.ts) decides each label patch in this
 *   process on the API server's own write path and appends the PodUpdated
 *   event, signed with the install's history key, straight into the
 *   server's store with the stream's revision as expectedRevision, so the
 *   page's rate is not capped by the HTTP API's (~100 writes/s on a loaded
 *   machine); `api` (load.ts) sends each one as a PATCH through the API.
 *   Every event must reach the page's store: the events the store folded in
 *   the window are counted against the log's own count of the dashboard's
 *   kinds over the same positions (history API /events), and each pod's
 *   label in the store must be its last acknowledged patch. Long tasks
 *   (PerformanceObserver 'longtask') in the window: none over 200 ms.
 * The server (`chronokube server`) and `chronokube web` are their own
 * processes; the simulated nodes and the load generator run in this one.
 * The app has no hook for this: page-probe.js finds the store through
 * React's fiber tree and reads the count the store already keeps
 * (eventsApplied).
 * BENCH_WEB_RUNS (5), BENCH_WEB_RATE (2000), BENCH_WEB_SECONDS (15),
 * BENCH_WEB_SOURCE (store) change the run; BENCH_WEB_UI_DIR serves that
 * build as is (by default `chronokube web` rebuilds apps/web first when its
 * sources are newer than apps/web/out).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { onCleanup } from '../eventstore/cleanup';
import { alignedTable, goalLines } from '../table';
import { BenchCluster, clientFor } from './cluster';
import { launchBrowser, measureFirstRender, measureShell, OverviewPage, type FirstRender, type WindowResult } from './browser';
import { runWriteLoad, SEQ_LABEL, type WriteLoadResult } from './load';
import { StoreWriteLoad, type StoreLoadResult } from './store-load';
import { startWebProcess } from './web-process';

const NODES = 500;
const PODS = 5_000;
const SMALL_NODES = 5;
const SMALL_PODS = 50;
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
const RATE = Number(process.env.BENCH_WEB_RATE ?? 2_000);
const SECONDS = Number(process.env.BENCH_WEB_SECONDS ?? 15);
const SOURCE = process.env.BENCH_WEB_SOURCE ?? 'store';
/** Outstanding writes at most: HTTP patches (api), or appends to the store (store). */
const IN_FLIGHT = SOURCE === 'store' ? 512 : 128;
const CATCH_UP_TIMEOUT_MS = 120_000;
/** apps/web/src/state/browser-feeds.ts DASHBOARD_KINDS: what the live feed subscribes to. */
const DASHBOARD_KINDS = ['Node', 'Namespace', 'Pod', 'Deployment', 'ReplicaSet', 'Service', 'Endpoints', 'Event'];

const GOAL_RENDER_MS = 1_500;
const GOAL_LONG_TASK_MS = 200;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function repeat<T>(runs: number, what: () => Promise<T>): Promise<T[]> {
  await what(); // warm-up: the server's and the browser's first request of each kind
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await what());
  return out;
}

/** Dashboard-kind object events in the log with position in (after, upTo], counted through the history API. */
async function logEvents(cluster: BenchCluster, after: string, upTo: string): Promise<number> {
  const base = '/apis/history.chronokube.io/v1/events';
  // The event index trails the log a little; wait until it has the window.
  for (let i = 0; ; i++) {
    const probe = await cluster.client.get(`${base}?limit=1&to=${upTo}`);
    if (BigInt(probe.metadata.caughtUpTo) >= BigInt(upTo)) break;
    if (i > 300) throw new Error(`the history index stayed at ${probe.metadata.caughtUpTo}, behind ${upTo}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  let total = 0;
  for (const kind of DASHBOARD_KINDS) {
    let token: string | undefined;
    do {
      const q = new URLSearchParams({ from: after, to: upTo, kind, order: 'asc', limit: '5000' });
      if (token) q.set('continue', token);
      const page = await cluster.client.get(`${base}?${q}`);
      total += page.items.length;
      token = page.metadata.continue;
    } while (token);
  }
  return total;
}

interface Sustained {
  load: WriteLoadResult & Partial<Pick<StoreLoadResult, 'conflicts' | 'prepared' | 'lateStartMs'>>;
  window: WindowResult;
  /** Events in the log (dashboard kinds) over the window's positions. */
  expected: number;
  /** Events the store folded over the window. */
  received: number;
  /** Pods whose label in the store is not their last acknowledged patch. */
  stale: number;
  /** From the last acknowledged patch to the store holding it. */
  catchUpMs: number;
  /** Per acknowledged patch: acknowledged to folded into the store (ms). */
  deliveryMs: number[];
  errors: string[];
}

async function sustained(cluster: BenchCluster, browser: Browser, base: string): Promise<Sustained> {
  const list = await cluster.client.get('/api/v1/namespaces/default/pods');
  const pods = (list.items as { metadata: { name: string } }[]).map((p) => p.metadata.name);
  const store = SOURCE === 'store' ? StoreWriteLoad.open(cluster.server, cluster.dataDir) : undefined;
  const page = await OverviewPage.open(browser, base, cluster.server.endpoint.token, NODES, PODS);
  try {
    if (!(await page.longTaskSupported())) throw new Error('this Chromium reports no long tasks (PerformanceObserver longtask)');
    if (store) {
      console.log(`  folding the log and deciding the ${(RATE * SECONDS).toLocaleString('en-US')} label patches ahead of the window...`);
      await store.prepare(pods, RATE, SECONDS * 1000);
    }
    await page.startWindow();
    console.log(`  overview open and Live; changing pod labels at ${RATE}/s for ${SECONDS} s (${sourceText()}, at most ${IN_FLIGHT} in flight)...`);
    let load: Sustained['load'];
    if (store) {
      load = await store.run(pods, RATE, SECONDS * 1000, IN_FLIGHT);
    } else {
      const loadClient = clientFor(cluster.server, IN_FLIGHT);
      try {
        load = await runWriteLoad(loadClient, pods, RATE, SECONDS * 1000, IN_FLIGHT);
      } finally {
        loadClient.close();
      }
    }
    const lastAck = load.acks.reduce((m, a) => (a.resourceVersion > m ? a.resourceVersion : m), 0n);
    const lastAckAt = load.acks.reduce((m, a) => Math.max(m, a.at), 0);
    const waitFrom = performance.now();
    for (;;) {
      const pos = await page.position();
      if (BigInt(pos.resourceVersion) >= lastAck) break;
      if (performance.now() - waitFrom > CATCH_UP_TIMEOUT_MS) break; // reported as dropped/stale below
      await new Promise((r) => setTimeout(r, 50));
    }
    const window = await page.endWindow(SEQ_LABEL);
    const caughtUpAt = window.updates.find(([, rv]) => BigInt(rv) >= lastAck)?.[0];
    // Each acknowledged patch: the first store update at or past its position.
    const updates = window.updates.map(([at, rv]) => ({ at, rv: BigInt(rv) }));
    const acks = [...load.acks].sort((a, b) => (a.resourceVersion < b.resourceVersion ? -1 : a.resourceVersion > b.resourceVersion ? 1 : 0));
    const deliveryMs: number[] = [];
    let u = 0;
    for (const a of acks) {
      while (u < updates.length && updates[u].rv < a.resourceVersion) u++;
      if (u === updates.length) break;
      // An update can land before the HTTP answer reaches the load generator: that counts as 0.
      deliveryMs.push(Math.max(0, updates[u].at - a.at));
    }
    const inStore = new Map(window.labels);
    let stale = 0;
    for (const [pod, seq] of load.lastSeq) if (inStore.get(pod) !== seq) stale++;
    const expected = await logEvents(cluster, window.start.resourceVersion, window.end.resourceVersion);
    return {
      load, window, expected,
      received: window.end.eventsApplied - window.start.eventsApplied,
      stale,
      catchUpMs: caughtUpAt === undefined ? NaN : Math.max(0, caughtUpAt - lastAckAt),
      deliveryMs,
      errors: page.errors,
    };
  } finally {
    await page.close();
    await store?.close();
  }
}

/** How the sustained phase's writes are made, for the log lines and the table. */
function sourceText(): string {
  return SOURCE === 'store' ? 'source store: signed PodUpdated appends straight into the server\'s store' : 'source api: merge PATCHes through the API';
}

function report(shell: number[], small: FirstRender[], big: FirstRender[], s: Sustained, setup: { smallMs: number; bigMs: number; loadBefore: number[]; totalMs: number }): void {
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '-');
  const renders = (r: FirstRender[]) => r.map((x) => x.ms);
  const bigP50 = percentile(renders(big), 50);
  const bigP95 = percentile(renders(big), 95);
  const smallP50 = percentile(renders(small), 50);
  const smallP95 = percentile(renders(small), 95);
  const shellP50 = percentile(shell, 50);
  const allChips = big.every((r) => r.runningChips === PODS);
  const longest = Math.max(0, ...s.window.longTasks);
  const over = s.window.longTasks.filter((d) => d > GOAL_LONG_TASK_MS).length;
  const dropped = s.expected - s.received;
  const fellBehind = s.window.connections.filter((c) => c !== 'live').length;
  const row = (scenario: string, unit: string, value: string, baseline = '', ratio = '') => [scenario, unit, value, baseline, ratio];
  const cells = [
    row(`overview first complete render, ${NODES} nodes / ${PODS.toLocaleString('en-US')} pods, p50`, 'ms', ms(bigP50), `${ms(smallP50)} small`, `${(bigP50 / smallP50).toFixed(2)}x`),
    row(`overview first complete render, ${NODES} nodes / ${PODS.toLocaleString('en-US')} pods, p95`, 'ms', ms(bigP95), `${ms(smallP95)} small`, `${(bigP95 / smallP95).toFixed(2)}x`),
    row('  of which /state loaded (p50)', 'ms', ms(percentile(big.map((r) => r.stateMs), 50)), ms(percentile(small.map((r) => r.stateMs), 50))),
    row('  /state answer size', 'KiB', (percentile(big.map((r) => r.stateBytes), 50) / 1024).toFixed(0), (percentile(small.map((r) => r.stateBytes), 50) / 1024).toFixed(0)),
    row('  longest task during the load (max)', 'ms', ms(Math.max(...big.map((r) => r.longestTaskMs))), ms(Math.max(...small.map((r) => r.longestTaskMs)))),
    row('  floor: login page shell rendered (p50)', 'ms', '', ms(shellP50)),
    row(`sustained (source ${SOURCE}): writes offered (${RATE}/s x ${SECONDS} s)`, 'events', String(s.load.offered)),
    row('  writes sent / acknowledged / failed', 'events', `${s.load.sent} / ${s.load.ok} / ${s.load.errors}`),
    ...(s.load.conflicts !== undefined ? [row('  appends that lost a revision race (decided again)', 'count', String(s.load.conflicts))] : []),
    row('  achieved write rate (acknowledged)', 'ev/s', s.load.achievedPerSec.toFixed(0), `${RATE} target`, `${(s.load.achievedPerSec / RATE).toFixed(2)}x`),
    row('  dashboard-kind events in the log over the window', 'events', String(s.expected)),
    row('  events folded into the page store', 'events', String(s.received)),
    row('  dropped (log - store)', 'events', String(dropped)),
    row('  pods whose label in the page store is not their last write', 'pods', String(s.stale)),
    row('  write acknowledged -> in the page store, p50 / p99', 'ms', `${ms(percentile(s.deliveryMs, 50))} / ${ms(percentile(s.deliveryMs, 99))}`),
    row('  last write acknowledged -> page store caught up', 'ms', ms(s.catchUpMs)),
    row('  store updates (frames that folded events)', 'count', String(s.window.updates.length)),
    row('  longest task in the window', 'ms', ms(longest)),
    row(`  long tasks in the window (all / > ${GOAL_LONG_TASK_MS} ms)`, 'count', `${s.window.longTasks.length} / ${over}`),
  ];
  const goals = [
    {
      goal: `first complete view < ${GOAL_RENDER_MS / 1000} s, p95 (${NODES} nodes, ${PODS.toLocaleString('en-US')} pods)`,
      status: bigP95 < GOAL_RENDER_MS && allChips ? 'MET' : 'MISSED',
      detail: `p50 ${ms(bigP50)} ms, p95 ${ms(bigP95)} ms${allChips ? '' : '; not every pod chip was Running'}`,
    },
    {
      goal: `no dropped event at ${RATE} events/s`,
      status: dropped === 0 && s.stale === 0 && s.load.achievedPerSec >= RATE * 0.95 ? 'MET' : 'MISSED',
      detail: `${dropped} dropped, ${s.stale} stale pods, at ${s.load.achievedPerSec.toFixed(0)} ev/s achieved` +
        (s.load.achievedPerSec < RATE * 0.95 ? ` (${SOURCE === 'store' ? 'the appends' : 'the server\'s writes'} did not reach ${RATE}/s on this machine, so the rate part is not met)` : ''),
    },
    {
      goal: `no long task over ${GOAL_LONG_TASK_MS} ms under that load`,
      status: over === 0 && s.load.achievedPerSec >= RATE * 0.95 ? 'MET' : 'MISSED',
      detail: `longest ${ms(longest)} ms, ${over} over ${GOAL_LONG_TASK_MS} ms, at ${s.load.achievedPerSec.toFixed(0)} ev/s`,
    },
  ];
  console.log([
    `complete = the first frame with all ${NODES} node cards and ${PODS.toLocaleString('en-US')} pod chips in the DOM (each chip in its node's card,`,
    'phase Running), timed from navigation start in a fresh browser context signed in by its stored token; median / p95 of',
    `${RUNS} runs after a warm-up. baseline "small" = the same overview, server and browser with ${SMALL_PODS} pods on ${SMALL_NODES} nodes, measured`,
    'earlier in this run; ratio = big / small. floor = the login page (static bundle, no cluster data).',
    `sustained: the overview open and Live while pod labels change (paced, <= ${IN_FLIGHT} in flight), ${sourceText()}`,
    ...(SOURCE === 'store'
      ? ['(each decided on the API\'s patch path and appended with the pod stream\'s revision, signed and with the metadata the API writes;',
        `before the window: the log's ${s.load.prepared?.events ?? 0} events folded in ${((s.load.prepared?.foldMs ?? 0) / 1000).toFixed(1)} s, then the ${s.load.prepared?.decided ?? 0} writes decided`,
        `in ${((s.load.prepared?.decideMs ?? 0) / 1000).toFixed(1)} s, each with its due time as now; the window started ${((s.load.lateStartMs ?? 0) / 1000).toFixed(1)} s after the schedule's anchor)`]
      : []),
    'the log\'s count is every event of the dashboard\'s kinds between the store\'s positions at the window\'s start and end.',
    `setup: ${SMALL_PODS} pods Running in ${(setup.smallMs / 1000).toFixed(1)} s; grown to ${PODS.toLocaleString('en-US')} Running in ${(setup.bigMs / 1000).toFixed(1)} s` +
      `; store connection during the window: ${fellBehind === 0 ? 'stayed Live' : s.window.connections.join(' -> ')}`,
    `machine: ${cpus().length} cores, load average ${setup.loadBefore.map((l) => l.toFixed(1)).join(' ')} before the bench, ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end` +
      ` (the browser, the server, chronokube web and this process share them); bench ran ${(setup.totalMs / 1000).toFixed(0)} s`,
    ...alignedTable(['scenario', 'unit', 'chronokube', 'baseline', 'ratio'], cells),
    ...goalLines(goals),
    ...(s.load.errorSamples.length ? ['write errors:', ...s.load.errorSamples.map((e) => `  ${e}`)] : []),
    ...(s.errors.length ? ['page errors:', ...s.errors.map((e) => `  ${e}`)] : []),
  ].join('\n'));
}

export async function runWebBench(): Promise<void> {
  if (SOURCE !== 'store' && SOURCE !== 'api') throw new Error(`BENCH_WEB_SOURCE=${SOURCE}: expected store or api`);
  const t0 = performance.now();
  const loadBefore = loadavg();
  console.log(`web: a server with ${SMALL_NODES} simulated nodes and ${SMALL_PODS} pods, chronokube web, headless Chromium...`);
  const dir = mkdtempSync(join(tmpdir(), 'chronokube-bench-web-'));
  onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  const cluster = await BenchCluster.start(dir);
  try {
    const smallMs = await cluster.growTo(SMALL_NODES, SMALL_PODS);
    const web = await startWebProcess(dir);
    const browser = await launchBrowser();
    const token = cluster.server.endpoint.token;
    console.log(`  first render: ${RUNS} runs (+1 warm-up) of the login shell and of the overview at ${SMALL_PODS} pods / ${SMALL_NODES} nodes...`);
    const shell = await repeat(RUNS, () => measureShell(browser, web.url));
    const small = await repeat(RUNS, () => measureFirstRender(browser, web.url, token, SMALL_NODES, SMALL_PODS));
    console.log(`  growing to ${NODES} nodes and ${PODS.toLocaleString('en-US')} pods (created through the API, placed by the scheduler)...`);
    const bigMs = await cluster.growTo(NODES, PODS);
    console.log(`  ${PODS.toLocaleString('en-US')} pods Running in ${(bigMs / 1000).toFixed(1)} s; first render: ${RUNS} runs (+1 warm-up)...`);
    const big = await repeat(RUNS, () => measureFirstRender(browser, web.url, token, NODES, PODS));
    const s = await sustained(cluster, browser, web.url);
    report(shell, small, big, s, { smallMs, bigMs, loadBefore, totalMs: performance.now() - t0 });
    await browser.close();
    await web.stop();
  } finally {
    await cluster.stop();
  }
}
