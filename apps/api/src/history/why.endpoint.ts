/**
 * `/why` and `/causality`: core walks causationId chains with a synchronous
 * lookup, so the events a chain can reach are loaded first, through the
 * index's id column, a few reads per link at most.
 */
import { badRequest, causalityReport, notFound, toHistoryEvent, versionAt, buildTimeline, why, type HistoryEvent, type RecordedEvent } from '@chronokube/core';
import { Category } from './event-columns';
import { mayReadNamespace } from './history-authz';
import type { HistoryIndexService } from './history-index.service';
import type { HistoryDeps, HistoryReply, HistoryRequest } from './history-request';
import { textParam } from './history-query';
import { objectAddress, readObjectStream } from './object-stream';

/** At most this many events of one correlation go into a why-tree. */
const MAX_TREE = 5000;
/** Rounds of loading causes that lie outside what is loaded (each round is one index pass). */
const MAX_ROUNDS = 64;

/** HistoryEvents by id, loaded from the log on demand. */
class EventCache {
  readonly byId = new Map<string, HistoryEvent>();

  constructor(private readonly indexes: HistoryIndexService) {}

  add(events: RecordedEvent[]): HistoryEvent[] {
    const out: HistoryEvent[] = [];
    for (const e of events) {
      const h = toHistoryEvent(e, e.time ?? this.indexes.index.timeAt(e.position) ?? 0);
      if (!h) continue;
      this.byId.set(h.id, h);
      out.push(h);
    }
    return out;
  }

  /** Loads the events with these ids (those already known are skipped). */
  async load(ids: Iterable<string>): Promise<void> {
    const wanted = new Set([...ids].filter((id) => id && !this.byId.has(id)));
    if (wanted.size === 0) return;
    const events = await this.indexes.fetchRows(this.indexes.index.rowsWithIds(wanted));
    this.add(events.filter((e) => e.id !== undefined && wanted.has(e.id)));
  }

  /** Loads every cause the known events name, until none is missing (or the log does not hold it). */
  async closeOverCauses(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const missing = new Set<string>();
      for (const e of this.byId.values()) if (e.causationId && !this.byId.has(e.causationId)) missing.add(e.causationId);
      const before = this.byId.size;
      await this.load(missing);
      if (this.byId.size === before) return;
    }
  }
}

/** The subject of /why: the event named by `event`, or the one that produced the object's version at `at` (default now). */
async function subjectOf(d: HistoryDeps, r: HistoryRequest, cache: EventCache): Promise<HistoryEvent> {
  const id = textParam(r.q, 'event');
  if (id) {
    await cache.load([id]);
    const found = cache.byId.get(id);
    if (!found) throw notFound('events', id, 'history.chronokube.io');
    return found;
  }
  const address = objectAddress(r.q);
  if (!address) throw badRequest('missing event, or kind and name: what to explain');
  const { resource, name } = address;
  const at = await d.points.resolve(r.q.get('at'));
  const timed = await readObjectStream(d, address);
  const entry = versionAt(buildTimeline(timed), at.position);
  const event = entry && timed.find((e) => e.id === entry.id);
  if (!event) throw notFound(resource.plural, name, resource.group);
  return cache.add([event])[0];
}

/** GET /why?event=ID or /why?kind=K&namespace=N&name=X[&at=P] */
export async function getWhy(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const cache = new EventCache(d.api.indexes);
  const subject = await subjectOf(d, r, cache);
  if (!mayReadNamespace(r.user, subject.object.namespace)) throw notFound('events', subject.id, 'history.chronokube.io');
  await cache.closeOverCauses();
  const lookup = (id: string): HistoryEvent | undefined => cache.byId.get(id);
  // The tree is the root's correlation: find the root first, then load its correlation.
  const rootCorrelation = why(subject, lookup, []).root.correlationId;
  const index = d.api.indexes.index;
  const { rows } = index.scan({ category: Category.Object, correlationId: rootCorrelation, after: 0, upTo: Number.MAX_SAFE_INTEGER, readable: (ns) => mayReadNamespace(r.user, ns) }, 'asc', MAX_TREE);
  const correlated = cache.add(await d.api.indexes.fetchRows(rows)).filter((e) => e.correlationId === rootCorrelation);
  return { body: why(subject, lookup, correlated) };
}

/** GET /causality?from=P&to=P: the share of events with an unbroken chain. */
export async function getCausality(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const from = await d.points.resolve(r.q.get('from'), 0);
  const to = await d.points.resolve(r.q.get('to'));
  const cache = new EventCache(d.api.indexes);
  const { rows } = d.api.indexes.index.scan({ category: Category.Object, after: from.position, upTo: to.position, readable: (ns) => mayReadNamespace(r.user, ns) }, 'asc', Number.MAX_SAFE_INTEGER);
  const events = cache.add(await d.api.indexes.fetchRows(rows));
  await cache.closeOverCauses();
  return { body: causalityReport(events, (id) => cache.byId.get(id)) };
}
