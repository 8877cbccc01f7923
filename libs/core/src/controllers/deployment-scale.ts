/**
 * Scaling a Deployment without a rollout (kube's sync/scale): when
 * spec.replicas changes mid-rollout, or while paused, the difference is
 * spread over the active ReplicaSets in proportion to their size, so a
 * scale-up does not all land on the old version (or the new one).
 */
import type { Deployment, ReplicaSet } from '../api/types';
import type { RolloutPlan } from './deployment-plan';
import {
  DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, activeReplicaSets, bySizeNewer, bySizeOlder, byCreation, intAnnotation,
  specReplicaCount, specReplicas,
} from './deployment-util';
import { desiredReplicas, isRollingUpdate, maxSurge } from './int-or-percent';

/** Go's integer.RoundToInt32: halves round away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? Math.ceil(x - 0.5) : Math.floor(x + 0.5);
}

/** kube's FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active; undefined when several are. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, olds: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && olds.length === 0) return undefined;
  const newestFirst = [...olds].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** kube's IsSaturated: the new ReplicaSet is at full size, annotated so, and fully available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
  return desired !== undefined && specReplicas(rs) === desiredReplicas(d) && desired === desiredReplicas(d)
    && (rs.status?.availableReplicas ?? 0) === desiredReplicas(d);
}

/** kube's isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
export function isScalingEvent(d: Deployment, newRS: ReplicaSet | undefined, olds: readonly ReplicaSet[]): boolean {
  return activeReplicaSets([...olds, newRS]).some((rs) => {
    const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
    return desired !== undefined && desired !== desiredReplicas(d);
  });
}

function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (desiredReplicas(d) === 0) return -specReplicas(rs);
  const maxNow = desiredReplicas(d) + maxSurge(d);
  let maxBefore = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? 0;
  if (!maxBefore) {
    // Annotation lost (edited, or scaled from zero): fall back to the Deployment's current size.
    maxBefore = d.status?.replicas ?? 0;
    if (!maxBefore) return 0;
  }
  return roundHalfAway((specReplicas(rs) * maxNow) / maxBefore) - specReplicas(rs);
}

function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * kube's scale: a single active (or the latest) ReplicaSet takes
 * spec.replicas; a saturated new one makes the old ones 0; otherwise, for
 * RollingUpdate, replicas + maxSurge minus the current total is spread in
 * proportion (larger sets first; newer first on the way up, older first on
 * the way down), leftovers to the first.
 */
export function scaleDeployment(plan: RolloutPlan, newRS: ReplicaSet | undefined, olds: readonly ReplicaSet[]): void {
  const d = plan.d;
  const desired = desiredReplicas(d);
  const single = findActiveOrLatest(newRS, olds);
  if (single) {
    plan.scaleTo(single, desired, 'scale');
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(olds)) plan.scaleTo(old, 0, 'scale: new ReplicaSet saturated');
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets([...olds, newRS]);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - specReplicaCount(all);
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  const sizes = new Map<ReplicaSet, number>();
  let added = 0;
  for (const rs of all) {
    const p = toAdd !== 0 ? proportion(rs, d, toAdd, added) : 0;
    sizes.set(rs, specReplicas(rs) + p);
    added += p;
  }
  all.forEach((rs, i) => {
    let size = sizes.get(rs)!;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    plan.scale(rs, size, 'proportional scaling');
  });
}
