'use client';
/**
 * Puts one cluster store, its feed controller and the time-travel
 * controller in React context for the whole app (the layout keeps them
 * alive across page navigations). Which feed runs follows the URL's `at`
 * (PointSync): live without it, the history feed at that point with it.
 */
import { createContext, Suspense, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';
import { useStore } from 'zustand';
import { createClusterStore, type ClusterState, type ClusterStore } from './cluster-store';
import { FeedController } from './feed';
import { browserLiveFeed, loadEventsPage, loadStateAt } from './browser-feeds';
import { TimeTravel, type TravelUi } from './time-travel';
import { pointHref, pointOf } from '../lib/links';
import { readToken } from '../lib/token-store';

interface ClusterContextValue {
  store: ClusterStore;
  feeds: FeedController;
  travel: TimeTravel;
}

const ClusterContext = createContext<ClusterContextValue | null>(null);

/** The URL with `at` set (null = removed), as the browser history wants it. */
function urlWithPoint(at: string | null): string {
  return pointHref(window.location.pathname + window.location.search + window.location.hash, at);
}

/** Provides the store; `live` lets the feeds run (off on the login page). */
export function ClusterProvider({ live, children }: { live: boolean; children: ReactNode }) {
  const value = useMemo<ClusterContextValue>(() => {
    const store = createClusterStore();
    const feeds = new FeedController();
    const travel = new TimeTravel({
      store,
      feeds,
      liveFeed: () => browserLiveFeed(store),
      loadState: (at, changedSince) => loadStateAt(at, undefined, changedSince),
      loadEvents: (q) => loadEventsPage(q),
      // Next.js keeps useSearchParams in step with the native history calls.
      setUrlPoint: (at, mode) => (mode === 'push' ? window.history.pushState(null, '', urlWithPoint(at)) : window.history.replaceState(null, '', urlWithPoint(at))),
      frame: (fn) => requestAnimationFrame(fn),
    });
    return { store, feeds, travel };
  }, []);
  useEffect(() => () => value.travel.stop(), [value]);
  return (
    <ClusterContext.Provider value={value}>
      {live && (
        <Suspense fallback={null}>
          <PointSync travel={value.travel} />
        </Suspense>
      )}
      {children}
    </ClusterContext.Provider>
  );
}

/** When the browser last went back or forward (the URL change it causes follows within a frame or two). */
let poppedAt = 0;
if (typeof window !== 'undefined') window.addEventListener('popstate', () => (poppedAt = Date.now()));

/**
 * Keeps the feed on the URL's point. A navigation that drops `at` (a link
 * of a page that does not know the point) keeps the point: the URL gets it
 * back. Only the Live button and the browser's back/forward to a URL
 * without `at` go live.
 */
function PointSync({ travel }: { travel: TimeTravel }) {
  const params = useSearchParams();
  const pathname = usePathname();
  const at = pointOf(params);
  useEffect(() => {
    if (!readToken()) return;
    const back = Date.now() - poppedAt < 1000;
    poppedAt = 0;
    if (at === null && typeof travel.point === 'string' && !back) {
      window.history.replaceState(null, '', urlWithPoint(travel.point));
      return;
    }
    void travel.show(at);
  }, [at, pathname, travel]);
  return null;
}

function useClusterContext(): ClusterContextValue {
  const v = useContext(ClusterContext);
  if (!v) throw new Error('useCluster outside ClusterProvider');
  return v;
}

/** Read from the store; the component re-renders when the selected value changes. */
export function useCluster<T>(selector: (s: ClusterState) => T): T {
  return useStore(useClusterContext().store, selector);
}

/** The feed controller (to switch feeds). */
export function useFeeds(): FeedController {
  return useClusterContext().feeds;
}

/** The time-travel controller (point, steps, play). */
export function useTravel(): TimeTravel {
  return useClusterContext().travel;
}

/** The timeline controls' state (playing, speed, busy). */
export function useTravelUi<T>(selector: (s: TravelUi) => T): T {
  return useStore(useClusterContext().travel.ui, selector);
}

/** True when the URL names a point in the past that could not be loaded (an invalid `?at=`, a failed load). */
export function usePointFailed(): boolean {
  const travel = useTravel();
  const failed = useCluster((s) => s.connection === 'error');
  return failed && typeof travel.point === 'string';
}

/** The point shown: null when live, else its resourceVersion and time. */
export function usePoint(): { rv: string; time?: string } | null {
  const source = useCluster((s) => s.source);
  return source.mode === 'history' ? { rv: source.at, time: source.time } : null;
}
