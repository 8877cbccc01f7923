/**
 * evolve: the pure fold from one version of an object to the next. Given
 * the same events it always builds the same object, which is what makes
 * time travel exact.
 */
import type { KubeObject } from '../api/meta';
import { ApiError } from '../api/errors';
import { applyJsonPatch } from '../patch/json-patch';
import type { DomainEventData } from './domain-event';

/**
 * Why an event of ours could not be folded: it carries no object, or a
 * patch that does not apply to the version it follows. The log is
 * forever, so the fold skips such an event (the object stays as it was)
 * and whoever folds decides how loudly to say so.
 */
export class MalformedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedEventError';
  }
}

function isObjectWithMetadata(value: unknown): value is KubeObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const metadata = (value as { metadata?: unknown }).metadata;
  return typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata);
}

/**
 * The object after `event`, stamped with `resourceVersion` (the event's
 * commit position); undefined once deleted. A change to an absent object
 * leaves the state as it was. Throws MalformedEventError when the event
 * itself is broken (no object, a patch that does not apply, a result that
 * is no object); it never throws anything else.
 */
export function evolve(current: KubeObject | undefined, event: DomainEventData, resourceVersion: string): KubeObject | undefined {
  const data = event.data as unknown;
  switch (event.suffix) {
    case 'Created': {
      const object = typeof data === 'object' && data !== null ? (data as { object?: unknown }).object : undefined;
      if (!isObjectWithMetadata(object)) throw new MalformedEventError('the event carries no object with metadata (data.object)');
      return stamp(object, resourceVersion);
    }
    case 'Updated':
    case 'StatusChanged':
    case 'ReadinessChanged':
    case 'Bound':
    case 'Scaled':
    case 'DeletionRequested': {
      if (!current) return current;
      const patch = typeof data === 'object' && data !== null ? (data as { patch?: unknown }).patch : undefined;
      if (!Array.isArray(patch)) throw new MalformedEventError('the event carries no patch (data.patch must be a list of operations)');
      let next: unknown;
      const fresh = new Set<object>();
      try {
        next = applyJsonPatch(current, patch, fresh);
      } catch (err) {
        // A patch error says what went wrong in its causes; its message is kube's generic one.
        const why = err instanceof ApiError ? err.details?.causes?.[0]?.message ?? err.message : (err as Error)?.message ?? String(err);
        throw new MalformedEventError(`the patch does not apply: ${why}`);
      }
      if (!isObjectWithMetadata(next)) throw new MalformedEventError('the patch leaves no object with metadata');
      return stamp(next, resourceVersion, fresh);
    }
    case 'Deleted':
      return undefined;
    default: {
      const never: never = event;
      return never;
    }
  }
}

/**
 * The object with its resourceVersion set. Containers the patch just
 * copied (`fresh`) are ours and edited in place, saving a second copy of
 * the top level and metadata per event; the key order is the same either way.
 */
function stamp(object: KubeObject, resourceVersion: string, fresh?: Set<object>): KubeObject {
  if (!fresh?.has(object)) return { ...object, metadata: { ...object.metadata, resourceVersion } };
  if (fresh.has(object.metadata)) object.metadata.resourceVersion = resourceVersion;
  else object.metadata = { ...object.metadata, resourceVersion };
  return object;
}
