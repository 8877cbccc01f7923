/**
 * Why did this happen? Every event names the event (or request) that
 * directly caused it (`causationId`) and the user action it belongs to
 * (`correlationId`). Walking causationId up gives the chain to the root;
 * grouping one correlationId by causationId gives the tree of effects.
 */
import type { CausalityReport, CauseNode, HistoryEvent, RootKind, WhyResult } from './types';

/** Finds an event of the log by id (the server's index, or a map in tests). */
export type EventLookup = (id: string) => HistoryEvent | undefined;

/** How many events the causality report lists as broken. */
export const MAX_BROKEN = 20;
const MAX_DEPTH = 10_000;

/**
 * Whether an actor is a component of the cluster rather than a user: the
 * controllers (`system:controller:*`, the scheduler among them), node agents
 * (`system:node:*`), the API server itself and kube's other `system:`
 * identities. Service accounts and anonymous are principals making
 * requests, so they count as users.
 */
export function isComponentActor(actor: string): boolean {
  return actor.startsWith('system:') && !actor.startsWith('system:serviceaccount:') && actor !== 'system:anonymous';
}

/**
 * Whether an event claims no cause inside the log: no causationId, or the
 * one a component writes when nothing caused it (its own correlationId:
 * the API server's contexts fall back to that), or itself.
 */
export function claimsNoCause(event: HistoryEvent): boolean {
  const c = event.causationId;
  return !c || c === event.correlationId || c === event.id;
}

/**
 * What kind of root an event is: `request` when a user wrote it (whatever
 * its causationId: a request's id is not an event); `observation` when a
 * component wrote it claiming no cause (a node's heartbeat, a controller
 * reacting to time); `unknown` otherwise: a component that names a cause the
 * log does not hold, i.e. a broken link. Note that a component which drops
 * its cause instead of naming it looks like an observation here.
 */
export function rootKind(root: HistoryEvent): RootKind {
  if (root.actor && !isComponentActor(root.actor)) return 'request';
  if (root.actor && claimsNoCause(root)) return 'observation';
  return 'unknown';
}

/**
 * The chain from `subject` to its root through causationId, subject first.
 * Stops where the cause is not in the log, and at a cycle (a damaged log
 * must not hang the API).
 */
export function causeChain(subject: HistoryEvent, lookup: EventLookup): HistoryEvent[] {
  const chain = [subject];
  const seen = new Set([subject.id]);
  let current = subject;
  while (current.causationId && chain.length < MAX_DEPTH) {
    const cause = lookup(current.causationId);
    if (!cause || seen.has(cause.id)) break;
    chain.push(cause);
    seen.add(cause.id);
    current = cause;
  }
  return chain;
}

/**
 * The root kind of a whole chain: the root's own kind, but `unknown` when
 * the chain stopped at a cycle or the depth limit (its root still names a
 * cause the log holds).
 */
export function chainKind(chain: readonly HistoryEvent[], lookup: EventLookup): RootKind {
  const root = chain[chain.length - 1];
  if (root.causationId && root.causationId !== root.id && lookup(root.causationId) !== undefined) return 'unknown';
  return rootKind(root);
}

/**
 * The events of one correlation nested by causationId, every level ordered
 * by position. Events whose cause is not among them are top level; the
 * result is the tree of `rootId` (default: the earliest top-level event),
 * or undefined when there is no such event.
 */
export function causeTree(events: readonly HistoryEvent[], rootId?: string): CauseNode | undefined {
  const forest = causeForest(events);
  return rootId === undefined ? forest[0] : findNode(forest, rootId);
}

/** Every top-level tree of a set of events (see causeTree), ordered by position. */
export function causeForest(events: readonly HistoryEvent[]): CauseNode[] {
  const sorted = [...events].sort((a, b) => Number(a.resourceVersion) - Number(b.resourceVersion));
  const nodes = new Map<string, CauseNode>();
  for (const e of sorted) if (!nodes.has(e.id)) nodes.set(e.id, { event: e, children: [] });
  const top: CauseNode[] = [];
  for (const node of nodes.values()) {
    const { causationId, id } = node.event;
    const parent = causationId && causationId !== id ? nodes.get(causationId) : undefined;
    // A cause recorded after its effect would make a cycle possible; keep such events top level.
    if (parent && Number(parent.event.resourceVersion) < Number(node.event.resourceVersion)) parent.children.push(node);
    else top.push(node);
  }
  return top;
}

/**
 * The `/why` answer for a subject: its chain to the root, the root's kind,
 * and the tree of the root within `correlated` (the events sharing the
 * root's correlationId; the subject's own chain is added if missing).
 */
export function why(subject: HistoryEvent, lookup: EventLookup, correlated: readonly HistoryEvent[]): WhyResult {
  const chain = causeChain(subject, lookup);
  const root = chain[chain.length - 1];
  const ids = new Set(correlated.map((e) => e.id));
  const events = [...correlated, ...chain.filter((e) => !ids.has(e.id))];
  return {
    kind: 'Why', subject, chain, root, rootKind: chainKind(chain, lookup),
    tree: causeTree(events, root.id) ?? { event: root, children: [] },
  };
}

/**
 * How many `events` have an unbroken chain to a user request or a
 * component's own observation (`lookup` reaches the whole log, since a
 * cause may lie before the range). Chains are shared, so every event is
 * walked once. share is 1 for no events.
 */
export function causalityReport(events: readonly HistoryEvent[], lookup: EventLookup): CausalityReport {
  const linkedById = new Map<string, boolean>();
  const broken: HistoryEvent[] = [];
  let linked = 0;
  for (const e of events) {
    let ok = linkedById.get(e.id);
    if (ok === undefined) {
      const chain = causeChain(e, (id) => (linkedById.has(id) ? undefined : lookup(id)));
      const root = chain[chain.length - 1];
      const known = root.causationId !== undefined ? linkedById.get(root.causationId) : undefined;
      ok = known ?? chainKind(chain, lookup) !== 'unknown';
      for (const c of chain) linkedById.set(c.id, ok);
    }
    if (ok) linked++;
    else if (broken.length < MAX_BROKEN) broken.push(e);
  }
  return { kind: 'CausalityReport', total: events.length, linked, share: events.length === 0 ? 1 : linked / events.length, broken };
}

function findNode(nodes: CauseNode[], id: string): CauseNode | undefined {
  for (const n of nodes) {
    if (n.event.id === id) return n;
    const inner = findNode(n.children, id);
    if (inner) return inner;
  }
  return undefined;
}
