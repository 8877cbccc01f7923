/** Small helpers the workload controllers share to read the projection. */
import { RESOURCES, controllerRefOf, objectKey, typeMismatch, type Change, type KubeObject, type OwnerReference, type ResourceInfo } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';

export const PODS = RESOURCES.find((r) => r.kind === 'Pod')!;
export const REPLICASETS = RESOURCES.find((r) => r.kind === 'ReplicaSet')!;
export const DEPLOYMENTS = RESOURCES.find((r) => r.kind === 'Deployment')!;
export const SERVICES = RESOURCES.find((r) => r.kind === 'Service')!;
export const ENDPOINTS = RESOURCES.find((r) => r.kind === 'Endpoints')!;
export const NODES = RESOURCES.find((r) => r.kind === 'Node')!;
export const LEASES = RESOURCES.find((r) => r.kind === 'Lease')!;

/** The projection's key of an object: `namespace/name`, or `name` when cluster-scoped. */
export function keyOf(o: KubeObject): string {
  return objectKey(o.metadata.namespace, o.metadata.name ?? '');
}

/** The controller ownerReference of an object that may be absent. */
export function controllerOwner(o: KubeObject | undefined): OwnerReference | undefined {
  return o ? controllerRefOf(o) : undefined;
}

/** Splits a `namespace/name` key. */
export function splitKey(key: string): [string | undefined, string] {
  const slash = key.indexOf('/');
  return slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
}

/** Verdicts per object version: projection objects are never mutated, so each version is checked once. */
const WELL_TYPED = new WeakMap<KubeObject, boolean>();

/** Whether every field of the object has its schema's type (memoized per version). */
export function wellTyped(resource: ResourceInfo, object: KubeObject): boolean {
  let verdict = WELL_TYPED.get(object);
  if (verdict === undefined) WELL_TYPED.set(object, (verdict = !typeMismatch(resource.kind, object)));
  return verdict;
}

/**
 * Every object of a resource in a namespace. Wrongly-typed pods and
 * services already in the log (say a pod whose labels are a string) are
 * left out, so one cannot make the reconcile of its neighbours throw.
 * Owned objects (ReplicaSets) stay in: hiding one would make its owner
 * try to create it again, forever.
 */
export function inNamespace<T extends KubeObject>(projection: ProjectionService, resource: ResourceInfo, namespace: string): T[] {
  const screen = resource === PODS || resource === SERVICES;
  const out: T[] = [];
  for (const stored of projection.state.list(resource, namespace)) if (!screen || wellTyped(resource, stored.object)) out.push(stored.object as T);
  return out;
}

/** The versions a change saw (before and/or after). */
export function versions(change: Change): KubeObject[] {
  return [change.before, change.after].filter((o): o is KubeObject => !!o);
}
