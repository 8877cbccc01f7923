/**
 * Test support (not exported): drives the Deployment and ReplicaSet
 * reconcilers over a FakeCluster until nothing is left to do, with a hook
 * after every applied batch so specs can check invariants at each step.
 */
import type { Deployment, Pod, ReplicaSet } from '../api/types';
import { reconcileDeployment } from './deployment';
import type { FakeCluster } from './fake-cluster.test-helper';
import { reconcileReplicaSet } from './replicaset';
import { PROGRESSING, Reasons } from './deployment-conditions';

export type BatchHook = (source: string) => void;

/** Reconcile every Deployment and ReplicaSet until all return []; returns the number of batches applied. */
export function settle(cluster: FakeCluster, now: Date, hook: BatchHook = () => undefined): number {
  let batches = 0;
  for (let round = 0; round < 200; round++) {
    let changed = false;
    for (const d of cluster.list<Deployment>('Deployment')) {
      const actions = reconcileDeployment(d, cluster.list('ReplicaSet', d.metadata.namespace), cluster.list('Pod', d.metadata.namespace), now);
      if (!actions.length) continue;
      cluster.apply(actions, now);
      batches++;
      changed = true;
      hook(`deployment ${d.metadata.name}`);
    }
    for (const rs of cluster.list<ReplicaSet>('ReplicaSet')) {
      const actions = reconcileReplicaSet(rs, cluster.list('Pod', rs.metadata.namespace), now);
      if (!actions.length) continue;
      cluster.apply(actions, now);
      batches++;
      changed = true;
      hook(`replicaset ${rs.metadata.name}`);
    }
    if (!changed) return batches;
  }
  throw new Error('controllers did not settle');
}

/**
 * Alternate settling with the kubelet's work (pending pods become ready,
 * terminating pods go away), `stepMs` apart, until a whole tick changes
 * nothing. Returns the time reached.
 */
export function runUntilStable(cluster: FakeCluster, start: Date, hook?: BatchHook, stepMs = 10_000, afterTick?: () => void): Date {
  let now = start;
  for (let tick = 0; tick < 100; tick++) {
    settle(cluster, now, hook);
    afterTick?.();
    now = new Date(now.getTime() + stepMs);
    const moved = cluster.runPods(now) + cluster.finishTerminating();
    if (!moved) {
      settle(cluster, now, hook);
      return now;
    }
    hook?.('kubelet');
  }
  throw new Error('rollout did not finish');
}

/** What `kubectl rollout status` (DeploymentStatusViewer) would answer. */
export function rolloutStatus(d: Deployment): { done: boolean; message: string } {
  const s = d.status ?? {};
  const name = d.metadata.name;
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { done: false, message: 'Waiting for deployment spec update to be observed...' };
  const cond = s.conditions?.find((c) => c.type === PROGRESSING);
  if (cond?.reason === Reasons.timedOut) return { done: false, message: `deployment "${name}" exceeded its progress deadline` };
  const desired = d.spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  if (updated < desired) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${desired} new replicas have been updated...` };
  if ((s.replicas ?? 0) > updated) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...` };
  if ((s.availableReplicas ?? 0) < updated) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...` };
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}

/** Pods that count as available (ready, not terminating) in the namespace. */
export function availablePods(cluster: FakeCluster): Pod[] {
  return cluster.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}
