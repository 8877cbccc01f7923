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

/** Every feasible node scored: `totals[i]` and each plugin's `scores[i]` belong to `nodes[i]`. */
export interface ScoredNodes {
  nodes: readonly NodeInfo[];
  totals: Float64Array;
  plugins: { name: string; scores: number[] }[];
}

/** Score every feasible node with every score plugin of the profile (arrays throughout: no per-node objects). */
export function scoreNodes(pod: Pod, nodes: readonly NodeInfo[], profile: ResolvedProfile, ctx: SchedulingContext): ScoredNodes {
  const totals = new Float64Array(nodes.length);
  const plugins: ScoredNodes['plugins'] = [];
  for (const { plugin, weight } of profile.scores) {
    const scores: number[] = [];
    for (let i = 0; i < nodes.length; i++) scores.push(plugin.score(pod, nodes[i], ctx));
    plugin.normalize?.(scores, nodes, ctx);
    for (let i = 0; i < nodes.length; i++) totals[i] += scores[i] * weight;
    plugins.push({ name: plugin.name, scores });
  }
  return { nodes, totals, plugins };
}

/** The breakdown of node `i` (built only for the few nodes a decision reports). */
export function nodeScore(scored: ScoredNodes, i: number): NodeScore {
  const plugins: Record<string, number> = {};
  for (const p of scored.plugins) plugins[p.name] = p.scores[i];
  return { node: scored.nodes[i].name, total: scored.totals[i], plugins };
}

/**
 * Pick the best node; on a tie each tied node wins with equal probability
 * when `rand` is given, else the first one evaluated. Returns the winner
 * and the best `count` results with the winner first.
 */
export function selectHost(scored: ScoredNodes, rand?: RandomSource, count = 3): { selected: NodeScore; top: NodeScore[] } {
  const { totals } = scored;
  if (totals.length === 0) throw new Error('selectHost: no feasible nodes');
  let selected = 0;
  let tied = 1;
  for (let i = 1; i < totals.length; i++) {
    if (totals[i] > totals[selected]) {
      selected = i;
      tied = 1;
    } else if (totals[i] === totals[selected]) {
      tied++;
      // Replace with probability 1/tied: every tied node ends up equally likely.
      if (rand && Math.floor(rand() * tied) === 0) selected = i;
    }
  }
  // The runners-up by a bounded insertion (no sort of every feasible node per pod).
  const rest: number[] = [];
  for (let i = 0; i < totals.length; i++) {
    if (i === selected) continue;
    if (rest.length === count - 1 && (count <= 1 || totals[i] <= totals[rest[rest.length - 1]])) continue;
    let j = rest.length;
    while (j > 0 && totals[rest[j - 1]] < totals[i]) j--;
    rest.splice(j, 0, i);
    if (rest.length > count - 1) rest.pop();
  }
  const best = nodeScore(scored, selected);
  return { selected: best, top: [best, ...rest.map((i) => nodeScore(scored, i))] };
}
