'use client';
/**
 * "Now" for ages in tables: the current time, refreshed every few seconds;
 * while the UI shows the past, the time of that point, so an age reads as it
 * did then ("created 8s ago" at that moment, not hours ago from today).
 */
import { useEffect, useState } from 'react';
import { useCluster } from '../state/cluster-context';

export function useNow(everyMs = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  const pointTime = useCluster((s) => (s.source.mode === 'history' ? s.source.time : undefined));
  useEffect(() => {
    if (pointTime) return;
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs, pointTime]);
  return pointTime ? Date.parse(pointTime) : now;
}
