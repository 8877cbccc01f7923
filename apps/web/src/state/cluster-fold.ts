/**
 * The pure core of the cluster store: folding LiveEvents (or a whole
 * /state answer) into objects grouped by kind. Only the kinds a batch
 * touches get a new Map, so React views of untouched kinds keep their
 * identity and do not re-render.
 */
import type { KubeObject } from '@chronokube/core';
import { keyOf, objectKey } from '../lib/object-key';
import { compareResourceVersion } from '../lib/resource-version';

/** Objects by kind, each kind's Map keyed by `Kind/namespace/name`. */
export type ObjectsByKind = Readonly<Record<string, ReadonlyMap<string, KubeObject>>>;

/** What the fold needs of a LiveEvent (docs/live-api.md): where it sits in the log, which object, its new state. */
export interface FoldableEvent {
  resourceVersion: string;
  object: { kind: string; namespace?: string; name: string };
  state: KubeObject | null;
}

/** The result of folding a batch. */
export interface FoldResult {
  byKind: ObjectsByKind;
  resourceVersion: string;
  /** Events that changed the store (those at or before the current resourceVersion are skipped as already seen). */
  applied: number;
}

/** Group a full list of objects (a /state answer) by kind. */
export function groupByKind(items: readonly KubeObject[]): ObjectsByKind {
  const out: Record<string, Map<string, KubeObject>> = {};
  for (const obj of items) {
    const kind = obj.kind ?? 'Unknown';
    (out[kind] ??= new Map()).set(keyOf(obj, kind), obj);
  }
  return out;
}

/**
 * A /state answer asked with changedSince, completed from the state the
 * client holds at that point: the objects it names unchanged are taken from
 * `base` (the same versions, so views keep their identity and do not
 * re-render them). Undefined when `base` lacks one of them.
 */
export function withUnchanged(answer: { items: readonly KubeObject[]; unchanged?: { keys: readonly string[] } }, base: { byKind: ObjectsByKind }): ObjectsByKind | undefined {
  const out = groupByKind(answer.items) as Record<string, Map<string, KubeObject>>;
  for (const key of answer.unchanged?.keys ?? []) {
    const kind = key.slice(0, key.indexOf('/'));
    const obj = base.byKind[kind]?.get(key);
    if (!obj) return undefined;
    (out[kind] ??= new Map()).set(key, obj);
  }
  return out;
}

/**
 * Fold a batch (oldest first) onto `byKind` at `resourceVersion`. An event
 * at or before the current position was already folded (a resubscribe may
 * repeat it) and is skipped; the result's position is the batch's own
 * `batchResourceVersion` when later, since a batch may report progress past
 * its last event.
 */
export function foldEvents(
  byKind: ObjectsByKind,
  resourceVersion: string,
  events: readonly FoldableEvent[],
  batchResourceVersion?: string,
): FoldResult {
  let rv = resourceVersion;
  let applied = 0;
  const copies: Record<string, Map<string, KubeObject>> = {};
  for (const ev of events) {
    if (compareResourceVersion(ev.resourceVersion, rv) <= 0) continue;
    rv = ev.resourceVersion;
    const kind = ev.object.kind;
    const map = (copies[kind] ??= new Map(byKind[kind] ?? []));
    const key = objectKey(kind, ev.object.namespace || undefined, ev.object.name);
    if (ev.state) map.set(key, withKind(ev.state, kind));
    else map.delete(key);
    applied++;
  }
  if (batchResourceVersion && compareResourceVersion(batchResourceVersion, rv) > 0) rv = batchResourceVersion;
  if (applied === 0) return { byKind, resourceVersion: rv, applied };
  return { byKind: { ...byKind, ...copies }, resourceVersion: rv, applied };
}

// The live stream names the kind on the event; make sure the object says it too.
function withKind(obj: KubeObject, kind: string): KubeObject {
  return obj.kind === kind ? obj : { ...obj, kind };
}
