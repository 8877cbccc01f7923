/**
 * Deployment conditions as kube's deploymentutil keeps them: a condition
 * is replaced only when its status or reason changes, and keeps its
 * lastTransitionTime while the status stays the same.
 */
import type { Condition, Deployment, DeploymentStatus } from '../api/types';
import { rfc3339 } from '../domain/timestamps';
import { desiredReplicas } from './int-or-percent';

export const AVAILABLE = 'Available';
export const PROGRESSING = 'Progressing';
export const REPLICA_FAILURE = 'ReplicaFailure';

/** Reasons of the Progressing and Available conditions (kube's deploymentutil constants). */
export const Reasons = {
  newRSCreated: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumAvailable: 'MinimumReplicasAvailable',
  minimumUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** A condition stamped `now` (lastUpdateTime and lastTransitionTime). */
export function newCondition(type: string, status: Condition['status'], reason: string, message: string, now: Date): Condition {
  const at = rfc3339(now);
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

export function getCondition(status: DeploymentStatus, type: string): Condition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
}

/** kube's SetDeploymentCondition: no-op for the same status and reason; appended after the others otherwise. */
export function setCondition(status: DeploymentStatus, condition: Condition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/** progressDeadlineSeconds is set (and not kube's "no deadline" MaxInt32). */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec.progressDeadlineSeconds;
  return s !== undefined && s !== null && s !== 2147483647;
}

/** kube's DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const desired = desiredReplicas(d);
  return (status.updatedReplicas ?? 0) === desired
    && (status.replicas ?? 0) === desired
    && (status.availableReplicas ?? 0) === desired
    && (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** kube's DeploymentProgressing: more updated/ready/available replicas, or fewer old ones, than `before`. */
export function deploymentProgressing(before: DeploymentStatus, after: DeploymentStatus): boolean {
  const oldBefore = (before.replicas ?? 0) - (before.updatedReplicas ?? 0);
  const oldAfter = (after.replicas ?? 0) - (after.updatedReplicas ?? 0);
  return (after.updatedReplicas ?? 0) > (before.updatedReplicas ?? 0)
    || oldAfter < oldBefore
    || (after.readyReplicas ?? 0) > (before.readyReplicas ?? 0)
    || (after.availableReplicas ?? 0) > (before.availableReplicas ?? 0);
}

/** kube's DeploymentTimedOut: the Progressing condition was last updated more than progressDeadlineSeconds ago. */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: Date): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getCondition(status, PROGRESSING);
  if (!cond || cond.reason === Reasons.newRSAvailable) return false;
  if (cond.reason === Reasons.timedOut) return true;
  const from = Date.parse(cond.lastUpdateTime ?? '');
  if (Number.isNaN(from)) return false;
  return from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 < now.getTime();
}
