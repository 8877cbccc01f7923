/**
 * NodeAffinity (score): the sum of the weights of the pod's preferred node
 * affinity terms the node matches, normalized so the best node gets 100.
 */
import type { Pod } from '../../api/types';
import { defaultNormalizeScore, type ScorePlugin, type SchedulingContext } from '../framework';
import type { NodeInfo } from '../node-info';
import { compilePreferredNodeAffinity } from '../node-selector';

/** The NodeAffinity score plugin. */
export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  score(pod: Pod, nodeInfo: NodeInfo, ctx: SchedulingContext): number {
    const terms = ctx.memo('NodeAffinity/preferred', pod, compilePreferredNodeAffinity);
    const node = nodeInfo.node;
    if (!node) return 0;
    let sum = 0;
    for (const t of terms) if (t.matches(node)) sum += t.weight;
    return sum;
  },
  normalize(scores: number[]): void {
    defaultNormalizeScore(scores, false);
  },
};
