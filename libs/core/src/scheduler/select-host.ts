/**
 * Scoring the feasible nodes and picking one. Each plugin's raw scores are
 * normalized over all feasible nodes, weighted and summed; the best total
 * wins, and ties are broken by reservoir sampling over the tied nodes in
 * evaluation order (kube's selectHost), with the injected random source.
 */
import type { Pod } from '../api/types';
import type { SchedulingContext } from './framework';
import type { NodeInfo } from './node-info';
import type { RandomSource } from './random';
import type { ResolvedProfile } from './run-filters';

/** One node's result: the weighted total and each plugin's normalized (0..100) score. */
export interface NodeScore {
  node: string;
  total: number;
  plugins: Record<string, number>;
}

/** Score every feasible node with every score plugin of the profile. */
export function scoreNodes(pod: Pod, nodes: readonly NodeInfo[], profile: ResolvedProfile, ctx: SchedulingContext): NodeScore[] {
  const results = nodes.map((n): NodeScore => ({ node: n.name, total: 0, plugins: {} }));
  for (const { plugin, weight } of profile.scores) {
    let scores = new Map<string, number>();
    for (const n of nodes) scores.set(n.name, plugin.score(pod, n, ctx));
    if (plugin.normalize) scores = plugin.normalize(scores, ctx);
    for (const r of results) {
      const s = scores.get(r.node) ?? 0;
      r.plugins[plugin.name] = s;
      r.total += s * weight;
    }
  }
  return results;
}

/**
 * Pick the best node; on a tie each tied node wins with equal probability
 * when `rand` is given, else the first one evaluated. Returns the winner
 * and the best `count` results with the winner first.
 */
export function selectHost(scores: readonly NodeScore[], rand?: RandomSource, count = 3): { selected: NodeScore; top: NodeScore[] } {
  if (scores.length === 0) throw new Error('selectHost: no feasible nodes');
  let selected = scores[0];
  let tied = 1;
  for (let i = 1; i < scores.length; i++) {
    const s = scores[i];
    if (s.total > selected.total) {
      selected = s;
      tied = 1;
    } else if (s.total === selected.total) {
      tied++;
      // Replace with probability 1/tied: every tied node ends up equally likely.
      if (rand && Math.floor(rand() * tied) === 0) selected = s;
    }
  }
  // The runners-up by a bounded insertion (no sort of every feasible node per pod).
  const rest: NodeScore[] = [];
  for (const s of scores) {
    if (s === selected) continue;
    if (rest.length === count - 1 && (count <= 1 || s.total <= rest[rest.length - 1].total)) continue;
    let i = rest.length;
    while (i > 0 && rest[i - 1].total < s.total) i--;
    rest.splice(i, 0, s);
    if (rest.length > count - 1) rest.pop();
  }
  return { selected, top: [selected, ...rest] };
}
