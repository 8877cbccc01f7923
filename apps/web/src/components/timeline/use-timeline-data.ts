'use client';
/**
 * What the timeline draws for a window of time, from the history API: the
 * event density (`/histogram`, noise excluded, bucket size following the
 * zoom), markers (Warning Events, FailedScheduling, nodes going NotReady or
 * deleted), incidents (`/incidents`), and when zoomed in far enough the
 * single events themselves. Refetched when the window moves (debounced)
 * and every few seconds while the window reaches now.
 */
import { useEffect, useState } from 'react';
import { apiJson } from '../../lib/api-client';
import { bucketMs, goDuration, type TimeView } from '../../lib/timeline-scale';
import type { EventListAnswer } from '../../state/travel-feed';
import { markersOf, type TimelineEventTick, type TimelineIncident, type TimelineMarker } from './timeline-markers';

const H = '/apis/history.chronokube.io/v1';

export interface TimelineData {
  bucketMs: number;
  buckets: { ms: number; count: number }[];
  markers: TimelineMarker[];
  incidents: TimelineIncident[];
  /** Single events, when the window holds few enough to draw one by one. */
  events?: TimelineEventTick[];
  /** The window these answer for. */
  view?: TimeView;
}

interface HistogramAnswer {
  bucketSeconds: number;
  buckets: { start: string; count: number }[];
}

interface IncidentListAnswer {
  items: { id: string; name: string; from: { resourceVersion: string; time?: string }; to?: { resourceVersion: string; time?: string } }[];
}

/** Windows this short and holding this few events show each event rather than their density. */
const EVENTS_SPAN_MS = 5 * 60_000;
const EVENTS_MAX = 400;

export function useTimelineData(view: TimeView, width: number, refreshKey: number): TimelineData {
  const [data, setData] = useState<TimelineData>({ bucketMs: 60_000, buckets: [], markers: [], incidents: [] });
  useEffect(() => {
    if (width < 50) return;
    const ctrl = new AbortController();
    const timer = setTimeout(async () => {
      const size = bucketMs(view, width);
      // Buckets on round times, so a moving window does not make the bars shimmer.
      const startMs = Math.floor(view.startMs / size) * size;
      const from = new Date(startMs).toISOString();
      const to = new Date(view.endMs).toISOString();
      const signal = ctrl.signal;
      try {
        const range = new URLSearchParams({ from, to });
        const [hist, warnings, nodes, incidents] = await Promise.all([
          apiJson<HistogramAnswer>(`${H}/histogram?${range}&bucket=${goDuration(size)}&excludeNoise=true`, { signal }),
          apiJson<EventListAnswer>(`${H}/events?${range}&kind=Event&data=true&limit=500`, { signal }),
          apiJson<EventListAnswer>(`${H}/events?${range}&type=NodeReadinessChanged,NodeDeleted&data=true&limit=200`, { signal }),
          apiJson<IncidentListAnswer>(`${H}/incidents`, { signal }).catch(() => ({ items: [] }) as IncidentListAnswer),
        ]);
        const buckets = hist.buckets.map((b) => ({ ms: Date.parse(b.start), count: b.count }));
        const total = buckets.reduce((n, b) => n + b.count, 0);
        let events: TimelineEventTick[] | undefined;
        if (view.endMs - view.startMs <= EVENTS_SPAN_MS && total <= EVENTS_MAX) {
          const list = await apiJson<EventListAnswer>(`${H}/events?${range}&excludeNoise=true&order=asc&limit=${EVENTS_MAX}`, { signal });
          events = list.items.map((e) => ({ ms: Date.parse(e.time), rv: e.resourceVersion, type: e.type, label: `${e.type} ${e.object.namespace ? e.object.namespace + '/' : ''}${e.object.name} by ${e.actor}` }));
        }
        const incidentBands: TimelineIncident[] = incidents.items.map((i) => ({
          id: i.id, name: i.name, rv: i.from.resourceVersion, fromMs: Date.parse(i.from.time ?? '') || 0, toMs: i.to?.time ? Date.parse(i.to.time) : undefined,
        }));
        if (!signal.aborted) setData({ bucketMs: hist.bucketSeconds * 1000 || size, buckets, markers: markersOf([...warnings.items, ...nodes.items]), incidents: incidentBands, events, view });
      } catch {
        // The bar keeps what it showed; the next move or refresh asks again (errors of the feed itself are shown by the banner).
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [view.startMs, view.endMs, width, refreshKey]);
  return data;
}
