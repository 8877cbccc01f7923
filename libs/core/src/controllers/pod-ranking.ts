/**
 * Which pods a ReplicaSet deletes first when it has too many: kube's
 * ActivePodsWithRanks order (replica_set.go getPodsToDelete), so that
 * scaling down removes the pods whose loss hurts least.
 */
import type { Pod } from '../api/types';
import { isPodActive, isPodReady, podReadyTimeMs } from './pods';
import { timeMs } from './object-util';

/** The annotation a user sets to steer scale-down (lower cost goes first). */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function phaseOrdinal(pod: Pod): number {
  return PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0;
}

function deletionCost(pod: Pod): number {
  const n = Number.parseInt(pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION] ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}

function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/**
 * LogarithmicScaleDown (on by default since kube 1.22): times are compared
 * by the power of two of their age in nanoseconds, so pods of roughly the
 * same age count as equally old and the uid breaks the tie pseudo-randomly.
 */
function logRank(ms: number, nowMs: number): number {
  const ageNs = (nowMs - ms) * 1e6;
  return ageNs > 0 ? Math.floor(Math.log2(ageNs)) : -1;
}

/** Negative when `a` should go before `b`: an undefined time goes first, then the later one. */
function newerFirst(a: number | undefined, b: number | undefined, nowMs: number, uidA: string, uidB: string): number {
  if (a === b) return 0;
  if (a === undefined || b === undefined) return a === undefined ? -1 : 1;
  const diff = logRank(a, nowMs) - logRank(b, nowMs);
  if (diff !== 0) return diff;
  return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
}

/**
 * `pods` sorted so that the first ones are the best to delete:
 * 1. unassigned before assigned; 2. Pending < Unknown < Running;
 * 3. not ready before ready; 4. lower pod-deletion-cost first;
 * 5. doubled up (more active `related` pods on the same node) first;
 * 6. ready for less time first; 7. more container restarts first;
 * 8. created more recently first. `related` are the pods the rank of rule 5
 * counts (kube uses the pods of every ReplicaSet of the same owner). Pure.
 */
export function rankPodsForDeletion(pods: readonly Pod[], related: readonly Pod[], now: Date): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec.nodeName ?? '';
    perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const rank = (p: Pod): number => perNode.get(p.spec.nodeName ?? '') ?? 0;
  const nowMs = now.getTime();
  const compare = (a: Pod, b: Pod): number => {
    const na = a.spec.nodeName ?? '';
    const nb = b.spec.nodeName ?? '';
    if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
    if (phaseOrdinal(a) !== phaseOrdinal(b)) return phaseOrdinal(a) - phaseOrdinal(b);
    const ra = isPodReady(a);
    if (ra !== isPodReady(b)) return ra ? 1 : -1;
    if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) - deletionCost(b);
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    const uidA = a.metadata.uid ?? '';
    const uidB = b.metadata.uid ?? '';
    if (ra) {
      const byReady = newerFirst(podReadyTimeMs(a), podReadyTimeMs(b), nowMs, uidA, uidB);
      if (byReady !== 0) return byReady;
    }
    if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
    return newerFirst(timeMs(a.metadata.creationTimestamp), timeMs(b.metadata.creationTimestamp), nowMs, uidA, uidB);
  };
  return [...pods].sort(compare);
}
