/**
 * What a pod's row says, the way `kubectl get pods` says it: a status that
 * prefers a container's waiting/terminated reason over the bare phase,
 * ready containers, restarts.
 */
import type { Pod } from '@chronokube/core';

/** The status column: Terminating, a container reason (CrashLoopBackOff, ErrImagePull), or the phase. */
export function podStatus(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const st = pod.status;
  if (st?.reason) return st.reason;
  for (const cs of st?.containerStatuses ?? []) {
    const waiting = cs.state?.waiting?.reason;
    if (waiting) return waiting;
    const term = cs.state?.terminated?.reason;
    if (term && st?.phase !== 'Succeeded') return term;
  }
  return st?.phase ?? 'Pending';
}

/** The phase the overview counts by (Pending when the pod has no status yet). */
export function podPhase(pod: Pod): string {
  return pod.status?.phase ?? 'Pending';
}

/** `ready/total` containers. */
export function podReady(pod: Pod): string {
  const total = pod.spec?.containers?.length ?? 0;
  const ready = (pod.status?.containerStatuses ?? []).filter((c) => c.ready).length;
  return `${ready}/${total}`;
}

/** Restarts over all containers. */
export function podRestarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

/** A status's tone for colouring: ok, warn, bad or idle. */
export function statusTone(status: string): 'ok' | 'warn' | 'bad' | 'idle' {
  if (status === 'Running' || status === 'Succeeded' || status === 'Ready' || status === 'Completed') return 'ok';
  if (status === 'Pending' || status === 'ContainerCreating' || status === 'Terminating' || status === 'Unknown') return 'warn';
  if (status === 'Failed' || /Err|BackOff|Error|OOM|Evicted|NotReady/.test(status)) return 'bad';
  return 'idle';
}

/** The pod's Ready condition is True (a Running pod on a lost node is not). */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}
