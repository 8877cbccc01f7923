/**
 * ClusterState: the current version of every object, folded from the log by
 * `evolve`. It also knows each stream's revision, deleted objects
 * included, because a re-created object continues its old stream and the
 * next append must name that revision. A present object's version carries
 * its stream's revision, so only the streams where that does not tell
 * (deleted objects, events skipped as malformed) keep one apart: states
 * kept for time travel then cost no revision map.
 */
import type { KubeObject } from '../api/meta';
import { RESOURCES, type ResourceInfo } from '../api/resources';
import { parseEventType, type DomainEventData } from './domain-event';
import { MalformedEventError, evolve } from './evolve';
import { parseStreamName, streamName } from './stream-names';
import type { PackedState } from './packed-state';
import { compareKeys, lowerBound } from './sorted-keys';

export type { StoredObject, RecordedEvent, Change, ClusterSnapshot, MalformedEventHandler } from './cluster-state.types';
import type { StoredObject, RecordedEvent, Change, ClusterSnapshot, MalformedEventHandler } from './cluster-state.types';

/** `namespace/name`, or `name` when cluster-scoped; lists are sorted by it. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class ClusterState {
  private readonly byResource = new Map<ResourceInfo, Map<string, StoredObject>>();
  private readonly sortedKeys = new Map<ResourceInfo, string[]>();
  /** Resources whose sorted key array a packed state shares (copy before changing it). */
  private readonly sharedKeys = new Set<ResourceInfo>();
  /** Revisions of the streams whose present object (if any) is not at that revision. */
  private readonly detachedRevisions = new Map<string, bigint>();
  private appliedPosition = 0;

  /** The commit position of the last event folded in (0 when empty). */
  get position(): number {
    return this.appliedPosition;
  }

  /**
   * Folds one event in. Events of foreign streams or unknown types only
   * advance the position. Returns the change, or undefined when nothing
   * about an object changed. Events at or below the applied position are
   * ignored, so a replay that overlaps is harmless. An event that cannot
   * be folded (no object, a patch that does not apply) never throws: it
   * is skipped, the object stays as it was, and `onMalformed` hears of it.
   */
  apply(event: RecordedEvent, onMalformed?: MalformedEventHandler): Change | undefined {
    if (event.position <= this.appliedPosition) return undefined;
    this.appliedPosition = event.position;
    const address = parseStreamName(event.streamId);
    if (!address) return undefined;
    const suffix = parseEventType(address.resource.kind, event.type);
    if (!suffix) return undefined;
    const objects = this.objectsOf(address.resource);
    const key = objectKey(address.namespace, address.name);
    const before = objects.get(key)?.object;
    let after: KubeObject | undefined;
    try {
      after = evolve(before, { suffix, data: event.data } as DomainEventData, String(event.position));
    } catch (err) {
      // Skipped: the stream moved on, its object (if any) did not.
      this.detachedRevisions.set(event.streamId, event.revision);
      onMalformed?.(event, err instanceof MalformedEventError ? err.message : `the event cannot be folded: ${String(err)}`, before);
      return undefined;
    }
    if (after) {
      if (!before) this.insertKey(address.resource, key);
      objects.set(key, { object: after, revision: event.revision, position: event.position });
      this.detachedRevisions.delete(event.streamId);
    } else {
      this.detachedRevisions.set(event.streamId, event.revision);
      if (before) {
        objects.delete(key);
        this.removeKey(address.resource, key);
      }
    }
    return {
      resource: address.resource, key, stream: event.streamId, position: event.position, eventType: event.type,
      before, after, eventId: event.id, metadata: event.metadata,
    };
  }

  /**
   * Records that everything up to `position` is applied even when the last
   * events were not ours (a state rebuilt for a past resourceVersion).
   */
  advanceTo(position: number): void {
    if (position > this.appliedPosition) this.appliedPosition = position;
  }

  /** The current version of one object, or undefined. */
  get(resource: ResourceInfo, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.byResource.get(resource)?.get(objectKey(resource.namespaced ? namespace : undefined, name));
  }

  /** Last revision of a stream, deleted objects included; undefined if it never existed. */
  streamRevision(stream: string): bigint | undefined {
    const detached = this.detachedRevisions.get(stream);
    if (detached !== undefined) return detached;
    const address = parseStreamName(stream);
    return address && this.byResource.get(address.resource)?.get(objectKey(address.namespace, address.name))?.revision;
  }

  /**
   * Objects of a resource sorted by key (namespace/name), optionally in one
   * namespace, starting after `afterKey` (for paging).
   */
  *list(resource: ResourceInfo, namespace?: string, afterKey?: string): Generator<StoredObject> {
    const objects = this.byResource.get(resource);
    if (!objects) return;
    const keys = this.keysOf(resource, objects);
    let i = 0;
    const floor = afterKey ?? (namespace ? `${namespace}/` : undefined);
    if (floor !== undefined) i = lowerBound(keys, floor, afterKey !== undefined);
    for (; i < keys.length; i++) {
      const key = keys[i];
      if (namespace && !key.startsWith(`${namespace}/`)) break;
      const stored = objects.get(key);
      if (stored) yield stored;
    }
  }

  /**
   * An independent copy sharing the (never mutated) objects: the base that
   * time travel folds older events onto. Costs one map entry per object.
   */
  clone(): ClusterState {
    const copy = new ClusterState();
    for (const [resource, objects] of this.byResource) copy.byResource.set(resource, new Map(objects));
    for (const [stream, revision] of this.detachedRevisions) copy.detachedRevisions.set(stream, revision);
    copy.appliedPosition = this.appliedPosition;
    return copy;
  }

  /**
   * A frozen copy for time travel, far smaller than a clone (see
   * PackedState); `unpack` turns it back into a state to fold onto.
   */
  pack(): PackedState {
    const resources: [ResourceInfo, readonly string[], StoredObject[]][] = [];
    let count = 0;
    for (const [resource, objects] of this.byResource) {
      if (objects.size === 0) continue;
      const keys = this.keysOf(resource, objects);
      const versions: StoredObject[] = new Array(keys.length);
      for (let i = 0; i < keys.length; i++) versions[i] = objects.get(keys[i])!;
      // The key array is shared, not copied: whoever changes it next copies it first (see ownKeys).
      this.sharedKeys.add(resource);
      resources.push([resource, keys, versions]);
      count += keys.length;
    }
    return { position: this.appliedPosition, resources, detached: [...this.detachedRevisions], objects: count };
  }

  /** A state to fold onto, from `pack` output (the packed state stays untouched). */
  static unpack(packed: PackedState): ClusterState {
    const state = new ClusterState();
    for (const [resource, keys, versions] of packed.resources) {
      const objects = new Map<string, StoredObject>();
      for (let i = 0; i < keys.length; i++) objects.set(keys[i], versions[i]);
      state.byResource.set(resource, objects);
      // Packed in key order: lists need no sort, and the array is copied only if the fold changes it.
      state.sortedKeys.set(resource, keys as string[]);
      state.sharedKeys.add(resource);
    }
    for (const [stream, revision] of packed.detached) state.detachedRevisions.set(stream, revision);
    state.appliedPosition = packed.position;
    return state;
  }

  /**
   * A JSON-safe image of the state: everything `fromSnapshot` needs to
   * continue folding after `position` exactly as if it had replayed.
   */
  toSnapshot(): ClusterSnapshot {
    const objects: ClusterSnapshot['objects'] = [];
    for (const [resource, map] of this.byResource) {
      for (const stored of map.values()) objects.push([resource.kind, String(stored.revision), stored.position, stored.object]);
    }
    const streams: [string, string][] = [];
    for (const [resource, map] of this.byResource) {
      for (const [key, stored] of map) {
        const stream = streamOf(resource, key);
        if (!this.detachedRevisions.has(stream)) streams.push([stream, String(stored.revision)]);
      }
    }
    for (const [stream, revision] of this.detachedRevisions) streams.push([stream, String(revision)]);
    return { version: 1, position: this.appliedPosition, objects, streams };
  }

  /** Rebuilds a state from `toSnapshot` output; throws on a snapshot of another shape. */
  static fromSnapshot(snapshot: ClusterSnapshot): ClusterState {
    if (snapshot.version !== 1) throw new Error(`unsupported snapshot version ${snapshot.version}`);
    const state = new ClusterState();
    const byKind = new Map(RESOURCES.map((r) => [r.kind, r]));
    for (const [kind, revision, position, object] of snapshot.objects) {
      const resource = byKind.get(kind);
      if (!resource) throw new Error(`snapshot holds an unknown kind ${kind}`);
      state.objectsOf(resource).set(keyOf(resource, object), {
        object, revision: BigInt(revision), position,
      });
    }
    for (const [stream, revision] of snapshot.streams) {
      const value = BigInt(revision);
      const address = parseStreamName(stream);
      const present = address && state.byResource.get(address.resource)?.get(objectKey(address.namespace, address.name));
      if (present?.revision !== value) state.detachedRevisions.set(stream, value);
    }
    state.appliedPosition = snapshot.position;
    return state;
  }

  /** Number of objects of a resource. */
  count(resource: ResourceInfo): number {
    return this.byResource.get(resource)?.size ?? 0;
  }

  private objectsOf(resource: ResourceInfo): Map<string, StoredObject> {
    let objects = this.byResource.get(resource);
    if (!objects) {
      objects = new Map();
      this.byResource.set(resource, objects);
    }
    return objects;
  }

  /**
   * Keeps a resource's sorted key array current (when one exists): an
   * insertion costs a binary search and a memmove, where re-sorting on the
   * next list would cost n log n after every create.
   */
  private insertKey(resource: ResourceInfo, key: string): void {
    const keys = this.ownKeys(resource);
    if (keys) keys.splice(lowerBound(keys, key, false), 0, key);
  }

  private removeKey(resource: ResourceInfo, key: string): void {
    const keys = this.ownKeys(resource);
    if (!keys) return;
    const i = lowerBound(keys, key, false);
    if (keys[i] === key) keys.splice(i, 1);
  }

  /** The sorted key array, copied first when a packed state shares it. */
  private ownKeys(resource: ResourceInfo): string[] | undefined {
    const keys = this.sortedKeys.get(resource);
    if (!keys || !this.sharedKeys.delete(resource)) return keys;
    const copy = keys.slice();
    this.sortedKeys.set(resource, copy);
    return copy;
  }

  private keysOf(resource: ResourceInfo, objects: Map<string, StoredObject>): string[] {
    let keys = this.sortedKeys.get(resource);
    if (!keys) {
      keys = [...objects.keys()].sort(compareKeys);
      this.sortedKeys.set(resource, keys);
    }
    return keys;
  }
}

/** The key an object's own metadata gives it. */
function keyOf(resource: ResourceInfo, object: KubeObject): string {
  return objectKey(resource.namespaced ? object.metadata.namespace : undefined, object.metadata.name ?? '');
}

/** The stream of the object stored under `key` (namespaces hold no '/'). */
function streamOf(resource: ResourceInfo, key: string): string {
  if (!resource.namespaced) return streamName(resource.kind, undefined, key);
  const slash = key.indexOf('/');
  return streamName(resource.kind, key.slice(0, slash), key.slice(slash + 1));
}
