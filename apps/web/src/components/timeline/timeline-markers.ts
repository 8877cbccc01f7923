/**
 * Markers on the timeline from the history API's events (pure): Warning
 * Events (FailedScheduling apart), node loss (a node turning NotReady or
 * Unknown, or deleted), and incident bands.
 */
import type { HistoryEvent } from '@chronokube/core';

export type MarkerType = 'warning' | 'sched' | 'node';

export interface TimelineMarker {
  ms: number;
  rv: string;
  type: MarkerType;
  label: string;
}

export interface TimelineIncident {
  id: string;
  name: string;
  rv: string;
  fromMs: number;
  toMs?: number;
}

export interface TimelineEventTick {
  ms: number;
  rv: string;
  type: string;
  label: string;
}

interface EventObject {
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; namespace?: string; name?: string };
  regarding?: { kind?: string; namespace?: string; name?: string };
}

/** The markers among `events` (fetched with data), oldest first. */
export function markersOf(events: readonly HistoryEvent[]): TimelineMarker[] {
  const out: TimelineMarker[] = [];
  for (const e of events) {
    const ms = Date.parse(e.time);
    if (e.type === 'EventCreated') {
      const o = (e.data as { object?: EventObject } | undefined)?.object;
      if (o?.type !== 'Warning') continue;
      const about = o.involvedObject ?? o.regarding;
      const what = about ? `${(about.kind ?? '').toLowerCase()}/${about.name ?? ''}` : e.object.name;
      out.push({ ms, rv: e.resourceVersion, type: o.reason === 'FailedScheduling' ? 'sched' : 'warning', label: `${o.reason ?? 'Warning'} ${what}: ${o.message ?? ''}`.trim() });
    } else if (e.type === 'NodeDeleted') {
      out.push({ ms, rv: e.resourceVersion, type: 'node', label: `Node ${e.object.name} deleted` });
    } else if (e.type === 'NodeReadinessChanged') {
      const ready = (e.data as { ready?: string } | undefined)?.ready;
      if (ready !== undefined && ready !== 'True') out.push({ ms, rv: e.resourceVersion, type: 'node', label: `Node ${e.object.name} ${ready === 'False' ? 'NotReady' : 'unreachable (Ready=' + ready + ')'}` });
    }
  }
  return out.sort((a, b) => a.ms - b.ms);
}

export const MARKER_LABEL: Record<MarkerType, string> = { warning: 'Warning', sched: 'Failed scheduling', node: 'Node lost' };
