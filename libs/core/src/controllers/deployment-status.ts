/**
 * Deployment status (kube's calculateStatus / syncRolloutStatus /
 * syncDeploymentStatus / checkPausedConditions), written into the plan's
 * working status. `kubectl rollout status` reads exactly these fields:
 * observedGeneration >= generation, updatedReplicas == replicas (spec),
 * replicas == updatedReplicas (no old pods left), availableReplicas ==
 * updatedReplicas, and a Progressing reason other than ProgressDeadlineExceeded.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from '../api/types';
import {
  AVAILABLE, PROGRESSING, REPLICA_FAILURE, Reasons, deploymentComplete, deploymentProgressing, deploymentTimedOut,
  getCondition, hasProgressDeadline, newCondition, removeCondition, setCondition,
} from './deployment-conditions';
import type { RolloutPlan } from './deployment-plan';
import { actualReplicaCount, readyReplicaCount, specReplicaCount } from './deployment-util';
import { desiredReplicas, maxUnavailable } from './int-or-percent';
import { clone } from './object-util';

/** Counters kube serializes with omitempty: a zero is left out, as kube's JSON does. */
function setCount(status: DeploymentStatus, key: 'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas' | 'unavailableReplicas' | 'observedGeneration', n: number): void {
  if (n) status[key] = n;
  else delete status[key];
}

/** kube's calculateStatus: counts from the ReplicaSets' statuses and the Available condition. */
export function calculateStatus(plan: RolloutPlan, all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentStatus {
  const d = plan.d;
  const sets = all.filter((rs): rs is ReplicaSet => !!rs);
  const available = sets.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
  const status: DeploymentStatus = {};
  setCount(status, 'observedGeneration', d.metadata.generation ?? 0);
  setCount(status, 'replicas', actualReplicaCount(sets));
  setCount(status, 'updatedReplicas', actualReplicaCount([newRS]));
  setCount(status, 'readyReplicas', readyReplicaCount(sets));
  setCount(status, 'availableReplicas', available);
  setCount(status, 'unavailableReplicas', Math.max(0, specReplicaCount(sets) - available));
  if (plan.status.conditions) status.conditions = clone(plan.status.conditions);
  if (plan.status.collisionCount !== undefined) status.collisionCount = plan.status.collisionCount;
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, 'True', Reasons.minimumAvailable, 'Deployment has minimum availability.', plan.now));
  } else {
    setCondition(status, newCondition(AVAILABLE, 'False', Reasons.minimumUnavailable, 'Deployment does not have minimum availability.', plan.now));
  }
  return status;
}

/** kube's syncDeploymentStatus (scaling, paused, deleting): counts and Available only. */
export function syncDeploymentStatus(plan: RolloutPlan, all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
  plan.status = calculateStatus(plan, all, newRS);
}

/**
 * kube's syncRolloutStatus: counts plus the Progressing condition. Complete
 * → NewReplicaSetAvailable; any progress since the stored status →
 * ReplicaSetUpdated (lastUpdateTime refreshed, which restarts the deadline);
 * no progress for progressDeadlineSeconds → ProgressDeadlineExceeded. A
 * completed rollout is not re-evaluated until a new one starts.
 */
export function syncRolloutStatus(plan: RolloutPlan, all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
  const d = plan.d;
  const next = calculateStatus(plan, all, newRS);
  if (!hasProgressDeadline(d)) removeCondition(next, PROGRESSING);
  const current = getCondition(plan.status, PROGRESSING);
  const alreadyComplete = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === Reasons.newRSAvailable;
  if (hasProgressDeadline(d) && !alreadyComplete) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, next)) {
      setCondition(next, newCondition(PROGRESSING, 'True', Reasons.newRSAvailable, `${subject} has successfully progressed.`, plan.now));
    } else if (deploymentProgressing(d.status ?? {}, next)) {
      const cond = newCondition(PROGRESSING, 'True', Reasons.rsUpdated, `${subject} is progressing.`, plan.now);
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, PROGRESSING);
      }
      setCondition(next, cond);
    } else if (deploymentTimedOut(d, next, plan.now)) {
      setCondition(next, newCondition(PROGRESSING, 'False', Reasons.timedOut, `${subject} has timed out progressing.`, plan.now));
    }
  }
  // Our ReplicaSets never report ReplicaFailure, so there is none to copy up.
  removeCondition(next, REPLICA_FAILURE);
  if (next.conditions?.length === 0) delete next.conditions;
  plan.status = next;
}

/** kube's checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed, unless timed out. */
export function checkPausedConditions(plan: RolloutPlan): void {
  const d = plan.d;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(plan.status, PROGRESSING);
  if (cond?.reason === Reasons.timedOut) return;
  const pausedCond = cond?.reason === Reasons.paused;
  if (d.spec.paused && !pausedCond) {
    setCondition(plan.status, newCondition(PROGRESSING, 'Unknown', Reasons.paused, 'Deployment is paused', plan.now));
  } else if (!d.spec.paused && pausedCond) {
    setCondition(plan.status, newCondition(PROGRESSING, 'Unknown', Reasons.resumed, 'Deployment is resumed', plan.now));
  }
}

/**
 * When the Deployment must be reconciled again to notice a missed progress
 * deadline (kube's requeueStuckDeployment): the Progressing condition's
 * lastUpdateTime + progressDeadlineSeconds, plus a second of slack (the
 * check is strict, at second precision). Undefined when no deadline is
 * pending (none set, paused, complete or already timed out). Pure.
 */
export function deploymentRequeueAfterMs(d: Deployment, now: Date): number | undefined {
  const status = d.status ?? {};
  const cond = getCondition(status, PROGRESSING);
  if (!hasProgressDeadline(d) || !cond || d.spec.paused) return undefined;
  if (deploymentComplete(d, status) || cond.reason === Reasons.timedOut || cond.reason === Reasons.newRSAvailable) return undefined;
  const from = Date.parse(cond.lastUpdateTime ?? '');
  if (Number.isNaN(from)) return undefined;
  return Math.max(0, from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 - now.getTime()) + 1000;
}
