'use client';
/**
 * Puts one cluster store and its feed controller in React context for the
 * whole app (the layout keeps it alive across page navigations), and
 * starts the live feed once a token is there.
 */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createClusterStore, type ClusterState, type ClusterStore } from './cluster-store';
import { FeedController } from './feed';
import { browserLiveFeed } from './browser-feeds';
import { readToken } from '../lib/token-store';

interface ClusterContextValue {
  store: ClusterStore;
  feeds: FeedController;
}

const ClusterContext = createContext<ClusterContextValue | null>(null);

/** Provides the store; `live` starts the live feed (off on the login page). */
export function ClusterProvider({ live, children }: { live: boolean; children: ReactNode }) {
  const value = useMemo<ClusterContextValue>(() => ({ store: createClusterStore(), feeds: new FeedController() }), []);
  useEffect(() => {
    if (!live || !readToken()) return;
    // Errors are already in the store (shown by the banner); nothing to do here.
    value.feeds.set(browserLiveFeed(value.store)).catch(() => undefined);
    return () => value.feeds.stop();
  }, [live, value]);
  return <ClusterContext.Provider value={value}>{children}</ClusterContext.Provider>;
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
