/**
 * RFC 6902 JSON Patch: applying a client's `application/json-patch+json`
 * body, and computing the patch between two versions of an object (the
 * event log records what changed as such a patch).
 *
 * Error codes follow kube-apiserver: a body that is not a list of
 * operations is 400 BadRequest; a well-formed patch that cannot be applied
 * (missing path, failed test, unknown op) is 422 Invalid with a generic
 * message and the specific reason as a cause.
 */
import { ApiError, badRequest } from '../api/errors';
import { cloneJson, deepEqual, hasMember, isJsonObject, setMember } from './json-value';
import { arrayIndex, formatPointer, parsePointer } from './json-pointer';

export type JsonPatchOp =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'move'; from: string; path: string }
  | { op: 'copy'; from: string; path: string }
  | { op: 'test'; path: string; value: unknown };

/**
 * The 422 kube-apiserver answers when a patch is well formed but cannot be
 * applied to the object; `detail` says why and travels as the cause.
 */
export function patchNotApplicable(detail: string): ApiError {
  return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
    causes: [{ reason: 'UnexpectedServerResponse', message: detail }],
  });
}

/** Check that a decoded body is a JSON Patch document: a list of objects (else 400). */
export function parseJsonPatch(body: unknown): JsonPatchOp[] {
  if (!Array.isArray(body)) {
    throw badRequest(`json: cannot unmarshal ${jsonKind(body)} into Go value of type jsonpatch.Patch`);
  }
  body.forEach((op) => {
    if (!isJsonObject(op)) throw badRequest(`json: cannot unmarshal ${jsonKind(op)} into Go value of type jsonpatch.Operation`);
  });
  return body as JsonPatchOp[];
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/**
 * Apply a JSON Patch to a document and return the result. The input is never
 * modified; operations apply in order and the first failure aborts the whole
 * patch (RFC 6902 section 5), so a partial result is never returned.
 * `fresh` collects the containers the patch copied (the result's own, safe
 * for the caller to edit in place before anyone else sees them).
 */
export function applyJsonPatch<T = unknown>(doc: T, patch: unknown, fresh: Set<object> = new Set()): T {
  const ops = parseJsonPatch(patch);
  // Copy-on-write: only the containers on each op's way are copied before the
  // in-place edit, so the caller's value stays untouched and the rest of the
  // document is shared (a projection folds a long log of small patches).
  // Each pointer is parsed once per op: the fold of a long log spends much
  // of its time here.
  let root: unknown = doc;
  for (const op of ops) {
    const o = op as unknown as Record<string, unknown>;
    const path = pointer(o, 'path');
    if (o.op !== 'test') {
      root = ownPath(root, path, fresh);
      if (o.op === 'move') root = ownPath(root, pointer(o, 'from'), fresh);
    }
    root = applyOp(root, o, path);
  }
  return root as T;
}

/** Shallow-copies each container from the root to the pointer's parent that is not ours yet; returns the (new) root. */
function ownPath(root: unknown, path: readonly string[], fresh: Set<object>): unknown {
  const own = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || fresh.has(v)) return v;
    const copy = Array.isArray(v) ? v.slice() : { ...(v as Record<string, unknown>) };
    fresh.add(copy);
    return copy;
  };
  const top = own(root);
  let cur = top;
  for (let i = 0; i < path.length - 1; i++) {
    const token = path[i];
    if (Array.isArray(cur)) {
      const index = arrayIndex(token);
      if (index === undefined || index >= cur.length) break;
      cur = cur[index] = own(cur[index]);
    } else if (isJsonObject(cur)) {
      if (!hasMember(cur, token)) break;
      const next = own(cur[token]);
      setMember(cur, token, next);
      cur = next;
    } else break;
  }
  return top;
}

/**
 * Parsed pointers by text: a log's patches name the same few paths over and
 * over (/status/phase, /spec/renewTime), and splitting them was a seventh
 * of the fold. The token arrays are never changed by this module; the cache
 * starts over when full, so it stays small whatever the input.
 */
const parsed = new Map<string, string[]>();
const PARSED_MAX = 4096;

function pointer(op: Record<string, unknown>, member: 'path' | 'from'): string[] {
  const p = op[member];
  if (typeof p !== 'string') throw patchNotApplicable(`operation missing ${member} string`);
  let tokens = parsed.get(p);
  if (tokens) return tokens;
  try {
    tokens = parsePointer(p);
  } catch (e) {
    throw patchNotApplicable((e as Error).message);
  }
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(p, tokens);
  return tokens;
}

function value(op: Record<string, unknown>): unknown {
  if (!hasMember(op, 'value')) throw patchNotApplicable(`${String(op.op)} operation missing value`);
  return cloneJson(op.value);
}

function applyOp(root: unknown, op: Record<string, unknown>, path: string[]): unknown {
  switch (op.op) {
    case 'add':
      return add(root, path, value(op), 'add');
    case 'remove':
      return remove(root, path, 'remove');
    case 'replace': {
      const v = value(op);
      if (path.length === 0) return v;
      if (!lookup(root, path).found) throw patchNotApplicable(`replace operation does not apply: doc is missing key: ${formatPointer(path)}: missing value`);
      return set(root, path, v);
    }
    case 'move': {
      const from = pointer(op, 'from');
      if (path.length > from.length && from.every((t, i) => t === path[i])) {
        throw patchNotApplicable(`move operation does not apply: cannot move ${formatPointer(from)} into its own child ${formatPointer(path)}`);
      }
      const got = lookup(root, from);
      if (!got.found) throw patchNotApplicable(`move operation does not apply: doc is missing from path: ${formatPointer(from)}: missing value`);
      if (from.length === path.length && from.every((t, i) => t === path[i])) return root;
      return add(remove(root, from, 'move'), path, got.value, 'move');
    }
    case 'copy': {
      const from = pointer(op, 'from');
      const got = lookup(root, from);
      if (!got.found) throw patchNotApplicable(`copy operation does not apply: doc is missing from path: ${formatPointer(from)}: missing value`);
      return add(root, path, cloneJson(got.value), 'copy');
    }
    case 'test': {
      const want = value(op);
      const got = lookup(root, path);
      if (!got.found || !deepEqual(got.value, want)) throw patchNotApplicable(`testing value ${formatPointer(path)} failed: test failed`);
      return root;
    }
    default:
      throw patchNotApplicable(`Unexpected kind: ${String(op.op)}`);
  }
}

/** Find the value a pointer names; `found` distinguishes a missing member from a null one. */
function lookup(root: unknown, path: readonly string[], end = path.length): { found: boolean; value?: unknown } {
  let cur = root;
  for (let t = 0; t < end; t++) {
    const token = path[t];
    if (Array.isArray(cur)) {
      const i = arrayIndex(token);
      if (i === undefined || i >= cur.length) return { found: false };
      cur = cur[i];
    } else if (isJsonObject(cur)) {
      if (!hasMember(cur, token)) return { found: false };
      cur = cur[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: cur };
}

function parentOf(root: unknown, path: readonly string[], verb: string): unknown {
  const got = lookup(root, path, path.length - 1);
  if (!got.found || (typeof got.value !== 'object' || got.value === null)) {
    throw patchNotApplicable(`${verb} operation does not apply: doc is missing path: ${JSON.stringify(formatPointer(path))}: missing value`);
  }
  return got.value;
}

function add(root: unknown, path: readonly string[], v: unknown, verb: string): unknown {
  if (path.length === 0) return v;
  const parent = parentOf(root, path, verb);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : arrayIndex(last);
    if (i === undefined || i > parent.length) throw patchNotApplicable(`Unable to access invalid index: ${last}: invalid index referenced`);
    parent.splice(i, 0, v);
  } else {
    setMember(parent as Record<string, unknown>, last, v);
  }
  return root;
}

function remove(root: unknown, path: readonly string[], verb: string): unknown {
  if (path.length === 0) throw patchNotApplicable(`${verb} operation does not apply: cannot remove the whole document`);
  const parent = parentOf(root, path, verb);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = arrayIndex(last);
    if (i === undefined || i >= parent.length) throw patchNotApplicable(`Unable to remove invalid index: ${last}: invalid index referenced`);
    parent.splice(i, 1);
  } else {
    const obj = parent as Record<string, unknown>;
    if (!hasMember(obj, last)) throw patchNotApplicable(`${verb} operation does not apply: doc is missing path: ${JSON.stringify(formatPointer(path))}: missing value`);
    delete obj[last];
  }
  return root;
}

/** Overwrite an existing member or element (existence already checked). */
function set(root: unknown, path: readonly string[], v: unknown): unknown {
  const parent = parentOf(root, path, 'replace');
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent[arrayIndex(last) as number] = v;
  else setMember(parent as Record<string, unknown>, last, v);
  return root;
}

/**
 * A JSON Patch turning `before` into `after`. Objects are diffed member by
 * member; for arrays the common head and tail are kept, paired elements in
 * between are diffed recursively and the rest is added or removed, so one
 * inserted container is one `add`, not a rewrite of the list.
 */
export function diffToJsonPatch(before: unknown, after: unknown): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  // No up-front copies: subtrees shared by both versions compare by identity
  // at once; only the values put into ops are copied (they must not alias).
  diff(before, after, [], ops);
  return ops;
}

function diff(a: unknown, b: unknown, path: string[], ops: JsonPatchOp[]): void {
  if (deepEqual(a, b)) return;
  if (isJsonObject(a) && isJsonObject(b)) {
    for (const k of Object.keys(a)) if (!hasMember(b, k) && a[k] !== undefined) ops.push({ op: 'remove', path: formatPointer([...path, k]) });
    for (const k of Object.keys(b)) {
      if (b[k] === undefined) {
        if (hasMember(a, k) && a[k] !== undefined) ops.push({ op: 'remove', path: formatPointer([...path, k]) });
      } else if (!hasMember(a, k) || a[k] === undefined) ops.push({ op: 'add', path: formatPointer([...path, k]), value: cloneJson(b[k]) });
      else diff(a[k], b[k], [...path, k], ops);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    diffArrays(a, b, path, ops);
    return;
  }
  ops.push({ op: 'replace', path: formatPointer(path), value: cloneJson(b) });
}

function diffArrays(a: unknown[], b: unknown[], path: string[], ops: JsonPatchOp[]): void {
  let head = 0;
  while (head < a.length && head < b.length && deepEqual(a[head], b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && deepEqual(a[a.length - 1 - tail], b[b.length - 1 - tail])) tail++;
  const midA = a.length - head - tail;
  const midB = b.length - head - tail;
  const paired = Math.min(midA, midB);
  for (let i = 0; i < paired; i++) diff(a[head + i], b[head + i], [...path, String(head + i)], ops);
  // Remove from the highest index down so earlier indices stay valid.
  for (let i = midA - 1; i >= paired; i--) ops.push({ op: 'remove', path: formatPointer([...path, String(head + i)]) });
  for (let i = paired; i < midB; i++) ops.push({ op: 'add', path: formatPointer([...path, String(head + i)]), value: cloneJson(b[head + i]) });
}
