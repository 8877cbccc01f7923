/**
 * Carries out one reconciler action as a command on the bus, with the
 * controller's identity. A lost race (409) or a vanished object (404) is
 * not an error here: the caller re-reads and reconciles again, which is
 * what level-triggered controllers are for.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { ApiError, resourceForKind, type ControllerAction } from '@chronokube/core';
import { CreateObjectCommand } from '../commands/create-object.command';
import { DeleteObjectCommand } from '../commands/delete-object.command';
import { UpdateObjectCommand } from '../commands/update-object.command';
import type { RequestContext } from '../commands/request-context';
import type { WriteOutcome } from '../commands/object-writer';

export type Outcome = 'done' | 'conflict' | 'gone';

/** What happened: the outcome, and for 'done' the write (the object before and after). */
export interface ActionResult {
  outcome: Outcome;
  write?: WriteOutcome;
}

/** Runs one action; resolves 'conflict' or 'gone' instead of throwing for 409 and 404. */
export async function executeAction(commands: CommandBus, action: ControllerAction, ctx: RequestContext): Promise<ActionResult> {
  const resource = resourceForKind(action.kind);
  if (!resource) throw new Error(`controller action for an unserved kind ${action.kind}`);
  const context: RequestContext = { ...ctx, reason: action.reason, verb: action.type === 'create' ? 'create' : action.type === 'delete' ? 'delete' : 'update' };
  try {
    let write: WriteOutcome;
    switch (action.type) {
      case 'create':
        write = await commands.execute(new CreateObjectCommand({ resource, namespace: action.namespace }, action.object, context));
        break;
      case 'update':
      case 'updateStatus':
        write = await commands.execute(new UpdateObjectCommand(
          {
            resource,
            namespace: action.namespace ?? action.object.metadata.namespace,
            name: action.object.metadata.name!,
            subresource: action.type === 'updateStatus' ? 'status' : action.subresource,
          },
          action.object, context,
        ));
        break;
      case 'delete':
        write = await commands.execute(new DeleteObjectCommand(
          { resource, namespace: action.namespace, name: action.name },
          { gracePeriodSeconds: action.gracePeriodSeconds, propagationPolicy: action.propagationPolicy, preconditions: action.uid ? { uid: action.uid } : undefined },
          context,
        ));
        break;
    }
    return { outcome: 'done', write };
  } catch (err) {
    if (err instanceof ApiError && err.code === 409) return { outcome: 'conflict' };
    if (err instanceof ApiError && err.code === 404) return { outcome: 'gone' };
    throw err;
  }
}
