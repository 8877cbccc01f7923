/**
 * NodeName: a pod that names its node fits only there. The scheduler only
 * sees such pods when something re-queues them, but the rule keeps the
 * explanation honest.
 */
import type { Pod } from '../../api/types';
import { FITS, unresolvable, type FilterPlugin, type FilterResult } from '../framework';
import type { NodeInfo } from '../node-info';

/** kube's ErrReason for NodeName. */
export const NODE_NAME_REASON = "node(s) didn't match the requested node name";

/** Does spec.nodeName (if set) name this node? */
export function nodeNameFits(pod: Pod, nodeName: string): boolean {
  const wanted = pod.spec?.nodeName;
  return !wanted || wanted === nodeName;
}

/** The NodeName filter plugin. */
export const nodeNameFilter: FilterPlugin = {
  name: 'NodeName',
  filter(pod: Pod, nodeInfo: NodeInfo): FilterResult {
    return nodeNameFits(pod, nodeInfo.name) ? FITS : unresolvable(NODE_NAME_REASON);
  },
};
