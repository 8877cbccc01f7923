/** Small helpers the reconcilers share: copies, times, annotations, conditions. */
import type { KubeObject } from '../api/meta';
import type { Condition } from '../api/types';

/** A deep copy of a JSON value (objects from the projection are never mutated). */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Milliseconds since the epoch of an RFC 3339 timestamp, or undefined when absent/invalid. */
export function timeMs(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Creation order as kube's ReplicaSetsByCreationTimestamp/ActivePods use it: oldest first, then by name. */
export function compareCreation(a: KubeObject, b: KubeObject): number {
  const ta = timeMs(a.metadata.creationTimestamp) ?? Number.POSITIVE_INFINITY;
  const tb = timeMs(b.metadata.creationTimestamp) ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** The condition of a type, if present. */
export function findCondition<C extends Condition>(conditions: readonly C[] | undefined, type: string): C | undefined {
  return conditions?.find((c) => c.type === type);
}

/** An object copy meant for a follow-up write in the same action list: unconditional (see actions.ts). */
export function unconditional<T extends KubeObject>(obj: T): T {
  const copy = { ...obj, metadata: { ...obj.metadata } };
  delete copy.metadata.resourceVersion;
  return copy;
}
