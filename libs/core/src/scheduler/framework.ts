/**
 * The plugin contracts, after kube-scheduler's framework: a Filter plugin
 * says whether a pod fits a node and, if not, why (kube's reason strings,
 * never an exception); a Score plugin rates a feasible node, optionally
 * normalized across all of them to 0..100. Plugins share per-attempt data
 * through the context's memo, kube's CycleState.
 */
import type { Pod } from '../api/types';
import type { NodeInfo } from './node-info';
import type { ClusterView } from './scheduler-cache';

/** kube's MaxNodeScore: every final plugin score is in 0..MAX_NODE_SCORE. */
export const MAX_NODE_SCORE = 100;

/** How NodeResourcesFit scores: spread pods out, or pack them. */
export type ScoringStrategy = 'LeastAllocated' | 'MostAllocated';

/**
 * A Filter verdict. `unresolvable` is kube's UnschedulableAndUnresolvable:
 * evicting pods from the node would not help (a taint, a selector), so
 * preemption does not try that node.
 */
export type FilterResult = { ok: true } | { ok: false; reasons: string[]; unresolvable?: boolean };

/** The fitting verdict. */
export const FITS: FilterResult = { ok: true };

/** A node that does not fit now but might after preemption. */
export function unschedulable(...reasons: string[]): FilterResult {
  return { ok: false, reasons };
}

/** A node that cannot fit whatever is evicted. */
export function unresolvable(...reasons: string[]): FilterResult {
  return { ok: false, reasons, unresolvable: true };
}

/** Per scheduling attempt: the cluster, the strategy, and a memo for pod-derived data. */
export interface SchedulingContext {
  readonly cluster: ClusterView;
  readonly scoringStrategy: ScoringStrategy;
  /**
   * Compute once per attempt (per pod), like a PreFilter writing to
   * CycleState. `compute` gets the pod and this context; pass a
   * module-level function, so the hot path allocates no closure per node.
   */
  memo<T>(key: string, pod: Pod, compute: (pod: Pod, ctx: SchedulingContext) => T): T;
}

/** A new context for one scheduling attempt. */
export function newSchedulingContext(cluster: ClusterView, scoringStrategy: ScoringStrategy = 'LeastAllocated'): SchedulingContext {
  // A handful of keys per attempt, looked up millions of times: a linear scan of
  // (interned) string constants beats a hash lookup here.
  const keys: string[] = [];
  const values: unknown[] = [];
  const ctx: SchedulingContext = {
    cluster,
    scoringStrategy,
    memo<T>(key: string, pod: Pod, compute: (pod: Pod, ctx: SchedulingContext) => T): T {
      for (let i = 0; i < keys.length; i++) if (keys[i] === key) return values[i] as T;
      const value = compute(pod, ctx);
      keys.push(key);
      values.push(value);
      return value;
    },
  };
  return ctx;
}

/** A Filter plugin: pure, one node at a time. */
export interface FilterPlugin {
  readonly name: string;
  filter(pod: Pod, nodeInfo: NodeInfo, ctx: SchedulingContext): FilterResult;
}

/**
 * A Score plugin. score() gives a raw number for one feasible node;
 * without normalize it must already be in 0..100. normalize() maps the raw
 * scores of all feasible nodes to 0..100 in place: `scores[i]` belongs to
 * `nodes[i]` (arrays, not maps: this runs for hundreds of nodes per pod).
 */
export interface ScorePlugin {
  readonly name: string;
  score(pod: Pod, nodeInfo: NodeInfo, ctx: SchedulingContext): number;
  normalize?(scores: number[], nodes: readonly NodeInfo[], ctx: SchedulingContext): void;
}

/**
 * kube's helper.DefaultNormalizeScore: scale so the highest raw score is
 * 100 (integer division), in place; `reverse` turns "more is worse" counts
 * into scores. All zero: 0 everywhere, or 100 everywhere when reversed.
 */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) scores[i] = reverse ? MAX_NODE_SCORE : 0;
    else {
      const scaled = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
      scores[i] = reverse ? MAX_NODE_SCORE - scaled : scaled;
    }
  }
}
