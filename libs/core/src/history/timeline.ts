/**
 * The timeline of one object: every version from its stream, folded with
 * the same `evolve` as the projection, across delete and re-create of the
 * same name (a re-created object continues its old stream).
 */
import type { KubeObject } from '../api/meta';
import type { RecordedEvent } from '../domain/cluster-state';
import { parseEventType, type DomainEventData } from '../domain/domain-event';
import { evolve } from '../domain/evolve';
import { parseStreamName } from '../domain/stream-names';
import { toHistoryEvent } from './events';
import { objectDiff } from './field-changes';
import type { ObjectTimeline, TimelineEntry } from './types';

/** A recorded event with the time the store recorded it (epoch ms or RFC 3339). */
export type TimedEvent = RecordedEvent & { time: number | string };

/**
 * One entry per event of the stream, oldest first (the input is sorted by
 * position first, so callers may pass pages in any order). `generation`
 * counts lives: 1 from the first creation, 2 after a re-create. Each entry
 * holds the version after the event (none once deleted) and its patch and
 * fields against the version before. Events of types that are not the
 * stream kind's are skipped, as the projection skips them.
 */
export function buildTimeline(events: readonly TimedEvent[], options: { data?: boolean } = {}): TimelineEntry[] {
  const sorted = [...events].sort((a, b) => a.position - b.position);
  const entries: TimelineEntry[] = [];
  let current: KubeObject | undefined;
  let generation = 0;
  for (const e of sorted) {
    const address = parseStreamName(e.streamId);
    const suffix = address && parseEventType(address.resource.kind, e.type);
    if (!suffix) continue;
    const before = current;
    const after = evolve(before, { suffix, data: e.data } as DomainEventData, String(e.position));
    if (suffix === 'Created') generation++;
    current = after;
    const uid = after?.metadata.uid ?? before?.metadata.uid;
    const h = toHistoryEvent(e, e.time, { data: options.data, uid })!;
    const { patch, fields } = objectDiff(before, after);
    // Built member by member: copying `h` without its ObjectRef by rest/spread costs more than the diff.
    const entry: TimelineEntry = {
      id: h.id, resourceVersion: h.resourceVersion, time: h.time, type: h.type, stream: h.stream,
      actor: h.actor, verb: h.verb, correlationId: h.correlationId,
      generation: Math.max(generation, 1), deleted: suffix === 'Deleted', patch, fields,
    };
    for (const k of ['userAgent', 'sourceIP', 'causationId', 'reason', 'observation', 'scheduler', 'data'] as const) if (h[k] !== undefined) entry[k] = h[k] as never;
    if (uid) entry.uid = uid;
    if (after) entry.object = after;
    entries.push(entry);
  }
  return entries;
}

/**
 * The `/timeline` answer for one stream, or undefined when the stream has
 * no version (the name never existed: a 404). The object reference names
 * the latest life (its uid).
 */
export function objectTimeline(events: readonly TimedEvent[], options: { data?: boolean } = {}): ObjectTimeline | undefined {
  const versions = buildTimeline(events, options);
  if (versions.length === 0) return undefined;
  const last = versions[versions.length - 1];
  const ref = toHistoryEvent({ ...events[0], streamId: last.stream, data: undefined }, last.time, { uid: last.uid })!.object;
  return { kind: 'ObjectTimeline', object: ref, versions };
}

/** The entry that produced the version at `position` (the last at or before it), or undefined. */
export function versionAt(entries: readonly TimelineEntry[], position: number): TimelineEntry | undefined {
  let found: TimelineEntry | undefined;
  for (const e of entries) {
    if (Number(e.resourceVersion) > position) break;
    found = e;
  }
  return found;
}
