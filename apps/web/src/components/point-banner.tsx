'use client';
/**
 * Says plainly that the page shows the past: "Viewing 2026-12-05 03:12:07
 * UTC, rv 48213", read-only, with a Live button to return. Shown on every
 * page while the point is not live.
 */
import { useCluster, usePoint, useTravel } from '../state/cluster-context';
import { formatPointTime } from '../lib/timeline-scale';

export function PointBanner() {
  const point = usePoint();
  const travel = useTravel();
  const connection = useCluster((s) => s.connection);
  if (!point) return null;
  return (
    <div className="point-banner" data-testid="point-banner" role="status">
      <span className="rewind" aria-hidden>⟲</span>
      <span>
        Viewing <b>{point.time ? `${formatPointTime(Date.parse(point.time))} UTC` : 'the empty cluster'}</b>, rv {point.rv}
        <span className="muted"> · the cluster as it was then, read-only{connection === 'loading' ? ' · loading…' : ''}</span>
      </span>
      <span className="spacer" />
      <button className="primary" data-testid="go-live" onClick={() => void travel.goLive()} title="Back to the live cluster (L)">● Live</button>
    </div>
  );
}
