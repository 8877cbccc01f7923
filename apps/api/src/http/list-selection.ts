/**
 * Which objects a list, watch or deletecollection covers: a namespace (or
 * all), a label selector and a field selector, parsed once per request.
 */
import { parseFieldSelector, parseLabelSelector, type ClusterState, type KubeObject, type ResourceInfo } from '@chronokube/core';

export interface Selectors {
  labelSelector?: string;
  fieldSelector?: string;
}

export type ObjectFilter = (object: KubeObject) => boolean;

/** A predicate for the selectors (throws 400 for a malformed one). */
export function objectFilter(resource: ResourceInfo, namespace: string | undefined, selectors: Selectors): ObjectFilter {
  const labels = selectors.labelSelector ? parseLabelSelector(selectors.labelSelector) : undefined;
  const fields = selectors.fieldSelector ? parseFieldSelector(resource.kind, selectors.fieldSelector) : undefined;
  return (object) =>
    (!namespace || !resource.namespaced || object.metadata.namespace === namespace) &&
    (!labels || labels.matches(object.metadata.labels)) &&
    (!fields || fields.matches(object));
}

/** Every object of the resource the selectors match, in key order. */
export function selectObjects(state: ClusterState, resource: ResourceInfo, namespace: string | undefined, selectors: Selectors): KubeObject[] {
  const filter = objectFilter(resource, namespace, selectors);
  const out: KubeObject[] = [];
  for (const stored of state.list(resource, resource.namespaced ? namespace : undefined)) if (filter(stored.object)) out.push(stored.object);
  return out;
}
