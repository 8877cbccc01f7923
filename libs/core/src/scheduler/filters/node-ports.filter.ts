/**
 * NodePorts: a pod's host ports must be free on the node (same protocol
 * and port, overlapping host IP). Eviction could free a port, so this is
 * a resolvable failure.
 */
import type { Pod } from '../../api/types';
import { FITS, unschedulable, type FilterPlugin, type FilterResult, type SchedulingContext } from '../framework';
import { podHostPorts } from '../host-ports';
import type { NodeInfo } from '../node-info';

/** kube's ErrReason for NodePorts. */
export const NODE_PORTS_REASON = "node(s) didn't have free ports for the requested pod ports";

/** The NodePorts filter plugin. */
export const nodePortsFilter: FilterPlugin = {
  name: 'NodePorts',
  filter(pod: Pod, nodeInfo: NodeInfo, ctx: SchedulingContext): FilterResult {
    const wanted = ctx.memo('NodePorts/wanted', pod, podHostPorts);
    return wanted.some((p) => nodeInfo.usedPorts.conflicts(p)) ? unschedulable(NODE_PORTS_REASON) : FITS;
  },
};
