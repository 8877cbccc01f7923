/**
 * NodeResourcesFit (score): how full the node would be with the pod, cpu
 * and memory weighted equally. LeastAllocated (kube's default) prefers
 * emptier nodes, spreading load; MostAllocated prefers fuller ones,
 * packing pods so whole nodes stay free. Requests here use kube's non-zero
 * defaults (100m, 200Mi), so even best-effort pods spread.
 */
import type { Pod } from '../../api/types';
import { MAX_NODE_SCORE, type ScorePlugin, type ScoringStrategy, type SchedulingContext } from '../framework';
import type { NodeInfo } from '../node-info';
import { nonZeroRequests } from '../resources';

/** kube's leastRequestedScore: the free share after placing the pod, 0 if it overflows. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** kube's mostRequestedScore: the used share after placing the pod, capped at 100. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return Math.trunc((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity);
}

/** The strategy's score for cpu and memory, equally weighted; a resource the node lacks entirely is skipped. */
export function allocationScore(strategy: ScoringStrategy, cpuRequested: number, cpuCapacity: number, memoryRequested: number, memoryCapacity: number): number {
  const fn = strategy === 'MostAllocated' ? mostRequestedScore : leastRequestedScore;
  let sum = 0;
  let weights = 0;
  if (cpuCapacity !== 0) { sum += fn(cpuRequested, cpuCapacity); weights++; }
  if (memoryCapacity !== 0) { sum += fn(memoryRequested, memoryCapacity); weights++; }
  return weights === 0 ? 0 : Math.trunc(sum / weights);
}

/** The NodeResourcesFit score plugin; the strategy comes from the profile via the context. */
export const nodeResourcesFitScore: ScorePlugin = {
  name: 'NodeResourcesFit',
  score(pod: Pod, nodeInfo: NodeInfo, ctx: SchedulingContext): number {
    const req = ctx.memo('NodeResourcesFit/nonZero', pod, nonZeroRequests);
    return allocationScore(ctx.scoringStrategy, nodeInfo.nonZeroMilliCPU + req.milliCPU, nodeInfo.allocMilliCPU, nodeInfo.nonZeroMemory + req.memory, nodeInfo.allocMemory);
  },
};
