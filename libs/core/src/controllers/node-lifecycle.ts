/**
 * The node lifecycle controller (kube's nodelifecycle monitorNodeHealth,
 * condition tainting and NoExecute eviction) as a pure reconciler for one
 * node.
 */
import type { Condition, Lease, Node, Pod } from '../api/types';
import { deepEqual } from '../patch/json-value';
import { rfc3339 } from '../domain/timestamps';
import type { ControllerAction, ReconcileResult } from './actions';
import { taintEvictions } from './node-eviction';
import { TAINT_UNREACHABLE, reconcileTaints, wantedTaints } from './node-taints';
import { clone, findCondition, timeMs, unconditional } from './object-util';

export interface NodeLifecycleOptions {
  /** kube's --node-monitor-grace-period: heartbeat age after which the node is unreachable (default 40). */
  gracePeriodSeconds?: number;
  /** kube's --node-startup-grace-period: the same for a node whose kubelet never posted Ready (default 60). */
  startupGracePeriodSeconds?: number;
  /** DefaultTolerationSeconds for pods that carry no tolerations at all (default 300). */
  defaultTolerationSeconds?: number;
}

/** The conditions kube marks Unknown when the kubelet goes silent (NetworkUnavailable belongs to the network plugin). */
/** Where each node's heartbeat Lease lives (kube's kube-node-lease namespace). */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

const SILENCED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/**
 * The latest sign of life (ms): the lease's renewTime, the Ready condition's
 * lastHeartbeatTime, or the node's creation while it never posted Ready.
 * kube keeps its own observation time to be immune to clock skew; this
 * reads the timestamps and so assumes the kubelets' clocks agree with ours.
 */
function lastHeartbeatMs(node: Node, lease: Lease | undefined): number | undefined {
  const ready = findCondition(node.status?.conditions, 'Ready');
  // Creation counts as a sign of life too: a node registered Ready without a
  // heartbeat time (or lease yet) gets its grace period, as kube's first
  // observation gives it.
  const times = [timeMs(lease?.spec?.renewTime), timeMs(ready?.lastHeartbeatTime), timeMs(node.metadata.creationTimestamp)];
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

/** kube's tryUpdateNodeHealth when the grace period has passed: every silenced condition becomes Unknown. */
function silencedConditions(node: Node, now: Date): Condition[] {
  const stamp = rfc3339(now);
  const conditions = clone(node.status?.conditions ?? []);
  for (const type of SILENCED) {
    const current = conditions.find((c) => c.type === type);
    if (!current) {
      conditions.push({
        type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: stamp,
      });
    } else if (current.status !== 'Unknown') {
      Object.assign(current, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: stamp });
    }
  }
  return conditions;
}

/**
 * kube's MarkPodsNotReady: a pod on a node that is not Ready cannot be
 * known to serve, so its Ready condition goes False (the Endpoints then
 * drop it); the kubelet sets it True again once it reports. Undefined when
 * there is nothing to change.
 */
function podNotReady(pod: Pod, nodeName: string, now: Date): ControllerAction | undefined {
  if (pod.spec?.nodeName !== nodeName) return undefined;
  const ready = findCondition(pod.status?.conditions, 'Ready');
  if (!ready || ready.status === 'False') return undefined;
  const stamp = rfc3339(now);
  const conditions = (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastProbeTime: c.lastProbeTime ?? null, lastTransitionTime: stamp } : c));
  return {
    type: 'updateStatus', kind: 'Pod', namespace: pod.metadata.namespace,
    object: { ...pod, status: { ...pod.status, conditions } },
    reason: `pod ${pod.metadata.namespace}/${pod.metadata.name}: node ${nodeName} is not ready`,
  };
}

/**
 * One pass over `node`, given its lease (kube-node-lease/<name>) and the
 * pods bound to it:
 * - when the last heartbeat is older than the grace period: Ready,
 *   MemoryPressure, DiskPressure and PIDPressure become Unknown
 *   (NodeStatusUnknown, "Kubelet stopped posting node status.") —
 *   an updateStatus;
 * - the controller's taints follow the conditions: unreachable (Ready
 *   Unknown) or not-ready (Ready False) as NoSchedule + NoExecute with
 *   timeAdded, pressure and unschedulable as NoSchedule; removed once the
 *   kubelet reports Ready again — an update;
 * - while the node is not Ready, its pods' Ready condition goes False
 *   (kube's MarkPodsNotReady) — an updateStatus per pod still Ready;
 * - NoExecute eviction of pods that do not tolerate the taints, each when
 *   its tolerationSeconds since timeAdded have passed. From an unreachable
 *   node the delete uses gracePeriodSeconds 0: no kubelet will ever confirm
 *   a graceful deletion there (kube leaves such pods Terminating until pod
 *   GC or the out-of-service taint force-deletes them; we do it at once).
 * requeueAfterMs says when time alone changes the answer: the heartbeat
 * expiring, or the next pod's toleration running out. kube's per-zone
 * eviction rate limits and full-disruption mode are not modelled. Pure;
 * idempotent at a given `now`.
 */
export function reconcileNodeLifecycle(node: Node, lease: Lease | undefined, podsOnNode: readonly Pod[], now: Date, options: NodeLifecycleOptions = {}): ReconcileResult {
  const hasReady = !!findCondition(node.status?.conditions, 'Ready');
  const graceMs = (hasReady ? options.gracePeriodSeconds ?? 40 : options.startupGracePeriodSeconds ?? 60) * 1000;
  const heartbeat = lastHeartbeatMs(node, lease);
  const nowMs = now.getTime();
  const stale = heartbeat === undefined || nowMs > heartbeat + graceMs;

  const result: ReconcileResult = { actions: [] };
  let written = false;
  const conditions = stale ? silencedConditions(node, now) : node.status?.conditions ?? [];
  if (!deepEqual(conditions, node.status?.conditions ?? [])) {
    result.actions.push({
      type: 'updateStatus', kind: 'Node', object: { ...node, status: { ...node.status, conditions } },
      reason: `node ${node.metadata.name}: no heartbeat for ${Math.round((nowMs - (heartbeat ?? nowMs)) / 1000)}s`,
    });
    written = true;
  }

  const taints = reconcileTaints(node.spec?.taints ?? [], wantedTaints(node, conditions), now);
  const tainted: Node = { ...node, spec: { ...node.spec, taints } };
  if (!taints.length) delete tainted.spec!.taints;
  if (!deepEqual(taints, node.spec?.taints ?? [])) {
    const ready = conditions.find((c) => c.type === 'Ready')?.status ?? 'absent';
    result.actions.push({ type: 'update', kind: 'Node', object: written ? unconditional(tainted) : tainted, reason: `node ${node.metadata.name}: taints for Ready=${ready}` });
  }

  const unreachable = taints.some((t) => t.key === TAINT_UNREACHABLE && t.effect === 'NoExecute');
  const evictions = taintEvictions(tainted, podsOnNode, now, { defaultTolerationSeconds: options.defaultTolerationSeconds ?? 300, force: unreachable });
  const evicted = new Set(evictions.actions.map((a) => (a.type === 'delete' ? `${a.namespace}/${a.name}` : '')));
  if (conditions.find((c) => c.type === 'Ready')?.status !== 'True') {
    for (const pod of podsOnNode) {
      if (!evicted.has(`${pod.metadata.namespace}/${pod.metadata.name}`)) {
        const action = podNotReady(pod, node.metadata.name!, now);
        if (action) result.actions.push(action);
      }
    }
  }
  result.actions.push(...evictions.actions);

  const waits: number[] = [];
  if (!stale && heartbeat !== undefined) waits.push(heartbeat + graceMs - nowMs + 1);
  if (evictions.nextAtMs !== undefined) waits.push(evictions.nextAtMs - nowMs);
  if (waits.length) result.requeueAfterMs = Math.max(0, Math.min(...waits));
  return result;
}
