/**
 * How the dashboard names an object everywhere (store, lists, map, URLs):
 * `Kind/namespace/name`, with an empty namespace for cluster-scoped kinds
 * (`Node//worker-1`), so one string identifies an object across feeds.
 */
import type { KubeObject } from '@chronokube/core';

/** The store key of kind/namespace/name. */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** The store key of an object (its `kind` must be set, as lists and /state set it). */
export function keyOf(obj: KubeObject, kind = obj.kind ?? ''): string {
  return objectKey(kind, obj.metadata.namespace, obj.metadata.name ?? '');
}

/** A key split back into its parts. */
export function parseKey(key: string): { kind: string; namespace: string; name: string } {
  const first = key.indexOf('/');
  const second = key.indexOf('/', first + 1);
  return { kind: key.slice(0, first), namespace: key.slice(first + 1, second), name: key.slice(second + 1) };
}

/** `ns/name` (or just `name` when cluster-scoped): the row key the lists show and tests select by. */
export function nsName(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : (obj.metadata.name ?? '');
}
