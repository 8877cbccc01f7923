/**
 * Pod garbage collection (kube's podgc controller) as a pure function over
 * all pods and nodes.
 */
import type { Condition, Node, Pod } from '../api/types';
import { rfc3339 } from '../domain/timestamps';
import type { ControllerAction } from './actions';
import { TAINT_OUT_OF_SERVICE, TAINT_UNREACHABLE } from './node-taints';
import { compareCreation, findCondition } from './object-util';
import { isPodTerminal } from './pods';

export interface PodGCOptions {
  /** Terminated pods kept before the oldest are deleted (kube's --terminated-pod-gc-threshold, default 12500; 0 disables). */
  terminatedPodThreshold?: number;
  /** Stamps the DisruptionTarget condition written before a force deletion (none when omitted). */
  now?: Date;
}

/** Reason "Evicted" in phase Failed: kube collects these first. */
function isEvicted(pod: Pod): boolean {
  return pod.status?.phase === 'Failed' && pod.status?.reason === 'Evicted';
}

/** Ready Unknown (kubelet silent), or tainted unreachable / out-of-service while not Ready. */
function unreachable(node: Node): boolean {
  const ready = findCondition(node.status?.conditions, 'Ready')?.status;
  if (ready === 'True') return false;
  return ready === 'Unknown' || (node.spec?.taints ?? []).some((t) => t.key === TAINT_UNREACHABLE || t.key === TAINT_OUT_OF_SERVICE);
}

/**
 * kube's markFailedAndDeletePod: a pod that is not terminal is first set to
 * Failed (with a DisruptionTarget condition when given), since no kubelet
 * will ever report its end, then force-deleted (grace 0).
 */
function collect(pod: Pod, why: string, message: string | undefined, now: Date | undefined): ControllerAction[] {
  const actions: ControllerAction[] = [];
  if (!isPodTerminal(pod)) {
    const conditions = [...(pod.status?.conditions ?? [])];
    if (message) {
      const condition: Condition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message };
      if (now) condition.lastTransitionTime = rfc3339(now);
      const i = conditions.findIndex((c) => c.type === 'DisruptionTarget');
      if (i >= 0) conditions[i] = condition;
      else conditions.push(condition);
    }
    actions.push({ type: 'updateStatus', kind: 'Pod', namespace: pod.metadata.namespace, object: { ...pod, status: { ...pod.status, phase: 'Failed', conditions } }, reason: why });
  }
  actions.push({ type: 'delete', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name ?? '', uid: pod.metadata.uid, gracePeriodSeconds: 0, reason: why });
  return actions;
}

/**
 * Pods to collect, each force-deleted (grace 0):
 * - pods bound to a node that no longer exists (kube waits a 40s
 *   quarantine for its informer to catch up; a consistent projection needs none);
 * - terminating pods on an unreachable node (Ready Unknown, or the
 *   unreachable / out-of-service taint while not Ready): their kubelet
 *   cannot finish the graceful deletion (kube only does this for the
 *   out-of-service taint);
 * - terminating pods never scheduled;
 * - terminated (Succeeded/Failed) pods beyond terminatedPodThreshold,
 *   evicted ones first, then oldest first.
 * Non-terminal pods get phase Failed first. Each pod appears once. Pure.
 */
export function podsToCollect(pods: readonly Pod[], nodes: readonly Node[], options: PodGCOptions = {}): ControllerAction[] {
  const threshold = options.terminatedPodThreshold ?? 12500;
  const byName = new Map(nodes.map((n) => [n.metadata.name ?? '', n]));
  const done = new Set<Pod>();
  const actions: ControllerAction[] = [];
  const take = (pod: Pod, why: string, message?: string) => {
    done.add(pod);
    actions.push(...collect(pod, why, message, options.now));
  };
  for (const pod of pods) {
    const nodeName = pod.spec.nodeName;
    const node = nodeName ? byName.get(nodeName) : undefined;
    if (nodeName && !node) take(pod, `pod GC: node ${nodeName} no longer exists`, 'PodGC: node no longer exists');
    else if (pod.metadata.deletionTimestamp && node && unreachable(node)) take(pod, `pod GC: terminating on unreachable node ${nodeName}`, 'PodGC: node is unreachable');
    else if (pod.metadata.deletionTimestamp && !nodeName) take(pod, 'pod GC: terminating and never scheduled');
  }
  if (threshold > 0) {
    const terminated = pods.filter((p) => isPodTerminal(p));
    const excess = terminated.length - threshold;
    if (excess > 0) {
      const order = [...terminated].sort((a, b) => Number(isEvicted(b)) - Number(isEvicted(a)) || compareCreation(a, b));
      for (const pod of order.slice(0, excess)) if (!done.has(pod)) take(pod, `pod GC: more than ${threshold} terminated pods`);
    }
  }
  return actions;
}
