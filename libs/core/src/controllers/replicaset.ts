/**
 * The ReplicaSet controller (kube's replica_set.go syncReplicaSet) as a
 * pure reconciler: claim pods, create or delete pods to reach
 * spec.replicas, report status.
 */
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../api/types';
import { selectorFromLabelSelector, selectorFromSet, type LabelMatcher } from '../selectors';
import type { ControllerAction } from './actions';
import { claimObjects, newControllerRef } from './controller-ref';
import { clone } from './object-util';
import { rankPodsForDeletion } from './pod-ranking';
import { isPodActive, isPodAvailable, isPodReady, podAvailableAtMs } from './pods';

/** kube's burstReplicas: the most pods one reconcile creates or deletes. */
export const BURST_REPLICAS = 500;

export interface ReplicaSetReconcileOptions {
  /** Cap on creates/deletes per reconcile (default 500). */
  burstReplicas?: number;
  /**
   * Pods whose node placement ranks scale-down (kube: the pods of every
   * ReplicaSet of the same owner). Default: this ReplicaSet's own pods.
   */
  relatedPods?: readonly Pod[];
}

function selectorOf(rs: ReplicaSet): LabelMatcher | undefined {
  try {
    return selectorFromLabelSelector(rs.spec.selector);
  } catch {
    return undefined; // invalid selector: kube logs and does nothing; admission should not let it in.
  }
}

/** A new pod from the ReplicaSet's template (kube's GetPodFromTemplate). */
export function podFromTemplate(rs: ReplicaSet): Pod {
  const template = clone(rs.spec.template);
  const meta = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      ownerReferences: [newControllerRef(rs, 'apps/v1', 'ReplicaSet')],
    },
    spec: template?.spec ?? { containers: [] },
  };
  if (meta.labels) pod.metadata.labels = meta.labels;
  if (meta.annotations) pod.metadata.annotations = meta.annotations;
  if (meta.finalizers) pod.metadata.finalizers = meta.finalizers;
  return pod;
}

/**
 * Actions that bring `rs` to its desired state, given every pod of its
 * namespace:
 * - adopt orphan active pods the selector matches, release owned ones it no
 *   longer matches (updates of the pod's ownerReferences);
 * - create missing pods from the template (generateName `<rs>-`, controller
 *   ownerReference), or delete surplus ones in kube's ranking order; at most
 *   `burstReplicas` per reconcile. All creates come at once; an executor may
 *   pace them with slowStartBatches (kube's 1, 2, 4, ... batches);
 * - an updateStatus when replicas / fullyLabeledReplicas / readyReplicas /
 *   availableReplicas / observedGeneration differ.
 * The status describes the pods as they will be once the actions land
 * (created pods counted, deleted ones not; kube writes the pre-action counts
 * and fixes them on the next sync), so reconciling the resulting state
 * again yields []. Nothing is created or deleted while the ReplicaSet is
 * being deleted.
 *
 * Callers must reconcile against state that already includes the effect of
 * earlier actions (the role of kube's ControllerExpectations), or creates
 * are repeated. Pure and idempotent.
 */
export function reconcileReplicaSet(rs: ReplicaSet, pods: readonly Pod[], now: Date, options: ReplicaSetReconcileOptions = {}): ControllerAction[] {
  const selector = selectorOf(rs);
  if (!selector || !rs.metadata.uid) return [];
  const ns = rs.metadata.namespace;
  const ref = newControllerRef(rs, 'apps/v1', 'ReplicaSet');
  const inNamespace = pods.filter((p) => p.metadata.namespace === ns);
  const claim = claimObjects(rs, ref, inNamespace.filter(isPodActive), (p) => selector.matches(p.metadata.labels));
  const actions: ControllerAction[] = [];
  for (const pod of claim.adopted) actions.push({ type: 'update', kind: 'Pod', namespace: ns, object: pod, reason: `adopt orphan pod matching ReplicaSet ${rs.metadata.name} selector` });
  for (const pod of claim.released) actions.push({ type: 'update', kind: 'Pod', namespace: ns, object: pod, reason: `release pod no longer matching ReplicaSet ${rs.metadata.name} selector` });

  const owned = claim.claimed;
  const desired = rs.spec.replicas ?? 1;
  const burst = options.burstReplicas ?? BURST_REPLICAS;
  let kept = owned;
  let created = 0;
  if (!rs.metadata.deletionTimestamp) {
    const diff = owned.length - desired;
    if (diff < 0) {
      created = Math.min(-diff, burst);
      for (let i = 0; i < created; i++) {
        actions.push({ type: 'create', kind: 'Pod', namespace: ns ?? 'default', object: podFromTemplate(rs), reason: `scale up: ${owned.length} -> ${desired} replicas` });
      }
    } else if (diff > 0) {
      const count = Math.min(diff, burst);
      const order = count < owned.length ? rankPodsForDeletion(owned, options.relatedPods ?? owned, now) : owned;
      const victims = order.slice(0, count);
      for (const pod of victims) {
        actions.push({
          type: 'delete', kind: 'Pod', namespace: ns, name: pod.metadata.name ?? '', uid: pod.metadata.uid,
          reason: `scale down: ${owned.length} -> ${desired} replicas`,
        });
      }
      const gone = new Set(victims.map((p) => p.metadata.uid));
      kept = owned.filter((p) => !gone.has(p.metadata.uid));
    }
  }

  const status = replicaSetStatus(rs, kept, created, now);
  const current = rs.status ?? { replicas: 0 };
  if (!sameCounts(current, status)) {
    const next: ReplicaSetStatus = { ...current, ...status };
    // kube serializes every counter but replicas with omitempty.
    for (const key of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'] as const) if (!next[key]) delete next[key];
    actions.push({
      type: 'updateStatus', kind: 'ReplicaSet', namespace: ns,
      object: { ...rs, status: next },
      reason: `status: ${status.readyReplicas} of ${status.replicas} ready, ${status.availableReplicas} available`,
    });
  }
  return actions;
}

type Counts = Required<Pick<ReplicaSetStatus, 'replicas' | 'fullyLabeledReplicas' | 'readyReplicas' | 'availableReplicas' | 'observedGeneration'>>;

/** kube's calculateStatus over the pods that will remain, plus `created` fresh pods (fully labeled, not ready). */
function replicaSetStatus(rs: ReplicaSet, pods: readonly Pod[], created: number, now: Date): Counts {
  const templateLabels = selectorFromSet(rs.spec.template?.metadata?.labels ?? {});
  const minReady = rs.spec.minReadySeconds ?? 0;
  return {
    replicas: pods.length + created,
    fullyLabeledReplicas: pods.filter((p) => templateLabels.matches(p.metadata.labels)).length + created,
    readyReplicas: pods.filter(isPodReady).length,
    availableReplicas: pods.filter((p) => isPodAvailable(p, minReady, now)).length,
    observedGeneration: rs.metadata.generation ?? 0,
  };
}

function sameCounts(current: ReplicaSetStatus, next: Counts): boolean {
  return (current.replicas ?? 0) === next.replicas
    && (current.fullyLabeledReplicas ?? 0) === next.fullyLabeledReplicas
    && (current.readyReplicas ?? 0) === next.readyReplicas
    && (current.availableReplicas ?? 0) === next.availableReplicas
    && (current.observedGeneration ?? 0) === next.observedGeneration;
}

/**
 * When the ReplicaSet must be looked at again although nothing changes:
 * the first instant one of its ready pods passes minReadySeconds and turns
 * available (kube requeues after minReadySeconds). Undefined when no such
 * moment is pending. Pure.
 */
export function replicaSetRequeueAfterMs(rs: ReplicaSet, pods: readonly Pod[], now: Date): number | undefined {
  const minReady = rs.spec.minReadySeconds ?? 0;
  if (!minReady || !rs.metadata.uid) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    if (!isPodActive(pod) || !pod.metadata.ownerReferences?.some((r) => r.controller && r.uid === rs.metadata.uid)) continue;
    const at = podAvailableAtMs(pod, minReady);
    if (at === undefined || at === Number.NEGATIVE_INFINITY || at < now.getTime()) continue;
    // +1s: availability needs strictly more than minReadySeconds, at second precision.
    const wait = at - now.getTime() + 1000;
    next = next === undefined ? wait : Math.min(next, wait);
  }
  return next;
}

