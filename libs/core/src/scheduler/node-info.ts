/**
 * Everything the scheduler knows about one node, kept as running totals so
 * a Filter or Score plugin reads it in O(1): the Node, the pods on it, the
 * sum of their requests, host ports in use, and the indexes that spreading
 * and anti-affinity need. After kube's framework.NodeInfo.
 */
import type { Node, Pod } from '../api/types';
import { HostPortSet, podHostPorts, type HostPort } from './host-ports';
import { requiredAntiAffinityTerms, type AffinityTerm } from './pod-affinity-terms';
import { controllerUid, podKey, podPriority } from './pod-helpers';
import { emptyResources, nodeAllocatable, podRequests, type Allocatable, type Resources } from './resources';

/** A pod as accounted on a node: what it was counted with, so removing it undoes exactly that. */
export interface PodInfo {
  readonly key: string;
  readonly pod: Pod;
  /** Effective requests (filtering, BalancedAllocation). */
  readonly requests: Resources;
  /** cpu/memory with kube's defaults for missing requests (Least/MostAllocated scoring). */
  readonly nonZero: { readonly milliCPU: number; readonly memory: number };
  readonly ports: readonly HostPort[];
  readonly priority: number;
  readonly controllerUid: string | undefined;
  /** Required anti-affinity terms, compiled once, since every later pod is checked against them. */
  readonly antiAffinityTerms: readonly AffinityTerm[];
}

/** Derive a PodInfo; pure. */
export function newPodInfo(pod: Pod): PodInfo {
  const nz = podRequests(pod, { nonZero: true });
  return {
    key: podKey(pod),
    pod,
    requests: podRequests(pod),
    nonZero: { milliCPU: nz.milliCPU, memory: nz.memory },
    ports: podHostPorts(pod),
    priority: podPriority(pod),
    controllerUid: controllerUid(pod),
    antiAffinityTerms: requiredAntiAffinityTerms(pod),
  };
}

const NO_ALLOCATABLE: Allocatable = { ...emptyResources(), pods: 0 };

/**
 * One node's scheduling view. Mutated only by SchedulerCache (and by
 * preemption on its own clones); plugins treat it as read-only.
 */
export class NodeInfo {
  private nodeObj: Node | undefined;
  private alloc: Allocatable = NO_ALLOCATABLE;
  private readonly podMap = new Map<string, PodInfo>();
  private readonly owners = new Map<string, number>();
  private antiAffinityPods = 0;
  /** Sum of the pods' effective requests. */
  readonly requested: Resources = emptyResources();
  /** Sum of the pods' non-zero cpu/memory requests. */
  readonly nonZeroRequested = { milliCPU: 0, memory: 0 };
  /** Host ports taken by the pods. */
  readonly usedPorts = new HostPortSet();
  /**
   * The figures every filter and score reads, flat on this object (mirrors of
   * allocatable, requested and pods.size): the per-node hot path then touches
   * one object instead of four. Read-only outside this class.
   */
  allocMilliCPU = 0;
  allocMemory = 0;
  allocPods = 0;
  reqMilliCPU = 0;
  reqMemory = 0;
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;
  podCount = 0;

  constructor(readonly name: string, node?: Node) {
    if (node) this.setNode(node);
  }

  /** The Node object; undefined while pods are known for a node that is not (or no longer) there. */
  get node(): Node | undefined {
    return this.nodeObj;
  }

  /** The node's labels (never undefined). */
  get labels(): Readonly<Record<string, string>> {
    return this.nodeObj?.metadata.labels ?? {};
  }

  /** Allocatable resources and pod count. */
  get allocatable(): Allocatable {
    return this.alloc;
  }

  /** The pods counted on this node, by `namespace/name`. */
  get pods(): ReadonlyMap<string, PodInfo> {
    return this.podMap;
  }

  /** How many pods with required anti-affinity run here (so a pre-filter can skip most nodes). */
  get podsWithRequiredAntiAffinity(): number {
    return this.antiAffinityPods;
  }

  /** How many pods here belong to the controller with this uid. */
  ownerCount(uid: string): number {
    return this.owners.get(uid) ?? 0;
  }

  /** Replace (or drop) the Node object; pod accounting is kept. */
  setNode(node: Node | undefined): void {
    this.nodeObj = node;
    this.alloc = node ? nodeAllocatable(node) : NO_ALLOCATABLE;
    this.allocMilliCPU = this.alloc.milliCPU;
    this.allocMemory = this.alloc.memory;
    this.allocPods = this.alloc.pods;
  }

  /** Count a pod. Callers remove a pod before adding it again. */
  addPod(info: PodInfo): void {
    this.podMap.set(info.key, info);
    this.apply(info, 1);
  }

  /** Swap in a newer object for a counted pod whose requests, ports and owner are unchanged (a confirmed binding). */
  replacePodObject(key: string, pod: Pod): void {
    const info = this.podMap.get(key);
    if (info) this.podMap.set(key, { ...info, pod });
  }

  /** Stop counting the pod with this key; returns what was removed. */
  removePod(key: string): PodInfo | undefined {
    const info = this.podMap.get(key);
    if (!info) return undefined;
    this.podMap.delete(key);
    this.apply(info, -1);
    return info;
  }

  private apply(info: PodInfo, sign: 1 | -1): void {
    this.requested.milliCPU += sign * info.requests.milliCPU;
    this.requested.memory += sign * info.requests.memory;
    this.reqMilliCPU = this.requested.milliCPU;
    this.reqMemory = this.requested.memory;
    this.podCount = this.podMap.size;
    for (const [k, v] of Object.entries(info.requests.scalar)) {
      this.requested.scalar[k] = (this.requested.scalar[k] ?? 0) + sign * v;
    }
    this.nonZeroRequested.milliCPU += sign * info.nonZero.milliCPU;
    this.nonZeroRequested.memory += sign * info.nonZero.memory;
    this.nonZeroMilliCPU = this.nonZeroRequested.milliCPU;
    this.nonZeroMemory = this.nonZeroRequested.memory;
    for (const p of info.ports) {
      if (sign > 0) this.usedPorts.add(p);
      else this.usedPorts.remove(p);
    }
    if (info.antiAffinityTerms.length > 0) this.antiAffinityPods += sign;
    if (info.controllerUid) {
      const n = (this.owners.get(info.controllerUid) ?? 0) + sign;
      if (n > 0) this.owners.set(info.controllerUid, n);
      else this.owners.delete(info.controllerUid);
    }
  }

  /** An independent copy with the same node and pods (for what-if evaluation, e.g. preemption). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.nodeObj = this.nodeObj;
    c.alloc = this.alloc;
    for (const info of this.podMap.values()) c.addPod(info);
    return c;
  }
}
