/**
 * NodeResourcesBalancedAllocation: prefer nodes where cpu and memory would
 * be used in similar proportions, so neither runs out while the other
 * idles. Score = (1 - standard deviation of the usage fractions) * 100;
 * for two resources the deviation is |cpu - memory| / 2. Uses actual
 * requests, and skips best-effort pods (kube 1.33+: otherwise they all pile
 * onto the same node).
 */
import type { Pod } from '../../api/types';
import { MAX_NODE_SCORE, type ScorePlugin, type SchedulingContext } from '../framework';
import type { NodeInfo } from '../node-info';
import { effectiveRequests } from '../resources';

/** kube's balancedResourceScorer over (requested, allocatable) pairs. */
export function balancedScore(pairs: readonly (readonly [number, number])[]): number {
  const fractions: number[] = [];
  for (const [requested, allocatable] of pairs) {
    if (allocatable === 0) continue;
    fractions.push(Math.min(requested / allocatable, 1));
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** The NodeResourcesBalancedAllocation score plugin. */
export const balancedAllocationScore: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  score(pod: Pod, nodeInfo: NodeInfo, ctx: SchedulingContext): number {
    const req = ctx.memo('NodeResourcesFit/requests', pod, effectiveRequests);
    if (req.milliCPU === 0 && req.memory === 0) return 0;
    // balancedScore's two-resource case without its array allocations (same arithmetic).
    const cpu = nodeInfo.allocMilliCPU === 0 ? -1 : Math.min((nodeInfo.reqMilliCPU + req.milliCPU) / nodeInfo.allocMilliCPU, 1);
    const memory = nodeInfo.allocMemory === 0 ? -1 : Math.min((nodeInfo.reqMemory + req.memory) / nodeInfo.allocMemory, 1);
    const std = cpu >= 0 && memory >= 0 ? Math.abs((cpu - memory) / 2) : 0;
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  },
};
