/**
 * RFC 7386 JSON Merge Patch (`application/merge-patch+json`): objects merge
 * member by member, `null` deletes a member, anything else (arrays
 * included) replaces what was there.
 */
import { badRequest } from '../api/errors';
import { cloneJson, deepEqual, hasMember, isJsonObject, setMember } from './json-value';

/**
 * Apply a merge patch to a value and return the result (the RFC's
 * MergePatch(Target, Patch)); neither argument is modified.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const out: Record<string, unknown> = isJsonObject(target) ? cloneJson(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else setMember(out, k, applyMergePatch(hasMember(out, k) ? out[k] : undefined, v));
  }
  return out;
}

/**
 * The merge patch for a whole API object: kube-apiserver accepts only a JSON
 * object here ("Invalid JSON Patch" otherwise), since a scalar or list would
 * replace the object itself.
 */
export function applyMergePatchToObject<T extends object>(target: T, patch: unknown): T {
  if (!isJsonObject(patch)) throw badRequest('Invalid JSON Patch');
  return applyMergePatch(target, patch) as T;
}

/**
 * A merge patch turning `before` into `after`. Merge patches cannot set a
 * member to null (null means delete), so nulls inside `after` objects are
 * not representable: such members come out deleted.
 */
export function createMergePatch(before: unknown, after: unknown): unknown {
  if (!isJsonObject(before) || !isJsonObject(after)) return cloneJson(after);
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(before)) {
    if (before[k] !== undefined && (!hasMember(after, k) || after[k] === undefined)) setMember(patch, k, null);
  }
  for (const [k, v] of Object.entries(after)) {
    if (v === undefined) continue;
    const old = hasMember(before, k) ? before[k] : undefined;
    if (old === undefined) setMember(patch, k, cloneJson(v));
    else if (!deepEqual(old, v)) setMember(patch, k, isJsonObject(old) && isJsonObject(v) ? createMergePatch(old, v) : cloneJson(v));
  }
  return patch;
}
