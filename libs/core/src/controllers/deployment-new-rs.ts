/**
 * Finding or creating the Deployment's "new" ReplicaSet, the one whose
 * template equals the Deployment's (kube's getNewReplicaSet), and keeping
 * the revision annotations right. A rollback (`kubectl rollout undo` patches
 * the template back) simply finds an old ReplicaSet as the new one and
 * raises its revision.
 */
import type { Deployment, ReplicaSet } from '../api/types';
import { newControllerRef } from './controller-ref';
import { PROGRESSING, Reasons, getCondition, newCondition, setCondition } from './deployment-conditions';
import type { RolloutPlan } from './deployment-plan';
import {
  REVISION_ANNOTATION, byCreation, equalIgnoreHash, maxRevision, setNewReplicaSetAnnotations, specReplicaCount, specReplicas,
} from './deployment-util';
import { desiredReplicas, isRollingUpdate, maxSurge } from './int-or-percent';
import { clone } from './object-util';
import { POD_TEMPLATE_HASH_LABEL, computeTemplateHash } from './template-hash';

/** The new ReplicaSet (if any) and the others, as working copies of the plan. */
export interface RolloutSets {
  newRS?: ReplicaSet;
  olds: ReplicaSet[];
}

/** The oldest ReplicaSet whose template equals the Deployment's, ignoring the hash label. */
export function findNewReplicaSet(d: Deployment, sets: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...sets].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/**
 * kube's NewRSNewReplicas: how big the new ReplicaSet may be now. Rolling:
 * grow by what the surge leaves (sum of spec.replicas <= replicas +
 * maxSurge), never beyond the desired replicas; Recreate: all at once.
 */
export function newRSNewReplicas(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d)) return desired;
  const maxTotal = desired + maxSurge(d);
  const current = specReplicaCount(all);
  if (current >= maxTotal) return specReplicas(newRS);
  return specReplicas(newRS) + Math.min(maxTotal - current, desired - specReplicas(newRS));
}

function setDeploymentRevision(plan: RolloutPlan, revision: string | undefined): void {
  if (revision !== undefined && plan.annotations[REVISION_ANNOTATION] !== revision) plan.annotations[REVISION_ANNOTATION] = revision;
}

/** A fresh ReplicaSet for the Deployment's template, named `<deployment>-<hash>`. */
function buildNewReplicaSet(d: Deployment, hash: string): ReplicaSet {
  const template = clone(d.spec.template);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = clone(d.spec.selector);
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
    },
    spec: { replicas: 0, selector, template },
  };
  if (d.spec.minReadySeconds) rs.spec.minReadySeconds = d.spec.minReadySeconds;
  return rs;
}

/**
 * kube's getAllReplicaSetsAndSyncRevision over the plan's ReplicaSets. An
 * existing new ReplicaSet gets revision = max(old revisions) + 1 when lower
 * (recording the previous one in revision-history), the Deployment's
 * annotations and minReadySeconds; the Deployment's revision annotation
 * follows it, and a missing Progressing condition becomes FoundNewReplicaSet.
 * With `create`, a missing one is created (NewReplicaSetCreated), sized by
 * newRSNewReplicas; a name already taken in the namespace by another
 * template is a hash collision: status.collisionCount is bumped and the
 * plan only writes that. Idempotent on the plan.
 */
export function resolveReplicaSets(plan: RolloutPlan, inNamespace: readonly ReplicaSet[], create: boolean): RolloutSets {
  const d = plan.d;
  const sets = plan.replicaSets;
  const existing = findNewReplicaSet(d, sets);
  const olds = sets.filter((rs) => rs !== existing);
  const newRevision = maxRevision(olds) + 1;
  const desired = desiredReplicas(d);
  if (existing) {
    const before = existing.metadata.annotations?.[REVISION_ANNOTATION];
    if (setNewReplicaSetAnnotations(d, existing, newRevision, true, desired, desired + maxSurge(d))) {
      const now = existing.metadata.annotations?.[REVISION_ANNOTATION];
      plan.note(existing, before !== now ? `revision ${before ?? 'none'} -> ${now}` : 'copy deployment annotations');
    }
    if ((existing.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
      existing.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
      plan.note(existing, `minReadySeconds ${existing.spec.minReadySeconds}`);
    }
    setDeploymentRevision(plan, existing.metadata.annotations?.[REVISION_ANNOTATION]);
    if (!getCondition(plan.status, PROGRESSING)) {
      setCondition(plan.status, newCondition(PROGRESSING, 'True', Reasons.foundNewRS, `Found new replica set "${existing.metadata.name}"`, plan.now));
    }
    return { newRS: existing, olds };
  }
  if (!create || plan.collided) return { olds };

  const hash = computeTemplateHash(d.spec.template, plan.status.collisionCount);
  const candidate = buildNewReplicaSet(d, hash);
  if (inNamespace.some((rs) => rs.metadata.name === candidate.metadata.name)) {
    plan.status.collisionCount = (plan.status.collisionCount ?? 0) + 1;
    plan.collided = true;
    return { olds };
  }
  candidate.spec.replicas = newRSNewReplicas(d, [...olds, candidate], candidate);
  setNewReplicaSetAnnotations(d, candidate, newRevision, false, desired, desired + maxSurge(d));
  const newRS = plan.add(candidate, `new ReplicaSet for revision ${newRevision}`);
  setDeploymentRevision(plan, String(newRevision));
  setCondition(plan.status, newCondition(PROGRESSING, 'True', Reasons.newRSCreated, `Created new replica set "${newRS.metadata.name}"`, plan.now));
  return { newRS, olds };
}
