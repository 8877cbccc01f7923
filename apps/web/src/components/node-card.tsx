'use client';
/** One node: readiness, capacity bars (requests vs allocatable), problem conditions, its pods as chips. */
import Link from 'next/link';
import { memo } from 'react';
import type { NodeCard as Card, Usage } from '../lib/node-capacity';
import { formatBytes, formatCpu, share } from '../lib/format';
import { objectHref } from '../lib/links';
import { isPodReady, podStatus, statusTone } from '../lib/pod-status';

function Bar({ label, usage, fmt }: { label: string; usage: Usage; fmt: (n: number) => string }) {
  const s = share(usage.used, usage.total);
  const tone = s >= 0.9 ? 'bad' : s >= 0.75 ? 'warn' : '';
  return (
    <div className="bar" title={`${label}: ${fmt(usage.used)} requested of ${fmt(usage.total)} allocatable`}>
      <span>{label}</span>
      <span className="track"><span className={`fill ${tone}`} style={{ width: `${Math.round(s * 100)}%`, display: 'block' }} /></span>
      <span className="v">{fmt(usage.used)} / {fmt(usage.total)}</span>
    </div>
  );
}

/** Same node version and the same pod versions: nothing on the card changed. */
function sameCard(a: { card: Card }, b: { card: Card }): boolean {
  const x = a.card, y = b.card;
  if (x.node !== y.node || x.pods.length !== y.pods.length) return false;
  for (let i = 0; i < x.pods.length; i++) if (x.pods[i] !== y.pods[i]) return false;
  return true;
}

export const NodeCardView = memo(function NodeCardView({ card }: { card: Card }) {
  const name = card.node.metadata.name ?? '';
  return (
    <div className={`node-card${card.ready ? '' : ' notready'}`} data-testid="node-card" data-node={name}>
      <header>
        <i className={`dot ${card.ready ? 'ok' : 'bad'}`} title={card.ready ? 'Ready' : 'Not ready'} />
        <Link href={objectHref('Node', undefined, name)}>{name}</Link>
        <span className="muted" style={{ fontSize: 11 }}>{card.pods.length} pod{card.pods.length === 1 ? '' : 's'}</span>
      </header>
      <Bar label="cpu" usage={card.cpu} fmt={formatCpu} />
      <Bar label="memory" usage={card.memory} fmt={formatBytes} />
      <Bar label="pods" usage={card.podSlots} fmt={String} />
      {card.problems.length > 0 && (
        <div style={{ marginTop: 4, display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          {card.problems.map((c) => (
            <span key={c.type} className="tag bad" title={c.message}>{c.type === 'Ready' ? `NotReady${c.reason ? ': ' + c.reason : ''}` : c.type}</span>
          ))}
        </div>
      )}
      <div className="chips" onClick={onChipClick}>
        {card.pods.map((p) => {
          const status = podStatus(p);
          const phase = p.status?.phase ?? 'Pending';
          const key = `${p.metadata.namespace}/${p.metadata.name}`;
          return (
            // Plain anchors (thousands of them): the container's click handler navigates client-side.
            <a
              key={key}
              href={objectHref('Pod', p.metadata.namespace, p.metadata.name ?? '')}
              className={`chip ${phase}${statusTone(status) === 'bad' ? ' bad' : ''}${phase === 'Running' && !isPodReady(p) ? ' unready' : ''}`}
              data-testid="pod-chip"
              data-pod={key}
              data-phase={phase}
              title={`${key} — ${status}${phase === 'Running' && !isPodReady(p) ? ' (not ready)' : ''}`}
              aria-label={`${key} ${status}`}
            />
          );
        })}
      </div>
    </div>
  );
}, sameCard);

/** Client-side navigation for a chip (keeps the store and socket), new tab on modifier clicks as usual. */
export function onChipClick(e: React.MouseEvent) {
  const a = (e.target as HTMLElement).closest('a');
  if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  window.dispatchEvent(new CustomEvent('chronokube-navigate', { detail: a.getAttribute('href') }));
}
