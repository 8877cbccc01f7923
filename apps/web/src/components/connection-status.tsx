'use client';
/**
 * "Live" while subscribed, "Reconnecting…" while the live stream is down; a
 * history feed names its point, and a point that cannot be shown (an invalid
 * `?at=`, a failed load) says so instead of pretending to reconnect.
 */
import { useCluster, usePointFailed } from '../state/cluster-context';

export function ConnectionStatus() {
  const connection = useCluster((s) => s.connection);
  const source = useCluster((s) => s.source);
  const rv = useCluster((s) => s.resourceVersion);
  const pointFailed = usePointFailed();
  const [text, tone] =
    connection === 'live' ? ['Live', 'ok'] :
    connection === 'history' && source.mode === 'history' ? [`History · rv ${source.at}`, 'warn'] :
    connection === 'loading' ? ['Loading…', 'warn'] :
    pointFailed ? ['Point not shown', 'bad'] :
    connection === 'error' ? ['Reconnecting…', 'bad'] :
    ['Reconnecting…', 'warn'];
  return (
    <span className="status" title={`resourceVersion ${rv}`}>
      <i className={`dot ${tone}`} />
      <span data-testid="connection-status">{text}</span>
    </span>
  );
}
