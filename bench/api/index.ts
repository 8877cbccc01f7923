import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup } from '../eventstore/cleanup';
import { machineInfo } from '../machine';
import { measureBaselineAppends } from './baseline';
import { ApiClient } from './client';
import { startCpuMeter, type CpuUse } from './cpu';
import { measureMaxCreates, measurePacedCreates } from './creates';
import { measureFanout } from './fanout';
import { measureGets } from './gets';
import { fillNamespace, measureJsonLists, measureTableLists } from './lists';
import { createNamespace } from './pods';
import { Problems } from './problems';
import { buildRows, checkGoals, GOALS, K8S_SLO_MS, renderTable } from './report';
import type { PacedFigures } from './paced';
import type { ApiResults, ApiSettings } from './results';
import { startApiServer, type ApiServer } from './server';

/** Phase sizes from the issue; the whole bench stays well under three minutes. */
export const API_SETTINGS: ApiSettings = {
  maxSockets: 32,
  serverWarmupMs: 3000,
  createRatePerSec: 300,
  warmupMs: 1000,
  createDurationMs: 20_000,
  maxCreateConcurrency: 16,
  closedLoopDurationMs: 10_000,
  getConcurrency: 16,
  listPods: 10_000,
  fillConcurrency: 32,
  fillTimeoutMs: 90_000,
  listRuns: 10,
  tableLimit: 500,
  tableRuns: 3,
  watchers: 100,
  watchPods: 500,
  watchRatePerSec: 100,
  watchDrainTimeoutMs: 10_000,
};

const NS = { warmup: 'bench-warmup', list: 'bench-list', max: 'bench-max', watch: 'bench-watch' } as const;
/** Lets the server finish background work (GC, snapshots) of one phase before the next. */
const SETTLE_MS = 500;
const RESULTS_DIR = join(__dirname, '..', 'results');

/**
 * The Kubernetes API benchmark: `chronokube server` as a child process,
 * driven over HTTPS (keep-alive pool) through creates (paced and closed
 * loop), gets, lists of 10,000 pods (JSON and paged Table) and a watch
 * fan-out, with a bare store append at the same pace as the baseline and
 * the Kubernetes SLOs as reference lines. The server runs --api-only, as a
 * kube-apiserver is measured: with the scheduler on, each of these pods
 * (there are no nodes) also gets a FailedScheduling Event and a
 * PodScheduled=False status, tripling the writes per create. That cost is
 * shown apart: paced creates against a second server with its control
 * plane on. Prints the table, goals and any
 * server failures; writes bench/results/api-<timestamp>.json. Missed goals
 * and server errors are reported, not thrown; rejects only when something
 * could not be measured.
 */
export async function runApiBench(): Promise<void> {
  const started = performance.now();
  const s = API_SETTINGS;
  const dataDir = mkdtempSync(join(tmpdir(), 'chronokube-bench-api-'));
  const removeDir = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const problems = new Problems();
  // Another process busy on a 2-core machine skews every figure; say so up front.
  const loadAtStart = loadavg()[0];
  if (loadAtStart > 0.5) console.error(`notice: machine not idle (1-minute load average ${loadAtStart.toFixed(2)}); figures will be noisy`);
  let server: ApiServer | undefined;
  try {
    console.error('api: starting chronokube server...');
    server = await startApiServer(dataDir, ['--api-only']);
    const client = new ApiClient(server.endpoint, problems, s.maxSockets);
    const closeClient = onCleanup(() => client.close());
    try {
      const results = await runPhases(server, client, problems);
      await closeClient();
      await server.stop();
      results.withControlPlane = await measureWithControlPlane(problems);
      const elapsedSeconds = (performance.now() - started) / 1000;
      report(results, problems, server, elapsedSeconds, loadAtStart);
    } finally {
      await closeClient();
    }
  } finally {
    await server?.stop();
    await removeDir();
  }
}

/** Paced creates (after a warm-up) against a fresh server whose scheduler and controllers run. */
async function measureWithControlPlane(problems: Problems): Promise<PacedFigures> {
  const s = API_SETTINGS;
  const dir = mkdtempSync(join(tmpdir(), 'chronokube-bench-api-cp-'));
  const removeDir = onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  let server: ApiServer | undefined;
  try {
    console.error('api: paced creates with the control plane on (a second server, scheduler and controllers running)...');
    server = await startApiServer(dir);
    const client = new ApiClient(server.endpoint, problems, s.maxSockets);
    const closeClient = onCleanup(() => client.close());
    try {
      for (const ns of [NS.warmup, NS.list]) await createNamespace(client, ns);
      await measureMaxCreates(client, { namespace: NS.warmup, concurrency: s.maxCreateConcurrency, warmupMs: 0, durationMs: s.serverWarmupMs, scenario: 'warm-up (control plane)' });
      await sleep(SETTLE_MS);
      const paced = await measurePacedCreates(client, { namespace: NS.list, ratePerSec: s.createRatePerSec, warmupMs: s.warmupMs, durationMs: s.createDurationMs });
      const l = paced.figures.latencyMs;
      console.error(`  ${paced.figures.achievedPerSec.toFixed(1)} creates/s, p50 ${l.p50.toFixed(2)} / p99 ${l.p99.toFixed(2)} / max ${l.max.toFixed(2)} ms, ${paced.figures.errors} errors`);
      return paced.figures;
    } finally {
      await closeClient();
    }
  } finally {
    await server?.stop();
    await removeDir();
  }
}

async function runPhases(server: ApiServer, client: ApiClient, problems: Problems): Promise<ApiResults> {
  const s = API_SETTINGS;
  const cpu: Record<string, CpuUse> = {};
  const phase = async <T>(name: string, run: () => Promise<T>, describe: (r: T) => string): Promise<T> => {
    await sleep(SETTLE_MS);
    console.error(`api: ${name}...`);
    const stopMeter = startCpuMeter(server.pid);
    const result = await run();
    cpu[name] = stopMeter();
    console.error(`  ${describe(result)}`);
    return result;
  };
  const latency = (l: { p50: number; p99: number; max: number }) =>
    `p50 ${l.p50.toFixed(2)} / p99 ${l.p99.toFixed(2)} / max ${l.max.toFixed(2)} ms`;
  const pace = { ratePerSec: s.createRatePerSec, warmupMs: s.warmupMs, durationMs: s.createDurationMs };

  for (const ns of [NS.warmup, NS.list, NS.max]) await createNamespace(client, ns);

  // A fresh server compiles its hot paths under the first seconds of load
  // (creates then take hundreds of ms); the figures are of a warm server.
  const warmup = await phase(
    'warm-up (not measured)',
    () => measureMaxCreates(client, { namespace: NS.warmup, concurrency: s.maxCreateConcurrency, warmupMs: 0, durationMs: s.serverWarmupMs, scenario: 'warm-up' }),
    (r) => `${r.opsPerSec.toFixed(1)} creates/s, ${latency(r.latencyMs)}, ${r.errors} errors`,
  );

  const baseline = await phase(
    'baseline append',
    () => measureBaselineAppends(server.eventstore, pace, (message) =>
      problems.record({ scenario: 'baseline append', request: message, status: 0, response: message })),
    (r) => `${r.achievedPerSec.toFixed(1)} appends/s, ${latency(r.latencyMs)}, ${r.errors} errors`,
  );
  const paced = await phase(
    'create (paced)',
    () => measurePacedCreates(client, { namespace: NS.list, ...pace }),
    (r) => `${r.figures.achievedPerSec.toFixed(1)} creates/s, ${latency(r.figures.latencyMs)}, ${r.figures.errors} errors`,
  );
  const maxCreates = await phase(
    'create (closed loop)',
    () => measureMaxCreates(client, { namespace: NS.max, concurrency: s.maxCreateConcurrency, warmupMs: s.warmupMs, durationMs: s.closedLoopDurationMs }),
    (r) => `${r.opsPerSec.toFixed(1)} creates/s, ${latency(r.latencyMs)}, ${r.errors} errors`,
  );
  const gets = await phase(
    'get',
    () => measureGets(client, { namespace: NS.list, names: paced.created, concurrency: s.getConcurrency, warmupMs: s.warmupMs, durationMs: s.closedLoopDurationMs }),
    (r) => `${r.opsPerSec.toFixed(1)} req/s, ${latency(r.latencyMs)}, ${r.errors} errors`,
  );
  const fill = await phase(
    'fill to list size',
    () => fillNamespace(client, { namespace: NS.list, target: s.listPods, concurrency: s.fillConcurrency, timeoutMs: s.fillTimeoutMs }),
    (r) => `${r.existing} existed, ${r.created} created in ${(r.ms / 1000).toFixed(1)} s (${((r.created * 1000) / r.ms).toFixed(0)}/s), ${r.total} now, ${r.errors} errors`,
  );
  if (fill.total !== s.listPods) {
    problems.record({ scenario: 'fill to list size', request: `GET /api/v1/namespaces/${NS.list}/pods`, status: 200, response: `expected ${s.listPods} items after the fill, got ${fill.total}` });
  }
  const jsonLists = await phase(
    'list (JSON)',
    () => measureJsonLists(client, { namespace: NS.list, runs: s.listRuns }),
    (r) => `${latency(r.latencyMs)}, ${(r.bytes / 1e6).toFixed(2)} MB, items ${[...new Set(r.items)].join('/')}`,
  );
  const tableLists = await phase(
    'list (Table, paged)',
    () => measureTableLists(client, { namespace: NS.list, limit: s.tableLimit, runs: s.tableRuns }),
    (r) => `total ${latency(r.totalMs)}, ${r.pages} pages, ${r.rows} rows, ${(r.bytes / 1e6).toFixed(2)} MB`,
  );
  const fanout = await phase(
    'watch fan-out',
    () => measureFanout(client, { namespace: NS.watch, watchers: s.watchers, pods: s.watchPods, ratePerSec: s.watchRatePerSec, drainTimeoutMs: s.watchDrainTimeoutMs }),
    (r) => `${latency(r.delayMs)}, ${r.received}/${r.expected} delivered, ${r.missing} missing, creates ${latency(r.creates.latencyMs)}`,
  );
  return { warmup, baseline, pacedCreates: paced.figures, maxCreates, gets, fill, jsonLists, tableLists, fanout, cpu };
}

function report(results: ApiResults, problems: Problems, server: ApiServer, elapsedSeconds: number, loadAtStart: number): void {
  const s = API_SETTINGS;
  const rows = buildRows(results, s);
  const goals = checkGoals(results, s);
  const failures = problems.summary();
  const serverLog = server.log();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(RESULTS_DIR, `api-${stamp}.json`);

  console.log();
  console.log(renderTable(rows, goals, results.cpu, cpus().length));
  const w = results.warmup;
  console.log(
    `warm-up on the fresh server (not in the table): ${w.opsPerSec.toFixed(0)} creates/s at c=${w.concurrency}, ` +
      `p50 ${w.latencyMs.p50.toFixed(2)} / p99 ${w.latencyMs.p99.toFixed(2)} / max ${w.latencyMs.max.toFixed(2)} ms`,
  );
  console.log(`server failures: ${problems.total === 0 ? 'none' : ''}`);
  for (const c of failures.counts) console.log(`  ${c.scenario}: ${c.count} x ${c.status === 0 ? 'no response' : `HTTP ${c.status}`}`);
  for (const p of failures.samples) {
    console.log(`  e.g. [${p.scenario}] ${p.request}${p.requestBody ? ` ${p.requestBody}` : ''}\n    -> ${p.status} ${p.response}`);
  }
  if (serverLog.lines.length > 0) {
    console.log(`server output during the run (${serverLog.lines.length + serverLog.dropped} lines):`);
    for (const line of serverLog.lines.slice(0, 20)) console.log(`  ${line}`);
  }
  console.log(`\napi bench finished in ${elapsedSeconds.toFixed(1)} s; results in ${file}`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = {
    generatedAt: new Date().toISOString(),
    elapsedSeconds,
    machine: { ...machineInfo(), loadAverage1m: { atStart: loadAtStart, atEnd: loadavg()[0] } },
    settings: s,
    references: {
      kubernetesSloMs: K8S_SLO_MS,
      kubernetesSloSource: 'kubernetes/community sig-scalability/slos/slos.md (API call latency, Official): p99 per cluster-day',
      goals: GOALS,
    },
    ratioNote: 'ratio = chronokube / reference (bare append measured in this run, or the Kubernetes SLO)',
    rows,
    goals,
    problems: failures,
    serverLog,
    raw: results,
  };
  writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
}
