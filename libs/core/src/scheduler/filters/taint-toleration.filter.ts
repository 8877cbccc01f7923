/**
 * TaintToleration (filter): a node's NoSchedule and NoExecute taints keep
 * off every pod that does not tolerate them. The reason names the first
 * untolerated taint, as kube does.
 */
import type { Pod } from '../../api/types';
import { FITS, unresolvable, type FilterPlugin, type FilterResult } from '../framework';
import type { NodeInfo } from '../node-info';
import { firstUntoleratedTaint, untoleratedTaintReason } from '../tolerations';

/** The TaintToleration filter plugin. */
export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod: Pod, nodeInfo: NodeInfo): FilterResult {
    const taint = firstUntoleratedTaint(nodeInfo.node?.spec?.taints, pod.spec?.tolerations ?? [], ['NoSchedule', 'NoExecute']);
    return taint ? unresolvable(untoleratedTaintReason(taint)) : FITS;
  },
};
