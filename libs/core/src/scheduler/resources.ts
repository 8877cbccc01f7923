/**
 * Resource amounts as the scheduler counts them: cpu in millicores, memory
 * and everything else in whole units (bytes, devices), rounded up as
 * resource.Quantity's MilliValue()/Value() do. A pod's effective request is
 * computed the way kube's resourcehelper.PodRequests does, so a pod fits
 * here exactly when it would fit on a real kube-scheduler.
 */
import type { Container, Node, Pod } from '../api/types';
import { parseQuantity } from '../admission/quantity';

/** An amount of every resource the scheduler accounts for. */
export interface Resources {
  /** cpu in millicores. */
  milliCPU: number;
  /** memory in bytes. */
  memory: number;
  /** ephemeral-storage, hugepages-*, extended resources (`example.com/gpu`), in units. */
  scalar: Record<string, number>;
}

/** What a node offers: its resources plus how many pods it takes (allocatable `pods`). */
export interface Allocatable extends Resources {
  pods: number;
}

/** kube's DefaultMilliCPURequest: what a container without a cpu request counts as when scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** kube's DefaultMemoryRequest (200 MiB), the same idea for memory. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const NANO_PER_MILLI = 1_000_000n;
const NANO_PER_UNIT = 1_000_000_000n;

/** A fresh zero amount. */
export function emptyResources(): Resources {
  return { milliCPU: 0, memory: 0, scalar: {} };
}

function ceilDiv(n: bigint, d: bigint): bigint {
  return n >= 0n ? (n + d - 1n) / d : -(-n / d);
}

/** A quantity string in the unit the scheduler keeps for `resource`; 0 for anything unparsable. */
export function quantityValue(resource: string, text: unknown): number {
  const nanos = parseQuantity(text);
  if (nanos === undefined) return 0;
  return Number(ceilDiv(nanos, resource === 'cpu' ? NANO_PER_MILLI : NANO_PER_UNIT));
}

/**
 * Resource names that take part in fitting besides cpu and memory
 * (kube's IsScalarResourceName plus ephemeral-storage): hugepages,
 * attachable volumes and extended resources, i.e. names with a domain
 * outside kubernetes.io. Anything else (a typo, `pods`) is ignored, as kube does.
 */
export function isScalarResource(name: string): boolean {
  if (name === 'ephemeral-storage') return true;
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  const slash = name.indexOf('/');
  if (slash <= 0) return false;
  const domain = name.slice(0, slash);
  return domain !== 'kubernetes.io' && !domain.endsWith('.kubernetes.io') && !name.startsWith('requests.');
}

/** Add `list` (a requests/limits/overhead map) into `into`. */
function addList(into: Resources, list: Record<string, unknown>): void {
  for (const [name, q] of Object.entries(list)) {
    if (name === 'cpu') into.milliCPU += quantityValue(name, q);
    else if (name === 'memory') into.memory += quantityValue(name, q);
    else if (isScalarResource(name)) into.scalar[name] = (into.scalar[name] ?? 0) + quantityValue(name, q);
  }
}

function addResources(into: Resources, r: Resources): void {
  into.milliCPU += r.milliCPU;
  into.memory += r.memory;
  for (const [k, v] of Object.entries(r.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + v;
}

function maxInto(into: Resources, r: Resources): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  for (const [k, v] of Object.entries(r.scalar)) into.scalar[k] = Math.max(into.scalar[k] ?? 0, v);
}

function cloneResources(r: Resources): Resources {
  return { milliCPU: r.milliCPU, memory: r.memory, scalar: { ...r.scalar } };
}

/** Options for podRequests. */
export interface PodRequestOptions {
  /**
   * Count a container that requests no cpu (memory) as 100m (200Mi), as kube
   * does when scoring, so best-effort pods still spread (NonZeroRequested).
   */
  nonZero?: boolean;
}

function containerRequests(c: Container, opts: PodRequestOptions): Resources {
  const r = emptyResources();
  const res = c.resources ?? {};
  // API defaulting copies limits into missing requests; do it here too so an
  // undefaulted pod is counted the same way.
  const merged: Record<string, unknown> = { ...(res.limits ?? {}), ...(res.requests ?? {}) };
  addList(r, merged);
  if (opts.nonZero) {
    if (!('cpu' in merged)) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!('memory' in merged)) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * A pod's effective resource request: the larger of (regular containers +
 * sidecars) and the largest init container step, plus spec.overhead, per
 * resource. Sidecars (init containers with restartPolicy Always) keep
 * running, so they add to every later step, exactly as in kube.
 */
export function podRequests(pod: Pod, opts: PodRequestOptions = {}): Resources {
  const spec = pod.spec ?? { containers: [] };
  const reqs = emptyResources();
  for (const c of spec.containers ?? []) addResources(reqs, containerRequests(c, opts));
  const sidecars = emptyResources();
  const initMax = emptyResources();
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c, opts);
    let step: Resources;
    if (c.restartPolicy === 'Always') {
      addResources(reqs, r);
      addResources(sidecars, r);
      step = cloneResources(sidecars);
    } else {
      step = cloneResources(r);
      addResources(step, sidecars);
    }
    maxInto(initMax, step);
  }
  maxInto(reqs, initMax);
  const overhead = spec.overhead;
  if (overhead && typeof overhead === 'object') addList(reqs, overhead as Record<string, unknown>);
  return reqs;
}

/**
 * What a node offers to pods: status.allocatable, falling back per resource
 * to status.capacity (a node that reports only capacity is still usable).
 * A node that reports no `pods` takes none, as in kube ("Too many pods").
 */
export function nodeAllocatable(node: Node): Allocatable {
  const list: Record<string, unknown> = { ...(node.status?.capacity ?? {}), ...(node.status?.allocatable ?? {}) };
  const r = emptyResources();
  addList(r, list);
  return { ...r, pods: 'pods' in list ? quantityValue('pods', list.pods) : 0 };
}

/** True when nothing is requested at all (kube skips fitting such a pod against resources). */
export function isZeroRequest(r: Resources): boolean {
  return r.milliCPU === 0 && r.memory === 0 && Object.values(r.scalar).every((v) => v === 0);
}

/** The pod's effective requests (a memo compute function: one argument, no closure). */
export function effectiveRequests(pod: Pod): Resources {
  return podRequests(pod);
}

/** The pod's requests with kube's non-zero cpu/memory defaults (a memo compute function). */
export function nonZeroRequests(pod: Pod): Resources {
  return podRequests(pod, { nonZero: true });
}
