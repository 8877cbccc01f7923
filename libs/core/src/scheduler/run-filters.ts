/**
 * Running a profile's plugins: resolving names to plugins, and the filter
 * chain for one node, which stops at the first failing plugin (as kube's
 * RunFilterPlugins does), so the reason reported is that plugin's.
 */
import type { Pod } from '../api/types';
import { FILTER_PLUGINS } from './filters';
import type { FilterPlugin, SchedulingContext, ScorePlugin } from './framework';
import type { NodeInfo } from './node-info';
import type { SchedulerProfile } from './profile';
import { SCORE_PLUGINS } from './scores';

/** Why a node was rejected, and by which plugin. */
export interface NodeFailure {
  plugin: string;
  reasons: string[];
  unresolvable: boolean;
}

/** A profile with its plugin names resolved. */
export interface ResolvedProfile {
  filters: FilterPlugin[];
  scores: { plugin: ScorePlugin; weight: number }[];
}

/** Resolve plugin names; throws on a name no plugin has (parseProfile rules that out for parsed profiles). */
const resolvedProfiles = new WeakMap<SchedulerProfile, ResolvedProfile>();

export function resolveProfile(profile: SchedulerProfile): ResolvedProfile {
  // Profiles are resolved once per attempt; cache per profile object (they are not mutated once parsed).
  const cached = resolvedProfiles.get(profile);
  if (cached) return cached;
  const filters = profile.filters.map((name) => {
    const p = FILTER_PLUGINS[name];
    if (!p) throw new Error(`unknown filter plugin "${name}"`);
    return p;
  });
  const scores = profile.scores.map(({ name, weight }) => {
    const plugin = SCORE_PLUGINS[name];
    if (!plugin) throw new Error(`unknown score plugin "${name}"`);
    return { plugin, weight };
  });
  const resolved = { filters, scores };
  resolvedProfiles.set(profile, resolved);
  return resolved;
}

/** Run the filters in order; undefined when the node fits, else the first failure. */
export function runFilters(pod: Pod, nodeInfo: NodeInfo, filters: readonly FilterPlugin[], ctx: SchedulingContext): NodeFailure | undefined {
  for (const f of filters) {
    const r = f.filter(pod, nodeInfo, ctx);
    if (!r.ok) return { plugin: f.name, reasons: r.reasons, unresolvable: r.unresolvable === true };
  }
  return undefined;
}
