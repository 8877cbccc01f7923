/**
 * core/v1 scheduling constraints: node and pod (anti-)affinity, tolerations
 * and the taints they tolerate.
 */
import { type MessageTable, KEEP, REP, i32, i64, msg, str } from './descriptor';

/** Affinity, Toleration, Taint and their parts. */
export const CORE_SCHEDULING_MESSAGES: MessageTable = {
  'core.Affinity': {
    1: msg('nodeAffinity', 'core.NodeAffinity'),
    2: msg('podAffinity', 'core.PodAffinity'),
    3: msg('podAntiAffinity', 'core.PodAntiAffinity'),
  },
  'core.NodeAffinity': {
    1: msg('requiredDuringSchedulingIgnoredDuringExecution', 'core.NodeSelector'),
    2: msg('preferredDuringSchedulingIgnoredDuringExecution', 'core.PreferredSchedulingTerm', REP),
  },
  'core.NodeSelector': { 1: msg('nodeSelectorTerms', 'core.NodeSelectorTerm', REP) },
  'core.NodeSelectorTerm': {
    1: msg('matchExpressions', 'core.NodeSelectorRequirement', REP),
    2: msg('matchFields', 'core.NodeSelectorRequirement', REP),
  },
  'core.NodeSelectorRequirement': { 1: str('key', KEEP), 2: str('operator', KEEP), 3: str('values', REP) },
  'core.PreferredSchedulingTerm': { 1: i32('weight', KEEP), 2: msg('preference', 'core.NodeSelectorTerm') },
  'core.PodAffinity': {
    1: msg('requiredDuringSchedulingIgnoredDuringExecution', 'core.PodAffinityTerm', REP),
    2: msg('preferredDuringSchedulingIgnoredDuringExecution', 'core.WeightedPodAffinityTerm', REP),
  },
  'core.PodAntiAffinity': {
    1: msg('requiredDuringSchedulingIgnoredDuringExecution', 'core.PodAffinityTerm', REP),
    2: msg('preferredDuringSchedulingIgnoredDuringExecution', 'core.WeightedPodAffinityTerm', REP),
  },
  'core.PodAffinityTerm': {
    1: msg('labelSelector', 'meta.LabelSelector'),
    2: str('namespaces', REP),
    3: str('topologyKey', KEEP),
    4: msg('namespaceSelector', 'meta.LabelSelector'),
    5: str('matchLabelKeys', REP),
    6: str('mismatchLabelKeys', REP),
  },
  'core.WeightedPodAffinityTerm': { 1: i32('weight', KEEP), 2: msg('podAffinityTerm', 'core.PodAffinityTerm') },
  'core.Toleration': {
    1: str('key'),
    2: str('operator'),
    3: str('value'),
    4: str('effect'),
    5: i64('tolerationSeconds', KEEP),
  },
  'core.Taint': {
    1: str('key', KEEP),
    2: str('value'),
    3: str('effect', KEEP),
    4: msg('timeAdded', 'meta.Time'),
  },
};
