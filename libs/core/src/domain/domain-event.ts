/**
 * The domain events of every kind, as plain `{type, data}` messages. Types
 * are past-tense facts prefixed by the kind (`PodCreated`, `PodBound`,
 * `DeploymentScaled`, `NodeReadinessChanged`); data carries what changed as
 * an RFC 6902 patch against the previous version, or the whole object for
 * a creation, so `evolve` needs nothing but the previous version.
 */
import type { KubeObject } from '../api/meta';
import type { JsonPatchOp } from '../patch/json-patch';

export type EventSuffix =
  | 'Created'
  | 'Updated'
  | 'StatusChanged'
  | 'ReadinessChanged'
  | 'Bound'
  | 'Scaled'
  | 'DeletionRequested'
  | 'Deleted';

const SUFFIXES: EventSuffix[] = ['Created', 'Updated', 'StatusChanged', 'ReadinessChanged', 'Bound', 'Scaled', 'DeletionRequested', 'Deleted'];

export interface CreatedData { object: KubeObject }
/** A change recorded as a patch from the previous version (resourceVersion excluded). */
export interface ChangedData { patch: JsonPatchOp[] }
export interface BoundData extends ChangedData { nodeName: string }
export interface ScaledData extends ChangedData { replicas: number; previousReplicas: number }
export interface ReadinessData extends ChangedData { ready: string }
export interface DeletionRequestedData extends ChangedData { deletionTimestamp: string; gracePeriodSeconds: number }
export type DeletedData = Record<string, never>;

export type DomainEventData =
  | { suffix: 'Created'; data: CreatedData }
  | { suffix: 'Updated'; data: ChangedData }
  | { suffix: 'StatusChanged'; data: ChangedData }
  | { suffix: 'ReadinessChanged'; data: ReadinessData }
  | { suffix: 'Bound'; data: BoundData }
  | { suffix: 'Scaled'; data: ScaledData }
  | { suffix: 'DeletionRequested'; data: DeletionRequestedData }
  | { suffix: 'Deleted'; data: DeletedData };

/** A decided event before it is written: its kind, suffix and data. */
export type DomainEvent = DomainEventData & { kind: string };

/** Who did it and why: the metadata of every event. */
export interface EventMetadata {
  actor: string;
  verb: string;
  userAgent?: string;
  correlationId: string;
  causationId?: string;
  reason?: string;
  [extra: string]: unknown;
}

/** The event type written to the store, e.g. `PodCreated`. */
export function eventType(e: Pick<DomainEvent, 'kind' | 'suffix'>): string {
  return `${e.kind}${e.suffix}`;
}

/**
 * Splits a stored event type into kind and suffix (the kind is known from
 * the stream), or undefined when the type is not one of ours.
 */
export function parseEventType(kind: string, type: string): EventSuffix | undefined {
  if (!type.startsWith(kind)) return undefined;
  const suffix = type.slice(kind.length) as EventSuffix;
  return SUFFIXES.includes(suffix) ? suffix : undefined;
}
