/**
 * Events (core/v1), kube 1.32 layout: LAST SEEN TYPE REASON OBJECT MESSAGE,
 * and with -o wide SUBOBJECT and SOURCE before MESSAGE, then FIRST SEEN,
 * COUNT, NAME after it. The wide columns sit between narrow ones, which is
 * why kubectl filters by priority rather than by position.
 */
import type { KubeObject } from '../api/meta';
import type { KubeEvent } from '../api/types';
import { column, nameColumn, wideColumn } from './columns';
import { ageSince, parseTimestamp } from './human-duration';
import type { KindPrinter } from './printer';

const COLUMNS = [
  column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column('Reason', 'string',
    'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
  column('Object', 'string', 'The object that this event is about.'),
  wideColumn('Subobject', 'string',
    'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].'),
  wideColumn('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.'),
  column('Message', 'string', 'A human-readable description of the status of this operation.'),
  wideColumn('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)'),
  wideColumn('Count', 'string', 'The number of times this event has occurred.'),
  nameColumn(1),
] as const;

/** events.k8s.io-style series, which older-API readers still see on core/v1 events. */
interface EventSeries { count?: number; lastObservedTime?: string }

/**
 * SOURCE: "component, host", falling back to the reporting controller and
 * instance the newer events API fills in; the host part is dropped when empty.
 */
export function eventSource(ev: KubeEvent): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/** OBJECT: "kind/name" in lower-case kind, or just the kind when unnamed. */
export function eventTarget(ev: KubeEvent): string {
  const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
  const name = ev.involvedObject?.name;
  return name ? `${kind}/${name}` : kind;
}

function eventRow(obj: KubeObject, now: Date): unknown[] {
  const ev = obj as KubeEvent;
  // Events from the newer API carry eventTime instead of firstTimestamp.
  const firstSeen = parseTimestamp(ev.firstTimestamp) !== undefined
    ? ageSince(ev.firstTimestamp, now)
    : ageSince(ev.eventTime, now);
  let lastSeen = parseTimestamp(ev.lastTimestamp) !== undefined ? ageSince(ev.lastTimestamp, now) : firstSeen;
  let count = ev.count ?? 0;
  const series = ev.series as EventSeries | null | undefined;
  if (series) {
    lastSeen = ageSince(series.lastObservedTime, now);
    count = series.count ?? 0;
  } else if (count === 0) {
    // A singleton event from the newer API has no count: it happened once.
    count = 1;
  }
  return [
    lastSeen,
    ev.type ?? '',
    ev.reason ?? '',
    eventTarget(ev),
    ev.involvedObject?.fieldPath ?? '',
    eventSource(ev),
    (ev.message ?? '').trim(),
    firstSeen,
    count,
    ev.metadata.name ?? '',
  ];
}

/** The core/v1 Event printer (kube's printEvent). */
export const eventPrinter: KindPrinter = { columns: COLUMNS, row: eventRow };
