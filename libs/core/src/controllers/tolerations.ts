/** Taint/toleration matching (kube's Toleration.ToleratesTaint and GetMatchingTolerations). */
import type { Taint, Toleration } from '../api/types';

/** Does `toleration` tolerate `taint`? An empty effect or key matches any; an empty operator means Equal. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** The first toleration that tolerates `taint`, if any. */
export function matchingToleration(tolerations: readonly Toleration[] | undefined, taint: Taint): Toleration | undefined {
  return tolerations?.find((t) => toleratesTaint(t, taint));
}
