/**
 * The state of a slice of the cluster at a point, and the diff between two
 * points: the answers of `/state` and `/diff`. Both states are folded by
 * the caller (the server knows the log); this is only the comparison.
 */
import { badRequest } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { apiVersionOf, RESOURCES, type ResourceInfo } from '../api/resources';
import { objectKey, type ClusterState, type StoredObject } from '../domain/cluster-state';
import { parseLabelSelector } from '../selectors/label-selector';
import { objectDiff } from './field-changes';
import type { ClusterDiff, ObjectChange, ObjectRef, PointRef, Slice } from './types';

/** A compiled Slice: which resources, and a test for each object. */
export interface SliceMatcher {
  resources: ResourceInfo[];
  namespace?: string;
  matches(object: KubeObject): boolean;
}

/**
 * Compiles a Slice. Kinds may be Kind names (`Pod`), plurals (`pods`),
 * singulars or short names, in any case; an unknown kind or a bad label
 * selector is a 400 naming the parameter. Resources come out sorted by
 * kind name, the order every history list uses. A namespace leaves
 * cluster-scoped kinds (Node, Namespace) out, as `kubectl -n` does.
 */
export function compileSlice(slice: Slice = {}): SliceMatcher {
  let resources = [...RESOURCES];
  if (slice.kinds && slice.kinds.length > 0) {
    resources = slice.kinds.map((k) => {
      const lower = k.toLowerCase();
      const r = RESOURCES.find((x) => x.kind.toLowerCase() === lower || x.plural === lower || x.singular === lower || x.shortNames.includes(lower));
      if (!r) throw badRequest(`invalid kinds: unknown kind ${JSON.stringify(k)}`);
      return r;
    });
  }
  resources = [...new Set(resources)].sort((a, b) => compare(a.kind, b.kind));
  let selector: ReturnType<typeof parseLabelSelector> | undefined;
  try {
    selector = slice.labelSelector ? parseLabelSelector(slice.labelSelector) : undefined;
  } catch (e) {
    throw badRequest(`invalid labelSelector: ${(e as Error).message}`);
  }
  const namespace = slice.namespace || undefined;
  return {
    resources,
    namespace,
    matches: (o) => (!namespace || o.metadata.namespace === namespace) && (!selector || selector(o.metadata.labels)),
  };
}

/**
 * Every object of the slice in `state`, with `kind`/`apiVersion` set, sorted
 * by kind, namespace, name: the items of `/state`. Objects are shared with
 * the state when they already carry kind and apiVersion (never mutate them).
 */
export function sliceObjects(state: ClusterState, slice: Slice | SliceMatcher = {}): KubeObject[] {
  const m = 'matches' in slice ? slice : compileSlice(slice);
  const out: KubeObject[] = [];
  for (const resource of m.resources) {
    for (const stored of objectsOf(state, resource, m)) out.push(withType(resource, stored.object));
  }
  return out;
}

/**
 * Objects added, removed and changed from state `a` to state `b` within a
 * slice. An object whose uid changed (deleted and re-created between the
 * points) is a removal plus an addition: it is another object. Changes
 * carry a patch and readable fields, resourceVersion and managedFields
 * left out; a version that differs only in those is not a change.
 * Deterministic: every list is sorted by kind, namespace, name.
 */
export function diffStates(a: ClusterState, b: ClusterState, slice: Slice = {}, points?: { from: PointRef; to: PointRef }): ClusterDiff {
  const m = compileSlice(slice);
  const diff: ClusterDiff = {
    kind: 'ClusterDiff',
    from: points?.from ?? { resourceVersion: String(a.position) },
    to: points?.to ?? { resourceVersion: String(b.position) },
    added: [], removed: [], changed: [],
  };
  for (const resource of m.resources) {
    // Both lists come sorted by the same key: one merge pass, no maps.
    const before = objectsOf(a, resource, m);
    const after = objectsOf(b, resource, m);
    let x = before.next();
    let y = after.next();
    while (!x.done || !y.done) {
      const order = x.done ? 1 : y.done ? -1 : compare(keyOf(resource, x.value), keyOf(resource, y.value));
      if (order < 0) {
        diff.removed.push(withType(resource, x.value.object));
        x = before.next();
      } else if (order > 0) {
        diff.added.push(withType(resource, y.value.object));
        y = after.next();
      } else {
        const old = x.value;
        const now = y.value;
        if (old.object.metadata.uid !== now.object.metadata.uid) {
          diff.removed.push(withType(resource, old.object));
          diff.added.push(withType(resource, now.object));
        } else if (old.object !== now.object) {
          const change = objectChange(resource, old, now);
          if (change) diff.changed.push(change);
        }
        x = before.next();
        y = after.next();
      }
    }
  }
  return diff;
}

/** The reference the history API uses for an object. */
export function objectRef(resource: ResourceInfo, object: KubeObject): ObjectRef {
  const ref: ObjectRef = { kind: resource.kind, apiVersion: apiVersionOf(resource), name: object.metadata.name ?? '' };
  if (resource.namespaced && object.metadata.namespace) ref.namespace = object.metadata.namespace;
  if (object.metadata.uid) ref.uid = object.metadata.uid;
  return ref;
}

function objectChange(resource: ResourceInfo, a: StoredObject, b: StoredObject): ObjectChange | undefined {
  const { patch, fields } = objectDiff(a.object, b.object);
  if (patch.length === 0) return undefined;
  return { object: objectRef(resource, b.object), from: String(a.position), to: String(b.position), patch, fields };
}

function* objectsOf(state: ClusterState, resource: ResourceInfo, m: SliceMatcher): Generator<StoredObject> {
  if (m.namespace && !resource.namespaced) return;
  for (const stored of state.list(resource, m.namespace)) if (m.matches(stored.object)) yield stored;
}

function withType(resource: ResourceInfo, object: KubeObject): KubeObject {
  const apiVersion = apiVersionOf(resource);
  if (object.kind === resource.kind && object.apiVersion === apiVersion) return object;
  return { ...object, kind: resource.kind, apiVersion };
}

/** The key ClusterState sorts its lists by, so the merge pass walks both in step. */
function keyOf(resource: ResourceInfo, stored: StoredObject): string {
  const meta = stored.object.metadata;
  return objectKey(resource.namespaced ? meta.namespace : undefined, meta.name ?? '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
