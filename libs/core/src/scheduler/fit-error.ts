/**
 * The FailedScheduling message, worded exactly as kube-scheduler's
 * FitError: `0/N nodes are available: <count> <reason>, ...` with the
 * "count reason" strings sorted as plain strings (Go's sort.Strings, so
 * "10 x" sorts before "2 y"), then the preemption outcome. The preemption
 * part is itself a FitError message ending in "." and kube appends it with
 * " %v.", hence the double period users see in real events.
 */

/** kube's ErrNoNodesAvailable, for a cluster without nodes. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** How many nodes failed with each reason (a node counts once per reason it reported). */
export function reasonHistogram(failures: Iterable<{ reasons: readonly string[] }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of failures) {
    for (const r of f.reasons) out[r] = (out[r] ?? 0) + 1;
  }
  return out;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `0/<numAllNodes> nodes are available: <sorted histogram>.` plus
 * ` <postFilterMessage>.` when a PostFilter (preemption) said something.
 */
export function fitErrorMessage(numAllNodes: number, histogram: Readonly<Record<string, number>>, postFilterMessage = ''): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  const parts = Object.entries(histogram).map(([reason, n]) => `${n} ${reason}`).sort(byteOrder);
  if (parts.length) msg += ` ${parts.join(', ')}.`;
  if (postFilterMessage) msg += ` ${postFilterMessage}.`;
  return msg;
}
