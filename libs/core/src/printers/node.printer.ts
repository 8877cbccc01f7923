/**
 * Nodes: NAME STATUS ROLES AGE VERSION, and with -o wide
 * INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.
 */
import type { KubeObject } from '../api/meta';
import type { Node } from '../api/types';
import { ageColumn, column, nameColumn, wideColumn } from './columns';
import { NONE } from './format';
import { ageSince } from './human-duration';
import type { KindPrinter } from './printer';

const ADDRESSES = 'List of addresses reachable to the node. Queried from cloud provider, if available.';

const COLUMNS = [
  nameColumn(),
  column('Status', 'string', 'The status of the node'),
  column('Roles', 'string', 'The roles of the node'),
  ageColumn(),
  column('Version', 'string', 'Kubelet Version reported by the node.'),
  wideColumn('Internal-IP', 'string', ADDRESSES),
  wideColumn('External-IP', 'string', ADDRESSES),
  wideColumn('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).'),
  wideColumn('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
  wideColumn('Container-Runtime', 'string',
    'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).'),
] as const;

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

/**
 * Roles from `node-role.kubernetes.io/<role>` label keys and the legacy
 * `kubernetes.io/role=<role>` label, de-duplicated and sorted.
 */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role) roles.add(role);
    } else if (key === LEGACY_ROLE_LABEL && value) {
      roles.add(value);
    }
  }
  return [...roles].sort();
}

/**
 * "Ready", "NotReady" or "Unknown" (no Ready condition), with
 * ",SchedulingDisabled" appended for a cordoned node.
 */
export function nodeStatus(node: Node): string {
  const readyCondition = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const status: string[] = [];
  if (!readyCondition) status.push('Unknown');
  else status.push(readyCondition.status === 'True' ? 'Ready' : 'NotReady');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? NONE;
}

function nodeRow(obj: KubeObject, now: Date): unknown[] {
  const node = obj as Node;
  const info = node.status?.nodeInfo ?? {};
  const roles = nodeRoles(node).join(',');
  return [
    node.metadata.name ?? '',
    nodeStatus(node),
    roles || NONE,
    ageSince(node.metadata.creationTimestamp, now),
    info.kubeletVersion ?? '',
    address(node, 'InternalIP'),
    address(node, 'ExternalIP'),
    info.osImage || '<unknown>',
    info.kernelVersion || '<unknown>',
    info.containerRuntimeVersion || '<unknown>',
  ];
}

/** The Node printer (kube's printNode). */
export const nodePrinter: KindPrinter = { columns: COLUMNS, row: nodeRow };
