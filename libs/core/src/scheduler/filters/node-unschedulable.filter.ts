/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods
 * that tolerate the node.kubernetes.io/unschedulable:NoSchedule taint,
 * which is how DaemonSet pods still land on cordoned nodes.
 */
import type { Pod, Taint } from '../../api/types';
import { FITS, unresolvable, type FilterPlugin, type FilterResult } from '../framework';
import type { NodeInfo } from '../node-info';
import { taintTolerated } from '../tolerations';

/** kube's ErrReasonUnschedulable. */
export const NODE_UNSCHEDULABLE_REASON = 'node(s) were unschedulable';

/** The taint that stands for spec.unschedulable. */
export const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** May the pod go to this node as far as cordoning is concerned? */
export function schedulableFor(pod: Pod, nodeInfo: NodeInfo): boolean {
  if (nodeInfo.node?.spec?.unschedulable !== true) return true;
  return taintTolerated(UNSCHEDULABLE_TAINT, pod.spec?.tolerations ?? []);
}

/** The NodeUnschedulable filter plugin. */
export const nodeUnschedulableFilter: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod: Pod, nodeInfo: NodeInfo): FilterResult {
    return schedulableFor(pod, nodeInfo) ? FITS : unresolvable(NODE_UNSCHEDULABLE_REASON);
  },
};
