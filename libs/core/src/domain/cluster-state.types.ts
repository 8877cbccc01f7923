/** The shapes ClusterState reads and hands out: stored versions, recorded events, changes, snapshots. */
import type { KubeObject } from '../api/meta';
import type { ResourceInfo } from '../api/resources';

/** An object as the projection holds it. */
export interface StoredObject {
  object: KubeObject;
  /** Revision of the object's stream at this version (expectedRevision for the next append). */
  revision: bigint;
  /** Commit position of the event that produced this version (= resourceVersion). */
  position: number;
}

/** A recorded event as read from the store. */
export interface RecordedEvent {
  streamId: string;
  revision: bigint;
  type: string;
  data: unknown;
  position: number;
  /** The event's id and metadata (actor, correlationId, ...), when known. */
  id?: string;
  metadata?: Record<string, unknown>;
  /** When the store recorded it (ms since the epoch), when known. */
  time?: number;
}

/** What one applied event did to one object; `before`/`after` undefined when absent. */
export interface Change {
  resource: ResourceInfo;
  key: string;
  stream: string;
  position: number;
  eventType: string;
  before: KubeObject | undefined;
  after: KubeObject | undefined;
  /** Id and metadata of the event, so whatever it causes can cite it. */
  eventId?: string;
  metadata?: Record<string, unknown>;
}

/** The serialized form of a ClusterState (see toSnapshot). */
export interface ClusterSnapshot {
  version: 1;
  position: number;
  /** [kind, stream revision, position, object] */
  objects: [string, string, number, KubeObject][];
  /** [stream, revision] of every stream ever written, deleted objects included. */
  streams: [string, string][];
}

/**
 * Told about an event of ours that could not be folded, with the version
 * of the object it followed (if any). The state stays as it was.
 */
export type MalformedEventHandler = (event: RecordedEvent, reason: string, current: KubeObject | undefined) => void;
