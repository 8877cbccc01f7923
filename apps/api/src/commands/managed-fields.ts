/**
 * Field ownership (metadata.managedFields) for every write: an Update entry
 * for ordinary writes, Apply semantics for server-side apply.
 */
import { recordUpdateManager, serverSideApply, apiVersionOf, type KubeObject, type ResourceInfo } from '@chronokube/core';
import type { RequestContext } from './request-context';
import { rfc3339 } from '@chronokube/core';

/** kube's default manager name: the user agent up to its first '/'. */
export function managerOf(ctx: RequestContext): string {
  if (ctx.fieldManager) return ctx.fieldManager;
  const ua = ctx.userAgent ?? 'unknown';
  return ua.split('/')[0] || 'unknown';
}

export class ManagedFields {
  /** The object with the writer's Update ownership recorded. */
  onUpdate(resource: ResourceInfo, before: KubeObject | undefined, after: KubeObject, ctx: RequestContext, subresource?: string): KubeObject {
    return recordUpdateManager({
      kind: resource.kind,
      before,
      after,
      manager: managerOf(ctx),
      now: rfc3339(ctx.now),
      apiVersion: apiVersionOf(resource),
      subresource,
    }) as KubeObject;
  }

  /** The result of server-side apply of `applied` onto `live` (throws 409 on a conflict unless forced). */
  onApply(resource: ResourceInfo, live: KubeObject | undefined, applied: KubeObject, ctx: RequestContext, force: boolean): KubeObject {
    const result = serverSideApply({
      kind: resource.kind,
      live,
      applied,
      manager: managerOf(ctx),
      force,
      now: rfc3339(ctx.now),
      apiVersion: apiVersionOf(resource),
    });
    return result.object as KubeObject;
  }
}
