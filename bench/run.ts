/**
 * `npm run bench`: runs the benchmarks and prints their tables. Missed goals
 * are reported, not fatal (exit 0); a failure to measure exits non-zero.
 * BENCH=eventstore|api|startup|scheduler|pods|history|web|travel runs one of them; unset runs all
 * (travel: time travel in the dashboard, bench/web/travel.ts).
 */
import { cleanupOnSignals, runCleanup } from './eventstore/cleanup';
import { runEventStoreBench } from './eventstore';
import { runApiBench } from './api';
import { runStartupBench } from './api/startup';
import { runSchedulerBench } from './scheduler';
import { runPodsBench } from './pods';
import { runHistoryBench } from './history';
import { runWebBench } from './web';
import { runWebTravelBench } from './web/travel';

const BENCHES: Record<string, () => Promise<void>> = {
  eventstore: runEventStoreBench,
  api: runApiBench,
  startup: async () => {
    await runStartupBench();
  },
  scheduler: runSchedulerBench,
  pods: runPodsBench,
  history: runHistoryBench,
  web: runWebBench,
  travel: runWebTravelBench,
};

async function main(): Promise<void> {
  cleanupOnSignals();
  try {
    const only = process.env.BENCH;
    if (only && !(only in BENCHES)) throw new Error(`BENCH=${only}: expected one of ${Object.keys(BENCHES).join(', ')}`);
    for (const [name, run] of Object.entries(BENCHES)) {
      if (!only || only === name) await run();
    }
  } catch (err) {
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    process.exitCode = 1;
  } finally {
    await runCleanup();
  }
}

void main();
