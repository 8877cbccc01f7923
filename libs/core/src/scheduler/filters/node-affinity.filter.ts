/**
 * NodeAffinity (filter): spec.nodeSelector and required node affinity
 * terms must hold for the node's labels (and metadata.name).
 */
import type { Pod } from '../../api/types';
import { FITS, unresolvable, type FilterPlugin, type FilterResult, type SchedulingContext } from '../framework';
import type { NodeInfo } from '../node-info';
import { ANY_NODE, compileRequiredNodeAffinity } from '../node-selector';

/** kube's ErrReasonPod for NodeAffinity. */
export const NODE_AFFINITY_REASON = "node(s) didn't match Pod's node affinity/selector";

/** The NodeAffinity filter plugin; the pod's rule is compiled once per attempt. */
export const nodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  filter(pod: Pod, nodeInfo: NodeInfo, ctx: SchedulingContext): FilterResult {
    const matches = ctx.memo('NodeAffinity/required', pod, compileRequiredNodeAffinity);
    const node = nodeInfo.node;
    if (matches === ANY_NODE && node) return FITS;
    return node && matches(node) ? FITS : unresolvable(NODE_AFFINITY_REASON);
  },
};
