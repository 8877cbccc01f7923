/**
 * The Recreate strategy (kube's recreate.go): every old pod goes before any
 * new one starts.
 */
import type { Pod, ReplicaSet } from '../api/types';
import type { RolloutPlan } from './deployment-plan';
import { controllerRefOf } from './controller-ref';
import { actualReplicaCount, activeReplicaSets } from './deployment-util';
import { isPodTerminal } from './pods';

/**
 * kube's oldPodsRunning: an old ReplicaSet still reports pods, or a pod it
 * controls is not terminal (terminating pods count: they may still run).
 */
export function oldPodsRunning(olds: readonly ReplicaSet[], pods: readonly Pod[]): boolean {
  if (actualReplicaCount(olds) > 0) return true;
  const oldUids = new Set(olds.map((rs) => rs.metadata.uid).filter((u): u is string => !!u));
  return pods.some((p) => {
    const ref = controllerRefOf(p);
    return !!ref && oldUids.has(ref.uid) && !isPodTerminal(p);
  });
}

/** Scale every active old ReplicaSet to 0; true when one was scaled. */
export function scaleDownOldForRecreate(plan: RolloutPlan, olds: readonly ReplicaSet[]): boolean {
  let scaled = false;
  for (const rs of activeReplicaSets(olds)) if (plan.scaleTo(rs, 0, 'recreate: stop old pods')) scaled = true;
  return scaled;
}
