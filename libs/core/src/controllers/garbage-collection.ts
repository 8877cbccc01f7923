/**
 * Garbage collection through ownerReferences, as kube's garbage collector
 * does it, for one object uid at a time:
 * - Background: a dependent whose owners are all gone is deleted;
 * - Foreground: an owner with the foregroundDeletion finalizer has its
 *   dependents deleted (in the foreground too) and loses the finalizer
 *   once none is left;
 * - Orphan: an owner with the orphan finalizer has its ownerReference
 *   removed from every dependent, then loses the finalizer.
 */
import type { KubeObject } from '../api/meta';
import type { ControllerAction, KindedObject } from './actions';

function ownersAllGone(o: KubeObject, exists: (uid: string) => boolean): boolean {
  // A wrongly-typed ownerReferences (the log may hold one) names no owner, so it never makes an object garbage.
  const refs: unknown = o.metadata.ownerReferences;
  const owners = Array.isArray(refs) ? refs.filter((r): r is { uid: string } => typeof r?.uid === 'string') : [];
  return owners.length > 0 && !owners.some((r) => exists(r.uid));
}

function deleteAction(d: KindedObject, reason: string, propagationPolicy: 'Background' | 'Foreground'): ControllerAction {
  const m = d.object.metadata;
  return { type: 'delete', kind: d.kind, namespace: m.namespace, name: m.name ?? '', uid: m.uid, propagationPolicy, reason };
}

function withoutFinalizer(self: KindedObject, finalizer: string): ControllerAction {
  const finalizers = (self.object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  const metadata = { ...self.object.metadata, finalizers: finalizers.length ? finalizers : undefined };
  return { type: 'update', kind: self.kind, namespace: metadata.namespace, object: { ...self.object, metadata }, reason: `${finalizer} done` };
}

/**
 * The actions for one uid. `self` is the object with that uid (undefined
 * once it is gone), `dependents` the objects naming it as an owner, and
 * `exists(uid)` whether an object with that uid still exists. Idempotent.
 */
export function reconcileGarbage(self: KindedObject | undefined, dependents: readonly KindedObject[], exists: (uid: string) => boolean): ControllerAction[] {
  if (!self) {
    return dependents
      .filter((d) => !d.object.metadata.deletionTimestamp && ownersAllGone(d.object, exists))
      .map((d) => deleteAction(d, 'all owners are gone', 'Background'));
  }
  const meta = self.object.metadata;
  if (!meta.deletionTimestamp) return ownersAllGone(self.object, exists) ? [deleteAction(self, 'all owners are gone', 'Background')] : [];
  const finalizers = meta.finalizers ?? [];
  if (finalizers.includes('orphan')) {
    const released: ControllerAction[] = dependents.map((d) => {
      const ownerReferences = (d.object.metadata.ownerReferences ?? []).filter((r) => r.uid !== meta.uid);
      const metadata = { ...d.object.metadata, ownerReferences: ownerReferences.length ? ownerReferences : undefined };
      return { type: 'update', kind: d.kind, namespace: metadata.namespace, object: { ...d.object, metadata }, reason: 'orphaned by its owner' };
    });
    return [...released, withoutFinalizer(self, 'orphan')];
  }
  if (finalizers.includes('foregroundDeletion')) {
    // The owner goes once its last dependent is gone (each dependent's deletion brings it back here).
    if (dependents.length === 0) return [withoutFinalizer(self, 'foregroundDeletion')];
    return dependents.filter((d) => !d.object.metadata.deletionTimestamp).map((d) => deleteAction(d, 'owner deleted in the foreground', 'Foreground'));
  }
  return [];
}
