/**
 * Builders for scheduler specs: terse nodes and pods with only the fields
 * a case is about.
 */
import type { Container, ContainerPort, Node, Pod, Taint, Toleration } from '../api/types';
import { newSchedulingContext, type ScorePlugin, type ScoringStrategy, type SchedulingContext } from './framework';
import { SchedulerCache } from './scheduler-cache';

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  extra?: Record<string, string>;
}

/** A node with allocatable cpu/memory/pods (defaults 4 cpu, 8Gi, 110 pods). */
export function makeNode(name: string, o: NodeOpts = {}): Node {
  const allocatable = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...(o.extra ?? {}) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable, capacity: allocatable },
  };
}

export interface PodOpts {
  namespace?: string;
  cpu?: string;
  memory?: string;
  nodeName?: string;
  priority?: number;
  labels?: Record<string, string>;
  tolerations?: Toleration[];
  ports?: ContainerPort[];
  owner?: string;
  affinity?: Record<string, unknown>;
  nodeSelector?: Record<string, string>;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  containers?: Container[];
  initContainers?: Container[];
  nominatedNodeName?: string;
  preemptionPolicy?: 'Never' | 'PreemptLowerPriority';
  startTime?: string;
}

/** A pod with one container requesting cpu/memory (when given). */
export function makePod(name: string, o: PodOpts = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  const container: Container = { name: 'c', image: 'busybox', ...(Object.keys(requests).length ? { resources: { requests } } : {}), ...(o.ports ? { ports: o.ports } : {}) };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `uid-${name}`,
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.owner, uid: `rs-${o.owner}`, controller: true }] } : {}),
    },
    spec: {
      containers: o.containers ?? [container],
      ...(o.initContainers ? { initContainers: o.initContainers } : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.preemptionPolicy ? { preemptionPolicy: o.preemptionPolicy } : {}),
    },
    status: {
      phase: o.phase ?? (o.nodeName ? 'Running' : 'Pending'),
      ...(o.nominatedNodeName ? { nominatedNodeName: o.nominatedNodeName } : {}),
      ...(o.startTime ? { startTime: o.startTime } : {}),
    },
  };
}

/** A cache holding these nodes and pods. */
export function cacheWith(nodes: Node[], pods: Pod[] = []): SchedulerCache {
  const c = new SchedulerCache();
  for (const n of nodes) c.upsertNode(n);
  for (const p of pods) c.upsertPod(p);
  return c;
}

/** A fresh context over the cache. */
export function ctxFor(cache: SchedulerCache, strategy: ScoringStrategy = 'LeastAllocated'): SchedulingContext {
  return newSchedulingContext(cache, strategy);
}

/** A score plugin's normalized scores over every node of the cache, by node name. */
export function normalizedScores(plugin: ScorePlugin, pod: Pod, cache: SchedulerCache, ctx: SchedulingContext): Record<string, number> {
  const nodes = [...cache.nodeInfos()];
  const scores = nodes.map((n) => plugin.score(pod, n, ctx));
  plugin.normalize?.(scores, nodes, ctx);
  return Object.fromEntries(nodes.map((n, i) => [n.name, scores[i]]));
}
