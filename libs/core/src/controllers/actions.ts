/**
 * What a reconciler asks the API to do. Reconcilers are pure: they read
 * plain objects (as the projection holds them) and return these; the API
 * side turns each into a command (create / update / status update /
 * delete) sent through the command bus with the controller's identity, and
 * puts `reason` into the event metadata so "why did this pod go?" has an
 * answer.
 *
 * Execution contract: actions on different objects are independent and
 * may run in parallel. Actions on the same object are listed in the order
 * they must run (e.g. a pod's DisruptionTarget condition before its
 * deletion, a node's status before its taints): run those one after the
 * other. Only the first write to an object carries
 * metadata.resourceVersion; a later one is unconditional (an update
 * without resourceVersion), because the first write already moved the
 * version the reconciler read. On a failure, requeue the key: the next
 * reconcile re-reads and asks again for whatever is still missing.
 */
import type { KubeObject } from '../api/meta';

export type ControllerAction =
  /** A new object; it may use metadata.generateName instead of name. */
  | { type: 'create'; kind: string; namespace: string; object: KubeObject; reason: string }
  /** The full object; metadata.resourceVersion is kept for optimistic concurrency. `finalize`: namespaces/finalize. */
  | { type: 'update'; kind: string; namespace?: string; object: KubeObject; reason: string; subresource?: 'finalize' }
  /** The full object, written through the status subresource. */
  | { type: 'updateStatus'; kind: string; namespace?: string; object: KubeObject; reason: string }
  /** Delete by name; `uid` is a precondition, `gracePeriodSeconds` 0 force-deletes. */
  | { type: 'delete'; kind: string; namespace?: string; name: string; uid?: string; gracePeriodSeconds?: number; propagationPolicy?: 'Background' | 'Foreground'; reason: string };

/** A reconciler result that also says when to look again without any watch event. */
export interface ReconcileResult {
  actions: ControllerAction[];
  /** Milliseconds after which the key must be reconciled again (time-driven changes), if any. */
  requeueAfterMs?: number;
}

/**
 * kube's slowStartBatch sizes (1, 2, 4, ... capped by what is left) for
 * executing `count` creates: an executor running a reconciler's creates in
 * these batches, stopping at the first batch with a failure, avoids
 * hammering the API with hundreds of doomed requests (e.g. quota errors).
 * Reconcilers return all creates at once (at most their burst); this is
 * the pacing an executor may apply. Pure.
 */
export function slowStartBatches(count: number, initial = 1): number[] {
  const batches: number[] = [];
  let left = Math.max(0, Math.floor(count));
  for (let size = Math.max(1, initial); left > 0; size *= 2) {
    const batch = Math.min(size, left);
    batches.push(batch);
    left -= batch;
  }
  return batches;
}

/** An object with the kind it was stored under (objects in the projection may omit `kind`). */
export interface KindedObject {
  kind: string;
  object: KubeObject;
}
