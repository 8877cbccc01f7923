'use client';
/**
 * Every failed request or socket error, with its message (data-testid
 * error-banner). A point in time that could not be shown offers the way
 * back to the live cluster.
 */
import { useCluster, usePointFailed, useTravel } from '../state/cluster-context';
import { useNotices } from '../state/notices';

export function ErrorBanner() {
  const feedError = useCluster((s) => s.error);
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  const travel = useTravel();
  const pointFailed = usePointFailed();
  if (!feedError && notices.length === 0) return null;
  return (
    <div data-testid="error-banner" role="alert">
      {feedError && (
        <div className="banner">
          <span className="msg">{feedError}</span>
          {pointFailed && <button className="primary" data-testid="error-go-live" onClick={() => void travel.commit(null)}>● Live</button>}
        </div>
      )}
      {notices.map((n) => (
        <div className="banner" key={n.id}>
          <span className="msg">{n.message}</span>
          <button onClick={() => dismiss(n.id)} aria-label="Dismiss">×</button>
        </div>
      ))}
    </div>
  );
}
