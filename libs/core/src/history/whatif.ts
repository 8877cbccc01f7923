/**
 * What-if: re-run the scheduler framework over the cluster as it was at a
 * point, with another profile (plugins, weights, scoring strategy) or with
 * nodes added or removed, and say which placements would differ and why.
 *
 * Pure and deterministic: the pods are placed one after another in the
 * order they were bound (then the pending ones, in creation order), every
 * node is evaluated (percentageOfNodesToScore 100, from the first node), and
 * nodes are kept in name order with no random source, so a tie goes to the
 * node whose name sorts first. Preemption is not simulated: a pod that does
 * not fit reports the scheduler's message.
 */
import { badRequest } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { resourceForKind } from '../api/resources';
import type { Node, Pod } from '../api/types';
import type { ClusterState, RecordedEvent } from '../domain/cluster-state';
import { parseStreamName } from '../domain/stream-names';
import { isTerminal, podKey } from '../scheduler/pod-helpers';
import { InvalidProfileError, validateProfile, type SchedulerProfile } from '../scheduler/profile';
import { schedulePod } from '../scheduler/schedule';
import { SchedulerCache } from '../scheduler/scheduler-cache';
import { objectRef } from './diff';
import type { Placement, PointRef, WhatIfRequest, WhatIfResult } from './types';

const NODES = resourceForKind('Node')!;
const PODS = resourceForKind('Pod')!;

/** Facts about the point that the state alone does not hold. */
export interface WhatIfOptions {
  /** The point the state is at, echoed as `at` (default: the state's position). */
  at?: PointRef;
  /**
   * `namespace/name` -> the position of the pod's PodBound event, when the
   * caller has the log: the exact order the pods were bound in. Without it
   * bound pods go by creationTimestamp, then by the position of their
   * current version, then by key.
   */
  boundAt?: ReadonlyMap<string, number>;
}

/**
 * Where the scheduler would put every pod of `state` (bound and pending,
 * not finished ones) under `request`, next to where each one is. Throws a
 * 400 for an invalid profile, a malformed node or a removed node that does
 * not exist at the point. Never mutates `state`.
 */
export function whatIf(state: ClusterState, request: WhatIfRequest = {}, options: WhatIfOptions = {}): WhatIfResult {
  const profile = resolveProfile(request.profile);
  const cache = new SchedulerCache();
  for (const node of nodesAfter(state, request)) cache.upsertNode(node);

  const placements: Placement[] = [];
  for (const pod of podsInBindOrder(state, options.boundAt)) {
    const actual = pod.spec?.nodeName || undefined;
    const unbound: Pod = { ...pod, spec: { ...pod.spec!, nodeName: undefined }, status: { ...pod.status, nominatedNodeName: undefined } };
    const result = schedulePod(unbound, cache, profile, { startIndex: 0 });
    const placement: Placement = { pod: objectRef(PODS, pod), changed: false };
    if (actual) placement.actual = actual;
    if (result.status === 'Scheduled') {
      cache.upsertPod({ ...unbound, spec: { ...unbound.spec!, nodeName: result.nodeName } });
      placement.proposed = result.nodeName;
      placement.scores = { ...result.topScores[0].plugins };
    } else {
      placement.reason = result.message;
    }
    placement.changed = placement.actual !== placement.proposed;
    placements.push(placement);
  }
  return {
    kind: 'WhatIf',
    at: options.at ?? { resourceVersion: String(state.position) },
    placements,
    changed: placements.filter((p) => p.changed).length,
  };
}

/**
 * `namespace/name` -> position of the pod's latest PodBound event among
 * `events` (pass the PodBound events up to the point): the `boundAt` order
 * of whatIf. A pod bound again after a re-create keeps its latest binding.
 */
export function boundPositions(events: Iterable<Pick<RecordedEvent, 'streamId' | 'type' | 'position'>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'PodBound') continue;
    const address = parseStreamName(e.streamId);
    if (address?.resource.kind !== 'Pod') continue;
    const key = `${address.namespace}/${address.name}`;
    if ((out.get(key) ?? -1) < e.position) out.set(key, e.position);
  }
  return out;
}

function resolveProfile(input: SchedulerProfile | undefined): SchedulerProfile {
  let profile: SchedulerProfile;
  try {
    profile = validateProfile(input);
  } catch (e) {
    if (e instanceof InvalidProfileError) throw badRequest(`invalid profile: ${e.problems.join('; ')}`);
    throw e;
  }
  // Score every node from the first: a what-if shows the best placement, not a sample's.
  return { ...profile, percentageOfNodesToScore: 100 };
}

/** The nodes at the point, minus removed ones, plus added ones (an added name replaces), sorted by name. */
function nodesAfter(state: ClusterState, request: WhatIfRequest): Node[] {
  const byName = new Map<string, Node>();
  for (const stored of state.list(NODES)) byName.set(stored.object.metadata.name ?? '', stored.object as Node);
  for (const name of request.removeNodes ?? []) {
    if (!byName.delete(name)) throw badRequest(`invalid removeNodes: node ${JSON.stringify(name)} does not exist at this point`);
  }
  (request.addNodes ?? []).forEach((node, i) => {
    const name = (node as KubeObject | undefined)?.metadata?.name;
    if (typeof name !== 'string' || name === '') throw badRequest(`invalid addNodes[${i}]: a Node needs metadata.name`);
    if (node.kind !== undefined && node.kind !== 'Node') throw badRequest(`invalid addNodes[${i}]: kind ${JSON.stringify(node.kind)} is not Node`);
    byName.set(name, { apiVersion: 'v1', kind: 'Node', ...node } as Node);
  });
  return [...byName.values()].sort((a, b) => compare(a.metadata.name ?? '', b.metadata.name ?? ''));
}

/** Pods that hold or want a node: bound ones in bind order, then pending ones in creation order. */
function podsInBindOrder(state: ClusterState, boundAt: ReadonlyMap<string, number> | undefined): Pod[] {
  // [group, primary, position of the current version, key]; group 0: bound with a known
  // PodBound position, 1: bound without, 2: pending. Positions and times never mix in one group.
  const ranked: { pod: Pod; rank: [number, number, number, string] }[] = [];
  for (const stored of state.list(PODS)) {
    const pod = stored.object as Pod;
    if (isTerminal(pod)) continue;
    const key = podKey(pod);
    const created = Date.parse(pod.metadata.creationTimestamp ?? '');
    const createdRank = Number.isNaN(created) ? Number.MAX_SAFE_INTEGER : created;
    const bindPosition = pod.spec?.nodeName ? boundAt?.get(key) : undefined;
    const group = bindPosition !== undefined ? 0 : pod.spec?.nodeName ? 1 : 2;
    ranked.push({ pod, rank: [group, bindPosition ?? createdRank, stored.position, key] });
  }
  ranked.sort(({ rank: a }, { rank: b }) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || compare(a[3], b[3]));
  return ranked.map((r) => r.pod);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
