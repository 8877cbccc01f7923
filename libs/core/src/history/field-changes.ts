/**
 * What changed in one object, in two forms: an RFC 6902 patch (for
 * machines) and a list of readable field paths with old and new values (for
 * people). Both leave out `metadata.resourceVersion` (it changes with every
 * event, so it says nothing) and `metadata.managedFields` (bookkeeping of
 * server-side apply that would drown the real change).
 */
import type { KubeObject } from '../api/meta';
import { diffToJsonPatch, type JsonPatchOp } from '../patch/json-patch';
import { hasMember, isJsonObject } from '../patch/json-value';
import type { FieldChange } from './types';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The object without the members a history diff ignores; the input is not touched. */
export function comparable(object: KubeObject | undefined): KubeObject | undefined {
  if (!object) return object;
  const { resourceVersion: _rv, managedFields: _mf, ...metadata } = object.metadata ?? {};
  return { ...object, metadata };
}

/**
 * The RFC 6902 patch from `before` to `after` (resourceVersion and
 * managedFields left out). A creation is one `add` of the whole object at
 * the root and a deletion one `remove` of the root, so every version of a
 * timeline has a patch that says what happened.
 */
export function objectPatch(before: KubeObject | undefined, after: KubeObject | undefined): JsonPatchOp[] {
  return patchOf(comparable(before), comparable(after));
}

/** Both forms at once, the bookkeeping stripped once: what a diff or a timeline entry needs. */
export function objectDiff(before: KubeObject | undefined, after: KubeObject | undefined): { patch: JsonPatchOp[]; fields: FieldChange[] } {
  const a = comparable(before);
  const b = comparable(after);
  const fields: FieldChange[] = [];
  walk(a, b, [], '', fields);
  return { patch: patchOf(a, b), fields };
}

function patchOf(a: KubeObject | undefined, b: KubeObject | undefined): JsonPatchOp[] {
  if (!a && !b) return [];
  if (!a) return [{ op: 'add', path: '', value: b }];
  if (!b) return [{ op: 'remove', path: '' }];
  return diffToJsonPatch(a, b);
}

/**
 * Every changed leaf field from `before` to `after`, in document order:
 * `spec.replicas`, `metadata.labels["app.kubernetes.io/name"]` (a key that
 * is not an identifier is quoted in brackets), `spec.containers[0].image`.
 * A field only on one side has `old` or `new` absent; a subtree added or
 * removed whole is listed leaf by leaf, so a creation lists every field.
 *
 * List elements are paired by merge key where Kubernetes has one and every
 * element carries it uniquely: `name` (containers, env, ports, volumes...)
 * and `type` for `conditions`; the path shows the index in `after` (in
 * `before` for a removed element). Other lists pair by index, and so does a
 * keyed list where a removed element's index would name a changed one.
 */
export function fieldChanges(before: KubeObject | undefined, after: KubeObject | undefined): FieldChange[] {
  const out: FieldChange[] = [];
  walk(comparable(before), comparable(after), [], '', out);
  return out;
}

/** `base.key` or `base["key"]`. */
export function memberPath(base: string, key: string): string {
  if (IDENTIFIER.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}

/** A path segment: a member name, or a list index. */
type Segment = string | number;

function formatPath(segments: readonly Segment[]): string {
  let path = '';
  for (const s of segments) path = typeof s === 'number' ? `${path}[${s}]` : memberPath(path, s);
  return path;
}

// One pass over both trees, O(size): no deep comparison per level, and the
// path text is only built for a field that changed.
function walk(a: unknown, b: unknown, at: Segment[], field: string, out: FieldChange[]): void {
  if (a === b) return;
  if (isJsonObject(a) && isJsonObject(b)) {
    // Own members only: a key such as `__proto__` must not read the prototype.
    for (const k of Object.keys(a)) {
      at.push(k);
      walk(a[k], own(b, k), at, k, out);
      at.pop();
    }
    for (const k of Object.keys(b)) {
      if (hasMember(a, k)) continue;
      at.push(k);
      walk(undefined, b[k], at, k, out);
      at.pop();
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    walkList(a, b, at, field, out);
    return;
  }
  // A whole subtree appearing or vanishing is listed leaf by leaf; a type
  // change (scalar <-> object) is one change with both values.
  if (a === undefined && isContainer(b)) return leaves(b, at, (p, v) => out.push({ path: p, new: v }));
  if (b === undefined && isContainer(a)) return leaves(a, at, (p, v) => out.push({ path: p, old: v }));
  out.push(change(formatPath(at), a, b));
}

function walkList(a: unknown[], b: unknown[], at: Segment[], field: string, out: FieldChange[]): void {
  const key = mergeKey(a, b, field);
  const element = (x: unknown, y: unknown, i: number, into: FieldChange[]): void => {
    at.push(i);
    walk(x, y, at, '', into);
    at.pop();
  };
  if (!key) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) element(a[i], b[i], i, out);
    return;
  }
  const oldIndex = new Map(a.map((e, i) => [(e as Record<string, unknown>)[key] as string, i]));
  const paired: FieldChange[] = [];
  const touched = new Set<number>();
  const seen = new Set<string>();
  b.forEach((e, i) => {
    const id = (e as Record<string, unknown>)[key] as string;
    seen.add(id);
    const j = oldIndex.get(id);
    const before = paired.length;
    element(j === undefined ? undefined : a[j], e, i, paired);
    if (paired.length > before) touched.add(i);
  });
  const removed = a.map((e, i) => i).filter((i) => !seen.has((a[i] as Record<string, unknown>)[key] as string));
  // A removed element is named by its index before; if that index now holds a
  // changed element, the two would share a path: pair by index instead.
  if (removed.some((i) => touched.has(i))) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) element(a[i], b[i], i, out);
    return;
  }
  out.push(...paired);
  for (const i of removed) element(a[i], undefined, i, out);
}

/** The merge key both lists carry uniquely on every element, or undefined. */
function mergeKey(a: unknown[], b: unknown[], field: string): string | undefined {
  const key = field === 'conditions' ? 'type' : 'name';
  const unique = (list: unknown[]): boolean => {
    const ids = new Set<string>();
    for (const e of list) {
      const id = isJsonObject(e) ? e[key] : undefined;
      if (typeof id !== 'string' || ids.has(id)) return false;
      ids.add(id);
    }
    return true;
  };
  return (a.length > 0 || b.length > 0) && unique(a) && unique(b) ? key : undefined;
}

function own(o: Record<string, unknown>, k: string): unknown {
  return hasMember(o, k) ? o[k] : undefined;
}

function isContainer(v: unknown): boolean {
  return isJsonObject(v) || Array.isArray(v);
}

/** Calls `emit` for every leaf (scalars, empty objects and lists). */
function leaves(v: unknown, at: Segment[], emit: (path: string, value: unknown) => void): void {
  if (isJsonObject(v) && Object.keys(v).length > 0) {
    for (const [k, child] of Object.entries(v)) {
      if (child === undefined) continue;
      at.push(k);
      leaves(child, at, emit);
      at.pop();
    }
  } else if (Array.isArray(v) && v.length > 0) {
    v.forEach((child, i) => {
      at.push(i);
      leaves(child, at, emit);
      at.pop();
    });
  } else {
    emit(formatPath(at), v);
  }
}

function change(path: string, old: unknown, next: unknown): FieldChange {
  const c: FieldChange = { path };
  if (old !== undefined) c.old = old;
  if (next !== undefined) c.new = next;
  return c;
}
