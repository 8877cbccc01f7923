/**
 * The Deployment controller (kube's deployment_controller.go
 * syncDeployment) as a pure reconciler. Helpers: deployment-new-rs (find /
 * create the new ReplicaSet, revisions), deployment-rolling,
 * deployment-recreate, deployment-scale (proportional scaling),
 * deployment-history (revisionHistoryLimit), deployment-status
 * (status and conditions), deployment-plan (working copies → actions).
 */
import type { Deployment, Pod, ReplicaSet } from '../api/types';
import { selectorFromLabelSelector, type LabelMatcher } from '../selectors';
import type { ControllerAction } from './actions';
import { claimObjects, newControllerRef } from './controller-ref';
import { deploymentComplete } from './deployment-conditions';
import { cleanupOldReplicaSets } from './deployment-history';
import { resolveReplicaSets } from './deployment-new-rs';
import { RolloutPlan } from './deployment-plan';
import { oldPodsRunning, scaleDownOldForRecreate } from './deployment-recreate';
import { rollRollingUpdate } from './deployment-rolling';
import { isScalingEvent, scaleDeployment } from './deployment-scale';
import { checkPausedConditions, syncDeploymentStatus, syncRolloutStatus } from './deployment-status';
import { desiredReplicas, isRollingUpdate } from './int-or-percent';

function selectsEverything(d: Deployment): boolean {
  const sel = d.spec.selector;
  return !!sel && !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length;
}

function selectorOf(d: Deployment): LabelMatcher | undefined {
  try {
    return selectorFromLabelSelector(d.spec.selector);
  } catch {
    return undefined;
  }
}

/** Claim the namespace's ReplicaSets: adopted ones are tracked as changed copies, released ones written first. */
function claimReplicaSets(plan: RolloutPlan, replicaSets: readonly ReplicaSet[], selector: LabelMatcher): void {
  const d = plan.d;
  const claim = claimObjects(d, newControllerRef(d, 'apps/v1', 'Deployment'), replicaSets, (rs) => selector.matches(rs.metadata.labels));
  const adopted = new Set(claim.adopted);
  for (const rs of claim.claimed) {
    const original = replicaSets.find((o) => o.metadata.uid === rs.metadata.uid) ?? rs;
    if (adopted.has(rs)) plan.track(original, rs, `adopt orphan ReplicaSet matching Deployment ${d.metadata.name} selector`);
    else plan.track(original);
  }
  for (const rs of claim.released) {
    plan.push({ type: 'update', kind: 'ReplicaSet', namespace: rs.metadata.namespace, object: rs, reason: `release ReplicaSet no longer matching Deployment ${d.metadata.name} selector` }, true);
  }
}

/** kube's sync: scaling (or paused) without a rollout. */
function syncScaling(plan: RolloutPlan, replicaSets: readonly ReplicaSet[]): void {
  const { newRS, olds } = resolveReplicaSets(plan, replicaSets, false);
  scaleDeployment(plan, newRS, olds);
  if (plan.d.spec.paused) cleanupOldReplicaSets(plan, olds);
  syncDeploymentStatus(plan, [...olds, newRS], newRS);
}

function rolloutRolling(plan: RolloutPlan, replicaSets: readonly ReplicaSet[]): void {
  const { newRS, olds } = resolveReplicaSets(plan, replicaSets, true);
  if (!newRS) return; // hash collision: only collisionCount is written, the next reconcile retries.
  const scaled = rollRollingUpdate(plan, { newRS, olds });
  if (!scaled && deploymentComplete(plan.d, plan.d.status ?? {})) cleanupOldReplicaSets(plan, olds);
  syncRolloutStatus(plan, [...olds, newRS], newRS);
}

function rolloutRecreate(plan: RolloutPlan, replicaSets: readonly ReplicaSet[], pods: readonly Pod[]): void {
  let { newRS, olds } = resolveReplicaSets(plan, replicaSets, false);
  if (scaleDownOldForRecreate(plan, olds) || oldPodsRunning(olds, pods)) {
    syncRolloutStatus(plan, [...olds, newRS], newRS);
    return;
  }
  if (!newRS) ({ newRS, olds } = resolveReplicaSets(plan, replicaSets, true));
  if (!newRS) return;
  plan.scaleTo(newRS, desiredReplicas(plan.d), 'recreate: start new pods');
  if (deploymentComplete(plan.d, plan.d.status ?? {})) cleanupOldReplicaSets(plan, olds);
  syncRolloutStatus(plan, [...olds, newRS], newRS);
}

/**
 * Actions that move Deployment `d` toward its spec, given every ReplicaSet
 * and pod of its namespace, as kube's deployment controller would:
 * - claim ReplicaSets (adopt orphans the selector matches, release others);
 * - the new ReplicaSet `<name>-<pod-template-hash>` (template labels and
 *   selector carry `pod-template-hash`; revision = max old revision + 1;
 *   desired-replicas / max-replicas annotations); an old ReplicaSet whose
 *   template matches again (rollout undo) is reused and gets the next
 *   revision, its previous one going to revision-history;
 * - RollingUpdate (sum of spec.replicas <= replicas + maxSurge, available
 *   >= replicas - maxUnavailable), Recreate (old to 0, wait for their pods
 *   to be gone, then new), proportional scaling when spec.replicas changes
 *   mid-rollout, no rollout while paused (scaling still applies);
 * - revisionHistoryLimit cleanup;
 * - status (observedGeneration, replica counts, Available and Progressing
 *   conditions, the Deployment's revision annotation) when it changes.
 * A rollout step over unchanged pod state is taken to its end in one call,
 * so applying the actions and reconciling again yields [] until pods or
 * ReplicaSet statuses change. Pure; `now` stamps conditions.
 */
export function reconcileDeployment(d: Deployment, replicaSets: readonly ReplicaSet[], pods: readonly Pod[], now: Date): ControllerAction[] {
  if (!d.metadata.uid) return [];
  const plan = new RolloutPlan(d, now);
  if (selectsEverything(d)) {
    // kube refuses to act on a selector that selects every pod; it only acknowledges the spec.
    const generation = d.metadata.generation ?? 0;
    if ((d.status?.observedGeneration ?? 0) < generation) plan.status.observedGeneration = generation;
    return plan.actions();
  }
  const selector = selectorOf(d);
  if (!selector) return [];
  const namespace = d.metadata.namespace;
  const sets = replicaSets.filter((rs) => rs.metadata.namespace === namespace);
  claimReplicaSets(plan, sets, selector);

  if (d.metadata.deletionTimestamp) {
    const { newRS, olds } = resolveReplicaSets(plan, sets, false);
    syncDeploymentStatus(plan, [...olds, newRS], newRS);
    return plan.actions();
  }
  checkPausedConditions(plan);
  const current = resolveReplicaSets(plan, sets, false);
  if (d.spec.paused || isScalingEvent(d, current.newRS, current.olds)) syncScaling(plan, sets);
  else if (isRollingUpdate(d)) rolloutRolling(plan, sets);
  else rolloutRecreate(plan, sets, pods.filter((p) => p.metadata.namespace === namespace));
  return plan.actions();
}
