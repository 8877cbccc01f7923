/**
 * The pre-filter half of InterPodAffinity, computed once per attempt
 * (kube's preFilterState): per topology domain (`key=value` of a node
 * label), how many existing pods the incoming pod's required affinity and
 * anti-affinity terms match, and which domains existing pods' required
 * anti-affinity forbids for it.
 */
import type { Pod } from '../../api/types';
import type { ClusterView } from '../scheduler-cache';
import type { NodeInfo } from '../node-info';
import { requiredAffinityTerms, requiredAntiAffinityTerms, type AffinityTerm } from '../pod-affinity-terms';

/** A topology domain key: `topologyKey` + NUL + label value. */
export function topologyPair(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** What the filter needs, per attempt. */
export interface InterPodAffinityState {
  readonly affinityTerms: readonly AffinityTerm[];
  readonly antiAffinityTerms: readonly AffinityTerm[];
  /** Domains with pods matching all the incoming pod's affinity terms. */
  readonly affinityCounts: ReadonlyMap<string, number>;
  /** Domains with pods matched by the incoming pod's anti-affinity terms. */
  readonly antiAffinityCounts: ReadonlyMap<string, number>;
  /** Domains where an existing pod's anti-affinity rejects the incoming pod. */
  readonly existingAntiAffinityCounts: ReadonlyMap<string, number>;
  /** Nothing to check at all (kube's PreFilter Skip). */
  readonly skip: boolean;
}

function bump(m: Map<string, number>, nodeInfo: NodeInfo, topologyKey: string): void {
  const value = nodeInfo.labels[topologyKey];
  if (value === undefined) return;
  const k = topologyPair(topologyKey, value);
  m.set(k, (m.get(k) ?? 0) + 1);
}

/**
 * Build the state. Existing anti-affinity only looks at nodes known to run
 * such pods; the incoming pod's own terms need every pod, so that walk
 * happens only when the pod has terms.
 */
export function computeInterPodAffinityState(pod: Pod, cluster: ClusterView): InterPodAffinityState {
  const affinityTerms = requiredAffinityTerms(pod);
  const antiAffinityTerms = requiredAntiAffinityTerms(pod);
  const existingAntiAffinityCounts = new Map<string, number>();
  for (const nodeInfo of cluster.nodesWithRequiredAntiAffinity()) {
    for (const existing of nodeInfo.pods.values()) {
      for (const term of existing.antiAffinityTerms) {
        if (term.matches(pod)) bump(existingAntiAffinityCounts, nodeInfo, term.topologyKey);
      }
    }
  }
  const affinityCounts = new Map<string, number>();
  const antiAffinityCounts = new Map<string, number>();
  if (affinityTerms.length > 0 || antiAffinityTerms.length > 0) {
    for (const nodeInfo of cluster.nodeInfos()) {
      for (const existing of nodeInfo.pods.values()) {
        // kube counts a pod for affinity only if it matches every term.
        if (affinityTerms.length > 0 && affinityTerms.every((t) => t.matches(existing.pod))) {
          for (const t of affinityTerms) bump(affinityCounts, nodeInfo, t.topologyKey);
        }
        for (const t of antiAffinityTerms) if (t.matches(existing.pod)) bump(antiAffinityCounts, nodeInfo, t.topologyKey);
      }
    }
  }
  const skip = affinityTerms.length === 0 && antiAffinityTerms.length === 0 && existingAntiAffinityCounts.size === 0;
  return { affinityTerms, antiAffinityTerms, affinityCounts, antiAffinityCounts, existingAntiAffinityCounts, skip };
}
