'use client';
/**
 * Compare two points of the cluster: objects added, removed and changed
 * between `from` and `to` (the history API's /diff), each changed object
 * with its changed fields (old → new) and, opened, its two versions side
 * by side. "Before and after one action" comes in as a correlationId or
 * an event's resourceVersion and becomes from = rv − 1 of the action's
 * first event, to = its last.
 */
import './history.css';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import type { KubeObject } from '@chronokube/core';
import { Empty, Loading } from '../state-views';
import { actionRange, countByKind, diffRows, eventPosition, eventSummary, isHeartbeatRow, pointError, type CompareRange, type DiffRow } from './compare-range';
import { FieldChanges } from './field-changes';
import { pointLabel } from './format-time';
import { actionEvents, eventAt, getDiff, getState } from './history-api';
import { objectAtHref, pointHref } from './point-href';
import { SideBySide } from './side-by-side';
import { useRequest } from './use-request';

const PAGE = 300;

export interface CompareParams {
  from: string | null;
  to: string | null;
  correlationId: string | null;
  event: string | null;
  at: string | null;
}

/** The range an action link names, with what it was. */
async function resolveAction(p: CompareParams, signal: AbortSignal): Promise<{ range: CompareRange; label: string }> {
  let correlationId = p.correlationId ?? '';
  if (!correlationId) {
    const rv = eventPosition(p.event);
    if (!rv) throw new Error(`event=${p.event}: expected an event's resourceVersion (decimal)`);
    const e = await eventAt(rv, signal);
    if (!e) throw new Error(`no object event at rv ${rv}`);
    correlationId = e.correlationId;
  }
  const events = await actionEvents(correlationId, 20000, signal);
  const range = actionRange(events);
  if (!range) throw new Error(`no events of action ${correlationId}`);
  const first = events[0];
  return { range, label: `before and after ${first.actor || 'an action'}'s ${first.verb} of ${first.object.kind} ${first.object.namespace ? `${first.object.namespace}/` : ''}${first.object.name} (${events.length} event${events.length === 1 ? '' : 's'})` };
}

export function CompareView({ params }: { params: CompareParams }) {
  const router = useRouter();
  const byAction = !!(params.correlationId || params.event);
  const action = useRequest(byAction ? `${params.correlationId}|${params.event}` : null, (s) => resolveAction(params, s));
  const range: CompareRange | undefined = byAction ? action.data?.range : params.from && params.to ? { from: params.from, to: params.to } : undefined;
  const [fromText, setFromText] = useState(params.from ?? '');
  const [toText, setToText] = useState(params.to ?? params.at ?? 'now');
  const [shownRange, setShownRange] = useState<string>('');
  // When an action resolves (or the URL changes), the inputs show the range compared.
  if (range && shownRange !== `${range.from}|${range.to}`) {
    setShownRange(`${range.from}|${range.to}`);
    setFromText(range.from);
    setToText(range.to);
  }
  const valid = range && !pointError(range.from) && !pointError(range.to);
  const diff = useRequest(valid ? `${range.from}|${range.to}` : null, (s) => getDiff(range!.from, range!.to, s));
  const rows = useMemo(() => (diff.data ? diffRows(diff.data) : []), [diff.data]);
  const [kind, setKind] = useState('');
  const [text, setText] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [heartbeats, setHeartbeats] = useState(false);
  const beats = useMemo(() => rows.filter(isHeartbeatRow).length, [rows]);
  const filtered = useMemo(() => rows.filter((r) => (heartbeats || !isHeartbeatRow(r)) && (!kind || r.kind === kind) && (!text || r.key.toLowerCase().includes(text.toLowerCase()) || r.fields.some((f) => f.path.includes(text)))), [rows, kind, text, heartbeats]);
  const kinds = useMemo(() => countByKind(rows), [rows]);
  const fromError = fromText ? pointError(fromText) : undefined;
  const toError = toText ? pointError(toText) : undefined;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!fromText || !toText || fromError || toError) return;
    router.push(pointHref('/compare/', params.at, { from: fromText.trim(), to: toText.trim() }));
  }

  const counts = { added: rows.filter((r) => r.change === 'added').length, removed: rows.filter((r) => r.change === 'removed').length, changed: rows.filter((r) => r.change === 'changed').length };
  return (
    <div data-testid="compare-view" className="history-page">
      <form className="toolbar point-form" onSubmit={submit}>
        <label>From <input data-testid="compare-from" className="mono" value={fromText} onChange={(e) => setFromText(e.target.value)} placeholder="rv, 2026-12-05T03:12:00Z or now" aria-invalid={!!fromError} /></label>
        <label>To <input data-testid="compare-to" className="mono" value={toText} onChange={(e) => setToText(e.target.value)} placeholder="rv, time or now" aria-invalid={!!toError} /></label>
        <button type="submit" className="primary" data-testid="compare-go" disabled={!fromText || !toText || !!fromError || !!toError}>Compare</button>
        {(fromError || toError) && <span className="field-error">{fromError ?? toError}</span>}
        <span className="spacer" />
        {diff.data && (
          <span className="muted">
            {pointLabel(diff.data.from)} → {pointLabel(diff.data.to)}
          </span>
        )}
      </form>
      {byAction && action.data && <div className="hint">Comparing {action.data.label}.</div>}
      {action.error && <Empty>Could not find the action: {action.error}</Empty>}
      {!range && !byAction && <Empty>Pick two points: a resourceVersion (<code>4711</code>), an RFC 3339 time (<code>2026-12-05T03:12:00Z</code>) or <code>now</code>. Object history and the why page link here with “before / after this action”.</Empty>}
      {(action.loading || diff.loading) && <Loading>Rebuilding both points…</Loading>}
      {diff.error && <Empty>The comparison failed: {diff.error}</Empty>}
      {diff.data && !diff.loading && (
        rows.length === 0 ? <Empty>Nothing changed between these points.</Empty> : (
          <>
            <div className="toolbar">
              <span className="tag ok">{counts.added} added</span>
              <span className="tag bad">{counts.removed} removed</span>
              <span className="tag warn">{counts.changed} changed</span>
              <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Kind" data-testid="compare-kind">
                <option value="">All kinds ({rows.length})</option>
                {kinds.map(([k, n]) => <option key={k} value={k}>{k} ({n})</option>)}
              </select>
              <input value={text} onChange={(e) => setText(e.target.value)} placeholder="Filter: name or field path  ( / )" data-search aria-label="Filter" style={{ width: 260 }} />
              {beats > 0 && <label className="small"><input type="checkbox" checked={heartbeats} onChange={(e) => setHeartbeats(e.target.checked)} /> show {beats} node heartbeat{beats === 1 ? '' : 's'}</label>}
              <span className="spacer" />
              <span className="muted">{filtered.length} of {rows.length} objects</span>
            </div>
            <div className="panel diff-list">
              {filtered.slice(0, limit).map((r) => <DiffRowView key={r.key} row={r} range={range!} />)}
              {filtered.length > limit && <button className="more" onClick={() => setLimit((l) => l + PAGE)}>Show {Math.min(PAGE, filtered.length - limit)} more of {filtered.length - limit}</button>}
            </div>
          </>
        )
      )}
    </div>
  );
}

const CHANGE_TONE = { added: 'ok', removed: 'bad', changed: 'warn' } as const;

function DiffRowView({ row, range }: { row: DiffRow; range: CompareRange }) {
  const [open, setOpen] = useState(false);
  const said = eventSummary(row.after ?? row.before);
  const summary = said ?? (row.change === 'changed' ? `${row.fields.length} field${row.fields.length === 1 ? '' : 's'} changed` : row.change === 'added' ? 'created between the points' : 'deleted between the points');
  return (
    <div className={`diff-row ${row.change}`} data-testid="diff-row" data-key={row.key} data-change={row.change}>
      <div className="diff-head">
        <button className="twisty" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-label={open ? 'Hide the versions' : 'Show the versions side by side'}>{open ? '▾' : '▸'}</button>
        <span className={`tag ${CHANGE_TONE[row.change]}`}>{row.change}</span>
        <span className="kind muted">{row.kind}</span>
        <Link href={objectAtHref(row.kind, row.namespace, row.name, row.change === 'removed' ? range.from : range.to)} className="name">{row.namespace ? `${row.namespace}/` : ''}{row.name}</Link>
        <span className={`small ${said?.startsWith('Warning') ? 'bad-text' : 'muted'} clip`} title={summary}>{summary}</span>
        <span className="spacer" />
        <Link className="small" href={objectAtHref(row.kind, row.namespace, row.name, null, 'history')}>history</Link>
      </div>
      {row.change === 'changed' && <FieldChanges fields={row.fields} limit={open ? 1000 : 6} />}
      {open && <RowVersions row={row} range={range} />}
    </div>
  );
}

/** The object at both points, side by side (the diff carries whole objects only for added and removed ones). */
function RowVersions({ row, range }: { row: DiffRow; range: CompareRange }) {
  const need = row.change === 'changed';
  const both = useRequest(need ? row.key : null, async (signal) => {
    const pick = (items: KubeObject[]) => items.find((o) => o.metadata.name === row.name);
    const [a, b] = await Promise.all([getState(range.from, row.kind, row.namespace, signal), getState(range.to, row.kind, row.namespace, signal)]);
    return { before: pick(a.items), after: pick(b.items) };
  });
  if (need && both.loading) return <Loading>Loading both versions…</Loading>;
  if (both.error) return <Empty>{both.error}</Empty>;
  const before = need ? both.data?.before : row.before;
  const after = need ? both.data?.after : row.after;
  return <SideBySide before={before} after={after} labels={[`before (${range.from})`, `after (${range.to})`]} />;
}
