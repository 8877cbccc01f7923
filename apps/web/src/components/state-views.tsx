'use client';
/** The loading and empty states every view uses (data-testid loading / empty-state). */
import type { ReactNode } from 'react';
import { useCluster } from '../state/cluster-context';

export function Loading({ children = 'Loading the cluster…' }: { children?: ReactNode }) {
  return <div className="loading" data-testid="loading">{children}</div>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty" data-testid="empty-state">{children}</div>;
}

/** Shows Loading until the store has its first state (or the feed's error, which the banner also shows). */
export function WhenLoaded({ children }: { children: ReactNode }) {
  const loaded = useCluster((s) => s.loaded);
  const connection = useCluster((s) => s.connection);
  if (loaded) return <>{children}</>;
  if (connection === 'error') return <Empty>The cluster could not be loaded; see the error above.</Empty>;
  return <Loading />;
}
