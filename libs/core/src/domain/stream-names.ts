/**
 * One stream per object: `<kind>-<namespace>.<name>` for namespaced kinds,
 * `<kind>-<name>` for cluster-scoped ones, kind in lower case, so that the
 * EventStoreDB category (the part before the first '-') is the kind.
 * Namespaces are DNS labels (no '.'), so the first '.' ends the namespace.
 */
import { RESOURCES, type ResourceInfo } from '../api/resources';

/** The stream that holds every event of one object. */
export function streamName(kind: string, namespace: string | undefined, name: string): string {
  const category = kind.toLowerCase();
  return namespace ? `${category}-${namespace}.${name}` : `${category}-${name}`;
}

const BY_CATEGORY = new Map<string, ResourceInfo>(RESOURCES.map((r) => [r.kind.toLowerCase(), r]));

export interface StreamAddress {
  resource: ResourceInfo;
  namespace: string;
  name: string;
}

/**
 * The object a stream belongs to, or undefined for streams that are not
 * object streams (system `$` streams, other applications' streams).
 */
export function parseStreamName(stream: string): StreamAddress | undefined {
  const dash = stream.indexOf('-');
  if (dash <= 0) return undefined;
  const resource = BY_CATEGORY.get(stream.slice(0, dash));
  if (!resource) return undefined;
  const rest = stream.slice(dash + 1);
  if (!resource.namespaced) return rest ? { resource, namespace: '', name: rest } : undefined;
  const dot = rest.indexOf('.');
  if (dot <= 0 || dot === rest.length - 1) return undefined;
  return { resource, namespace: rest.slice(0, dot), name: rest.slice(dot + 1) };
}
