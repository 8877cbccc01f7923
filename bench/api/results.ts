import type { ClosedLoopFigures } from './creates';
import type { CpuUse } from './cpu';
import type { FanoutFigures } from './fanout';
import type { FillResult, JsonListFigures, TableListFigures } from './lists';
import type { PacedFigures } from './paced';

/** Sizes, rates and durations of every phase of the API bench. */
export interface ApiSettings {
  maxSockets: number;
  /** Closed-loop creates on a fresh server before anything is measured (JIT, caches). */
  serverWarmupMs: number;
  createRatePerSec: number;
  warmupMs: number;
  createDurationMs: number;
  maxCreateConcurrency: number;
  closedLoopDurationMs: number;
  getConcurrency: number;
  listPods: number;
  fillConcurrency: number;
  fillTimeoutMs: number;
  listRuns: number;
  tableLimit: number;
  tableRuns: number;
  watchers: number;
  watchPods: number;
  watchRatePerSec: number;
  watchDrainTimeoutMs: number;
}

/** Everything the API bench measured in one run. */
export interface ApiResults {
  /** The unmeasured warm-up, kept to show the cold server's behaviour. */
  warmup: ClosedLoopFigures;
  /** Bare appends through the official client, same store, same pace as the creates. */
  baseline: PacedFigures;
  pacedCreates: PacedFigures;
  maxCreates: ClosedLoopFigures;
  gets: ClosedLoopFigures;
  fill: FillResult;
  jsonLists: JsonListFigures;
  tableLists: TableListFigures;
  fanout: FanoutFigures;
  /** CPU used per phase, server and load generator separately. */
  cpu: Record<string, CpuUse>;
  /** Paced creates against a server with its scheduler and controllers on (not a goal: the control plane's own writes). */
  withControlPlane?: PacedFigures;
}
