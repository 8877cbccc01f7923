/**
 * `/events` and `/histogram`: the log filtered through the event index
 * (columns only), then the page's full events read back from the log.
 */
import { histogram, parseDuration, toHistoryEvent, type EventList, type HistoryEvent, type Histogram } from '@chronokube/core';
import { Category } from './event-columns';
import type { IndexFilter } from './event-index';
import { mayReadNamespace } from './history-authz';
import type { HistoryDeps, HistoryReply, HistoryRequest } from './history-request';
import { boolParam, continueParam, encodeContinue, kindParam, limitParam, listParam, orderParam, pageRange, textParam } from './history-query';

/** The index filter of the /events parameters over positions (after, upTo]. */
export function eventFilter(q: URLSearchParams, after: number, upTo: number, readable?: (ns: string) => boolean): IndexFilter {
  return {
    readable,
    category: Category.Object,
    kind: kindParam(q),
    namespace: textParam(q, 'namespace'),
    name: textParam(q, 'name'),
    actor: textParam(q, 'actor'),
    verb: textParam(q, 'verb'),
    types: listParam(q, 'type'),
    correlationId: textParam(q, 'correlationId'),
    excludeNoise: boolParam(q, 'excludeNoise'),
    after,
    upTo,
  };
}

/** GET /events: newest first by default, `limit` per page, `continue` for the next. */
export async function getEvents(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const q = r.q;
  const order = orderParam(q);
  const limit = limitParam(q);
  const token = continueParam(q, order);
  const withData = boolParam(q, 'data');
  const from = await d.points.resolve(q.get('from'), 0);
  const to = await d.points.resolve(q.get('to'));
  const range = pageRange(from.position, to.position, token);
  const filter = eventFilter(q, range.after, range.upTo, (ns) => mayReadNamespace(r.user, ns));
  const indexes = d.api.indexes;
  const { rows, more } = indexes.index.scan(filter, order, limit);
  const items: HistoryEvent[] = [];
  for (const event of await indexes.fetchRows(rows)) {
    const h = toHistoryEvent(event, event.time ?? 0, { data: withData });
    // The index keys correlation ids by hash: the full event has the last word.
    if (!h || (filter.correlationId && h.correlationId !== filter.correlationId)) continue;
    items.push(h);
  }
  const last = rows.length ? indexes.index.columns.position[rows[rows.length - 1]] : undefined;
  const body: EventList & { metadata: { caughtUpTo: string } } = {
    kind: 'EventList',
    metadata: { resourceVersion: to.ref.resourceVersion, caughtUpTo: String(indexes.caughtUpTo) },
    items,
  };
  if (more && last !== undefined) body.metadata.continue = encodeContinue({ position: last, order });
  return { body };
}

/** GET /histogram?from=P&to=P&bucket=60s&<filters>: counts per time bucket. */
export async function getHistogram(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const q = r.q;
  const bucketMs = parseDuration(q.get('bucket') ?? '60s', 'bucket');
  const from = await d.points.resolve(q.get('from'), 0);
  const to = await d.points.resolve(q.get('to'));
  const index = d.api.indexes.index;
  const times = index.times(eventFilter(q, from.position, to.position, (ns) => mayReadNamespace(r.user, ns)));
  // The range runs from the time of `from` (or the first matching event) to the time of `to`.
  const fromMs = from.ms ?? (times.length ? times[0] : 0);
  const toMs = to.ms ?? (times.length ? times[times.length - 1] : fromMs);
  const h = histogram(times, fromMs, Math.max(fromMs, toMs), bucketMs);
  const body: Histogram = { kind: 'EventHistogram', from: from.ref, to: to.ref, bucketSeconds: h.bucketSeconds, buckets: h.buckets };
  return { body };
}
