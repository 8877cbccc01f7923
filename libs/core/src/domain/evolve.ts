/**
 * evolve: the pure fold from one version of an object to the next. Given
 * the same events it always builds the same object, which is what makes
 * time travel exact.
 */
import type { KubeObject } from '../api/meta';
import { applyJsonPatch } from '../patch/json-patch';
import type { DomainEventData } from './domain-event';

/**
 * The object after `event`, stamped with `resourceVersion` (the event's
 * commit position); undefined once deleted. An event that does not fit
 * (a change to an absent object) leaves the state as it was: the log is
 * the truth and a projection must never stop on it.
 */
export function evolve(current: KubeObject | undefined, event: DomainEventData, resourceVersion: string): KubeObject | undefined {
  switch (event.suffix) {
    case 'Created':
      return stamp(event.data.object, resourceVersion);
    case 'Updated':
    case 'StatusChanged':
    case 'ReadinessChanged':
    case 'Bound':
    case 'Scaled':
    case 'DeletionRequested':
      if (!current) return current;
      return stamp(applyJsonPatch(current, event.data.patch) as KubeObject, resourceVersion);
    case 'Deleted':
      return undefined;
    default: {
      const never: never = event;
      return never;
    }
  }
}

function stamp(object: KubeObject, resourceVersion: string): KubeObject {
  return { ...object, metadata: { ...object.metadata, resourceVersion } };
}
