/**
 * One scheduling attempt for one pod (kube's schedulePod): filter nodes
 * round-robin from where the last attempt stopped until enough feasible
 * ones are found, score those, pick the best. If none fits, explain why in
 * kube's words and dry-run preemption. Pure: the cluster view, the start
 * index and the random source are inputs; nothing is mutated.
 */
import type { Pod } from '../api/types';
import { NO_NODES_AVAILABLE, fitErrorMessage, reasonHistogram } from './fit-error';
import { newSchedulingContext, type SchedulingContext } from './framework';
import type { NodeInfo } from './node-info';
import { podKey } from './pod-helpers';
import { dryRunPreemption } from './preemption';
import type { SchedulerProfile } from './profile';
import type { RandomSource } from './random';
import { resolveProfile, runFilters, type NodeFailure, type ResolvedProfile } from './run-filters';
import { numFeasibleNodesToFind } from './sampling';
import type { ClusterView } from './scheduler-cache';
import { scoreNodes, selectHost, type NodeScore } from './select-host';

/** Inputs that make an attempt reproducible. */
export interface ScheduleOptions {
  /** Where round-robin filtering starts (the previous result's nextStartIndex). */
  startIndex: number;
  /** Tie-breaking randomness in [0, 1); without it the first best node evaluated wins. */
  rand?: RandomSource;
}

/** The pod fits: bind it to nodeName. */
export interface Scheduled {
  status: 'Scheduled';
  nodeName: string;
  /** Feasible nodes found (and scored). */
  feasibleNodes: number;
  /** Nodes filtered: feasible + rejected. */
  evaluatedNodes: number;
  /** The best (up to) 3 nodes, the chosen one first, for explaining the decision. */
  topScores: NodeScore[];
  nextStartIndex: number;
}

/** No node fits now. */
export interface Unschedulable {
  status: 'Unschedulable';
  /** The FailedScheduling event message / PodScheduled condition message, as kube words it. */
  message: string;
  /** How many nodes failed with each reason. */
  reasons: Record<string, number>;
  evaluatedNodes: number;
  nextStartIndex: number;
  /** Set when evicting `victims` (keys) from `nodeName` would make the pod fit; acting on it is the caller's call. */
  preemption?: { nodeName: string; victims: string[] };
}

/** The outcome of schedulePod. */
export type ScheduleResult = Scheduled | Unschedulable;

function scheduled(pod: Pod, feasible: NodeInfo[], evaluated: number, next: number, profile: ResolvedProfile, ctx: SchedulingContext, rand?: RandomSource): Scheduled {
  const { selected, top } = selectHost(scoreNodes(pod, feasible, profile, ctx), rand);
  return { status: 'Scheduled', nodeName: selected.node, feasibleNodes: feasible.length, evaluatedNodes: evaluated, topScores: top, nextStartIndex: next };
}

/** A pod that already won a node through preemption goes there if it now fits (kube's evaluateNominatedNode). */
function tryNominated(pod: Pod, cluster: ClusterView, profile: ResolvedProfile, ctx: SchedulingContext, next: number): Scheduled | undefined {
  const name = pod.status?.nominatedNodeName;
  const info = name ? cluster.get(name) : undefined;
  if (!info || runFilters(pod, info, profile.filters, ctx)) return undefined;
  return scheduled(pod, [info], 1, next, profile, ctx);
}

/**
 * Decide where `pod` goes. Cost is bounded by numFeasibleNodesToFind when
 * nodes fit; only an unschedulable pod visits every node (it must, to
 * explain itself).
 */
export function schedulePod(pod: Pod, cluster: ClusterView, profile: SchedulerProfile, opts: ScheduleOptions): ScheduleResult {
  const n = cluster.size;
  const start = n > 0 ? ((Math.trunc(opts.startIndex) % n) + n) % n : 0;
  if (n === 0) return { status: 'Unschedulable', message: NO_NODES_AVAILABLE, reasons: {}, evaluatedNodes: 0, nextStartIndex: 0 };
  const resolved = resolveProfile(profile);
  const ctx = newSchedulingContext(cluster, profile.scoringStrategy);
  const nominated = tryNominated(pod, cluster, resolved, ctx, start);
  if (nominated) return nominated;

  const infos = cluster.nodeInfoList();
  const wanted = numFeasibleNodesToFind(profile.percentageOfNodesToScore, n);
  const feasible: NodeInfo[] = [];
  const failures = new Map<string, NodeFailure>();
  let visited = 0;
  while (visited < n && feasible.length < wanted) {
    const info = infos[(start + visited) % n];
    visited++;
    const failure = runFilters(pod, info, resolved.filters, ctx);
    if (failure) failures.set(info.name, failure);
    else feasible.push(info);
  }
  const next = (start + visited) % n;
  if (feasible.length > 0) return scheduled(pod, feasible, visited, next, resolved, ctx, opts.rand);

  const reasons = reasonHistogram(failures.values());
  const offset = opts.rand ? Math.floor(opts.rand() * n) : 0;
  const preemption = dryRunPreemption(pod, cluster, resolved.filters, ctx, failures, offset);
  const result: Unschedulable = {
    status: 'Unschedulable',
    message: fitErrorMessage(n, reasons, preemption.message),
    reasons,
    evaluatedNodes: visited,
    nextStartIndex: next,
  };
  if (preemption.candidate) {
    result.preemption = { nodeName: preemption.candidate.nodeName, victims: preemption.candidate.victims.map(podKey) };
  }
  return result;
}
