/**
 * Garbage collection through ownerReferences, as kube-controller-manager's
 * garbage collector does it:
 * - Background: a dependent whose owners are all gone is deleted;
 * - Foreground: an owner with the foregroundDeletion finalizer has its
 *   dependents deleted first, then loses the finalizer (and is deleted);
 * - Orphan: an owner with the orphan finalizer has its ownerReference
 *   removed from every dependent, then loses the finalizer.
 * Level-triggered: changes only enqueue an owner uid; reconcile re-reads.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { ApiError, RESOURCES, type Change, type KubeObject, type ResourceInfo } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import { DeleteObjectCommand } from '../commands/delete-object.command';
import { UpdateObjectCommand } from '../commands/update-object.command';
import { controllerContext } from './controller-context';
import { WorkQueue } from './work-queue';

interface Ref {
  resource: ResourceInfo;
  namespace?: string;
  name: string;
}

const COMPONENT = 'generic-garbage-collector';

export class GarbageCollector {
  /** uid -> where the object is. */
  private readonly byUid = new Map<string, Ref>();
  /** owner uid -> uids of its dependents. */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly queue: WorkQueue;
  private readonly causes = new Map<string, Change>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly projection: ProjectionService, private readonly commands: CommandBus) {
    this.queue = new WorkQueue((uid) => this.reconcile(uid), (uid, err) => {
      if (!(err instanceof ApiError)) process.stderr.write(`garbage collector: ${uid}: ${(err as Error).message}\n`);
    });
  }

  start(): void {
    for (const resource of RESOURCES) for (const stored of this.projection.state.list(resource)) this.index(resource, undefined, stored.object);
    this.unsubscribe = this.projection.onChange((change) => this.onChange(change));
    for (const uid of [...this.byUid.keys(), ...this.dependents.keys()]) this.queue.add(uid);
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.stop();
  }

  private index(resource: ResourceInfo, before: KubeObject | undefined, after: KubeObject | undefined): void {
    const uid = (after ?? before)?.metadata.uid;
    if (!uid) return;
    for (const owner of before?.metadata.ownerReferences ?? []) this.dependents.get(owner.uid)?.delete(uid);
    if (after) {
      this.byUid.set(uid, { resource, namespace: after.metadata.namespace, name: after.metadata.name ?? '' });
      for (const owner of after.metadata.ownerReferences ?? []) {
        let set = this.dependents.get(owner.uid);
        if (!set) this.dependents.set(owner.uid, (set = new Set()));
        set.add(uid);
      }
    } else {
      this.byUid.delete(uid);
    }
  }

  private onChange(change: Change): void {
    this.index(change.resource, change.before, change.after);
    const object = change.after ?? change.before;
    const uid = object?.metadata.uid;
    if (!uid) return;
    this.causes.set(uid, change);
    this.queue.add(uid);
    for (const owner of object.metadata.ownerReferences ?? []) this.queue.add(owner.uid);
  }

  private get(uid: string): KubeObject | undefined {
    const ref = this.byUid.get(uid);
    return ref ? this.projection.state.get(ref.resource, ref.namespace, ref.name)?.object : undefined;
  }

  private async reconcile(uid: string): Promise<void> {
    const cause = this.causes.get(uid);
    this.causes.delete(uid);
    const object = this.get(uid);
    if (!object) {
      // The owner is gone: dependents whose owners are all gone follow it.
      for (const dep of [...(this.dependents.get(uid) ?? [])]) await this.collectOrphaned(dep, cause);
      if (!this.dependents.get(uid)?.size) this.dependents.delete(uid);
      return;
    }
    const finalizers = object.metadata.finalizers ?? [];
    if (!object.metadata.deletionTimestamp) {
      await this.collectOrphaned(uid, cause);
      return;
    }
    const deps = [...(this.dependents.get(uid) ?? [])].map((d) => this.get(d)).filter((d): d is KubeObject => !!d);
    if (finalizers.includes('orphan')) {
      for (const dep of deps) {
        const ownerReferences = (dep.metadata.ownerReferences ?? []).filter((o) => o.uid !== uid);
        await this.update(dep, { ...dep, metadata: { ...dep.metadata, ownerReferences: ownerReferences.length ? ownerReferences : undefined, resourceVersion: undefined } }, 'orphaned by its owner', cause);
      }
      await this.removeFinalizer(object, 'orphan', cause);
    } else if (finalizers.includes('foregroundDeletion')) {
      for (const dep of deps) if (!dep.metadata.deletionTimestamp) await this.delete(dep, 'Foreground', 'owner deleted in the foreground', cause);
      // The owner goes once its last dependent is gone (a dependent's deletion re-queues it).
      if (deps.length === 0) await this.removeFinalizer(object, 'foregroundDeletion', cause);
    }
  }

  /** Deletes `uid` if it has owners and none of them exists any more. */
  private async collectOrphaned(uid: string, cause: Change | undefined): Promise<void> {
    const object = this.get(uid);
    const owners = object?.metadata.ownerReferences ?? [];
    if (!object || owners.length === 0 || object.metadata.deletionTimestamp) return;
    if (owners.some((o) => this.byUid.has(o.uid))) return;
    await this.delete(object, 'Background', 'all owners are gone', cause);
  }

  private ref(object: KubeObject): Ref {
    return this.byUid.get(object.metadata.uid ?? '')!;
  }

  private async delete(object: KubeObject, policy: 'Background' | 'Foreground', reason: string, cause: Change | undefined): Promise<void> {
    const ref = this.ref(object);
    await this.ignoreGone(this.commands.execute(new DeleteObjectCommand(
      { resource: ref.resource, namespace: ref.namespace, name: ref.name },
      { propagationPolicy: policy, preconditions: { uid: object.metadata.uid } },
      controllerContext(COMPONENT, 'delete', reason, cause),
    )));
  }

  private async update(before: KubeObject, after: KubeObject, reason: string, cause: Change | undefined): Promise<void> {
    const ref = this.ref(before);
    await this.ignoreGone(this.commands.execute(new UpdateObjectCommand(
      { resource: ref.resource, namespace: ref.namespace, name: ref.name }, after, controllerContext(COMPONENT, 'update', reason, cause),
    )));
  }

  private async removeFinalizer(object: KubeObject, finalizer: string, cause: Change | undefined): Promise<void> {
    const finalizers = (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    await this.update(object, { ...object, metadata: { ...object.metadata, finalizers: finalizers.length ? finalizers : undefined, resourceVersion: undefined } }, `${finalizer} done`, cause);
  }

  private async ignoreGone(p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (err) {
      if (err instanceof ApiError && (err.code === 404 || err.code === 409)) return;
      throw err;
    }
  }
}
