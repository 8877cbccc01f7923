'use client';
/**
 * The audit browser: who asked for what and how it ended (allowed,
 * denied 401/403, rejected other 4xx), filtered by user, verb, kind,
 * namespace, result and time, in a virtualized table
 * (@tanstack/react-virtual, as the workloads tables); the rows shown are
 * exported as CSV in the browser.
 */
import './history.css';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { RESOURCES, type AuditEntry } from '@chronokube/core';
import { Empty, Loading } from '../state-views';
import { AUDIT_CSV, auditQuery, csvFileName, isHeartbeat, resultTone, searchAudit, SINCE_OPTIONS, type AuditFilter } from './audit-rows';
import { toCsv } from './csv';
import { downloadText } from './download';
import { utc } from './format-time';
import { auditEntries } from './history-api';
import { objectAtHref, pointHref } from './point-href';
import { LazyInput } from './lazy-input';
import { useRequest } from './use-request';

const MAX_ROWS = 50_000;
const ROW = 28;
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const GRID = '170px minmax(120px, 190px) 64px 150px 130px minmax(120px, 1fr) 112px minmax(160px, 2fr)';

export function AuditView({ filter, query }: { filter: AuditFilter; query: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  const request = useMemo(() => auditQuery(filter, loadedAt), [filter, loadedAt]);
  const audit = useRequest(JSON.stringify(request), (s) => auditEntries(request, MAX_ROWS, s));
  const rows = useMemo(() => searchAudit(audit.data?.items ?? [], filter.q, filter.heartbeats === '1'), [audit.data, filter.q, filter.heartbeats]);
  const beats = useMemo(() => (audit.data?.items ?? []).filter(isHeartbeat).length, [audit.data]);
  const [selected, setSelected] = useState<AuditEntry | undefined>();
  const resources = useMemo(() => [...new Set(RESOURCES.map((r) => r.plural))].sort(), []);

  // Two changes in a row (a select, then another) must build on each other, not both on the URL of the last render.
  const latest = useRef(query);
  useEffect(() => {
    latest.current = query;
  }, [query]);
  function update(change: Partial<AuditFilter>) {
    const q = new URLSearchParams(latest.current);
    for (const [k, v] of Object.entries(change)) {
      if (v) q.set(k, v);
      else q.delete(k);
    }
    latest.current = q.toString();
    router.replace(`${pathname}?${q}`, { scroll: false });
  }

  const denied = rows.filter((r) => r.result === 'denied').length;
  return (
    <div className="history-page fill-page">
      <div className="toolbar">
        <LazyInput data-testid="audit-user" value={filter.user} onCommit={(v) => update({ user: v })} placeholder="user" aria-label="User" style={{ width: 130 }} />
        <select data-testid="audit-verb" value={filter.verb} onChange={(e) => update({ verb: e.target.value })} aria-label="Verb">
          <option value="">any verb</option>
          {VERBS.map((v) => <option key={v} value={v}>{v}</option>)}
        </select>
        <select data-testid="audit-resource" value={filter.resource} onChange={(e) => update({ resource: e.target.value })} aria-label="Kind">
          <option value="">any kind</option>
          {resources.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <LazyInput data-testid="audit-namespace" value={filter.namespace} onCommit={(v) => update({ namespace: v })} placeholder="namespace" aria-label="Namespace" style={{ width: 110 }} />
        <select data-testid="audit-result" value={filter.result} onChange={(e) => update({ result: e.target.value })} aria-label="Result">
          <option value="">any result</option>
          <option value="allowed">allowed</option>
          <option value="denied">denied (401/403)</option>
          <option value="rejected">rejected (other 4xx)</option>
        </select>
        <select data-testid="audit-since" value={filter.since} onChange={(e) => update({ since: e.target.value, from: '', to: '' })} aria-label="Time window">
          <option value="">any time / range</option>
          {SINCE_OPTIONS.map((s) => <option key={s} value={s}>last {s}</option>)}
        </select>
        {!filter.since && (
          <>
            <LazyInput className="mono" value={filter.from} onCommit={(v) => update({ from: v })} placeholder="from: rv or RFC 3339" aria-label="From" style={{ width: 170 }} />
            <LazyInput className="mono" value={filter.to} onCommit={(v) => update({ to: v })} placeholder="to: rv, time or now" aria-label="To" style={{ width: 150 }} />
          </>
        )}
        <input data-search value={filter.q} onChange={(e) => update({ q: e.target.value })} placeholder="Search message, URI, agent  ( / )" aria-label="Search" style={{ width: 220 }} />
        {beats > 0 && <label className="small"><input type="checkbox" checked={filter.heartbeats === '1'} onChange={(e) => update({ heartbeats: e.target.checked ? '1' : '' })} /> {beats.toLocaleString()} node heartbeats</label>}
        <button onClick={() => { setLoadedAt(Date.now()); audit.reload(); }} title="Read the audit again">Refresh</button>
        <span className="spacer" />
        <button data-testid="audit-export-csv" disabled={rows.length === 0} onClick={() => downloadText(toCsv(rows, AUDIT_CSV), csvFileName(filter, Date.now()), 'text/csv;charset=utf-8')} title="The rows shown, every field, as CSV">Export CSV ({rows.length.toLocaleString()})</button>
      </div>
      {audit.error && <Empty>The audit could not be read: {audit.error}</Empty>}
      {!audit.data && audit.loading && <Loading>Reading the audit…</Loading>}
      {audit.data && (
        <>
          <div className="muted small audit-summary">
            {audit.loading ? 'Reading the audit again… ' : ''}{rows.length.toLocaleString()} request{rows.length === 1 ? '' : 's'}{denied ? <>, <b className="bad-text">{denied} denied</b></> : null}, newest first
            {audit.data.truncated ? ` (the newest ${MAX_ROWS.toLocaleString()}: narrow the filters for older ones)` : ''}
            {audit.data.caughtUpTo ? ` · audit index caught up to rv ${audit.data.caughtUpTo}` : ''}. Allowed reads are not recorded.
          </div>
          {rows.length === 0 ? <Empty>No request matches these filters.</Empty> : <AuditTable rows={rows} selected={selected} onSelect={setSelected} busy={audit.loading} />}
          {selected && <AuditDetail entry={selected} onClose={() => setSelected(undefined)} />}
        </>
      )}
    </div>
  );
}

function AuditTable({ rows, selected, onSelect, busy }: { rows: AuditEntry[]; selected?: AuditEntry; onSelect(e: AuditEntry): void; busy: boolean }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  return (
    <div className={`table audit${busy ? ' busy' : ''}`} data-testid="audit-table" role="grid" aria-rowcount={rows.length} aria-busy={busy}>
      <div className="thead" style={{ gridTemplateColumns: GRID }} role="row">
        {['Time (UTC)', 'User', 'Verb', 'Resource', 'Namespace', 'Name', 'Result', 'Message'].map((h) => <div key={h} className="cell" role="columnheader">{h}</div>)}
      </div>
      <div className="tbody" ref={scroller}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const e = rows[v.index];
            return (
              <div
                key={e.id}
                className="trow"
                data-testid="audit-row"
                data-result={e.result}
                data-verb={e.verb}
                data-user={e.user}
                role="row"
                aria-selected={selected?.id === e.id}
                style={{ transform: `translateY(${v.start}px)`, gridTemplateColumns: GRID, background: selected?.id === e.id ? 'var(--row-hover)' : undefined }}
                onClick={() => onSelect(e)}
              >
                <div className="cell mono small">{utc(e.time)}</div>
                <div className="cell" title={e.user}>{e.user || '(anonymous)'}</div>
                <div className="cell">{e.verb}</div>
                <div className="cell">{e.resource}</div>
                <div className="cell">{e.namespace ?? ''}</div>
                <div className="cell" title={e.name}>{e.name ?? ''}</div>
                <div className="cell"><span className={`tag ${resultTone(e)}`}>{e.code} {e.result}</span></div>
                <div className="cell" title={e.message ?? e.requestURI}>{e.message ?? <span className="muted mono">{e.requestURI}</span>}</div>
              </div>
            );
          })}
        </div>
      </div>
      <div className="footer">{rows.length.toLocaleString()} rows · click one for every field</div>
    </div>
  );
}

function AuditDetail({ entry: e, onClose }: { entry: AuditEntry; onClose(): void }) {
  const kind = RESOURCES.find((r) => r.plural === e.resource.split('/')[0])?.kind;
  return (
    <div className="panel audit-detail" data-testid="audit-detail">
      <dl className="kv">
        <dt>Request</dt><dd className="mono">{e.verb} {e.requestURI}</dd>
        <dt>Result</dt><dd><span className={`tag ${resultTone(e)}`}>{e.code} {e.result}</span> {e.reason} {e.message && e.message !== e.reason && <>— {e.message}</>}</dd>
        <dt>User</dt><dd>{e.user || '(anonymous)'}{e.groups.length ? <span className="muted"> groups {e.groups.join(', ')}</span> : null}</dd>
        <dt>Client</dt><dd className="mono">{e.userAgent ?? '—'}{e.sourceIP ? ` from ${e.sourceIP}` : ''}</dd>
        <dt>Time</dt><dd>{utc(e.time)} UTC</dd>
        {e.resourceVersion && kind && e.name && (
          <><dt>Changed</dt><dd>
            <Link href={objectAtHref(kind, e.namespace, e.name, e.resourceVersion)}>{kind} {e.name} at rv {e.resourceVersion}</Link>
            {' · '}<Link href={pointHref('/why/', null, { event: e.resourceVersion })}>why</Link>
            {e.correlationId && <>{' · '}<Link href={pointHref('/compare/', null, { correlationId: e.correlationId })}>compare before / after</Link></>}
          </dd></>
        )}
      </dl>
      <button onClick={onClose} className="close" aria-label="Close">×</button>
    </div>
  );
}
