'use client';
/**
 * /timeline/: the resource timeline over a window ending at the point shown
 * (or now), filtered by kind, label selector and text (all in the URL).
 */
import { Suspense, useEffect, useMemo, useState } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { usePoint } from '../../state/cluster-context';
import { apiJson } from '../../lib/api-client';
import type { EventListAnswer } from '../../state/travel-feed';
import { ResourceTimelineView } from '../../components/resource-timeline/resource-timeline';
import { useResourceTimeline } from '../../components/resource-timeline/use-resource-timeline';
import { Loading } from '../../components/state-views';

const WINDOWS: { id: string; label: string; ms: number }[] = [
  { id: 'life', label: 'whole life (up to 7 d)', ms: 0 },
  { id: '15m', label: 'last 15 min', ms: 15 * 60_000 },
  { id: '1h', label: 'last hour', ms: 3_600_000 },
  { id: '6h', label: 'last 6 h', ms: 6 * 3_600_000 },
  { id: '24h', label: 'last 24 h', ms: 86_400_000 },
  { id: '7d', label: 'last 7 days', ms: 7 * 86_400_000 },
];
const KINDS = ['Deployment', 'ReplicaSet', 'Pod', 'Service', 'Endpoints', 'Node', 'Namespace', 'ConfigMap'];

function ResourceTimelinePage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const point = usePoint();
  const kind = params.get('kind') ?? '';
  const label = params.get('label') ?? '';
  const text = params.get('q') ?? '';
  const windowId = WINDOWS.some((w) => w.id === params.get('window')) ? params.get('window')! : 'life';
  const [born, setBorn] = useState<number | undefined>();
  const [reload, setReload] = useState(0);
  // The window ends at now (fixed at load; Refresh moves it), or at the point shown when that lies outside it.
  // A point moving inside the window (steps, play) only moves the cursor: nothing is refetched.
  const [endMs, setEndMs] = useState(() => (point?.time ? Date.parse(point.time) + 1 : Date.now()));
  const pointMs = point?.time ? Date.parse(point.time) : undefined;
  useEffect(() => {
    apiJson<EventListAnswer>('/apis/history.chronokube.io/v1/events?order=asc&limit=1')
      .then((r) => setBorn(r.items[0] ? Date.parse(r.items[0].time) : Date.now()))
      .catch(() => setBorn(Date.now() - 3_600_000));
  }, []);
  const w = WINDOWS.find((x) => x.id === windowId)!;
  useEffect(() => {
    if (pointMs === undefined) return;
    const span = w.ms || 7 * 86_400_000;
    if (pointMs > endMs || pointMs < endMs - span) setEndMs(pointMs + 1);
  }, [pointMs, endMs, w.ms]);
  const startMs = born === undefined ? undefined : w.ms ? endMs - w.ms : Math.max(endMs - 7 * 86_400_000, born - 1000);
  // Round the window to seconds so a moving point does not refetch for nothing.
  const fromMs = startMs === undefined ? 0 : Math.floor(startMs / 1000) * 1000;
  const toMs = Math.ceil(endMs / 1000) * 1000;
  const data = useResourceTimeline(fromMs, toMs, born === undefined ? -1 : reload);
  const view = useMemo(() => ({ startMs: fromMs, endMs: toMs + (toMs - fromMs) / 50 }), [fromMs, toMs]);

  function update(change: Record<string, string>) {
    const q = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(change)) {
      if (v) q.set(k, v);
      else q.delete(k);
    }
    router.replace(`${pathname}?${q}`, { scroll: false });
  }

  return (
    <>
      <div className="toolbar">
        <select data-testid="rt-kind" aria-label="Kind" value={kind} onChange={(e) => update({ kind: e.target.value })}>
          <option value="">All kinds</option>
          {KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <input data-testid="rt-label" placeholder="label selector (app=web)" defaultValue={label} onChange={(e) => update({ label: e.target.value })} style={{ width: 200 }} />
        <input data-search data-testid="rt-text" placeholder="search name or owner  ( / )" defaultValue={text} onChange={(e) => update({ q: e.target.value })} style={{ width: 220 }} />
        <select data-testid="rt-window" aria-label="Window" value={windowId} onChange={(e) => update({ window: e.target.value === 'life' ? '' : e.target.value })}>
          {WINDOWS.map((x) => <option key={x.id} value={x.id}>{x.label}</option>)}
        </select>
        <button onClick={() => { setEndMs(Date.now()); setReload((n) => n + 1); }} title="Load up to now">Refresh</button>
        <span className="legend">
          <span><i className="rt-mark created inline" /> created</span>
          <span><i className="rt-mark changed inline" /> changed</span>
          <span><i className="rt-mark status inline" /> status</span>
          <span><i className="rt-mark bound inline" /> scheduled</span>
          <span><i className="rt-mark scaled inline" /> scaled</span>
          <span><i className="rt-mark warning inline" /> warning</span>
          <span><i className="rt-mark deleted inline" /> deleted</span>
        </span>
        {data.loading && <span className="muted">loading…</span>}
        {data.error && <span className="field-error">{data.error}</span>}
      </div>
      {born === undefined || (data.loading && data.rows.length === 0) ? (
        <Loading>Loading the history of every object…</Loading>
      ) : (
        <ResourceTimelineView rows={data.rows} view={view} kind={kind} label={label} text={text} cursorMs={point?.time ? Date.parse(point.time) : undefined} onOpen={(href) => router.push(href)} />
      )}
    </>
  );
}

export default function TimelinePage() {
  return (
    <Suspense fallback={<Loading />}>
      <ResourceTimelinePage />
    </Suspense>
  );
}
