/**
 * The feeds as the browser runs them: the history API over fetch, the live
 * stream over socket.io on the same origin, store updates once per frame.
 *
 * The live feed's initial load is `/state?at=now` rather than one list per
 * kind: a single answer is one consistent point for every kind (per-kind
 * lists would each carry their own resourceVersion), and it is the very
 * request the history feed makes at a past point, so both feeds share it.
 */
import { io } from 'socket.io-client';
import { apiJson } from '../lib/api-client';
import { clearToken, goToLogin, readToken } from '../lib/token-store';
import type { ClusterStore } from './cluster-store';
import { HistoryFeed } from './history-feed';
import { LiveFeed } from './live-feed';
import type { ClusterStateAnswer, LiveSocket } from './live-messages';
import type { Scheduler } from './batch-queue';
import type { EventListAnswer, EventPageQuery } from './travel-feed';

/** The kinds the dashboard shows (Leases and ConfigMaps would only add noise to the stream). */
export const DASHBOARD_KINDS = ['Node', 'Namespace', 'Pod', 'Deployment', 'ReplicaSet', 'Service', 'Endpoints', 'Event'];

/**
 * The cluster at a point (resourceVersion, RFC 3339 time or `now`). With
 * `changedSince`, objects untouched since that position come as keys only
 * (the caller holds the state there).
 */
export function loadStateAt(at: string, signal?: AbortSignal, changedSince?: number): Promise<ClusterStateAnswer> {
  const q = new URLSearchParams({ at, kinds: DASHBOARD_KINDS.join(',') });
  if (changedSince !== undefined) q.set('changedSince', String(changedSince));
  return apiJson<ClusterStateAnswer>(`/apis/history.chronokube.io/v1/state?${q}`, { signal });
}

/** Once per animation frame, or soon when the tab is hidden (frames stop there, acknowledgements must not). */
export const frameScheduler: Scheduler = (fn) => {
  if (typeof document !== 'undefined' && document.hidden) setTimeout(fn, 50);
  else requestAnimationFrame(() => fn());
};

/** The live feed on the same origin's /live/socket.io. */
export function browserLiveFeed(store: ClusterStore): LiveFeed {
  return new LiveFeed({
    store,
    kinds: DASHBOARD_KINDS,
    loadState: () => loadStateAt('now'),
    // WebSocket first (no polling round trips under load); a proxy that blocks the upgrade still gets long polling.
    openSocket: () => io({ path: '/live/socket.io', auth: { token: readToken() ?? '' }, transports: ['websocket', 'polling'], tryAllTransports: true }) as unknown as LiveSocket,
    schedule: frameScheduler,
    onUnauthorized: () => {
      clearToken();
      goToLogin();
    },
  });
}

/** A page of events with their data (what the time-travel feed folds). */
export function loadEventsPage(q: EventPageQuery, signal?: AbortSignal): Promise<EventListAnswer> {
  const p = new URLSearchParams({ order: q.order, limit: String(q.limit), data: 'true' });
  if (q.from !== undefined) p.set('from', String(q.from));
  if (q.to !== undefined) p.set('to', String(q.to));
  return apiJson<EventListAnswer>(`/apis/history.chronokube.io/v1/events?${p}`, { signal });
}

/** The history feed at a point (issue 13's time travel switches to this). */
export function browserHistoryFeed(store: ClusterStore, at: string): HistoryFeed {
  return new HistoryFeed(store, at, (p) => loadStateAt(p));
}
