/**
 * InterPodAffinity (filter): required pod affinity (the node's topology
 * domain must already hold a matching pod), required pod anti-affinity
 * (it must hold none), and the required anti-affinity of pods already
 * running (they must not reject the incoming pod). Checked in kube's order,
 * with kube's reasons.
 */
import type { Pod } from '../../api/types';
import { FITS, unresolvable, unschedulable, type FilterPlugin, type FilterResult, type SchedulingContext } from '../framework';
import type { NodeInfo } from '../node-info';
import { computeInterPodAffinityState, topologyPair, type InterPodAffinityState } from './inter-pod-affinity-state';

/** kube's ErrReasonAffinityRulesNotMatch. */
export const AFFINITY_REASON = "node(s) didn't match pod affinity rules";
/** kube's ErrReasonAntiAffinityRulesNotMatch. */
export const ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
/** kube's ErrReasonExistingAntiAffinityRulesNotMatch. */
export const EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";

function satisfiesAffinity(pod: Pod, state: InterPodAffinityState, nodeInfo: NodeInfo): boolean {
  let podsExist = true;
  for (const term of state.affinityTerms) {
    const value = nodeInfo.labels[term.topologyKey];
    // A node without the topology label can never satisfy the term.
    if (value === undefined) return false;
    if ((state.affinityCounts.get(topologyPair(term.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: nothing matches anywhere yet, so let it start the group.
  return state.affinityCounts.size === 0 && state.affinityTerms.every((t) => t.matches(pod));
}

function satisfiesAntiAffinity(state: InterPodAffinityState, nodeInfo: NodeInfo): boolean {
  if (state.antiAffinityCounts.size === 0) return true;
  for (const term of state.antiAffinityTerms) {
    const value = nodeInfo.labels[term.topologyKey];
    if (value !== undefined && (state.antiAffinityCounts.get(topologyPair(term.topologyKey, value)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfiesExistingAntiAffinity(state: InterPodAffinityState, nodeInfo: NodeInfo): boolean {
  if (state.existingAntiAffinityCounts.size === 0) return true;
  for (const [key, value] of Object.entries(nodeInfo.labels)) {
    if ((state.existingAntiAffinityCounts.get(topologyPair(key, value)) ?? 0) > 0) return false;
  }
  return true;
}

/** The InterPodAffinity filter plugin. */
function stateFor(pod: Pod, ctx: SchedulingContext): InterPodAffinityState {
  return computeInterPodAffinityState(pod, ctx.cluster);
}

export const interPodAffinityFilter: FilterPlugin = {
  name: 'InterPodAffinity',
  filter(pod: Pod, nodeInfo: NodeInfo, ctx: SchedulingContext): FilterResult {
    const state = ctx.memo('InterPodAffinity/state', pod, stateFor);
    if (state.skip) return FITS;
    if (!satisfiesAffinity(pod, state, nodeInfo)) return unresolvable(AFFINITY_REASON);
    if (!satisfiesAntiAffinity(state, nodeInfo)) return unschedulable(ANTI_AFFINITY_REASON);
    if (!satisfiesExistingAntiAffinity(state, nodeInfo)) return unschedulable(EXISTING_ANTI_AFFINITY_REASON);
    return FITS;
  },
};
