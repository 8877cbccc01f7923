/**
 * `npm run bench`: runs the benchmarks and prints their tables. Missed goals
 * are reported, not fatal (exit 0); a failure to measure exits non-zero.
 */
import { cleanupOnSignals, runCleanup } from './eventstore/cleanup';
import { runEventStoreBench } from './eventstore';

async function main(): Promise<void> {
  cleanupOnSignals();
  try {
    await runEventStoreBench();
  } catch (err) {
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    process.exitCode = 1;
  } finally {
    await runCleanup();
  }
}

void main();
