/**
 * Server-side apply (`application/apply-patch+yaml`, `kubectl apply
 * --server-side`) and the ownership bookkeeping of ordinary writes, both
 * recorded in metadata.managedFields in kube's fieldsV1 format.
 *
 * Apply: the applied configuration is merged into the live object; what the
 * applier applied last time but omits now is removed unless someone else
 * still owns it; a field another manager owns and the apply would change is
 * a conflict (409) unless forced, in which case the other manager loses it.
 * Update (create/update/patch): the writer gains every field it set or
 * changed, which other managers lose; fields it removed leave every set.
 *
 * Simplifications against kube-apiserver (structured-merge-diff):
 * - list merge rules come from patch-meta, not the OpenAPI schema; every
 *   other list is atomic, every object is a struct-or-map alike;
 * - the only key-field default is `protocol: TCP`;
 * - a null in an applied configuration removes the field and is not owned;
 * - an object whose parent becomes empty when a field is pruned is removed
 *   only if nobody owns anything below it (kube may remove unowned siblings);
 * - no cap on the number of Update managers, no version conversion of field
 *   sets; managedFields sent by a client on update are ignored (the live
 *   entries are carried over).
 */
import { ApiError, badRequest } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { cloneJson, deepEqual, isJsonObject } from './json-value';
import { decodePath, difference, encodePath, formatFieldPath, intersection, sameFieldSet, union, type FieldSet } from './field-set';
import { compareFields, fieldPathsOf } from './field-ownership';
import { mergeApplied, pruneFields } from './apply-merge';
import { decodeManagedFields, describeManager, encodeManagedFields, managerKey, type ManagerState } from './managed-fields';

/** Fields the server sets, which nobody owns (kube's stripMeta set plus deletion markers). */
const SERVER_META = new Set([
  'name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'generation', 'managedFields',
  'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds',
]);

function ignored(path: readonly string[]): boolean {
  if (path.length === 1) return path[0] === 'f:apiVersion' || path[0] === 'f:kind' || path[0] === 'f:metadata';
  return path[0] === 'f:metadata' && SERVER_META.has(path[1].slice(2));
}

function owned(set: FieldSet): Set<string> {
  return new Set([...set].filter((k) => !ignored(decodePath(k))));
}

/** The object as ownership sees it: without managedFields, which are not fields anybody sets. */
function body(obj: KubeObject | undefined): Record<string, unknown> {
  if (!isJsonObject(obj)) return {};
  const meta = isJsonObject(obj.metadata) ? { ...obj.metadata } : {};
  delete meta.managedFields;
  return { ...obj, metadata: meta };
}

function withManagers(obj: Record<string, unknown>, managers: Map<string, ManagerState>): KubeObject {
  const out = cloneJson(obj) as KubeObject;
  const entries = encodeManagedFields(managers.values());
  out.metadata = { ...(isJsonObject(out.metadata) ? out.metadata : {}) };
  if (entries.length) out.metadata.managedFields = entries;
  else delete out.metadata.managedFields;
  return out;
}

export interface FieldConflict {
  /** The other manager's name, operation and apiVersion. */
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion?: string;
  /** The contested path in fieldsV1 elements, and as kube prints it (`.spec.replicas`). */
  path: string[];
  field: string;
}

export interface ServerSideApplyOptions {
  kind: string;
  /** The current object, or undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The parsed configuration the client applied. */
  applied: KubeObject;
  manager: string;
  force?: boolean;
  /** RFC 3339 time stamped on the applier's entry. */
  now: string;
  /** The apiVersion recorded for the applier (default: the applied object's). */
  apiVersion?: string;
  /** 'status' when applying to the status subresource. */
  subresource?: string;
  /**
   * Fields (fieldsV1 path keys) whose conflicts do not block the apply: when
   * every conflict is in this set the apply goes ahead as if forced (kube's
   * client-side to server-side apply upgrade, see last-applied.ts); otherwise
   * only the others are reported.
   */
  allowedConflicts?: ReadonlySet<string>;
}

export interface ServerSideApplyResult {
  object: KubeObject;
  /** Conflicts the apply overrode: by `force`, or because they were all allowed (otherwise conflicts throw). */
  conflicts: FieldConflict[];
}

/** The part of an applied configuration the endpoint accepts: status only via /status, never via the main resource. */
function scope(applied: KubeObject, subresource: string | undefined): Record<string, unknown> {
  if (subresource === 'status') {
    const meta = applied.metadata ?? {};
    const out: Record<string, unknown> = { apiVersion: applied.apiVersion, kind: applied.kind, metadata: { name: meta.name, namespace: meta.namespace } };
    if (applied.status !== undefined) out.status = applied.status;
    return out;
  }
  const out: Record<string, unknown> = { ...applied };
  delete out.status;
  return out;
}

/**
 * Apply a configuration for `manager`. Throws 400 for a malformed
 * configuration and a 409 Conflict ApiError (kube's message and
 * FieldManagerConflict causes) when another manager owns a field the apply
 * would change and `force` is not set. Inputs are not modified.
 */
export function serverSideApply(opts: ServerSideApplyOptions): ServerSideApplyResult {
  const { kind, live, applied, manager, now, subresource } = opts;
  if (!isJsonObject(applied)) throw badRequest('the applied configuration must be an object');
  if (isJsonObject(applied.metadata) && applied.metadata.managedFields != null) throw badRequest('metadata.managedFields must be nil');

  const managers = decodeManagedFields(live?.metadata?.managedFields);
  const liveBody = live ? body(live) : undefined;
  if (liveBody && managers.size === 0) {
    // Fields that predate field tracking belong to a stand-in manager, so applies conflict with them.
    const stand: ManagerState = { manager: 'before-first-apply', operation: 'Update', apiVersion: live?.apiVersion, fields: owned(fieldPathsOf(kind, liveBody)) };
    managers.set(managerKey(stand), stand);
  }

  const config = scope(applied, subresource);
  const fields = owned(fieldPathsOf(kind, config, true));
  const applyKey = managerKey({ manager, operation: 'Apply', subresource });
  const previous = managers.get(applyKey);
  const others = [...managers].filter(([k]) => k !== applyKey).map(([, m]) => m);

  let merged = mergeApplied(kind, liveBody ?? {}, config) as Record<string, unknown>;
  if (previous) {
    const keep = union(fields, ...others.map((m) => m.fields));
    merged = pruneFields(kind, merged, difference(previous.fields, keep), keep) as Record<string, unknown>;
  }

  const cmp = compareFields(kind, liveBody ?? {}, merged);
  const changed = owned(union(cmp.added, cmp.modified));
  const removed = owned(cmp.removed);
  const conflicts: FieldConflict[] = [];
  for (const m of others) {
    for (const k of intersection(m.fields, changed)) {
      const path = decodePath(k);
      conflicts.push({ manager: m.manager, operation: m.operation, apiVersion: m.apiVersion, path, field: formatFieldPath(path) });
    }
  }
  conflicts.sort((a, b) => cmpStr(describeManager(a), describeManager(b)) || cmpStr(a.field, b.field));
  const blocking = opts.allowedConflicts ? conflicts.filter((c) => !opts.allowedConflicts!.has(encodePath(c.path))) : conflicts;
  if (blocking.length && !opts.force) throw applyConflict(blocking);

  for (const m of others) m.fields = difference(difference(m.fields, changed), removed);
  const objectChanged = !deepEqual(liveBody ?? {}, merged);
  const time = objectChanged || !previous || !sameFieldSet(previous.fields, fields) ? now : previous.time;
  const apiVersion = opts.apiVersion ?? (typeof applied.apiVersion === 'string' ? applied.apiVersion : live?.apiVersion);
  managers.set(applyKey, { manager, operation: 'Apply', apiVersion, subresource, time, fields });
  return { object: withManagers(merged, managers), conflicts };
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The 409 kube-apiserver answers an apply that conflicts with other managers. */
export function applyConflict(conflicts: readonly FieldConflict[]): ApiError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${describeManager(c)}`, field: c.field }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${describeManager(conflicts[0])}: ${conflicts[0].field}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) byManager.set(describeManager(c), [...(byManager.get(describeManager(c)) ?? []), c.field]);
    const lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}:`, ...(byManager.get(m) as string[]).map((f) => `- ${f}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}

export interface RecordUpdateOptions {
  kind: string;
  /** The object before the write, or undefined for a create. */
  before: KubeObject | undefined;
  after: KubeObject;
  manager: string;
  now: string;
  /** The apiVersion the writer used (default: the written object's). */
  apiVersion?: string;
  subresource?: string;
}

/**
 * `after` with managedFields updated for a non-apply write by `manager`
 * (operation Update): it gains the fields it added or changed, which other
 * managers lose, and fields it removed leave every manager. A write that
 * changes nothing leaves the entries (and their times) as they were.
 */
export function recordUpdateManager(opts: RecordUpdateOptions): KubeObject {
  const { kind, before, after, manager, now, subresource } = opts;
  const managers = decodeManagedFields(before?.metadata?.managedFields);
  const afterBody = body(after);
  const cmp = compareFields(kind, body(before), afterBody);
  const changed = owned(union(cmp.added, cmp.modified));
  const removed = owned(cmp.removed);
  const apiVersion = opts.apiVersion ?? after.apiVersion;
  const key = managerKey({ manager, operation: 'Update', apiVersion, subresource });
  for (const [k, m] of managers) if (k !== key) m.fields = difference(difference(m.fields, changed), removed);
  const self = managers.get(key);
  if (changed.size) {
    const fields = union(difference(self?.fields ?? new Set(), removed), changed);
    managers.set(key, { manager, operation: 'Update', apiVersion, subresource, time: now, fields });
  } else if (self) {
    self.fields = difference(self.fields, removed);
  }
  return withManagers(afterBody, managers);
}
