/**
 * The tests' view of cause chains over a whole log read with the store's
 * client: the served rules themselves (libs/core/src/history/why.ts:
 * causeChain, chainKind, rootKind), applied to every event, plus a reason
 * for each broken chain that a failing test can print.
 *
 * A chain is unbroken when, followed through `causationId`, it ends at a
 * user's request or at a component's own observation (a node agent, the
 * API server, a timer-driven controller, or a write marked
 * `metadata.observation`); see rootKind for the exact rule.
 */
import { causeChain, chainKind, isComponentActor, toHistoryEvent, type HistoryEvent } from '@chronokube/core';

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
  roots: { request: number; observation: number };
  broken: BrokenChain[];
}

/** Why a chain whose root is `root` (the last event the chain reached) is broken. */
function breakReason(root: HistoryEvent, looped: boolean): string {
  if (looped) return 'its causes loop';
  if (!root.actor) return 'no actor in its metadata';
  if (root.causationId && root.causationId !== root.correlationId && isComponentActor(root.actor)) {
    return `${root.actor} names a cause ${root.causationId} that is not in the log`;
  }
  return `${root.actor} wrote it without citing what it reacted to`;
}

/**
 * Follows every cluster event's causes through `events` (the whole log)
 * with the history API's own rules, and reports which reach a root.
 * Events outside object streams (audit, incidents) are not cluster events
 * and are left out, as /causality leaves them out.
 */
export function causeChains(events: readonly LoggedEvent[]): CauseChainReport {
  const logged = new Map<string, LoggedEvent>();
  const byId = new Map<string, HistoryEvent>();
  for (const e of events) {
    const h = toHistoryEvent({ streamId: e.stream, revision: 0n, type: e.type, data: e.data, position: e.position ?? 0, id: e.id, metadata: e.metadata }, 0);
    if (!h) continue;
    byId.set(h.id, h);
    logged.set(h.id, e);
  }
  const lookup = (id: string): HistoryEvent | undefined => byId.get(id);
  const roots = { request: 0, observation: 0 };
  const broken: BrokenChain[] = [];
  for (const h of byId.values()) {
    const chain = causeChain(h, lookup);
    const kind = chainKind(chain, lookup);
    const root = chain[chain.length - 1];
    if (kind !== 'unknown') roots[kind]++;
    else broken.push({ event: logged.get(h.id)!, breaksAt: logged.get(root.id)!, why: breakReason(root, !!root.causationId && byId.has(root.causationId)) });
  }
  const total = byId.size;
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
