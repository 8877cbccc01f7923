/**
 * Node affinity as kube's component-helpers/scheduling/corev1/nodeaffinity
 * evaluates it: spec.nodeSelector (every pair must equal), required
 * nodeSelectorTerms (ORed; within a term matchExpressions on labels and
 * matchFields on metadata.name are ANDed), and weighted preferred terms.
 * An empty or invalid term selects no node, as in kube.
 */
import type { Node, Pod } from '../api/types';
import { requirementErrors, requirementMatches, type LabelOperator, type LabelRequirement } from '../selectors/label-requirement';

/** core/v1 NodeSelectorRequirement. */
export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

/** core/v1 NodeSelectorTerm. */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** core/v1 PreferredSchedulingTerm. */
export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

/** core/v1 NodeAffinity. */
export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

/** A compiled test of a node. */
export type NodePredicate = (node: Node) => boolean;

const OPERATORS: Record<string, LabelOperator> = {
  In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt',
};

const never: NodePredicate = () => false;

function labelRequirement(r: NodeSelectorRequirement): LabelRequirement | undefined {
  const operator = OPERATORS[r?.operator];
  if (!operator || typeof r.key !== 'string') return undefined;
  const values = Array.isArray(r.values) ? r.values.map(String) : [];
  // An invalid requirement makes kube's NodeSelectorRequirementsAsSelector fail, and the term with it.
  if (requirementErrors(r.key, operator, values).length) return undefined;
  return { key: r.key, operator, values };
}

/** matchFields supports only metadata.name with In/NotIn and exactly one value. */
function fieldPredicate(r: NodeSelectorRequirement): NodePredicate | undefined {
  if (r?.key !== 'metadata.name' || !Array.isArray(r.values) || r.values.length !== 1) return undefined;
  const value = r.values[0];
  if (r.operator === 'In') return (n) => n.metadata.name === value;
  if (r.operator === 'NotIn') return (n) => n.metadata.name !== value;
  return undefined;
}

/** Compile one term; empty or invalid terms match nothing. */
export function compileNodeSelectorTerm(term: NodeSelectorTerm | undefined): NodePredicate {
  const exprs = term?.matchExpressions ?? [];
  const fields = term?.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return never;
  const labelReqs: LabelRequirement[] = [];
  for (const e of exprs) {
    const r = labelRequirement(e);
    if (!r) return never;
    labelReqs.push(r);
  }
  const fieldPreds: NodePredicate[] = [];
  for (const f of fields) {
    const p = fieldPredicate(f);
    if (!p) return never;
    fieldPreds.push(p);
  }
  return (node) => labelReqs.every((r) => requirementMatches(r, node.metadata.labels)) && fieldPreds.every((p) => p(node));
}

/** The pod's node affinity, if it has one. */
export function podNodeAffinity(pod: Pod): NodeAffinity | undefined {
  const a = pod.spec?.affinity as { nodeAffinity?: NodeAffinity } | undefined;
  return a?.nodeAffinity;
}

/** The predicate of a pod with neither nodeSelector nor required node affinity (callers may test for it by identity). */
export const ANY_NODE: NodePredicate = () => true;

/**
 * The pod's hard placement rule: nodeSelector AND (any required term).
 * Without either, every node matches (ANY_NODE).
 */
export function compileRequiredNodeAffinity(pod: Pod): NodePredicate {
  const selector = Object.entries(pod.spec?.nodeSelector ?? {});
  const required = podNodeAffinity(pod)?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required ? (required.nodeSelectorTerms ?? []).map(compileNodeSelectorTerm) : undefined;
  if (selector.length === 0 && terms === undefined) return ANY_NODE;
  return (node) => {
    const labels = node.metadata.labels ?? {};
    for (const [k, v] of selector) if (labels[k] !== v) return false;
    return terms === undefined || terms.some((t) => t(node));
  };
}

/** The pod's preferred terms, compiled, with their weights. */
export function compilePreferredNodeAffinity(pod: Pod): { weight: number; matches: NodePredicate }[] {
  const preferred = podNodeAffinity(pod)?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return preferred
    .filter((p) => typeof p?.weight === 'number' && p.weight !== 0)
    .map((p) => ({ weight: p.weight, matches: compileNodeSelectorTerm(p.preference) }));
}
