'use client';
/**
 * A pod's log through the API's pods/log, streamed with fetch + ReadableStream
 * when following (`follow=true`), so lines appear as the container writes them.
 */
import { useEffect, useRef, useState } from 'react';
import { apiFetch } from '../lib/api-client';
import { reportError } from '../state/notices';
import { usePoint } from '../state/cluster-context';

const MAX_CHARS = 2_000_000;

/** Logs are what the container writes now: in the past the page says so instead of mixing today's lines into history. */
export function PodLogs(props: { namespace: string; name: string; containers: string[] }) {
  const point = usePoint();
  if (point) return <div className="empty" data-testid="pod-logs-past">Logs are read live from the node, not kept in the event log: go Live to follow this pod&apos;s log.</div>;
  return <LiveLogs {...props} />;
}

function LiveLogs({ namespace, name, containers }: { namespace: string; name: string; containers: string[] }) {
  const [container, setContainer] = useState(containers[0] ?? '');
  const [follow, setFollow] = useState(true);
  const [text, setText] = useState('');
  const [state, setState] = useState<'loading' | 'streaming' | 'done' | 'error'>('loading');
  const [failure, setFailure] = useState('');
  const view = useRef<HTMLPreElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    const abort = new AbortController();
    setText('');
    setFailure('');
    setState('loading');
    const q = new URLSearchParams({ tailLines: '1000', ...(follow ? { follow: 'true' } : {}), ...(container ? { container } : {}) });
    (async () => {
      const res = await apiFetch(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log?${q}`, { signal: abort.signal });
      setState(follow ? 'streaming' : 'done');
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const chunk = decoder.decode(value, { stream: true });
        setText((t) => { const n = t + chunk; return n.length > MAX_CHARS ? n.slice(n.length - MAX_CHARS) : n; });
      }
      setState('done');
    })().catch((err) => {
      if (abort.signal.aborted) return;
      setState('error');
      setFailure((err as Error).message);
      reportError(new Error(`Logs of ${namespace}/${name}: ${(err as Error).message}`));
    });
    return () => abort.abort();
  }, [namespace, name, container, follow]);

  useEffect(() => {
    if (stick.current && view.current) view.current.scrollTop = view.current.scrollHeight;
  }, [text]);

  return (
    <div>
      <div className="toolbar">
        {containers.length > 1 && (
          <select value={container} onChange={(e) => setContainer(e.target.value)} aria-label="Container">
            {containers.map((c) => <option key={c}>{c}</option>)}
          </select>
        )}
        <label style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
          <input type="checkbox" data-testid="logs-follow" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <span className="muted">{state === 'streaming' ? 'following…' : state === 'loading' ? 'loading…' : state === 'error' ? 'failed' : 'end of log'}</span>
      </div>
      <pre
        className="logs"
        data-testid="pod-logs"
        ref={view}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 20;
        }}
      >
        {text || (state === 'loading' ? 'Loading…' : state === 'streaming' ? 'Waiting for output…' : state === 'error' ? `No log: ${failure}` : '(no output)')}
      </pre>
    </div>
  );
}
