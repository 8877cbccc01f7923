/**
 * SelectorSpread: spread the replicas of one controller (ReplicaSet,
 * StatefulSet, ...) over nodes and zones, so one node or zone failing takes
 * down as few as possible. A lite stand-in for PodTopologySpread's default
 * constraints, scored the way kube's former SelectorSpread plugin did: raw
 * = pods on the node with the same controller uid; normalized = 100 *
 * (max - count) / max, blended 1/3 node and 2/3 zone when nodes carry zone
 * labels. A pod without a controller scores the same (100) everywhere.
 */
import type { Node, Pod } from '../../api/types';
import { MAX_NODE_SCORE, type ScorePlugin, type SchedulingContext } from '../framework';
import type { NodeInfo } from '../node-info';
import { controllerUid } from '../pod-helpers';

/** How much the zone spread counts against the node spread (kube's zoneWeighting). */
const ZONE_WEIGHTING = 2 / 3;

/** A node's zone identity (region + zone), or "" when it has no zone labels. */
export function zoneKey(node: Node | undefined): string {
  const labels = node?.metadata.labels ?? {};
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

/** The SelectorSpread score plugin. */
export const selectorSpreadScore: ScorePlugin = {
  name: 'SelectorSpread',
  score(pod: Pod, nodeInfo: NodeInfo, ctx: SchedulingContext): number {
    const uid = ctx.memo('SelectorSpread/uid', () => controllerUid(pod));
    return uid ? nodeInfo.ownerCount(uid) : 0;
  },
  normalize(scores: ReadonlyMap<string, number>, ctx: SchedulingContext): Map<string, number> {
    // No sibling anywhere (or no controller): every node and zone scores the maximum; skip the zone lookups.
    let any = false;
    for (const count of scores.values()) if (count > 0) { any = true; break; }
    if (!any) return new Map([...scores.keys()].map((name) => [name, MAX_NODE_SCORE]));
    let maxByNode = 0;
    const byZone = new Map<string, number>();
    const zones = new Map<string, string>();
    for (const [name, count] of scores) {
      maxByNode = Math.max(maxByNode, count);
      const zone = zoneKey(ctx.cluster.get(name)?.node);
      zones.set(name, zone);
      if (zone !== '') byZone.set(zone, (byZone.get(zone) ?? 0) + count);
    }
    let maxByZone = 0;
    for (const n of byZone.values()) maxByZone = Math.max(maxByZone, n);
    const out = new Map<string, number>();
    for (const [name, count] of scores) {
      // Same float operation order as kube, so truncation lands on the same integers.
      let f = maxByNode > 0 ? MAX_NODE_SCORE * ((maxByNode - count) / maxByNode) : MAX_NODE_SCORE;
      const zone = zones.get(name) ?? '';
      if (byZone.size > 0 && zone !== '') {
        const zoneScore = maxByZone > 0 ? MAX_NODE_SCORE * ((maxByZone - (byZone.get(zone) ?? 0)) / maxByZone) : MAX_NODE_SCORE;
        f = f * (1 - ZONE_WEIGHTING) + ZONE_WEIGHTING * zoneScore;
      }
      out.set(name, Math.trunc(f));
    }
    return out;
  },
};
