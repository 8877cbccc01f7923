/**
 * revisionHistoryLimit (kube's cleanupDeployment): old ReplicaSets are the
 * rollout history `kubectl rollout undo` goes back to; beyond the limit the
 * oldest revisions with no pods left are deleted.
 */
import type { ReplicaSet } from '../api/types';
import type { RolloutPlan } from './deployment-plan';
import { byRevision, revisionOf, specReplicas } from './deployment-util';

/**
 * Delete old ReplicaSets beyond spec.revisionHistoryLimit, lowest revision
 * first, skipping any that still has pods (spec or status), whose latest
 * spec its controller has not observed, that is being deleted, or that this
 * reconcile is changing. No limit set means keep everything.
 */
export function cleanupOldReplicaSets(plan: RolloutPlan, olds: readonly ReplicaSet[]): void {
  const limit = plan.d.spec.revisionHistoryLimit;
  if (limit === undefined || limit === null) return;
  const cleanable = olds.filter((rs) => !rs.metadata.deletionTimestamp && !!rs.metadata.uid);
  const excess = cleanable.length - limit;
  if (excess <= 0) return;
  const oldestFirst = [...cleanable].sort(byRevision);
  for (const rs of oldestFirst.slice(0, excess)) {
    const unobserved = (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0);
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || unobserved || plan.touched(rs)) continue;
    plan.remove(rs, `revision history limit ${limit}: delete revision ${revisionOf(rs)}`);
  }
}
