/**
 * TaintToleration (score): PreferNoSchedule taints are soft; a node with
 * fewer of them that the pod does not tolerate is better. The raw score is
 * that count; normalization reverses it (fewest = 100).
 */
import type { Pod, Toleration } from '../../api/types';
import { defaultNormalizeScore, type ScorePlugin, type SchedulingContext } from '../framework';
import type { NodeInfo } from '../node-info';
import { taintTolerated } from '../tolerations';

/** Tolerations that can cover PreferNoSchedule taints (effect empty or PreferNoSchedule). */
function preferNoScheduleTolerations(pod: Pod): Toleration[] {
  return (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

/** How many PreferNoSchedule taints of the node the pod does not tolerate. */
export function intolerablePreferNoScheduleTaints(nodeInfo: NodeInfo, tolerations: readonly Toleration[]): number {
  let n = 0;
  for (const taint of nodeInfo.node?.spec?.taints ?? []) {
    if (taint.effect === 'PreferNoSchedule' && !taintTolerated(taint, tolerations)) n++;
  }
  return n;
}

/** The TaintToleration score plugin. */
export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  score(pod: Pod, nodeInfo: NodeInfo, ctx: SchedulingContext): number {
    const tolerations = ctx.memo('TaintToleration/prefer', pod, preferNoScheduleTolerations);
    return intolerablePreferNoScheduleTaints(nodeInfo, tolerations);
  },
  normalize(scores: number[]): void {
    defaultNormalizeScore(scores, true);
  },
};
