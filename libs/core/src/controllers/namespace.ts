/**
 * Emptying a namespace being deleted (kube's namespace controller): every
 * object in it is deleted; once none is left, the `kubernetes` finalizer
 * leaves spec.finalizers through namespaces/finalize, which lets the
 * namespace itself go.
 */
import type { Namespace } from '../api/types';
import type { ControllerAction, KindedObject } from './actions';

/** The actions for one namespace; [] unless it is being deleted. Idempotent. */
export function reconcileNamespaceDeletion(ns: Namespace, contents: readonly KindedObject[]): ControllerAction[] {
  const name = ns.metadata.name ?? '';
  if (!ns.metadata.deletionTimestamp) return [];
  if (contents.length > 0) {
    // Objects already terminating are on their way (finalizers, grace periods): wait for them.
    return contents
      .filter((c) => !c.object.metadata.deletionTimestamp)
      .map((c) => ({ type: 'delete' as const, kind: c.kind, namespace: name, name: c.object.metadata.name ?? '', uid: c.object.metadata.uid, reason: `namespace ${name} is being deleted` }));
  }
  const finalizers = ns.spec?.finalizers ?? [];
  if (!finalizers.includes('kubernetes')) return [];
  const spec = { ...ns.spec, finalizers: finalizers.filter((f) => f !== 'kubernetes') };
  return [{ type: 'update', subresource: 'finalize', kind: 'Namespace', object: { ...ns, spec }, reason: 'namespace is empty' }];
}
