/**
 * The namespace controller: runs reconcileNamespaceDeletion for namespaces
 * being deleted, again whenever something in one of them goes away.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { RESOURCES, reconcileNamespaceDeletion, type Change, type ControllerAction, type Namespace, type KindedObject } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import { ReconcilingController } from './reconciling-controller';

const NAMESPACES = RESOURCES.find((r) => r.kind === 'Namespace')!;

export class NamespaceController extends ReconcilingController {
  protected override readonly primary = NAMESPACES;

  constructor(projection: ProjectionService, commands: CommandBus) {
    super('namespace-controller', projection, commands, 1);
  }

  private terminating(name: string | undefined): boolean {
    return !!name && !!this.projection.state.get(NAMESPACES, undefined, name)?.object.metadata.deletionTimestamp;
  }

  protected *initialKeys(): Iterable<string> {
    for (const stored of this.projection.state.list(NAMESPACES)) if (stored.object.metadata.deletionTimestamp) yield stored.object.metadata.name!;
  }

  protected *keysFor(change: Change): Iterable<string> {
    if (change.resource === NAMESPACES && change.after?.metadata.deletionTimestamp) yield change.after.metadata.name!;
    // Something in a terminating namespace went away: maybe it is empty now.
    else if (change.resource.namespaced && !change.after && this.terminating(change.before?.metadata.namespace)) yield change.before!.metadata.namespace!;
  }

  protected reconcile(name: string): ControllerAction[] {
    const ns = this.projection.state.get(NAMESPACES, undefined, name)?.object as Namespace | undefined;
    if (!ns) return [];
    const contents: KindedObject[] = [];
    for (const resource of RESOURCES) {
      if (!resource.namespaced) continue;
      for (const stored of this.projection.state.list(resource, name)) contents.push({ kind: resource.kind, object: stored.object });
    }
    return reconcileNamespaceDeletion(ns, contents);
  }
}
