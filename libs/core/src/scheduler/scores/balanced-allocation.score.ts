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

/**
 * kube's balancedResourceScorer for its default resources, cpu and memory
 * (scalars, no arrays: it runs for every sampled node). A resource the node
 * lacks is skipped; with one left the deviation is 0.
 */
export function balancedScore(cpuRequested: number, cpuAllocatable: number, memoryRequested: number, memoryAllocatable: number): number {
  if (cpuAllocatable === 0 || memoryAllocatable === 0) return MAX_NODE_SCORE;
  const cpu = Math.min(cpuRequested / cpuAllocatable, 1);
  const memory = Math.min(memoryRequested / memoryAllocatable, 1);
  return Math.trunc((1 - Math.abs((cpu - memory) / 2)) * MAX_NODE_SCORE);
}

/** The NodeResourcesBalancedAllocation score plugin. */
export const balancedAllocationScore: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  score(pod: Pod, nodeInfo: NodeInfo, ctx: SchedulingContext): number {
    const req = ctx.memo('NodeResourcesFit/requests', pod, effectiveRequests);
    if (req.milliCPU === 0 && req.memory === 0) return 0;
    return balancedScore(nodeInfo.reqMilliCPU + req.milliCPU, nodeInfo.allocMilliCPU, nodeInfo.reqMemory + req.memory, nodeInfo.allocMemory);
  },
};
