'use client';
/**
 * Why: for one event (or the version of an object at a point), the chain
 * of causes up to the request or observation that started it, and the
 * tree of everything that same action caused, as an indented tree. Every
 * node links to its object as it was right after that event (the whole UI
 * moves there); bindings show the scheduler's decision.
 */
import './history.css';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { HistoryEvent, WhyResult } from '@chronokube/core';
import { Empty, Loading } from '../state-views';
import { eventPosition } from './compare-range';
import { utc } from './format-time';
import { eventAt, getTimeline, getWhy } from './history-api';
import { FieldChanges } from './field-changes';
import { objectAtHref, pointHref } from './point-href';
import { useRequest } from './use-request';
import { typeTone } from './version-list';
import { clientOf, describeDecision, describeRoot, flattenTree, schedulerDecision, type TreeRow } from './why-tree';

export interface WhyParams {
  event: string | null;
  kind: string | null;
  namespace: string | null;
  name: string | null;
  at: string | null;
}

async function loadWhy(p: WhyParams, signal: AbortSignal): Promise<WhyResult> {
  if (p.event) {
    const rv = eventPosition(p.event);
    let id = p.event;
    if (rv) {
      const e = await eventAt(rv, signal);
      if (!e) throw new Error(`no object event at rv ${rv}`);
      id = e.id;
    }
    return getWhy({ event: id }, signal);
  }
  if (!p.kind || !p.name) throw new Error('nothing to explain: the address needs ?event=<rv or id> or ?kind=…&namespace=…&name=…[&at=…]');
  return getWhy({ kind: p.kind, namespace: p.namespace ?? undefined, name: p.name, at: p.at ?? undefined }, signal);
}

const ROOT_TONE = { request: 'ok', observation: '', unknown: 'bad' } as const;

function objectText(e: HistoryEvent): string {
  return `${e.object.namespace ? `${e.object.namespace}/` : ''}${e.object.name}`;
}

export function WhyView({ params }: { params: WhyParams }) {
  const why = useRequest(JSON.stringify(params), (s) => loadWhy(params, s));
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const flat = useMemo(() => (why.data ? flattenTree(why.data.tree, why.data.chain, why.data.subject.id, { collapsed, expanded, maxChildren: 40 }) : undefined), [why.data, collapsed, expanded]);
  if (why.error) {
    const asked = params.event ? `event ${params.event}` : `${params.kind} ${params.namespace ? `${params.namespace}/` : ''}${params.name}${params.at ? ` at ${params.at}` : ''}`;
    return <Empty>{/NotFound/.test(why.error) ? `Nothing to explain: the log holds no ${asked}.` : `Could not explain ${asked}: ${why.error}`}</Empty>;
  }
  if (!why.data || !flat) return <Loading>Following the causes…</Loading>;
  const { subject, chain, root, rootKind, tree } = why.data;
  const explained = <SubjectChange subject={subject} />;
  const total = flat.rows.length ? 1 + (flat.rows[0].descendants ?? 0) : 0;
  const toggle = (id: string) => setCollapsed((c) => {
    const n = new Set(c);
    if (n.has(id)) n.delete(id);
    else n.add(id);
    return n;
  });
  return (
    <div className="history-page why">
      <div className="why-head panel">
        <div className="why-root">
          <span className={`tag ${ROOT_TONE[rootKind]}`} data-testid="why-root-kind">{rootKind === 'request' ? 'user request' : rootKind === 'observation' ? 'observation' : 'broken chain'}</span>
          <span className="why-headline" data-testid="why-root">{describeRoot(root, rootKind)}</span>
          <span className="muted">{utc(root.time)} UTC</span>
        </div>
        {root.userAgent && <div className="muted small">client: <span className="mono">{root.userAgent}</span>{root.sourceIP ? <> from <span className="mono">{root.sourceIP}</span></> : null}</div>}
        <div className="chain" aria-label="cause chain, root first">
          {[...chain].reverse().map((e, i) => (
            <span key={e.id} className="chain-step">
              {i > 0 && <span className="muted"> → </span>}
              <Link href={objectAtHref(e.object.kind, e.object.namespace, e.object.name, e.resourceVersion)} className={e.id === subject.id ? 'subject' : ''} title={`${e.actor} ${e.verb} at ${utc(e.time)} UTC`}>
                {e.type} <span className="muted">{objectText(e)}</span>
              </Link>
            </span>
          ))}
        </div>
        {explained}
        <div className="small">
          <Link href={pointHref('/compare/', null, { correlationId: root.correlationId })}>Compare before / after this action</Link>
          <span className="muted"> · {total} event{total === 1 ? '' : 's'} in the action · click an event to see the cluster right after it</span>
        </div>
      </div>
      <div className="panel why-tree" data-testid="why-tree" role="tree">
        {flat.rows.map((row) => (
          <WhyNode key={row.event.id} row={row} hidden={flat.hidden.get(row.event.id)} closed={collapsed.has(row.event.id)} onToggle={() => toggle(row.event.id)} onMore={() => setExpanded((x) => new Set(x).add(row.event.id))} />
        ))}
        {tree.children.length === 0 && <div className="muted small" style={{ padding: 8 }}>This event caused nothing else.</div>}
      </div>
    </div>
  );
}

/** What the explained event changed (its version's fields from the object's timeline): the answer to "what happened" beside "why". */
function SubjectChange({ subject }: { subject: HistoryEvent }) {
  const o = subject.object;
  const timeline = useRequest(`${o.kind}/${o.namespace}/${o.name}`, (s) => getTimeline(o.kind, o.namespace, o.name, s));
  const entry = timeline.data?.versions.find((v) => v.id === subject.id);
  if (!entry || entry.fields.length === 0) return null;
  const created = entry.patch.length === 1 && entry.patch[0].path === '';
  return (
    <div className="subject-change" data-testid="why-subject-change">
      <div className="small muted">Explained: <b>{subject.type}</b> of {o.kind} {objectText(subject)} by {subject.actor} at {utc(subject.time)} UTC{created ? ` (created with ${entry.fields.length} fields)` : ', which changed:'}</div>
      {!created && <FieldChanges fields={entry.fields} limit={6} maxChars={600} />}
    </div>
  );
}

function WhyNode({ row, hidden, closed, onToggle, onMore }: { row: TreeRow; hidden?: number; closed: boolean; onToggle(): void; onMore(): void }) {
  const e = row.event;
  const decision = schedulerDecision(e);
  const client = clientOf(e);
  return (
    <div
      className={`why-node${row.onChain ? ' on-chain' : ''}${row.subject ? ' subject' : ''}`}
      data-testid="why-node"
      data-event-type={e.type}
      data-rv={e.resourceVersion}
      data-actor={e.actor}
      role="treeitem"
      aria-level={row.depth + 1}
      style={{ paddingLeft: 8 + row.depth * 18 }}
    >
      <div className="why-line">
        {row.childCount > 0 ? (
          <button className="twisty" onClick={onToggle} aria-expanded={!closed} title={`${row.descendants} event(s) below`}>{closed ? '▸' : '▾'}</button>
        ) : <span className="twisty-space" />}
        <span className={`tag ${typeTone(e.type)}`}>{e.type}</span>
        <Link href={objectAtHref(e.object.kind, e.object.namespace, e.object.name, e.resourceVersion)} className="why-obj" title="The cluster right after this event">
          <span className="muted">{e.object.kind}</span> {objectText(e)}
        </Link>
        <span className="small"><b>{e.actor || 'unknown'}</b> <span className="muted">{e.verb}{client ? ` · ${client}` : ''}</span></span>
        {e.reason && <span className="muted small clip">“{e.reason}”</span>}
        <span className="spacer" />
        {row.subject && <span className="tag warn">explained</span>}
        <span className="muted small mono">rv {e.resourceVersion} · {utc(e.time).slice(11)}</span>
        <Link className="small" href={pointHref('/why/', null, { event: e.id })} title="Explain this event instead">why</Link>
      </div>
      {decision && <div className="decision small" data-testid="why-decision">Scheduler: {describeDecision(decision)}</div>}
      {hidden !== undefined && hidden > 0 && !closed && <button className="link small" onClick={onMore}>+{hidden} more caused by this</button>}
      {closed && <span className="muted small"> {row.descendants} event(s) folded</span>}
    </div>
  );
}
