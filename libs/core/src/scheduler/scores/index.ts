/** The score plugins by name, and kube's default weights for them. */
import type { ScorePlugin } from '../framework';
import { balancedAllocationScore } from './balanced-allocation.score';
import { nodeAffinityScore } from './node-affinity.score';
import { nodeResourcesFitScore } from './node-resources-fit.score';
import { selectorSpreadScore } from './selector-spread.score';
import { taintTolerationScore } from './taint-toleration.score';

/** Every score plugin chronokube has, by name. */
export const SCORE_PLUGINS: Readonly<Record<string, ScorePlugin>> = Object.freeze(
  Object.fromEntries(
    [taintTolerationScore, nodeAffinityScore, nodeResourcesFitScore, selectorSpreadScore, balancedAllocationScore].map((p) => [p.name, p]),
  ),
);

/**
 * kube-scheduler's default weights (TaintToleration 3, NodeAffinity 2,
 * NodeResourcesFit 1, PodTopologySpread 2, BalancedAllocation 1);
 * SelectorSpread stands in for PodTopologySpread's default spreading and
 * takes its weight.
 */
export const DEFAULT_SCORES: readonly { name: string; weight: number }[] = Object.freeze([
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'SelectorSpread', weight: 2 },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
]);

export { nodeResourcesFitScore, leastRequestedScore, mostRequestedScore, allocationScore } from './node-resources-fit.score';
export { balancedAllocationScore, balancedScore } from './balanced-allocation.score';
export { taintTolerationScore, intolerablePreferNoScheduleTaints } from './taint-toleration.score';
export { nodeAffinityScore } from './node-affinity.score';
export { selectorSpreadScore, zoneKey } from './selector-spread.score';
