'use client';
/** "Live" while subscribed, "Reconnecting…" otherwise; a history feed names its point. */
import { useCluster } from '../state/cluster-context';

export function ConnectionStatus() {
  const connection = useCluster((s) => s.connection);
  const source = useCluster((s) => s.source);
  const rv = useCluster((s) => s.resourceVersion);
  const [text, tone] =
    connection === 'live' ? ['Live', 'ok'] :
    connection === 'history' && source.mode === 'history' ? [`History · rv ${source.at}`, 'warn'] :
    connection === 'loading' ? ['Loading…', 'warn'] :
    connection === 'error' ? ['Reconnecting…', 'bad'] :
    ['Reconnecting…', 'warn'];
  return (
    <span className="status" title={`resourceVersion ${rv}`}>
      <i className={`dot ${tone}`} />
      <span data-testid="connection-status">{text}</span>
    </span>
  );
}
