/**
 * What one change means to one watcher: kube's watch cache semantics, where
 * an object entering the watcher's selector is ADDED, leaving it is
 * DELETED, and changing within it is MODIFIED.
 */
import type { Change, KubeObject } from '@chronokube/core';
import type { ObjectFilter } from '../http/list-selection';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

// Every watcher that sees a deletion gets the same object, so its JSON is made once.
const lastVersions = new WeakMap<Change, KubeObject>();

function deletedVersion(change: Change): KubeObject {
  let object = lastVersions.get(change);
  if (!object) {
    // kube's watch cache: the previous content (what the watcher knew), at the change's resourceVersion.
    const last = change.before!;
    object = { ...last, metadata: { ...last.metadata, resourceVersion: String(change.position) } };
    lastVersions.set(change, object);
  }
  return object;
}

/** The event a watcher with `filter` receives for `change`, or undefined. */
export function watchEventFor(change: Change, filter: ObjectFilter): WatchEvent | undefined {
  const before = change.before && filter(change.before);
  const after = change.after && filter(change.after);
  if (after && before) return { type: 'MODIFIED', object: change.after! };
  if (after) return { type: 'ADDED', object: change.after! };
  // A deleted object is sent as its last state, versioned at the deletion.
  if (before) return { type: 'DELETED', object: deletedVersion(change) };
  return undefined;
}
