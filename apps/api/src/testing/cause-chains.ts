/**
 * What counts as an unbroken cause chain, as one small pure function the
 * tests share (the served `/causality` lives in libs/core/src/history).
 *
 * Every event's `metadata.causationId` names the event it reacted to; a
 * chain is followed through the log until it reaches a root:
 *
 * - a **request** root: an event written by a user (an actor that is not a
 *   cluster component) whose causationId names no event of the log (it
 *   names the request itself);
 * - an **observation** root: an event with no causationId, or one equal to
 *   its own correlationId (it started a correlation of its own), written by
 *   an observer: a node agent (`system:node:*`), the API server's bootstrap,
 *   a controller driven by time rather than by an event (node lifecycle,
 *   pod GC), or any component that says what it observed instead
 *   (`metadata.observation`, e.g. a controller's start-up resync). A
 *   heartbeat, a Lease renewal, a node's registration, a node found silent
 *   are such observations.
 *
 * A chain is broken when a component's event names a cause that is not in
 * the log (a dangling link), when a component other than an observer
 * starts a chain of its own (it failed to cite what it reacted to), when
 * an event has no metadata, or when the links loop.
 */

/** One event of the log, as read with the store's client. */
export interface LoggedEvent {
  id: string;
  type: string;
  stream: string;
  position?: number;
  /** The event's data, when the caller kept it (not needed to follow causes). */
  data?: unknown;
  metadata?: { actor?: unknown; correlationId?: unknown; causationId?: unknown; [k: string]: unknown };
}

export type RootKind = 'request' | 'observation';

export interface BrokenChain {
  /** The event whose chain does not reach a root. */
  event: LoggedEvent;
  /** Where the chain breaks (the event itself or one of its causes). */
  breaksAt: LoggedEvent;
  why: string;
}

export interface CauseChainReport {
  total: number;
  linked: number;
  /** linked / total (1 for an empty log). */
  share: number;
  roots: Record<RootKind, number>;
  broken: BrokenChain[];
}

/** Actors that observe on their own: their uncaused writes are roots. */
export const DEFAULT_OBSERVERS: readonly string[] = [
  'system:node:*',
  'system:apiserver',
  'system:controller:node-lifecycle-controller',
  'system:controller:pod-garbage-collector',
];

const COMPONENT_PREFIXES = ['system:node:', 'system:controller:', 'system:apiserver', 'system:kube-'];

/** A cluster component (node agent, controller, scheduler, API server) rather than a user. */
export function isComponent(actor: string): boolean {
  return COMPONENT_PREFIXES.some((p) => actor.startsWith(p));
}

function matches(actor: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? actor.startsWith(p.slice(0, -1)) : actor === p));
}

type Verdict = { ok: true; root: RootKind } | { ok: false; breaksAt: LoggedEvent; why: string };

/** Follows every event's causes through `events` (the whole log) and reports which reach a root. */
export function causeChains(events: readonly LoggedEvent[], observers: readonly string[] = DEFAULT_OBSERVERS): CauseChainReport {
  const byId = new Map(events.map((e) => [e.id, e] as const));
  const verdicts = new Map<string, Verdict>();

  /** The event's own step: a root, a link to follow, or a break. */
  const step = (e: LoggedEvent): Verdict | { next: LoggedEvent } => {
    const m = e.metadata;
    const actor = typeof m?.actor === 'string' ? m.actor : undefined;
    if (!m || !actor) return { ok: false, breaksAt: e, why: 'no actor in its metadata' };
    const cause = typeof m.causationId === 'string' && m.causationId ? m.causationId : undefined;
    const next = cause !== undefined && cause !== e.id ? byId.get(cause) : undefined;
    if (next) return { next };
    if (!isComponent(actor)) return { ok: true, root: 'request' };
    if (cause !== undefined && cause !== m.correlationId) return { ok: false, breaksAt: e, why: `${actor} names a cause ${cause} that is not in the log` };
    if (matches(actor, observers) || (typeof m.observation === 'string' && m.observation)) return { ok: true, root: 'observation' };
    return { ok: false, breaksAt: e, why: `${actor} wrote it without citing what it reacted to` };
  };

  const verdictOf = (start: LoggedEvent): Verdict => {
    const path: LoggedEvent[] = [];
    const onPath = new Set<string>();
    let at = start;
    let verdict: Verdict;
    for (;;) {
      const known = verdicts.get(at.id);
      if (known) {
        verdict = known;
        break;
      }
      if (onPath.has(at.id)) {
        verdict = { ok: false, breaksAt: at, why: 'its causes loop' };
        break;
      }
      path.push(at);
      onPath.add(at.id);
      const s = step(at);
      if ('next' in s) at = s.next;
      else {
        verdict = s;
        break;
      }
    }
    for (const e of path) verdicts.set(e.id, verdict);
    return verdict;
  };

  const roots: Record<RootKind, number> = { request: 0, observation: 0 };
  const broken: BrokenChain[] = [];
  for (const e of events) {
    const v = verdictOf(e);
    if (v.ok) roots[v.root]++;
    else broken.push({ event: e, breaksAt: v.breaksAt, why: v.why });
  }
  const total = events.length;
  const linked = total - broken.length;
  return { total, linked, share: total === 0 ? 1 : linked / total, roots, broken };
}

/** The broken chains as lines a failing test prints. */
export function describeBroken(report: CauseChainReport, max = 30): string {
  const line = (e: LoggedEvent): string => `${e.type} ${e.stream}${e.position !== undefined ? ` @${e.position}` : ''} by ${String(e.metadata?.actor)}`;
  const lines = report.broken.slice(0, max).map((b) =>
    b.breaksAt === b.event ? `${line(b.event)}: ${b.why}` : `${line(b.event)} <- ... <- ${line(b.breaksAt)}: ${b.why}`);
  if (report.broken.length > max) lines.push(`... and ${report.broken.length - max} more`);
  return `${report.linked}/${report.total} events have an unbroken cause chain:\n${lines.join('\n')}`;
}
