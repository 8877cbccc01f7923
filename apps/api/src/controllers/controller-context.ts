/** The RequestContext a controller writes with: its own identity, and the cause it acts on. */
import { randomUUID } from 'node:crypto';
import type { Change } from '@chronokube/core';
import type { RequestContext } from '../commands/request-context';

export function controllerContext(component: string, verb: string, reason: string, cause?: Change): RequestContext {
  const correlationId = (cause?.metadata?.correlationId as string | undefined) ?? randomUUID();
  return {
    user: { name: `system:serviceaccount:kube-system:${component}`, uid: component, groups: ['system:masters'] },
    verb,
    userAgent: `chronokube-controller-manager/${component}`,
    correlationId,
    causationId: cause?.eventId ?? correlationId,
    reason,
    dryRun: false,
    now: new Date(),
  };
}
