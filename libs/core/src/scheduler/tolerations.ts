/**
 * Taint/toleration matching, as core/v1 Toleration.ToleratesTaint: an
 * empty effect or key in a toleration is a wildcard, `Exists` ignores the
 * value, `Equal` (or no operator) compares it.
 */
import type { Taint, Toleration } from '../api/types';

/** Does this toleration tolerate this taint? */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** Is the taint tolerated by any of the tolerations? */
export function taintTolerated(taint: Taint, tolerations: readonly Toleration[]): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint));
}

/**
 * The first taint with one of `effects` that no toleration covers, in the
 * node's order (kube reports only that one).
 */
export function firstUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[],
  effects: readonly Taint['effect'][],
): Taint | undefined {
  return (taints ?? []).find((taint) => effects.includes(taint.effect) && !taintTolerated(taint, tolerations));
}

/** kube's wording for an untolerated taint: `{key: value}`, with an empty value printed as nothing. */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}
