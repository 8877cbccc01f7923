import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { machineInfo } from '../machine';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openChronokube } from './chronokube';
import { onCleanup } from './cleanup';
import { openEtcd } from './etcd';
import { ensureEtcd, startEtcd } from './etcd-process';
import { buildRows, checkGoals, renderTable } from './report';
import { runScenarios, type ScenarioResults, type Settings } from './scenarios';
import { PAYLOAD_BYTES, type BenchTarget } from './target';

/** Phase sizes: each measured phase is bounded, the whole run a minute or two. */
export const SETTINGS: Settings = {
  warmupMs: 500,
  durationMs: 3000,
  singleConcurrency: [1, 16, 128],
  batchConcurrency: [1, 16],
  batchSize: 100,
  readEvents: 200_000,
  fillTimeoutMs: 90_000,
  lagRatePerSec: 1000,
  lagWarmupMs: 500,
  lagDurationMs: 3000,
};

const RESULTS_FILE = join(__dirname, '..', 'results', 'eventstore.json');

/**
 * The event-store benchmark: chronokube's embedded server through the
 * official EventStoreDB client vs etcd 3.4 through etcd3, same scenarios,
 * same run. Prints the comparison table and goals, writes them as JSON to
 * bench/results/eventstore.json. Missed goals are reported, not thrown;
 * rejects only when something could not be measured.
 */
export async function runEventStoreBench(): Promise<void> {
  const started = performance.now();
  // Installed before measuring anything, so apt-get never competes for CPU.
  const etcdAvailable = await ensureEtcd();
  if ('skipped' in etcdAvailable) console.log(`notice: etcd baseline skipped: ${etcdAvailable.skipped}`);

  const ck = await measureChronokube();
  let etcd: ScenarioResults | undefined;
  let etcdName = 'etcd';
  if ('binary' in etcdAvailable) {
    etcdName = `etcd ${etcdAvailable.version}`;
    etcd = await measureEtcd(etcdAvailable.binary, etcdAvailable.version);
  }

  const rows = buildRows(ck, etcd, SETTINGS);
  const goals = checkGoals(ck, etcd);
  const elapsedSeconds = (performance.now() - started) / 1000;
  console.log();
  console.log(renderTable(rows, goals, etcdName));
  console.log(`\nbench finished in ${elapsedSeconds.toFixed(1)} s; results in ${RESULTS_FILE}`);

  mkdirSync(join(RESULTS_FILE, '..'), { recursive: true });
  const report = {
    generatedAt: new Date().toISOString(),
    elapsedSeconds,
    machine: machineInfo(),
    settings: { ...SETTINGS, payloadBytes: PAYLOAD_BYTES },
    baseline: 'skipped' in etcdAvailable ? { name: 'etcd', skipped: etcdAvailable.skipped } : { name: etcdName },
    ratioNote: 'ratio > 1 means chronokube is better: chronokube/etcd for rates, etcd/chronokube for latencies',
    rows,
    goals,
    raw: { chronokube: ck, etcd: etcd ?? null },
  };
  writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + '\n');
}

async function measureChronokube(): Promise<ScenarioResults> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chronokube-bench-store-'));
  const removeDir = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  try {
    return await measure(await openChronokube(dataDir));
  } finally {
    await removeDir();
  }
}

async function measureEtcd(binary: string, version: string): Promise<ScenarioResults> {
  const etcd = await startEtcd(binary);
  try {
    return await measure(await openEtcd(etcd.endpoint, version));
  } finally {
    await etcd.stop();
  }
}

/** Runs the scenarios on a target and always closes it, also on SIGINT. */
async function measure(target: BenchTarget): Promise<ScenarioResults> {
  const close = onCleanup(() => target.close());
  try {
    console.error(`${target.name}: measuring...`);
    return await runScenarios(target, SETTINGS, (line) => console.error(`  ${target.name}: ${line}`));
  } finally {
    await close();
  }
}
