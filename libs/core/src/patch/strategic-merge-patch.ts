/**
 * Kubernetes strategic merge patch (`application/strategic-merge-patch+json`),
 * the format `kubectl apply` (client side), `kubectl edit` and
 * `kubectl patch` send by default.
 *
 * It is a JSON merge patch where lists described in patch-meta merge instead
 * of being replaced: lists of objects by their merge key (containers by
 * name, ports by containerPort, ...), primitive sets by value. Directives
 * steer the merge:
 *   `$patch: replace|delete|merge` in a map or a list item,
 *   `$retainKeys: [...]` (drop the map's other fields),
 *   `$deleteFromPrimitiveList/<list>: [...]`,
 *   `$setElementOrder/<list>: [...]` (the order the list should end up in).
 * Lists patch-meta does not describe (and every list of an unknown kind,
 * but metadata's) are atomic: the patch replaces them whole.
 *
 * Departures from kube-apiserver, all on malformed input: errors it reports
 * as 500 (a list item without its merge key, unknown directive values) are
 * 400 BadRequest here, and `$patch: merge` is accepted wherever it appears
 * (it is the default anyway) instead of being rejected inside lists.
 */
import { badRequest } from '../api/errors';
import { patchNodeAt, type ListMeta } from './patch-meta';
import { deepEqual, hasMember, isJsonObject, setMember } from './json-value';
import { checkSetElementOrder, goFormat, itemIdentity, orderMergedList } from './strategic-order';

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM = '$deleteFromPrimitiveList/';
const SET_ORDER = '$setElementOrder/';

/** Marks a map that `$patch: delete` removed, so its parent drops the field. */
const DELETED: unique symbol = Symbol('deleted');

type Obj = Record<string, unknown>;

/**
 * Apply a strategic merge patch to an object of `kind` and return the
 * result; neither input is modified. The patch must be a JSON object.
 */
export function applyStrategicMergePatch(kind: string, original: unknown, patch: unknown): Obj {
  if (!isJsonObject(patch)) {
    throw badRequest(`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
  }
  const out = mergeMap(kind, isJsonObject(original) ? original : undefined, patch, []);
  return out === DELETED ? {} : out;
}

function listMeta(kind: string, path: readonly string[]): ListMeta | undefined {
  return patchNodeAt(kind, path)?.list;
}

function isDirectiveKey(k: string): boolean {
  return k === PATCH || k === RETAIN_KEYS || k.startsWith(DELETE_FROM) || k.startsWith(SET_ORDER);
}

function mergeMap(kind: string, original: Obj | undefined, patch: Obj, path: string[]): Obj | typeof DELETED {
  const directive = patch[PATCH];
  if (directive === 'delete') return DELETED;
  if (directive === 'replace') {
    // Replace: the map becomes the patch's content, its own directives still honoured.
    const rest = { ...patch };
    delete rest[PATCH];
    return mergeMap(kind, undefined, rest, path);
  }
  if (directive !== undefined && directive !== 'merge') {
    throw badRequest(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`);
  }

  const out: Obj = original ? { ...original } : {};
  if (hasMember(patch, RETAIN_KEYS)) retainKeys(out, patch);

  const done = new Set<string>();
  for (const key of Object.keys(patch)) {
    if (key.startsWith(SET_ORDER)) {
      const field = key.slice(SET_ORDER.length);
      setElementOrder(kind, out, patch, field, patch[key], [...path, field]);
      done.add(field);
    }
  }
  for (const key of Object.keys(patch)) {
    if (key.startsWith(DELETE_FROM)) deleteFromPrimitiveList(out, key.slice(DELETE_FROM.length), patch[key]);
  }

  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || isDirectiveKey(k) || done.has(k)) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = hasMember(out, k) ? out[k] : undefined;
    const childPath = [...path, k];
    if (isJsonObject(v)) {
      const merged = mergeMap(kind, isJsonObject(cur) ? cur : undefined, v, childPath);
      if (merged === DELETED) delete out[k];
      else setMember(out, k, merged);
    } else if (Array.isArray(v)) {
      setMember(out, k, mergeListField(kind, cur, v, childPath));
    } else {
      setMember(out, k, v);
    }
  }
  return out;
}

/** `$retainKeys`: every field of the map not listed goes, and the patch may only set listed fields. */
function retainKeys(out: Obj, patch: Obj): void {
  const keep = patch[RETAIN_KEYS];
  if (!Array.isArray(keep)) throw badRequest('invalid patch format of retainKeys');
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || isDirectiveKey(k)) continue;
    if (!keep.includes(k)) throw badRequest('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(out)) if (!keep.includes(k)) delete out[k];
}

function deleteFromPrimitiveList(out: Obj, field: string, values: unknown): void {
  if (!Array.isArray(values)) throw badRequest('invalid patch format of primitive list');
  const cur = out[field];
  if (!Array.isArray(cur)) return;
  // Every copy of a deleted value goes, duplicates included (as the spec says).
  setMember(out, field, cur.filter((x) => !values.some((d) => deepEqual(d, x))));
}

/**
 * `$setElementOrder/<field>`: merge the field's patch list (if any) here,
 * then order the result by the directive; the main loop then skips the field.
 */
function setElementOrder(kind: string, out: Obj, patch: Obj, field: string, order: unknown, path: string[]): void {
  const patchList = patch[field];
  if (!Array.isArray(order) || (patchList !== undefined && patchList !== null && !Array.isArray(patchList))) {
    throw badRequest('invalid patch format of setElementOrder list');
  }
  const meta = listMeta(kind, path);
  const id = itemIdentity(meta?.type === 'map' ? meta.mergeKey : undefined);
  const live = Array.isArray(out[field]) ? (out[field] as unknown[]) : undefined;
  if (patchList === null) {
    delete out[field];
    return;
  }
  if (Array.isArray(patchList)) checkSetElementOrder(patchList, order, id);
  let merged: unknown[];
  if (Array.isArray(patchList)) merged = mergeListField(kind, live, patchList, path);
  else if (live) merged = live;
  else return;
  setMember(out, field, orderMergedList(merged, order, live ?? [], id));
}

/** Merge a patch list into whatever the field held, by the list's patch-meta rule. */
function mergeListField(kind: string, cur: unknown, patchList: unknown[], path: string[]): unknown[] {
  const meta = listMeta(kind, path);
  const live = Array.isArray(cur) ? cur : [];
  if (meta?.type === 'set') return mergeSet(live, patchList);
  if (meta?.type === 'map' && meta.mergeKey) return mergeByKey(kind, live, patchList, meta.mergeKey, path);
  // Atomic: the patch list is the new value (its maps still lose nulls and directives).
  return patchList.map((item) => (isJsonObject(item) ? cleanMap(kind, item, path) : item));
}

function cleanMap(kind: string, item: Obj, path: string[]): Obj {
  const r = mergeMap(kind, undefined, item, path);
  return r === DELETED ? {} : r;
}

function mergeSet(live: unknown[], patchList: unknown[]): unknown[] {
  const merged: unknown[] = [];
  for (const x of [...live, ...patchList]) if (!merged.some((m) => deepEqual(m, x))) merged.push(x);
  return orderMergedList(merged, patchList, live, itemIdentity(undefined));
}

function noMergeKey(item: unknown, key: string): Error {
  return badRequest(`map: ${goFormat(item)} does not contain declared merge key: ${key}`);
}

function mergeByKey(kind: string, live: unknown[], patchList: unknown[], key: string, path: string[]): unknown[] {
  let working = [...live];
  const plain: Obj[] = [];
  let replace = false;
  for (const item of patchList) {
    if (!isJsonObject(item)) throw noMergeKey(item, key);
    const directive = item[PATCH];
    if (directive === undefined || directive === 'merge') plain.push(item);
    else if (directive === 'delete') {
      if (!hasMember(item, key)) throw noMergeKey(item, key);
      working = working.filter((o) => !(isJsonObject(o) && deepEqual(o[key], item[key])));
    } else if (directive === 'replace') replace = true;
    else throw badRequest(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(item)}`);
  }
  // `{$patch: replace}` as an item: the list is exactly the other patch items.
  if (replace) return plain.map((item) => cleanMap(kind, item, path));

  for (const item of plain) {
    if (!hasMember(item, key) || item[key] === null) throw noMergeKey(item, key);
    const at = working.findIndex((o) => isJsonObject(o) && deepEqual(o[key], item[key]));
    if (at >= 0) {
      const merged = mergeMap(kind, working[at] as Obj, item, path);
      if (merged === DELETED) working.splice(at, 1);
      else working[at] = merged;
    } else {
      working.push(cleanMap(kind, item, path));
    }
  }
  return orderMergedList(working, plain, live, itemIdentity(key));
}
