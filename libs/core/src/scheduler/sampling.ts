/**
 * How many feasible nodes are enough (kube's numFeasibleNodesToFind): in a
 * big cluster the scheduler stops filtering once it has found this many,
 * so the work per pod stays bounded as the cluster grows. Filtering starts
 * where the previous pod stopped, so every node gets its turn.
 */

/** Below this many nodes, all are considered (kube's minFeasibleNodesToFind). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** The adaptive percentage never goes below this (kube's minFeasibleNodesPercentageToFind). */
export const MIN_FEASIBLE_NODES_PERCENTAGE = 5;

/**
 * The number of feasible nodes to find among `numAllNodes`. percentage 0 is
 * adaptive: 50 - numAllNodes/125 (integer), at least 5; the result is never
 * below 100 nor above the node count.
 */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) return numAllNodes;
  let p = percentage;
  if (p <= 0) p = Math.max(50 - Math.trunc(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE);
  const n = Math.trunc((numAllNodes * p) / 100);
  return Math.min(numAllNodes, Math.max(n, MIN_FEASIBLE_NODES_TO_FIND));
}
