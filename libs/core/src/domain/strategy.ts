/**
 * Per-kind rules for what a write may touch, as kube-apiserver's registry
 * strategies have them: which kinds have a status subresource (then the main
 * resource cannot change status and the status subresource can change
 * nothing else), and what a new object's status starts as.
 */
import type { KubeObject } from '../api/meta';
import type { ResourceInfo } from '../api/resources';

/** True when status is written only through the status subresource. */
export function hasStatusSubresource(resource: ResourceInfo): boolean {
  return resource.subresources.some((s) => s.name === 'status');
}

/** The status a created object starts with (the user's status is ignored where kube ignores it). */
export function initialStatus(resource: ResourceInfo, object: KubeObject): unknown {
  switch (resource.kind) {
    case 'Pod':
      return { phase: 'Pending', ...(qosOf(object) ? { qosClass: qosOf(object) } : {}) };
    case 'Deployment':
    case 'ReplicaSet':
      return resource.kind === 'ReplicaSet' ? { replicas: 0 } : {};
    case 'Service':
      return { loadBalancer: {} };
    case 'Namespace':
      return { phase: 'Active' };
    default:
      return object.status;
  }
}

function qosOf(object: KubeObject): string | undefined {
  const status = object.status as { qosClass?: string } | undefined;
  return status?.qosClass;
}

const SERVER_META = ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'namespace'] as const;

/**
 * The object a main-resource update proposes: the user's object with the
 * server-owned metadata of the current version, and the current status
 * where status has its own subresource.
 */
export function prepareForUpdate(resource: ResourceInfo, current: KubeObject, proposed: KubeObject): KubeObject {
  const metadata = { ...proposed.metadata };
  for (const field of SERVER_META) {
    if (current.metadata[field] === undefined) delete metadata[field];
    else (metadata as Record<string, unknown>)[field] = current.metadata[field];
  }
  const next: KubeObject = { ...proposed, metadata };
  if (hasStatusSubresource(resource)) {
    if (current.status === undefined) delete next.status;
    else next.status = current.status;
  }
  return next;
}

/**
 * The object a status-subresource update proposes: the current object with
 * only its status replaced (metadata and spec changes are ignored, as kube's
 * status strategies do).
 */
export function prepareForStatusUpdate(current: KubeObject, proposed: KubeObject): KubeObject {
  const next: KubeObject = { ...current };
  if (proposed.status === undefined) delete next.status;
  else next.status = proposed.status;
  return next;
}
