/**
 * The apps/v1 workloads. Deployments: NAME READY UP-TO-DATE AVAILABLE AGE;
 * ReplicaSets: NAME DESIRED CURRENT READY AGE; both add CONTAINERS IMAGES
 * SELECTOR with -o wide. Counts are JSON numbers, as kube sends int64 cells.
 */
import type { KubeObject } from '../api/meta';
import type { Deployment, ReplicaSet } from '../api/types';
import { ageColumn, column, CONTAINERS_DESCRIPTION, IMAGES_DESCRIPTION, nameColumn, wideColumn } from './columns';
import { containerCells, formatLabelSelector, selectorString } from './format';
import { ageSince } from './human-duration';
import type { KindPrinter } from './printer';

const SELECTOR_DESCRIPTION = 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.';

const DEPLOYMENT_COLUMNS = [
  nameColumn(),
  column('Ready', 'string', 'Number of the pod with ready state'),
  column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
  column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
  ageColumn(),
  wideColumn('Containers', 'string', CONTAINERS_DESCRIPTION),
  wideColumn('Images', 'string', IMAGES_DESCRIPTION),
  wideColumn('Selector', 'string', SELECTOR_DESCRIPTION),
] as const;

const REPLICASET_COLUMNS = [
  nameColumn(),
  column('Desired', 'integer', 'Replicas is the number of desired replicas.'),
  column('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
  column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
  ageColumn(),
  wideColumn('Containers', 'string', CONTAINERS_DESCRIPTION),
  wideColumn('Images', 'string', IMAGES_DESCRIPTION),
  wideColumn('Selector', 'string',
    'Selector is a label query over pods that should match the replica count.'),
] as const;

// apps/v1 defaults spec.replicas to 1; an undefaulted object means the same.
const DEFAULT_REPLICAS = 1;

function deploymentRow(obj: KubeObject, now: Date): unknown[] {
  const d = obj as Deployment;
  const status = d.status ?? {};
  const desired = d.spec?.replicas ?? DEFAULT_REPLICAS;
  const [containers, images] = containerCells(d.spec?.template?.spec?.containers);
  // kube prints a Deployment selector bare ('' when empty), unlike ReplicaSets.
  const selector = selectorString(d.spec?.selector) ?? '<invalid>';
  return [
    d.metadata.name ?? '',
    `${status.readyReplicas ?? 0}/${desired}`,
    status.updatedReplicas ?? 0,
    status.availableReplicas ?? 0,
    ageSince(d.metadata.creationTimestamp, now),
    containers,
    images,
    selector,
  ];
}

function replicaSetRow(obj: KubeObject, now: Date): unknown[] {
  const rs = obj as ReplicaSet;
  const [containers, images] = containerCells(rs.spec?.template?.spec?.containers);
  return [
    rs.metadata.name ?? '',
    rs.spec?.replicas ?? DEFAULT_REPLICAS,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    ageSince(rs.metadata.creationTimestamp, now),
    containers,
    images,
    formatLabelSelector(rs.spec?.selector),
  ];
}

/** The Deployment printer (kube's printDeployment). */
export const deploymentPrinter: KindPrinter = { columns: DEPLOYMENT_COLUMNS, row: deploymentRow };

/** The ReplicaSet printer (kube's printReplicaSet). */
export const replicaSetPrinter: KindPrinter = { columns: REPLICASET_COLUMNS, row: replicaSetRow };
