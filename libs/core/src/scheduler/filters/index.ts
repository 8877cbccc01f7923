/**
 * The filter plugins by name, and kube's default order. Order matters:
 * a node stops at its first failing plugin, and that plugin's reason is
 * what the FailedScheduling message counts.
 */
import type { FilterPlugin } from '../framework';
import { interPodAffinityFilter } from './inter-pod-affinity.filter';
import { nodeAffinityFilter } from './node-affinity.filter';
import { nodeNameFilter } from './node-name.filter';
import { nodePortsFilter } from './node-ports.filter';
import { nodeResourcesFitFilter } from './node-resources-fit.filter';
import { nodeUnschedulableFilter } from './node-unschedulable.filter';
import { taintTolerationFilter } from './taint-toleration.filter';

/** Every filter plugin chronokube has, by name. */
export const FILTER_PLUGINS: Readonly<Record<string, FilterPlugin>> = Object.freeze(
  Object.fromEntries(
    [
      nodeUnschedulableFilter, nodeNameFilter, taintTolerationFilter, nodeAffinityFilter,
      nodePortsFilter, nodeResourcesFitFilter, interPodAffinityFilter,
    ].map((p) => [p.name, p]),
  ),
);

/** kube-scheduler's default filter order (of the plugins chronokube has). */
export const DEFAULT_FILTERS: readonly string[] = Object.freeze([
  'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'InterPodAffinity',
]);

export { nodeNameFilter, NODE_NAME_REASON } from './node-name.filter';
export { nodeUnschedulableFilter, NODE_UNSCHEDULABLE_REASON, UNSCHEDULABLE_TAINT } from './node-unschedulable.filter';
export { taintTolerationFilter } from './taint-toleration.filter';
export { nodeAffinityFilter, NODE_AFFINITY_REASON } from './node-affinity.filter';
export { nodePortsFilter, NODE_PORTS_REASON } from './node-ports.filter';
export { nodeResourcesFitFilter, insufficientResources, type InsufficientResource } from './node-resources-fit.filter';
export {
  interPodAffinityFilter, AFFINITY_REASON, ANTI_AFFINITY_REASON, EXISTING_ANTI_AFFINITY_REASON,
} from './inter-pod-affinity.filter';
