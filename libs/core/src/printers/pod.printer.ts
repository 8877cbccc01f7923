/**
 * Pods: NAME READY STATUS RESTARTS AGE, and with -o wide
 * IP NODE NOMINATED NODE READINESS GATES.
 */
import type { KubeObject } from '../api/meta';
import type { Condition, Pod } from '../api/types';
import { ageColumn, column, nameColumn, wideColumn } from './columns';
import { NONE } from './format';
import { ageSince } from './human-duration';
import { podSummary } from './pod-summary';
import type { KindPrinter } from './printer';
import type { TableRowCondition } from './table';

const COLUMNS = [
  nameColumn(),
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'string',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  ageColumn(),
  wideColumn('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.'),
  wideColumn('Node', 'string', 'NodeName indicates in which node this pod is scheduled.'),
  wideColumn('Nominated Node', 'string',
    'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.'),
  wideColumn('Readiness Gates', 'string',
    'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True"'),
] as const;

/** "true/total" over spec.readinessGates, or "<none>" when the pod has none. */
function readinessGates(pod: Pod): string {
  const gates = (pod.spec?.readinessGates ?? []) as { conditionType: string }[];
  if (gates.length === 0) return NONE;
  const conditions: Condition[] = pod.status?.conditions ?? [];
  const satisfied = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${satisfied}/${gates.length}`;
}

function podRow(obj: KubeObject, now: Date): unknown[] {
  const pod = obj as Pod;
  const summary = podSummary(pod, now);
  // podIPs is canonical; podIP alone only appears on objects that skipped defaulting.
  const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || NONE;
  return [
    pod.metadata.name ?? '',
    summary.ready,
    summary.status,
    summary.restarts,
    ageSince(pod.metadata.creationTimestamp, now),
    ip,
    pod.spec?.nodeName || NONE,
    pod.status?.nominatedNodeName || NONE,
    readinessGates(pod),
  ];
}

/** Finished pods carry a Completed row condition, as kube marks them. */
function podConditions(obj: KubeObject): TableRowCondition[] | undefined {
  const phase = (obj as Pod).status?.phase;
  if (phase === 'Succeeded') {
    return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
  }
  if (phase === 'Failed') {
    return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  }
  return undefined;
}

/** The Pod printer (kube's printPod). */
export const podPrinter: KindPrinter = { columns: COLUMNS, row: podRow, conditions: podConditions };
