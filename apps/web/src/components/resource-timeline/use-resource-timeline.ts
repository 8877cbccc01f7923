'use client';
/**
 * Loads what the resource timeline draws for a window: the objects alive
 * at its start (`/state`), every event inside it (`/events`, no heartbeats,
 * paged), the creations with their objects (owners, labels) and the Warning
 * Events (what they are about).
 */
import { useEffect, useState } from 'react';
import type { HistoryEvent, KubeObject } from '@chronokube/core';
import { apiJson } from '../../lib/api-client';
import { buildRows, type ResourceRow } from '../../lib/resource-timeline';
import type { EventListAnswer } from '../../state/travel-feed';
import type { ClusterStateAnswer } from '../../state/live-messages';

const H = '/apis/history.chronokube.io/v1';
const KINDS = ['Node', 'Namespace', 'Pod', 'Deployment', 'ReplicaSet', 'Service', 'Endpoints', 'ConfigMap'];
/** At most this many pages of 5,000 events per query. */
const MAX_PAGES = 20;

async function allPages(query: URLSearchParams, signal: AbortSignal): Promise<HistoryEvent[]> {
  const out: HistoryEvent[] = [];
  let token: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const q = new URLSearchParams(query);
    q.set('limit', '5000');
    if (token) q.set('continue', token);
    const page = await apiJson<EventListAnswer>(`${H}/events?${q}`, { signal });
    out.push(...page.items);
    token = page.metadata.continue;
    if (!token) break;
  }
  return out;
}

export interface ResourceTimelineData {
  rows: ResourceRow[];
  loading: boolean;
  error?: string;
  fromMs: number;
  toMs: number;
}

export function useResourceTimeline(fromMs: number, toMs: number, reload: number): ResourceTimelineData {
  const [data, setData] = useState<ResourceTimelineData>({ rows: [], loading: true, fromMs, toMs });
  useEffect(() => {
    const ctrl = new AbortController();
    const signal = ctrl.signal;
    setData((d) => ({ ...d, loading: true }));
    (async () => {
      const from = new Date(fromMs).toISOString();
      const to = new Date(toMs).toISOString();
      const range = { from, to, order: 'asc' };
      const creations = KINDS.map((k) => `${k}Created`).join(',');
      const [state, events, created, warnings] = await Promise.all([
        apiJson<ClusterStateAnswer>(`${H}/state?${new URLSearchParams({ at: from, kinds: KINDS.join(',') })}`, { signal }),
        allPages(new URLSearchParams({ ...range, excludeNoise: 'true' }), signal),
        allPages(new URLSearchParams({ ...range, type: creations, data: 'true' }), signal),
        allPages(new URLSearchParams({ ...range, kind: 'Event', type: 'EventCreated', data: 'true' }), signal),
      ]);
      const rows = buildRows({ fromMs, toMs, initial: state.items as KubeObject[], events, created, warnings });
      if (!signal.aborted) setData({ rows, loading: false, fromMs, toMs });
    })().catch((err: Error) => {
      if (!signal.aborted) setData((d) => ({ ...d, loading: false, error: err.message }));
    });
    return () => ctrl.abort();
  }, [fromMs, toMs, reload]);
  return data;
}
