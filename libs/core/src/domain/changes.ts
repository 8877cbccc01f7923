/** Naming and measuring one change between two versions of an object. */
import type { KubeObject } from '../api/meta';
import type { ResourceInfo } from '../api/resources';
import { diffToJsonPatch } from '../patch/json-patch';
import type { DomainEvent } from './domain-event';
import { deepEqual } from '../patch/json-value';

/**
 * A copy without resourceVersion (it is the event's position, never part
 * of what changed); with `ignoreManagedFields`, also without managedFields,
 * so that a write changing nothing but field ownership timestamps is no change.
 */
export function withoutVersion(object: KubeObject, ignoreManagedFields = false): KubeObject {
  const metadata = { ...object.metadata };
  delete metadata.resourceVersion;
  if (ignoreManagedFields) delete metadata.managedFields;
  return { ...object, metadata };
}

/**
 * True when two versions differ in nothing a client could tell apart but
 * resourceVersion and the times of managedFields entries: a write that
 * changes only when a manager last wrote is no change, while one that
 * changes who owns what (a new applier, kubectl's managedFields patch when
 * moving to server-side apply) is a change and is recorded.
 */
export function sameButTimes(current: KubeObject, next: KubeObject): boolean {
  const strip = (o: KubeObject): KubeObject => {
    const base = withoutVersion(o);
    const entries = base.metadata.managedFields;
    if (!Array.isArray(entries)) return base;
    return { ...base, metadata: { ...base.metadata, managedFields: entries.map((e) => ({ ...e, time: undefined })) } };
  };
  return deepEqual(strip(current), strip(next));
}

function readyOf(node: KubeObject): string | undefined {
  const conditions = (node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
  return conditions?.find((c) => c.type === 'Ready')?.status;
}

function onlySpecReplicasChanged(current: KubeObject, next: KubeObject): boolean {
  const a = { ...(current.spec as object), replicas: undefined };
  const b = { ...(next.spec as object), replicas: undefined };
  const metaA = { ...withoutVersion(current, true).metadata, generation: undefined };
  const metaB = { ...withoutVersion(next, true).metadata, generation: undefined };
  return (
    deepEqual(a, b) &&
    deepEqual(metaA, metaB) &&
    deepEqual(current.status, next.status) &&
    (current.spec as { replicas?: number }).replicas !== (next.spec as { replicas?: number }).replicas
  );
}

/** The domain event for a change, with the best name the change has. */
export function changeEvent(resource: ResourceInfo, current: KubeObject, next: KubeObject, verb: 'update' | 'status'): DomainEvent {
  const patch = diffToJsonPatch(withoutVersion(current), withoutVersion(next));
  const kind = resource.kind;
  if (verb === 'status') {
    if (kind === 'Node' && readyOf(current) !== readyOf(next)) {
      return { kind, suffix: 'ReadinessChanged', data: { ready: readyOf(next) ?? 'Unknown', patch } };
    }
    return { kind, suffix: 'StatusChanged', data: { patch } };
  }
  if ((kind === 'Deployment' || kind === 'ReplicaSet') && onlySpecReplicasChanged(current, next)) {
    const replicas = (next.spec as { replicas?: number }).replicas ?? 0;
    const previousReplicas = (current.spec as { replicas?: number }).replicas ?? 0;
    return { kind, suffix: 'Scaled', data: { replicas, previousReplicas, patch } };
  }
  return { kind, suffix: 'Updated', data: { patch } };
}
