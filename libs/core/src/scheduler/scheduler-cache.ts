/**
 * The scheduler's incremental view of the cluster: one NodeInfo per node,
 * updated event by event from the projection, plus pods "assumed" onto a
 * node while their binding is in flight, so the next pod already sees them
 * (kube's scheduler cache with AssumePod/ForgetPod). Pure data; no I/O.
 */
import type { Node, Pod } from '../api/types';
import { NodeInfo, newPodInfo } from './node-info';
import { isTerminal, podKey } from './pod-helpers';

/** What identifies a pod for removal. */
export type PodRef = Pick<Pod, 'metadata'>;

/** The read side plugins and schedulePod use. */
export interface ClusterView {
  /** Number of nodes (Node objects present). */
  readonly size: number;
  /** Node names in a stable order (for round-robin sampling); do not mutate. */
  nodeNames(): readonly string[];
  /** The present nodes' NodeInfos, in nodeNames() order; do not mutate. */
  nodeInfoList(): readonly NodeInfo[];
  /** The NodeInfo of a present node. */
  get(name: string): NodeInfo | undefined;
  /** Every present node's NodeInfo. */
  nodeInfos(): Iterable<NodeInfo>;
  /** Nodes running at least one pod with required anti-affinity. */
  nodesWithRequiredAntiAffinity(): Iterable<NodeInfo>;
}

/** The cluster as the scheduler sees it. Every update is O(1) in cluster size, apart from the name list rebuild. */
export class SchedulerCache implements ClusterView {
  // Also holds entries for nodes that are gone (or not yet seen) but still have pods,
  // so a node that comes back finds its pods counted (kube keeps such NodeInfos too).
  private readonly infos = new Map<string, NodeInfo>();
  private readonly podNode = new Map<string, string>();
  private readonly assumed = new Set<string>();
  private readonly antiAffinityNodes = new Set<string>();
  private names: string[] | undefined = [];
  private list: NodeInfo[] = [];
  private nodeCount = 0;

  /** Number of nodes. */
  get size(): number {
    return this.nodeCount;
  }

  /** Node names in the order they were added (rebuilt lazily after adds/removes). */
  nodeNames(): readonly string[] {
    if (!this.names) {
      this.names = [];
      this.list = [];
      for (const info of this.infos.values()) {
        if (!info.node) continue;
        this.names.push(info.name);
        this.list.push(info);
      }
    }
    return this.names;
  }

  /** The present nodes' NodeInfos in nodeNames() order. */
  nodeInfoList(): readonly NodeInfo[] {
    this.nodeNames();
    return this.list;
  }

  /** The NodeInfo of a present node. */
  get(name: string): NodeInfo | undefined {
    const info = this.infos.get(name);
    return info?.node ? info : undefined;
  }

  /** Every present node. */
  *nodeInfos(): Iterable<NodeInfo> {
    for (const info of this.infos.values()) if (info.node) yield info;
  }

  /** Present nodes running a pod with required anti-affinity. */
  *nodesWithRequiredAntiAffinity(): Iterable<NodeInfo> {
    for (const name of this.antiAffinityNodes) {
      const info = this.get(name);
      if (info) yield info;
    }
  }

  /** Add or replace a node. Idempotent. */
  upsertNode(node: Node): void {
    const name = node.metadata.name ?? '';
    let info = this.infos.get(name);
    if (!info) {
      info = new NodeInfo(name);
      this.infos.set(name, info);
    }
    if (!info.node) {
      this.nodeCount++;
      this.names = undefined;
    }
    info.setNode(node);
  }

  /** Remove a node. Its pods stay counted against the name until they are removed. Idempotent. */
  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info?.node) return;
    info.setNode(undefined);
    this.nodeCount--;
    this.names = undefined;
    if (info.pods.size === 0) this.infos.delete(name);
  }

  /**
   * Apply a pod as the projection now has it. A pod counts on
   * spec.nodeName while it is not terminal; a changed nodeName moves it.
   * An unbound pod that is assumed stays where it was assumed: the
   * projection has just not seen the binding yet. Idempotent.
   */
  upsertPod(pod: Pod): void {
    const key = podKey(pod);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName && this.assumed.has(key) && !isTerminal(pod)) return;
    // The binding of an assumed pod arrived where it was assumed: the accounting stands, only the object is newer.
    if (nodeName && this.assumed.has(key) && this.podNode.get(key) === nodeName && !isTerminal(pod)) {
      this.assumed.delete(key);
      this.infos.get(nodeName)?.replacePodObject(key, pod);
      return;
    }
    this.detach(key);
    this.assumed.delete(key);
    if (nodeName && !isTerminal(pod)) this.attach(key, nodeName, pod);
  }

  /** Stop counting a pod (deleted). Idempotent. */
  removePod(pod: PodRef): void {
    const key = podKey(pod);
    this.detach(key);
    this.assumed.delete(key);
  }

  /**
   * Count the pod on `nodeName` before its binding is visible, so the next
   * scheduling decision sees the capacity as taken. Confirmed by a later
   * upsertPod with spec.nodeName set; undone by forget.
   */
  assume(pod: Pod, nodeName: string): void {
    const key = podKey(pod);
    this.detach(key);
    this.attach(key, nodeName, { ...pod, spec: { ...pod.spec, nodeName } });
    this.assumed.add(key);
  }

  /** Undo assume (the binding failed). A no-op once the binding was confirmed. */
  forget(pod: PodRef): void {
    const key = podKey(pod);
    if (!this.assumed.delete(key)) return;
    this.detach(key);
  }

  /** Is the pod counted only by assume? */
  isAssumed(pod: PodRef): boolean {
    return this.assumed.has(podKey(pod));
  }

  /** Where the pod is counted, if anywhere. */
  nodeOf(pod: PodRef): string | undefined {
    return this.podNode.get(podKey(pod));
  }

  private attach(key: string, nodeName: string, pod: Pod): void {
    let info = this.infos.get(nodeName);
    if (!info) {
      info = new NodeInfo(nodeName);
      this.infos.set(nodeName, info);
    }
    info.addPod(newPodInfo(pod));
    this.podNode.set(key, nodeName);
    if (info.podsWithRequiredAntiAffinity > 0) this.antiAffinityNodes.add(nodeName);
  }

  private detach(key: string): void {
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) return;
    this.podNode.delete(key);
    const info = this.infos.get(nodeName);
    if (!info) return;
    info.removePod(key);
    if (info.podsWithRequiredAntiAffinity === 0) this.antiAffinityNodes.delete(nodeName);
    if (!info.node && info.pods.size === 0) this.infos.delete(nodeName);
  }
}
