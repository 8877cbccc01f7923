/**
 * The RollingUpdate strategy (kube's rolling.go): grow the new ReplicaSet
 * while the sum of spec.replicas stays <= replicas + maxSurge, shrink old
 * ones while available pods stay >= replicas - maxUnavailable.
 */
import type { ReplicaSet } from '../api/types';
import type { RolloutPlan } from './deployment-plan';
import { activeReplicaSets, availableReplicaCount, byCreation, specReplicaCount, specReplicas } from './deployment-util';
import { newRSNewReplicas, type RolloutSets } from './deployment-new-rs';
import { desiredReplicas, maxUnavailable } from './int-or-percent';

/** kube's reconcileNewReplicaSet: scale the new ReplicaSet toward spec.replicas as far as the surge allows. */
export function reconcileNewReplicaSet(plan: RolloutPlan, all: readonly ReplicaSet[], newRS: ReplicaSet): boolean {
  const desired = desiredReplicas(plan.d);
  const current = specReplicas(newRS);
  if (current === desired) return false;
  if (current > desired) return plan.scaleTo(newRS, desired, 'rolling update: new ReplicaSet above desired');
  const next = newRSNewReplicas(plan.d, all, newRS);
  return plan.scaleTo(newRS, next, `rolling update (new RS ${next}/${desired})`);
}

/** Old pods that are not available can go first: removing them costs no availability. */
function cleanupUnhealthyReplicas(plan: RolloutPlan, olds: readonly ReplicaSet[], maxCleanup: number): number {
  let total = 0;
  for (const rs of [...olds].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const spec = specReplicas(rs);
    const unhealthy = spec - Math.min(rs.status?.availableReplicas ?? 0, spec);
    if (spec === 0 || unhealthy === 0) continue;
    const count = Math.min(maxCleanup - total, unhealthy);
    plan.scaleTo(rs, spec - count, 'rolling update: remove unavailable old pods');
    total += count;
  }
  return total;
}

/** Scale old ReplicaSets down (oldest first) by what availability above the minimum allows. */
function scaleDownOldForRollingUpdate(plan: RolloutPlan, all: readonly ReplicaSet[], olds: readonly ReplicaSet[], limit: number): number {
  const minAvailable = desiredReplicas(plan.d) - maxUnavailable(plan.d);
  const available = availableReplicaCount(all);
  if (available <= minAvailable) return 0;
  // kube does not cap by `limit` here; capping keeps one reconcile's several steps within what one kube sync allows.
  const target = Math.min(available - minAvailable, limit);
  let total = 0;
  for (const rs of [...olds].sort(byCreation)) {
    if (total >= target) break;
    const spec = specReplicas(rs);
    if (spec === 0) continue;
    const count = Math.min(spec, target - total);
    plan.scaleTo(rs, spec - count, 'rolling update');
    total += count;
  }
  return total;
}

/**
 * kube's reconcileOldReplicaSets: scale down at most
 * (sum of spec.replicas) - minAvailable - (new RS pods not yet available),
 * unhealthy old pods first, then available ones while availability allows.
 */
export function reconcileOldReplicaSets(plan: RolloutPlan, all: readonly ReplicaSet[], olds: readonly ReplicaSet[], newRS: ReplicaSet): boolean {
  if (specReplicaCount(olds) === 0) return false;
  const minAvailable = desiredReplicas(plan.d) - maxUnavailable(plan.d);
  const newUnavailable = specReplicas(newRS) - Math.min(newRS.status?.availableReplicas ?? 0, specReplicas(newRS));
  const maxScaledDown = specReplicaCount(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(plan, olds, maxScaledDown);
  const scaled = scaleDownOldForRollingUpdate(plan, all, olds, maxScaledDown - cleaned);
  return cleaned + scaled > 0;
}

/**
 * One rolling-update pass: kube's sync steps (scale new up, else scale old
 * down) repeated over the same observed statuses until neither moves, which
 * is where kube's successive syncs would get to before any pod changes;
 * doing it in one pass makes the result idempotent. Returns true when a
 * ReplicaSet was scaled.
 */
export function rollRollingUpdate(plan: RolloutPlan, sets: Required<RolloutSets>): boolean {
  const { newRS, olds } = sets;
  const all = [...olds, newRS];
  let scaled = false;
  for (let step = 0; step < 10_000; step++) {
    if (reconcileNewReplicaSet(plan, all, newRS)) {
      scaled = true;
      continue;
    }
    if (reconcileOldReplicaSets(plan, all, activeReplicaSets(olds), newRS)) {
      scaled = true;
      continue;
    }
    break;
  }
  return scaled;
}
