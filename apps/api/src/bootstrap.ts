/**
 * What kube-apiserver ensures at start: the namespaces every cluster has
 * (default, kube-system, kube-public, kube-node-lease). Created through the
 * command bus like any write, by the apiserver's own identity, so the log
 * says who made them; skipped when they already exist.
 */
import { randomUUID } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import { ApiError, RESOURCES } from '@chronokube/core';
import type { ApiContext } from './api-context';
import { CreateObjectCommand } from './commands/create-object.command';
import type { RequestContext } from './commands/request-context';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const NAMESPACES = RESOURCES.find((r) => r.kind === 'Namespace')!;

export async function bootstrapCluster(api: ApiContext, commands: CommandBus): Promise<void> {
  const correlationId = randomUUID();
  for (const name of SYSTEM_NAMESPACES) {
    if (api.projection.state.get(NAMESPACES, undefined, name)) continue;
    const ctx: RequestContext = {
      user: { name: 'system:apiserver', uid: 'system:apiserver', groups: ['system:masters'] },
      verb: 'create',
      userAgent: 'chronokube-apiserver',
      correlationId,
      causationId: correlationId,
      reason: 'bootstrap',
      dryRun: false,
      now: new Date(),
    };
    try {
      await commands.execute(new CreateObjectCommand({ resource: NAMESPACES }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, ctx));
    } catch (err) {
      // Another API server on the same log may have made it first.
      if (!(err instanceof ApiError && err.reason === 'AlreadyExists')) throw err;
    }
  }
}
