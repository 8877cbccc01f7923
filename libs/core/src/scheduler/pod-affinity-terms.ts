/**
 * Inter-pod (anti-)affinity terms, compiled once per pod: which pods a term
 * selects (label selector + namespaces) and over which node label
 * (topologyKey) the rule applies, as kube's framework.AffinityTerm.
 */
import type { LabelSelector } from '../api/meta';
import type { Pod } from '../api/types';
import { nothingSelector, selectorFromLabelSelector, type LabelMatcher } from '../selectors/label-selector';

/** core/v1 PodAffinityTerm. */
export interface PodAffinityTerm {
  labelSelector?: LabelSelector | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelector | null;
  topologyKey: string;
}

interface PodAffinitySpec {
  podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] };
  podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] };
}

/** A term ready to test pods with. */
export interface AffinityTerm {
  readonly topologyKey: string;
  /** Does the term select this pod? */
  matches(pod: Pod): boolean;
}

function safeSelector(sel: LabelSelector | null | undefined): LabelMatcher {
  try {
    return selectorFromLabelSelector(sel);
  } catch {
    // An invalid selector selects nothing rather than failing the whole cycle.
    return nothingSelector();
  }
}

function isEmptySelector(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

/**
 * Compile a term of `owner`. Namespaces: the listed ones; none listed and
 * no namespaceSelector means the owner's own; an empty namespaceSelector
 * (`{}`) means all. A non-empty namespaceSelector needs namespace labels,
 * which the scheduler does not track, so it adds no namespaces.
 */
export function compileAffinityTerm(owner: Pod, term: PodAffinityTerm): AffinityTerm {
  const selector = safeSelector(term.labelSelector);
  const listed = new Set(term.namespaces ?? []);
  const nsSel = term.namespaceSelector;
  const all = nsSel !== undefined && nsSel !== null && isEmptySelector(nsSel);
  if (listed.size === 0 && (nsSel === undefined || nsSel === null)) listed.add(owner.metadata.namespace ?? '');
  return {
    topologyKey: term.topologyKey ?? '',
    matches: (pod) => (all || listed.has(pod.metadata.namespace ?? '')) && selector(pod.metadata.labels),
  };
}

function affinitySpec(pod: Pod): PodAffinitySpec | undefined {
  return pod.spec?.affinity as PodAffinitySpec | undefined;
}

/** The pod's required pod-affinity terms. */
export function requiredAffinityTerms(pod: Pod): AffinityTerm[] {
  return (affinitySpec(pod)?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileAffinityTerm(pod, t));
}

/** The pod's required pod-anti-affinity terms. */
export function requiredAntiAffinityTerms(pod: Pod): AffinityTerm[] {
  return (affinitySpec(pod)?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileAffinityTerm(pod, t));
}
