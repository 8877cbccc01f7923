/**
 * What the overview's node cards show: the pods bound to each node and how
 * much of its allocatable cpu, memory and pod slots their requests take,
 * counted as the scheduler counts them (libs/core's podRequests).
 */
import { nodeAllocatable, podRequests, type Condition, type KubeObject, type Node, type Pod } from '@chronokube/core';

/** Used and total of one resource. */
export interface Usage {
  used: number;
  total: number;
}

/** One node card. */
export interface NodeCard {
  node: Node;
  pods: Pod[];
  cpu: Usage;
  memory: Usage;
  podSlots: Usage;
  ready: boolean;
  /** Conditions that are not in their healthy state (MemoryPressure=True, Ready=False...). */
  problems: Condition[];
}

// Objects in the store are never mutated (a change is a new object), so a pod's
// requests can be computed once per version: quantity parsing is the costly part.
const requestsCache = new WeakMap<Pod, { cpu: number; memory: number }>();

function requestsOf(p: Pod): { cpu: number; memory: number } {
  let r = requestsCache.get(p);
  if (!r) {
    const full = podRequests(p);
    r = { cpu: full.milliCPU, memory: full.memory };
    requestsCache.set(p, r);
  }
  return r;
}

/** Pods that hold resources on a node: not finished (Succeeded/Failed pods release theirs). */
function holdsResources(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

/** Node cards, NotReady ones first, then by name, with the pods each runs; pods bound to no known node are returned apart. */
export function nodeCards(nodes: Iterable<KubeObject>, pods: Iterable<KubeObject>): { cards: NodeCard[]; unscheduled: Pod[] } {
  const byNode = new Map<string, Pod[]>();
  const unscheduled: Pod[] = [];
  for (const o of pods) {
    const p = o as Pod;
    const n = p.spec?.nodeName;
    if (!n) unscheduled.push(p);
    else (byNode.get(n) ?? byNode.set(n, []).get(n)!).push(p);
  }
  const cards: NodeCard[] = [];
  for (const o of nodes) {
    const node = o as Node;
    const name = node.metadata.name ?? '';
    const list = byNode.get(name) ?? [];
    byNode.delete(name);
    const alloc = nodeAllocatable(node);
    let cpu = 0;
    let memory = 0;
    let count = 0;
    for (const p of list) {
      if (!holdsResources(p)) continue;
      const r = requestsOf(p);
      cpu += r.cpu;
      memory += r.memory;
      count++;
    }
    const conditions = ((node.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[];
    const ready = conditions.some((c) => c.type === 'Ready' && c.status === 'True');
    const problems = conditions.filter((c) => (c.type === 'Ready' ? c.status !== 'True' : c.status === 'True'));
    // Object names are DNS labels (ASCII): code-unit order, without localeCompare's cost per pair.
    list.sort(byName);
    cards.push({ node, pods: list, cpu: { used: cpu, total: alloc.milliCPU }, memory: { used: memory, total: alloc.memory }, podSlots: { used: count, total: alloc.pods }, ready, problems });
  }
  // Pods bound to a node the store does not know (deleted node) are shown with the unscheduled.
  for (const rest of byNode.values()) unscheduled.push(...rest);
  // Trouble first: a NotReady node is what someone opening the overview at night is looking for.
  cards.sort((a, b) => Number(a.ready) - Number(b.ready) || collator.compare(a.node.metadata.name ?? '', b.node.metadata.name ?? ''));
  return { cards, unscheduled };
}

const collator = new Intl.Collator('en', { numeric: true });

function byName(a: Pod, b: Pod): number {
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Pods counted by phase (Pending, Running, Succeeded, Failed, Unknown). */
export function countByPhase(pods: Iterable<KubeObject>): Record<string, number> {
  const out: Record<string, number> = { Pending: 0, Running: 0, Succeeded: 0, Failed: 0, Unknown: 0 };
  for (const p of pods) {
    const phase = (p as Pod).status?.phase ?? 'Pending';
    out[phase] = (out[phase] ?? 0) + 1;
  }
  return out;
}
