/**
 * NoExecute taint eviction (kube's taint eviction controller): a pod on a
 * node with NoExecute taints is deleted at once if some taint is not
 * tolerated, else when the shortest tolerationSeconds of its matching
 * tolerations has passed since the taint's timeAdded (no tolerationSeconds
 * = tolerate forever). kube starts the clock when its controller observes
 * the taint; timeAdded is the persisted equivalent a pure function can read.
 */
import type { Condition, Node, Pod, Taint, Toleration } from '../api/types';
import { rfc3339 } from '../domain/timestamps';
import type { ControllerAction } from './actions';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from './node-taints';
import { findCondition, timeMs } from './object-util';
import { isPodTerminal } from './pods';
import { matchingToleration } from './tolerations';

export interface EvictionOptions {
  /**
   * Seconds a pod that never went through admission (no `tolerations` at
   * all) tolerates not-ready/unreachable: the DefaultTolerationSeconds
   * admission plugin gives every other pod these tolerations explicitly.
   */
  defaultTolerationSeconds: number;
  /** Delete with gracePeriodSeconds 0 (the node is unreachable: its kubelet can never finish a graceful deletion). */
  force: boolean;
}

export interface Evictions {
  actions: ControllerAction[];
  /** The next instant (ms) a tolerating pod runs out of toleration, if any. */
  nextAtMs?: number;
}

/** The pod's tolerations, with admission's defaults for a pod that has none at all. */
function tolerationsOf(pod: Pod, defaultSeconds: number): Toleration[] {
  if (pod.spec.tolerations) return pod.spec.tolerations;
  return [TAINT_NOT_READY, TAINT_UNREACHABLE].map((key) => ({ key, operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: defaultSeconds }));
}

/** When `pod` must go (ms; -Infinity = now, Infinity = never), and the taint that decides it. */
export function evictionDeadline(pod: Pod, taints: readonly Taint[], nowMs: number, defaultSeconds: number): { atMs: number; taint?: Taint; seconds?: number } {
  const tolerations = tolerationsOf(pod, defaultSeconds);
  let best: { atMs: number; taint?: Taint; seconds?: number } = { atMs: Number.POSITIVE_INFINITY };
  for (const taint of taints) {
    const toleration = matchingToleration(tolerations, taint);
    if (!toleration) return { atMs: Number.NEGATIVE_INFINITY, taint };
    const seconds = toleration.tolerationSeconds;
    if (seconds === undefined || seconds === null) continue;
    const since = timeMs(taint.timeAdded) ?? nowMs;
    const atMs = since + Math.max(0, seconds) * 1000;
    if (atMs < best.atMs) best = { atMs, taint, seconds };
  }
  return best;
}

function disruptionCondition(pod: Pod, now: Date): Condition | undefined {
  const existing = findCondition(pod.status?.conditions, 'DisruptionTarget');
  if (existing?.status === 'True') return undefined;
  return { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: rfc3339(now) };
}

/**
 * Evictions of `pods` (those bound to `node`) under the node's NoExecute
 * taints: a status update adding the DisruptionTarget condition (as kube
 * does before deleting), then the deletion. Pods already terminating or
 * terminal are left to pod GC. Pure.
 */
export function taintEvictions(node: Node, pods: readonly Pod[], now: Date, options: EvictionOptions): Evictions {
  const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  const out: Evictions = { actions: [] };
  if (!taints.length) return out;
  const nowMs = now.getTime();
  for (const pod of pods) {
    if (pod.spec.nodeName !== node.metadata.name || pod.metadata.deletionTimestamp || isPodTerminal(pod)) continue;
    const { atMs, taint, seconds } = evictionDeadline(pod, taints, nowMs, options.defaultTolerationSeconds);
    if (atMs > nowMs) {
      if (atMs !== Number.POSITIVE_INFINITY) out.nextAtMs = Math.min(out.nextAtMs ?? atMs, atMs);
      continue;
    }
    const why = seconds === undefined
      ? `NoExecute taint ${taint?.key} on node ${node.metadata.name} not tolerated`
      : `NoExecute taint ${taint?.key} on node ${node.metadata.name} tolerated for ${seconds}s only`;
    const condition = disruptionCondition(pod, now);
    if (condition) {
      const status = { ...pod.status, conditions: [...(pod.status?.conditions ?? []), condition] };
      out.actions.push({ type: 'updateStatus', kind: 'Pod', namespace: pod.metadata.namespace, object: { ...pod, status }, reason: why });
    }
    const del: ControllerAction = { type: 'delete', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name ?? '', uid: pod.metadata.uid, reason: `evict: ${why}` };
    if (options.force) del.gracePeriodSeconds = 0;
    out.actions.push(del);
  }
  return out;
}
