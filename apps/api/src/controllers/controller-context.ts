/** The RequestContext a controller writes with: its own identity, and the cause it acts on. */
import { randomUUID } from 'node:crypto';
import type { Change } from '@chronokube/core';
import type { RequestContext } from '../commands/request-context';

/**
 * Controllers act as `system:controller:<name>` (the naming; kube's
 * own controllers use service accounts), inherit the correlation id of the
 * event that woke them and cite that event as the cause.
 */
export function controllerContext(component: string, verb: string, reason: string, cause?: Change): RequestContext {
  const correlationId = (cause?.metadata?.correlationId as string | undefined) ?? randomUUID();
  return {
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
