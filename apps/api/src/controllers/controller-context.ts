/** The RequestContext a controller writes with: its own identity, and the cause it acts on. */
import { randomUUID } from 'node:crypto';
import type { Change } from '@chronokube/core';
import type { RequestContext } from '../commands/request-context';
import type { WriteOutcome } from '../commands/object-writer';
import type { ProjectionService } from '../projection/projection.service';

/**
 * Controllers act as `system:controller:<name>` (the naming; kube's
 * own controllers use service accounts), inherit the correlation id of the
 * event that woke them and cite that event as the cause. With no such event
 * (a start-up resync, a timer), the write starts a correlation of its own
 * and, when `observation` says what the controller observed instead, its
 * metadata carries it (`observation: "resync"`), marking an intended root
 * rather than a forgotten cause.
 */
export function controllerContext(component: string, verb: string, reason: string, cause?: Change, observation?: string): RequestContext {
  const correlationId = (cause?.metadata?.correlationId as string | undefined) ?? randomUUID();
  const root = !cause?.eventId && observation ? { details: { observation } } : {};
  return {
    ...root,
    user: { name: `system:controller:${component}`, uid: component, groups: ['system:masters'] },
    verb,
    userAgent: `chronokube-controller-manager/${component}`,
    correlationId,
    causationId: cause?.eventId ?? correlationId,
    reason,
    dryRun: false,
    now: new Date(),
  };
}

/**
 * The context of the core/v1 Event that reports `write` (SuccessfulCreate,
 * Scheduled, ...): caused by the event the write appended, so a why-tree
 * shows the report under what it reports. `ctx` as it is when that event
 * is not known (the object is gone, or the change is no longer held).
 */
export function reportContext(ctx: RequestContext, projection: ProjectionService, write: WriteOutcome | undefined): RequestContext {
  const rv = write?.object?.metadata.resourceVersion;
  const change = rv && /^[0-9]+$/.test(rv) ? projection.changes.at(Number(rv)) : undefined;
  return change?.eventId ? { ...ctx, causationId: change.eventId } : ctx;
}
