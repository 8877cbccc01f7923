/**
 * Small facts about a pod that several scheduler parts need and that must
 * be read the same way everywhere: its key, priority, controller and
 * whether it still occupies a node.
 */
import type { Pod } from '../api/types';

/** `namespace/name`, the key of the cache and the queue. */
export function podKey(pod: Pick<Pod, 'metadata'>): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** spec.priority, which admission fills from the PriorityClass; 0 when unset, like corev1helpers.PodPriority. */
export function podPriority(pod: Pod): number {
  const p = pod.spec?.priority;
  return typeof p === 'number' && Number.isFinite(p) ? p : 0;
}

/** Succeeded and Failed pods hold no resources, so the scheduler does not count them. */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** The uid of the controlling owner (ReplicaSet, StatefulSet, ...), if any. */
export function controllerUid(pod: Pod): string | undefined {
  const refs: unknown = pod.metadata.ownerReferences;
  return Array.isArray(refs) ? (refs as ({ controller?: boolean; uid?: string } | null)[]).find((r) => r?.controller === true)?.uid : undefined;
}

/**
 * When the pod started, in ms, for preemption's "older pods are more
 * important" tie-break; status.startTime, else creationTimestamp, else now-ish (+Infinity).
 */
export function podStartMillis(pod: Pod): number {
  const t = Date.parse(pod.status?.startTime ?? pod.metadata.creationTimestamp ?? '');
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}
