/**
 * The relationship map's input: which objects are boxes and how they link.
 * Deployments -> ReplicaSets -> Pods (ownerReferences), Pods -> Nodes
 * (spec.nodeName), Services -> Endpoints -> Pods (the endpoints' targetRefs;
 * a Service's selector when it has no Endpoints object yet).
 */
import { selectorFromSet, type Deployment, type Endpoints, type KubeObject, type Pod, type Service } from '@chronokube/core';
import type { ObjectsByKind } from '../state/cluster-fold';
import { keyOf, objectKey } from './object-key';
import { isPodReady, podStatus, statusTone } from './pod-status';
import { rolloutText } from './workload-columns';

/** The kinds the map shows, left to right. */
export const MAP_KINDS = ['Deployment', 'ReplicaSet', 'Service', 'Endpoints', 'Pod', 'Node'] as const;

/** A box of the map. */
export interface GraphNode {
  /** The store key, Kind/namespace/name. */
  id: string;
  kind: string;
  namespace: string;
  name: string;
  /** A short state (Running, 2/3 ready) and its tone. */
  detail: string;
  tone: 'ok' | 'warn' | 'bad' | 'idle';
}

/** How two boxes relate. */
export type EdgeKind = 'owns' | 'runs-on' | 'exposes' | 'targets' | 'selects';

/** An arrow of the map, from source to target. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
}

/** Boxes and arrows. */
export interface RelationshipGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** What to include: one namespace (Nodes are kept when a pod of it runs there). */
export interface GraphFilter {
  namespace?: string;
}

/** Build the graph from the store's objects. Edges only join boxes that exist. */
export function buildRelationshipGraph(byKind: ObjectsByKind, filter: GraphFilter = {}): RelationshipGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const inNs = (o: KubeObject) => !filter.namespace || o.metadata.namespace === filter.namespace;
  for (const kind of ['Deployment', 'ReplicaSet', 'Service', 'Endpoints', 'Pod'] as const) {
    for (const o of byKind[kind]?.values() ?? []) if (inNs(o)) nodes.set(keyOf(o, kind), box(o, kind));
  }
  const usedNodes = new Set<string>();
  for (const o of byKind.Pod?.values() ?? []) if (inNs(o) && (o as Pod).spec?.nodeName) usedNodes.add((o as Pod).spec.nodeName!);
  for (const o of byKind.Node?.values() ?? []) {
    if (!filter.namespace || usedNodes.has(o.metadata.name ?? '')) nodes.set(keyOf(o, 'Node'), box(o, 'Node'));
  }
  const link = (source: string, target: string, kind: EdgeKind) => {
    if (nodes.has(source) && nodes.has(target)) edges.push({ id: `${kind}:${source}->${target}`, source, target, kind });
  };
  for (const n of nodes.values()) {
    const obj = byKind[n.kind]?.get(n.id);
    if (!obj) continue;
    for (const ref of obj.metadata.ownerReferences ?? []) link(objectKey(ref.kind, n.namespace || undefined, ref.name), n.id, 'owns');
    if (n.kind === 'Pod' && (obj as Pod).spec?.nodeName) link(n.id, objectKey('Node', undefined, (obj as Pod).spec.nodeName!), 'runs-on');
    if (n.kind === 'Service') serviceEdges(obj as Service, n.id, byKind, link);
    if (n.kind === 'Endpoints') {
      for (const s of (obj as Endpoints).subsets ?? []) {
        for (const a of [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]) {
          if (a.targetRef?.kind === 'Pod' && a.targetRef.name) link(n.id, objectKey('Pod', a.targetRef.namespace ?? n.namespace, a.targetRef.name), 'targets');
        }
      }
    }
  }
  return { nodes: [...nodes.values()], edges };
}

function serviceEdges(svc: Service, id: string, byKind: ObjectsByKind, link: (s: string, t: string, k: EdgeKind) => void): void {
  const ns = svc.metadata.namespace;
  const epKey = objectKey('Endpoints', ns, svc.metadata.name ?? '');
  if (byKind.Endpoints?.has(epKey)) {
    link(id, epKey, 'exposes');
    return;
  }
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return;
  const matcher = selectorFromSet(sel);
  for (const p of byKind.Pod?.values() ?? []) {
    if (p.metadata.namespace === ns && matcher.matches(p.metadata.labels ?? {})) link(id, keyOf(p, 'Pod'), 'selects');
  }
}

function box(o: KubeObject, kind: string): GraphNode {
  const { detail, tone } = describe(o, kind);
  return { id: keyOf(o, kind), kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '', detail, tone };
}

function describe(o: KubeObject, kind: string): { detail: string; tone: GraphNode['tone'] } {
  const anyO = o as any;
  if (kind === 'Pod') {
    const s = podStatus(o as Pod);
    // Running on a lost node: the phase stays Running, the Ready condition says otherwise.
    if (s === 'Running' && !isPodReady(o as Pod)) return { detail: 'Running, not ready', tone: 'warn' };
    return { detail: s, tone: statusTone(s) };
  }
  if (kind === 'Deployment' || kind === 'ReplicaSet') {
    const want = anyO.spec?.replicas ?? 1;
    const ready = anyO.status?.readyReplicas ?? 0;
    const rolling = kind === 'Deployment' && rolloutText(o as Deployment) !== 'complete';
    return { detail: `${ready}/${want} ready${rolling ? ' ⟳' : ''}`, tone: want === 0 ? 'idle' : ready >= want && !rolling ? 'ok' : 'warn' };
  }
  if (kind === 'Node') {
    const ready = (anyO.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
    return { detail: ready?.status === 'True' ? 'Ready' : 'NotReady', tone: ready?.status === 'True' ? 'ok' : 'bad' };
  }
  if (kind === 'Endpoints') {
    const n = ((o as Endpoints).subsets ?? []).reduce((k, s) => k + (s.addresses?.length ?? 0), 0);
    return { detail: `${n} address${n === 1 ? '' : 'es'}`, tone: n > 0 ? 'ok' : 'warn' };
  }
  return { detail: anyO.spec?.type ?? '', tone: 'idle' };
}

/**
 * What `key` hangs from and what hangs from it: everything reachable by
 * following arrows backwards (owners, the Service exposing a pod) and
 * forwards (owned objects, the pod's Node), up to `depth` links each way.
 * Siblings (other pods of the same node) stay out: the object page's small graph.
 */
export function neighborhood(graph: RelationshipGraph, key: string, depth = 3): RelationshipGraph {
  const keep = new Set([key]);
  for (const forward of [true, false]) {
    let frontier = new Set([key]);
    for (let d = 0; d < depth && frontier.size > 0; d++) {
      const next = new Set<string>();
      for (const e of graph.edges) {
        const [from, to] = forward ? [e.source, e.target] : [e.target, e.source];
        if (frontier.has(from) && !keep.has(to)) {
          keep.add(to);
          next.add(to);
        }
      }
      frontier = next;
    }
  }
  return { nodes: graph.nodes.filter((n) => keep.has(n.id)), edges: graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}
