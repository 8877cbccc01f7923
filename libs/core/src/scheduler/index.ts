/**
 * The scheduling core: a pure, incremental cluster view (SchedulerCache),
 * kube-scheduler's Filter/Score plugins, one-pod decisions (schedulePod)
 * with kube's sampling, scoring, FailedScheduling wording and a preemption
 * dry run, and the pending-pod queue with backoff. No I/O: an API-side
 * module feeds it events and acts on its results.
 */
export { podRequests, nodeAllocatable, quantityValue, isScalarResource, emptyResources,
  DEFAULT_MILLI_CPU_REQUEST, DEFAULT_MEMORY_REQUEST, type Resources, type Allocatable, type PodRequestOptions } from './resources';
export { podKey, podPriority, isTerminal, controllerUid } from './pod-helpers';
export { NodeInfo, newPodInfo, type PodInfo } from './node-info';
export { SchedulerCache, type ClusterView, type PodRef } from './scheduler-cache';
export { HostPortSet, podHostPorts, type HostPort } from './host-ports';
export { toleratesTaint, taintTolerated, firstUntoleratedTaint, untoleratedTaintReason } from './tolerations';
export {
  compileNodeSelectorTerm, compileRequiredNodeAffinity, compilePreferredNodeAffinity,
  type NodeAffinity, type NodeSelectorTerm, type NodeSelectorRequirement, type PreferredSchedulingTerm, type NodePredicate,
} from './node-selector';
export { compileAffinityTerm, requiredAffinityTerms, requiredAntiAffinityTerms, type AffinityTerm, type PodAffinityTerm } from './pod-affinity-terms';
export {
  MAX_NODE_SCORE, FITS, unschedulable, unresolvable, newSchedulingContext, defaultNormalizeScore,
  type FilterPlugin, type FilterResult, type ScorePlugin, type SchedulingContext, type ScoringStrategy,
} from './framework';
export * from './filters';
export * from './scores';
export { defaultProfile, parseProfile, validateProfile, InvalidProfileError, type SchedulerProfile } from './profile';
export { numFeasibleNodesToFind, MIN_FEASIBLE_NODES_TO_FIND, MIN_FEASIBLE_NODES_PERCENTAGE } from './sampling';
export { fitErrorMessage, reasonHistogram, NO_NODES_AVAILABLE } from './fit-error';
export { resolveProfile, runFilters, type NodeFailure, type ResolvedProfile } from './run-filters';
export { nodeScore, scoreNodes, selectHost, type NodeScore, type ScoredNodes } from './select-host';
export { dryRunPreemption, selectVictimsOnNode, PREEMPTION_NOT_HELPFUL, NO_PREEMPTION_VICTIMS, type PreemptionOutcome } from './preemption';
export { schedulePod, type ScheduleOptions, type ScheduleResult, type Scheduled, type Unschedulable } from './schedule';
export { SchedulingQueue, type SchedulingQueueOptions, type QueueSizes } from './scheduling-queue';
export { KeyedHeap } from './keyed-heap';
export { seededRandom, type RandomSource } from './random';
