/**
 * core/v1 scheduling constraints: node affinity, pod affinity and
 * anti-affinity. Spelled out in full (not a preserve-unknown-fields stub)
 * because kubectl's client-side apply walks these fields in the schema when
 * it computes a strategic merge patch, and fails over a field it cannot find.
 */
import { CORE, Definitions, N, int32, object, ref, refList, str, strEnum, strList } from '../schema-dsl';

/** Affinity and its terms. */
export const AFFINITY_DEFS: Definitions = {
  [`${CORE}Affinity`]: object('A group of affinity scheduling rules.', {
    nodeAffinity: ref(`${CORE}NodeAffinity`, 'Node affinity rules for the pod.'),
    podAffinity: ref(`${CORE}PodAffinity`, 'Rules to co-locate the pod with other pods (same node, zone, etc.).'),
    podAntiAffinity: ref(`${CORE}PodAntiAffinity`, 'Rules to keep the pod away from other pods.'),
  }),
  [`${CORE}NodeAffinity`]: object('Node affinity scheduling rules.', {
    preferredDuringSchedulingIgnoredDuringExecution: refList(`${CORE}PreferredSchedulingTerm`,
      'Weighted preferences: the scheduler favours nodes whose matching terms sum to the highest weight.'),
    requiredDuringSchedulingIgnoredDuringExecution: ref(`${CORE}NodeSelector`,
      'Requirements a node must meet for the pod to be scheduled there; not re-checked once the pod runs.'),
  }),
  [`${CORE}NodeSelector`]: object('A union of node selector terms: a node matches when any term matches.', {
    nodeSelectorTerms: refList(`${CORE}NodeSelectorTerm`, 'The terms, ORed.'),
  }, { required: ['nodeSelectorTerms'], mapType: 'atomic' }),
  [`${CORE}NodeSelectorTerm`]: object('Requirements on node labels and fields, ANDed; an empty term matches nothing.', {
    matchExpressions: refList(`${CORE}NodeSelectorRequirement`, 'Requirements on node labels.'),
    matchFields: refList(`${CORE}NodeSelectorRequirement`, 'Requirements on node fields.'),
  }, { mapType: 'atomic' }),
  [`${CORE}NodeSelectorRequirement`]: object('A selector requirement relating a key to values with an operator.', {
    key: str('The label key the requirement applies to.'),
    operator: strEnum(['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'], "How the key relates to the values."),
    values: strList('Values: non-empty for In and NotIn, empty for Exists and DoesNotExist, a single integer for Gt and Lt.'),
  }, { required: ['key', 'operator'] }),
  [`${CORE}PreferredSchedulingTerm`]: object('A weighted node preference; an empty preference matches all nodes.', {
    preference: ref(`${CORE}NodeSelectorTerm`, 'The node selector term.'),
    weight: int32('Weight of matching this term, 1 to 100.'),
  }, { required: ['weight', 'preference'] }),
  [`${CORE}PodAffinity`]: object('Inter-pod affinity scheduling rules.', {
    preferredDuringSchedulingIgnoredDuringExecution: refList(`${CORE}WeightedPodAffinityTerm`,
      'Weighted preferences to be near matching pods.'),
    requiredDuringSchedulingIgnoredDuringExecution: refList(`${CORE}PodAffinityTerm`,
      'Terms that must all hold at scheduling time; not re-checked once the pod runs.'),
  }),
  [`${CORE}PodAntiAffinity`]: object('Inter-pod anti-affinity scheduling rules.', {
    preferredDuringSchedulingIgnoredDuringExecution: refList(`${CORE}WeightedPodAffinityTerm`,
      'Weighted preferences to stay away from matching pods.'),
    requiredDuringSchedulingIgnoredDuringExecution: refList(`${CORE}PodAffinityTerm`,
      'Terms that must all hold at scheduling time; not re-checked once the pod runs.'),
  }),
  [`${CORE}PodAffinityTerm`]: object('Pods (selected by labels within namespaces) this pod should or should not share a topology domain with.', {
    labelSelector: ref(N.labelSelector, 'A label query over pods; null matches none.'),
    matchLabelKeys: strList("Label keys whose values are taken from the incoming pod and ANDed into labelSelector."),
    mismatchLabelKeys: strList("Label keys whose values from the incoming pod are excluded via NotIn in labelSelector."),
    namespaceSelector: ref(N.labelSelector, 'A label query over namespaces the term applies to, ORed with namespaces; empty matches all.'),
    namespaces: strList("Namespaces the term applies to; null with a null namespaceSelector means this pod's namespace."),
    topologyKey: str('Node label key whose equal values define the topology domain; must not be empty.'),
  }, { required: ['topologyKey'] }),
  [`${CORE}WeightedPodAffinityTerm`]: object('A pod affinity term with a weight, summed per node by the scheduler.', {
    podAffinityTerm: ref(`${CORE}PodAffinityTerm`, 'The pod affinity term.'),
    weight: int32('Weight of matching this term, 1 to 100.'),
  }, { required: ['weight', 'podAffinityTerm'] }),
};
