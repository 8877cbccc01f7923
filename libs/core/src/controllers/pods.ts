/**
 * Pod predicates the controllers share, as kube's podutil and
 * controller.FilterActivePods define them.
 */
import type { Pod } from '../api/types';
import { findCondition, timeMs } from './object-util';

/** Succeeded or Failed: the pod's containers will not run again. */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Counts toward a controller's replicas: not terminal and not being deleted (kube's IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** The pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return findCondition(pod.status?.conditions, 'Ready')?.status === 'True';
}

/** When the pod last became ready (the Ready condition's lastTransitionTime), if ready. */
export function podReadyTimeMs(pod: Pod): number | undefined {
  const ready = findCondition(pod.status?.conditions, 'Ready');
  return ready?.status === 'True' ? timeMs(ready.lastTransitionTime) : undefined;
}

/**
 * The instant (ms) a ready pod counts as available: ready for more than
 * minReadySeconds (kube's IsPodAvailable compares strictly). Undefined
 * when it never will be as things stand: not ready, or (with
 * minReadySeconds > 0) ready without a transition time, as kube treats it.
 */
export function podAvailableAtMs(pod: Pod, minReadySeconds: number): number | undefined {
  if (!isPodReady(pod)) return undefined;
  if (!minReadySeconds) return Number.NEGATIVE_INFINITY;
  const since = podReadyTimeMs(pod);
  return since === undefined ? undefined : since + minReadySeconds * 1000;
}

/** Ready for at least minReadySeconds at `now`. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: Date): boolean {
  const at = podAvailableAtMs(pod, minReadySeconds);
  return at !== undefined && (at === Number.NEGATIVE_INFINITY || at < now.getTime());
}
