/**
 * Preemption as a dry run (kube's DefaultPreemption PostFilter): when no
 * node fits, would evicting lower-priority pods make one fit? Nodes whose
 * failure eviction cannot fix (taints, selectors, too small outright) are
 * skipped; on the others all lower-priority pods are removed in a copy,
 * the filters re-run, and the most important pods are then put back while
 * the pod still fits. The outcome is either a candidate (node + victims)
 * for the caller to act on, or kube's "preemption: ..." explanation.
 */
import type { Pod } from '../api/types';
import { fitErrorMessage, reasonHistogram } from './fit-error';
import type { FilterPlugin, SchedulingContext } from './framework';
import type { NodeInfo, PodInfo } from './node-info';
import { podPriority, podStartMillis } from './pod-helpers';
import { runFilters, type NodeFailure } from './run-filters';
import type { ClusterView } from './scheduler-cache';

/** kube's status for nodes where preemption cannot help. */
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
/** kube's status for nodes with no lower-priority pod to evict. */
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';

/** What preemption concluded. */
export interface PreemptionOutcome {
  /** The PostFilter message for the FailedScheduling event; '' when a candidate was found. */
  message: string;
  /** Where the pod would fit after evicting `victims` (most important first). */
  candidate?: { nodeName: string; victims: Pod[] };
}

/** kube's DefaultPreemptionArgs defaults: dry-run until max(10% of nodes, 100) candidates are found. */
function numCandidates(numNodes: number): number {
  return Math.min(numNodes, Math.max(Math.trunc(numNodes / 10), 100));
}

/** More important first: higher priority, then the longer-running pod (kube's MoreImportantPod). */
function moreImportantFirst(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  // Compare rather than subtract: unknown start times are +Infinity, and Infinity - Infinity is NaN.
  const sa = podStartMillis(a.pod);
  const sb = podStartMillis(b.pod);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

type VictimResult = { victims: PodInfo[] } | { reasons: string[] };

/** kube's SelectVictimsOnNode without PodDisruptionBudgets. */
export function selectVictimsOnNode(pod: Pod, nodeInfo: NodeInfo, filters: readonly FilterPlugin[], ctx: SchedulingContext): VictimResult {
  const priority = podPriority(pod);
  const copy = nodeInfo.clone();
  const potential = [...copy.pods.values()].filter((p) => p.priority < priority);
  if (potential.length === 0) return { reasons: [NO_PREEMPTION_VICTIMS] };
  for (const p of potential) copy.removePod(p.key);
  const failure = runFilters(pod, copy, filters, ctx);
  if (failure) return { reasons: failure.reasons };
  const victims: PodInfo[] = [];
  for (const p of potential.sort(moreImportantFirst)) {
    copy.addPod(p);
    if (runFilters(pod, copy, filters, ctx)) {
      copy.removePod(p.key);
      victims.push(p);
    }
  }
  return { victims };
}

/** Lowest "damage": lowest top victim priority, then lowest offset priority sum, then fewest victims (kube's pickOneNodeForPreemption, minus PDBs and start times). */
function pickCandidate(candidates: { nodeName: string; victims: PodInfo[] }[]): { nodeName: string; victims: PodInfo[] } {
  const offset = 2 ** 31; // kube shifts priorities so negative ones still add up as costs
  const key = (c: { victims: PodInfo[] }) => [
    Math.max(...c.victims.map((v) => v.priority), -Infinity),
    c.victims.reduce((s, v) => s + v.priority + offset, 0),
    c.victims.length,
  ];
  let best = candidates[0];
  let bestKey = key(best);
  for (const c of candidates.slice(1)) {
    const k = key(c);
    const i = k.findIndex((v, j) => v !== bestKey[j]);
    if (i >= 0 && k[i] < bestKey[i]) {
      best = c;
      bestKey = k;
    }
  }
  return best;
}

function ineligibility(pod: Pod, cluster: ClusterView, failures: ReadonlyMap<string, NodeFailure>): string | undefined {
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.status?.nominatedNodeName;
  if (!nominated || failures.get(nominated)?.unresolvable) return undefined;
  const info = cluster.get(nominated);
  const priority = podPriority(pod);
  // Victims chosen earlier are still terminating: wait for them rather than evict more.
  for (const p of info?.pods.values() ?? []) {
    if (p.priority < priority && p.pod.metadata.deletionTimestamp) return 'not eligible due to a terminating pod on the nominated node.';
  }
  return undefined;
}

/**
 * Dry-run preemption for a pod no node fits. `failures` holds every
 * node's filter failure; `offset` picks where the candidate search starts
 * (kube uses a random offset).
 */
export function dryRunPreemption(
  pod: Pod, cluster: ClusterView, filters: readonly FilterPlugin[], ctx: SchedulingContext,
  failures: ReadonlyMap<string, NodeFailure>, offset = 0,
): PreemptionOutcome {
  const notEligible = ineligibility(pod, cluster, failures);
  if (notEligible) return { message: `preemption: ${notEligible}` };
  const names = cluster.nodeNames();
  const statuses = new Map<string, { reasons: string[] }>();
  const potential: NodeInfo[] = [];
  for (const name of names) {
    const f = failures.get(name);
    const info = cluster.get(name);
    if (!f || f.unresolvable || !info) statuses.set(name, { reasons: [PREEMPTION_NOT_HELPFUL] });
    else potential.push(info);
  }
  const wanted = numCandidates(potential.length);
  const candidates: { nodeName: string; victims: PodInfo[] }[] = [];
  const start = potential.length ? ((Math.trunc(offset) % potential.length) + potential.length) % potential.length : 0;
  for (let i = 0; i < potential.length && candidates.length < wanted; i++) {
    const info = potential[(start + i) % potential.length];
    const r = selectVictimsOnNode(pod, info, filters, ctx);
    if ('victims' in r) candidates.push({ nodeName: info.name, victims: r.victims });
    else statuses.set(info.name, r);
  }
  if (candidates.length === 0) {
    return { message: `preemption: ${fitErrorMessage(names.length, reasonHistogram(statuses.values()))}` };
  }
  const best = pickCandidate(candidates);
  return { message: '', candidate: { nodeName: best.nodeName, victims: best.victims.map((v) => v.pod) } };
}
