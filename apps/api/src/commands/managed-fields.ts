/**
 * Field ownership (metadata.managedFields) for every write: an Update entry
 * for ordinary writes, Apply semantics for server-side apply.
 */
import {
  apiVersionOf,
  KUBECTL_APPLY_MANAGER,
  lastAppliedFields,
  recordUpdateManager,
  rfc3339,
  serverSideApply,
  syncLastApplied,
  type KubeObject,
  type ManagedFieldsEntry,
  type ResourceInfo,
} from '@chronokube/core';
import type { RequestContext } from './request-context';

/** kube's default manager name: the user agent up to its first '/'. */
export function managerOf(ctx: RequestContext): string {
  if (ctx.fieldManager) return ctx.fieldManager;
  const ua = ctx.userAgent ?? 'unknown';
  return ua.split('/')[0] || 'unknown';
}

const isEmptyEntry = (e: unknown): boolean => typeof e === 'object' && e !== null && !Array.isArray(e) && Object.keys(e).length === 0;

/** An entry kube's field manager can decode: an object whose operation is Apply or Update, with FieldsV1 fields. */
function decodable(e: unknown): e is ManagedFieldsEntry {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return false;
  const entry = e as ManagedFieldsEntry;
  if (entry.operation !== 'Apply' && entry.operation !== 'Update') return false;
  if (entry.fieldsType !== undefined && entry.fieldsType !== 'FieldsV1') return false;
  return entry.fieldsV1 === undefined || (typeof entry.fieldsV1 === 'object' && entry.fieldsV1 !== null && !Array.isArray(entry.fieldsV1));
}

/**
 * The managedFields an ordinary write starts from, as kube's field manager
 * picks them: the ones the client sent when they decode and are not empty
 * (that is how kubectl moves ownership from client-side to server-side
 * apply: a JSON patch of metadata.managedFields), none at all for a list of
 * empty entries (`[{}]`, kube's documented reset), and otherwise the live
 * ones, so a client unaware of managedFields never erases them. Writes to a
 * subresource always keep the live ones.
 */
export function startingManagedFields(before: KubeObject | undefined, after: KubeObject, subresource?: string): ManagedFieldsEntry[] | undefined {
  const live = before?.metadata?.managedFields;
  const sent = (after.metadata as { managedFields?: unknown } | undefined)?.managedFields;
  if (subresource || !Array.isArray(sent) || sent.length === 0) return live;
  if (sent.every(isEmptyEntry)) return [];
  return sent.every(decodable) ? (sent as ManagedFieldsEntry[]) : live;
}

export class ManagedFields {
  /** The object with the writer's Update ownership recorded. */
  onUpdate(resource: ResourceInfo, before: KubeObject | undefined, after: KubeObject, ctx: RequestContext, subresource?: string): KubeObject {
    // A create owns everything it sets whatever managedFields it sent (kube's
    // field manager takes every added field from the others), so only updates look at them.
    const base = before ? startingManagedFields(before, after, subresource) : undefined;
    const start = before && base !== before.metadata.managedFields ? { ...before, metadata: { ...before.metadata, managedFields: base } } : before;
    return recordUpdateManager({
      kind: resource.kind,
      before: start,
      after,
      manager: managerOf(ctx),
      now: rfc3339(ctx.now),
      apiVersion: apiVersionOf(resource),
      subresource,
    }) as KubeObject;
  }

  /**
   * The result of server-side apply of `applied` onto `live` (throws 409 on
   * a conflict unless forced). For kubectl, conflicts on fields its
   * client-side apply set (the last-applied annotation) do not block, and
   * that annotation follows the configuration applied, as on Kubernetes.
   */
  onApply(resource: ResourceInfo, live: KubeObject | undefined, applied: KubeObject, ctx: RequestContext, force: boolean): KubeObject {
    const manager = managerOf(ctx);
    const kubectl = manager === KUBECTL_APPLY_MANAGER;
    const result = serverSideApply({
      kind: resource.kind,
      live,
      applied,
      manager,
      force,
      now: rfc3339(ctx.now),
      apiVersion: apiVersionOf(resource),
      allowedConflicts: kubectl ? lastAppliedFields(resource.kind, live) : undefined,
    });
    const object = result.object as KubeObject;
    return kubectl && live ? syncLastApplied(object, applied) : object;
  }
}
