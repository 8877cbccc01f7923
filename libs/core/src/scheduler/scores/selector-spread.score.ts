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
    const uid = ctx.memo('SelectorSpread/uid', pod, controllerUid);
    return uid ? nodeInfo.ownerCount(uid) : 0;
  },
  normalize(scores: number[], nodes: readonly NodeInfo[]): void {
    // No sibling anywhere (or no controller): every node and zone scores the maximum; skip the zone lookups.
    let any = false;
    for (const count of scores) if (count > 0) { any = true; break; }
    if (!any) {
      scores.fill(MAX_NODE_SCORE);
      return;
    }
    let maxByNode = 0;
    const byZone = new Map<string, number>();
    const zones = nodes.map((n) => zoneKey(n.node));
    for (let i = 0; i < scores.length; i++) {
      maxByNode = Math.max(maxByNode, scores[i]);
      if (zones[i] !== '') byZone.set(zones[i], (byZone.get(zones[i]) ?? 0) + scores[i]);
    }
    let maxByZone = 0;
    for (const n of byZone.values()) maxByZone = Math.max(maxByZone, n);
    for (let i = 0; i < scores.length; i++) {
      // Same float operation order as kube, so truncation lands on the same integers.
      const count = scores[i];
      let f = maxByNode > 0 ? MAX_NODE_SCORE * ((maxByNode - count) / maxByNode) : MAX_NODE_SCORE;
      const zone = zones[i];
      if (byZone.size > 0 && zone !== '') {
        const zoneScore = maxByZone > 0 ? MAX_NODE_SCORE * ((maxByZone - (byZone.get(zone) ?? 0)) / maxByZone) : MAX_NODE_SCORE;
        f = f * (1 - ZONE_WEIGHTING) + ZONE_WEIGHTING * zoneScore;
      }
      scores[i] = Math.trunc(f);
    }
  },
};
