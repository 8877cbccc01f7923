/**
 * The object half of server-side apply: merging an applied configuration
 * into the live object, and removing the fields an applier gave up.
 * Ownership bookkeeping lives in server-side-apply.ts; this file only
 * reshapes values, and never modifies its inputs.
 */
import { cloneJson, hasMember, isJsonObject, setMember } from './json-value';
import { hasDescendant, decodePath, encodePath, type FieldPath, type FieldSet } from './field-set';
import { isGranularList, itemElement, listMetaAt } from './field-ownership';
import type { ListMeta } from './patch-meta';

/**
 * Merge `applied` into `live`: objects field by field, associative and set
 * lists item by item (applied items in applied order, live-only items kept
 * near where they were), anything else replaced. A null in the applied
 * configuration removes the field. Returns undefined for "no value".
 */
export function mergeApplied(kind: string, live: unknown, applied: unknown, names: string[] = []): unknown {
  if (applied === null || applied === undefined) return undefined;
  if (isJsonObject(applied)) {
    const out: Record<string, unknown> = isJsonObject(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(applied)) {
      if (v === undefined) continue;
      const merged = mergeApplied(kind, hasMember(out, k) ? out[k] : undefined, v, [...names, k]);
      if (merged === undefined) delete out[k];
      else setMember(out, k, merged);
    }
    return out;
  }
  if (Array.isArray(applied)) {
    const meta = listMetaAt(kind, names);
    if (Array.isArray(live) && isGranularList(applied, meta)) return mergeList(kind, live, applied, meta, names);
    return cloneJson(applied);
  }
  return applied;
}

function mergeList(kind: string, live: unknown[], applied: unknown[], meta: ListMeta, names: string[]): unknown[] {
  const idOf = (item: unknown): string | undefined => itemElement(item, meta);
  const appliedIds = applied.map((x) => idOf(x) as string);
  const wanted = new Set(appliedIds);
  const liveById = new Map<string, unknown>();
  for (const item of live) {
    const id = idOf(item);
    if (id !== undefined && !liveById.has(id)) liveById.set(id, item);
  }
  const out: unknown[] = [];
  const emitted = new Set<string>();
  let next = 0;
  const emitApplied = (): string => {
    const id = appliedIds[next];
    const item = applied[next++];
    emitted.add(id);
    out.push(meta.type === 'map' ? mergeApplied(kind, liveById.get(id), item, names) : cloneJson(item));
    return id;
  };
  for (const item of live) {
    const id = idOf(item);
    if (id === undefined || !wanted.has(id)) {
      out.push(item);
      continue;
    }
    if (emitted.has(id)) continue;
    // A shared item: first place the applied items before it (new ones, or shared ones moved up).
    while (next < applied.length && emitApplied() !== id);
  }
  while (next < applied.length) emitApplied();
  return out;
}

const REMOVE = Symbol('remove');

/** Follow one path element; undefined when it leads nowhere. */
function step(kind: string, value: unknown, el: string, names: string[]): { index: number | string; child: unknown } | undefined {
  if (el.startsWith('f:')) {
    const name = el.slice(2);
    return isJsonObject(value) && hasMember(value, name) ? { index: name, child: value[name] } : undefined;
  }
  if (Array.isArray(value) && (el.startsWith('k:') || el.startsWith('v:'))) {
    const meta = listMetaAt(kind, names);
    if (!meta) return undefined;
    const i = value.findIndex((item) => itemElement(item, meta) === el);
    return i >= 0 ? { index: i, child: value[i] } : undefined;
  }
  return undefined;
}

/** The value at a path, or undefined. */
export function valueAt(kind: string, root: unknown, path: FieldPath): unknown {
  let cur = root;
  const names: string[] = [];
  for (const el of path) {
    const s = step(kind, cur, el, names);
    if (!s) return undefined;
    if (el.startsWith('f:')) names.push(el.slice(2));
    cur = s.child;
  }
  return cur;
}

function removeAt(kind: string, value: unknown, path: FieldPath, names: string[]): unknown {
  if (path.length === 0) return REMOVE;
  const el = path[0];
  const s = step(kind, value, el, names);
  if (!s) return value;
  const child = removeAt(kind, s.child, path.slice(1), el.startsWith('f:') ? [...names, el.slice(2)] : names);
  if (Array.isArray(value)) {
    const copy = [...value];
    if (child === REMOVE) copy.splice(s.index as number, 1);
    else copy[s.index as number] = child;
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (child === REMOVE) delete copy[s.index as string];
  else setMember(copy, s.index as string, child);
  return copy;
}

/** Remove the value at a path (a field or a list item); a missing path is a no-op. */
export function removePath(kind: string, root: unknown, path: FieldPath): unknown {
  const r = removeAt(kind, root, path, []);
  return r === REMOVE ? undefined : r;
}

/** Is the path a key field of its list item? Those live as long as the item does. */
function isKeyField(path: FieldPath): boolean {
  const item = path[path.length - 2];
  const last = path[path.length - 1];
  if (!item?.startsWith('k:') || !last.startsWith('f:')) return false;
  return hasMember(JSON.parse(item.slice(2)) as object, last.slice(2));
}

const isEmpty = (v: unknown): boolean => (Array.isArray(v) ? v.length === 0 : isJsonObject(v) && Object.keys(v).length === 0);

/**
 * Remove the paths an applier stopped applying, except where `keep` (what
 * anyone still owns) holds the path or something below it. Fields left
 * empty by the removal go too, unless still owned, so dropping the last
 * label of yours does not leave `labels: {}` behind.
 */
export function pruneFields(kind: string, root: unknown, drop: FieldSet, keep: FieldSet): unknown {
  // Shallowest first: a whole list item goes in one step, its fields then find nothing to do.
  const paths = [...drop].map(decodePath).sort((a, b) => a.length - b.length);
  let out = root;
  for (const p of paths) {
    if (keep.has(encodePath(p)) || hasDescendant(keep, p) || isKeyField(p)) continue;
    out = removePath(kind, out, p);
    for (let j = p.length - 1; j >= 1; j--) {
      const parent = p.slice(0, j);
      // metadata is required on every object, however little is left in it.
      if (j === 1 && parent[0] === 'f:metadata') break;
      if (!parent[j - 1].startsWith('f:') || keep.has(encodePath(parent)) || hasDescendant(keep, parent)) break;
      if (!isEmpty(valueAt(kind, out, parent))) break;
      out = removePath(kind, out, parent);
    }
  }
  return out;
}
