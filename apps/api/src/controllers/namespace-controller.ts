/**
 * Empties a namespace being deleted: every namespaced object in it is
 * deleted, and once none is left the `kubernetes` finalizer is dropped from
 * spec.finalizers, which lets the namespace itself go.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { ApiError, RESOURCES, type Change, type KubeObject } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import { DeleteObjectCommand } from '../commands/delete-object.command';
import { UpdateObjectCommand } from '../commands/update-object.command';
import { controllerContext } from './controller-context';
import { WorkQueue } from './work-queue';

const NAMESPACES = RESOURCES.find((r) => r.kind === 'Namespace')!;
const COMPONENT = 'namespace-controller';

export class NamespaceController {
  private readonly queue: WorkQueue;
  private readonly causes = new Map<string, Change>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly projection: ProjectionService, private readonly commands: CommandBus) {
    this.queue = new WorkQueue((ns) => this.reconcile(ns), (ns, err) => {
      if (!(err instanceof ApiError)) process.stderr.write(`namespace controller: ${ns}: ${(err as Error).message}\n`);
    });
  }

  start(): void {
    for (const stored of this.projection.state.list(NAMESPACES)) if (stored.object.metadata.deletionTimestamp) this.queue.add(stored.object.metadata.name!);
    this.unsubscribe = this.projection.onChange((change) => {
      if (change.resource === NAMESPACES && change.after?.metadata.deletionTimestamp) {
        this.causes.set(change.after.metadata.name!, change);
        this.queue.add(change.after.metadata.name!);
      } else if (change.resource.namespaced && !change.after) {
        // Something in a terminating namespace went away: maybe it is empty now.
        const ns = change.before?.metadata.namespace;
        const nsObject = ns ? this.projection.state.get(NAMESPACES, undefined, ns)?.object : undefined;
        if (ns && nsObject?.metadata.deletionTimestamp) this.queue.add(ns);
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.stop();
  }

  private async reconcile(name: string): Promise<void> {
    const ns = this.projection.state.get(NAMESPACES, undefined, name)?.object;
    if (!ns?.metadata.deletionTimestamp) return;
    const cause = this.causes.get(name);
    let remaining = 0;
    for (const resource of RESOURCES) {
      if (!resource.namespaced) continue;
      for (const stored of [...this.projection.state.list(resource, name)]) {
        remaining++;
        if (stored.object.metadata.deletionTimestamp) continue;
        try {
          await this.commands.execute(new DeleteObjectCommand(
            { resource, namespace: name, name: stored.object.metadata.name! },
            { propagationPolicy: 'Background' },
            controllerContext(COMPONENT, 'delete', `namespace ${name} is being deleted`, cause),
          ));
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 404)) throw err;
        }
      }
    }
    if (remaining > 0) return;
    const spec = (ns.spec ?? {}) as { finalizers?: string[] };
    if (!spec.finalizers?.includes('kubernetes')) return;
    const finalizers = spec.finalizers.filter((f) => f !== 'kubernetes');
    const next: KubeObject = { ...ns, spec: { ...spec, finalizers }, metadata: { ...ns.metadata, resourceVersion: undefined } };
    this.causes.delete(name);
    await this.commands.execute(new UpdateObjectCommand(
      { resource: NAMESPACES, name, subresource: 'finalize' }, next, controllerContext(COMPONENT, 'update', 'namespace is empty', cause),
    ));
  }
}
