/**
 * The garbage collector: runs reconcileGarbage (libs/core) per object uid.
 * It keeps two indexes from the projection's changes, where each object is
 * (by uid) and who names whom as owner, so a reconcile costs no scan.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { RESOURCES, reconcileGarbage, type Change, type ControllerAction, type KindedObject, type KubeObject, type ResourceInfo } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import { ReconcilingController } from './reconciling-controller';

interface Ref {
  resource: ResourceInfo;
  namespace?: string;
  name: string;
}

export class GarbageCollector extends ReconcilingController {
  /** uid -> where the object is. */
  private readonly byUid = new Map<string, Ref>();
  /** owner uid -> uids of its dependents. */
  private readonly dependents = new Map<string, Set<string>>();

  constructor(projection: ProjectionService, commands: CommandBus) {
    super('generic-garbage-collector', projection, commands, 1);
  }

  /** The owner uids an object names; a wrongly-typed ownerReferences names none. */
  private ownerUids(object: KubeObject | undefined): string[] {
    const refs: unknown = object?.metadata.ownerReferences;
    if (!Array.isArray(refs)) return [];
    return refs.map((r) => (typeof r === 'object' && r !== null ? (r as { uid?: unknown }).uid : undefined)).filter((u): u is string => typeof u === 'string');
  }

  protected override objectOf(uid: string): { resource: ResourceInfo; object: KubeObject | undefined } | undefined {
    const ref = this.byUid.get(uid);
    return ref ? { resource: ref.resource, object: this.projection.state.get(ref.resource, ref.namespace, ref.name)?.object } : undefined;
  }

  private index(resource: ResourceInfo, before: KubeObject | undefined, after: KubeObject | undefined): void {
    const uid = (after ?? before)?.metadata.uid;
    if (typeof uid !== 'string' || !uid) return;
    for (const owner of this.ownerUids(before)) this.dependents.get(owner)?.delete(uid);
    if (after) {
      this.byUid.set(uid, { resource, namespace: after.metadata.namespace, name: after.metadata.name ?? '' });
      for (const owner of this.ownerUids(after)) {
        let set = this.dependents.get(owner);
        if (!set) this.dependents.set(owner, (set = new Set()));
        set.add(uid);
      }
    } else {
      this.byUid.delete(uid);
    }
  }

  protected *initialKeys(): Iterable<string> {
    for (const resource of RESOURCES) for (const stored of this.projection.state.list(resource)) this.index(resource, undefined, stored.object);
    yield* new Set([...this.byUid.keys(), ...this.dependents.keys()]);
  }

  protected *keysFor(change: Change): Iterable<string> {
    this.index(change.resource, change.before, change.after);
    const object = change.after ?? change.before;
    if (typeof object?.metadata.uid !== 'string' || !object.metadata.uid) return;
    yield object.metadata.uid;
    yield* this.ownerUids(object);
  }

  private kinded(uid: string): KindedObject | undefined {
    const ref = this.byUid.get(uid);
    const object = ref ? this.projection.state.get(ref.resource, ref.namespace, ref.name)?.object : undefined;
    return ref && object ? { kind: ref.resource.kind, object } : undefined;
  }

  protected reconcile(uid: string): ControllerAction[] {
    const dependents = [...(this.dependents.get(uid) ?? [])].map((d) => this.kinded(d)).filter((d): d is KindedObject => !!d);
    if (dependents.length === 0 && !this.byUid.has(uid)) this.dependents.delete(uid);
    return reconcileGarbage(this.kinded(uid), dependents, (owner) => this.byUid.has(owner));
  }
}
