'use client';
/** The object page: summary, YAML, conditions, related Events, owner/owned graph, pod logs, write actions. */
import { Suspense, useMemo } from 'react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import type { Condition, KubeEvent, KubeObject, Pod } from '@chronokube/core';
import { useCluster } from '../../state/cluster-context';
import { objectsOf } from '../../state/cluster-store';
import { objectKey } from '../../lib/object-key';
import { objectHref } from '../../lib/links';
import { age } from '../../lib/format';
import { eventTime } from '../../lib/workload-columns';
import { buildRelationshipGraph, neighborhood } from '../../lib/relationship-graph';
import { podStatus, statusTone } from '../../lib/pod-status';
import { ObjectYaml } from '../../components/object-yaml';
import { ObjectActions } from '../../components/object-actions';
import { PodLogs } from '../../components/pod-logs';
import { GraphView } from '../../components/graph-view';
import { Empty, Loading, WhenLoaded } from '../../components/state-views';
import { useNow } from '../../components/use-now';
import { useThrottled } from '../../components/use-throttled';
import { ObjectHistory } from '../../components/history/object-history';

const TABS = ['yaml', 'conditions', 'events', 'graph', 'logs', 'history'] as const;
type Tab = (typeof TABS)[number];

function ObjectPage() {
  const params = useSearchParams();
  const kind = params.get('kind') ?? '';
  const namespace = params.get('namespace') ?? '';
  const name = params.get('name') ?? '';
  const tabs = TABS.filter((t) => t !== 'logs' || kind === 'Pod');
  const tab = (tabs.includes(params.get('tab') as Tab) ? params.get('tab') : 'yaml') as Tab;
  const key = objectKey(kind, namespace || undefined, name);
  const obj = useCluster((s) => objectsOf(s, kind).get(key));
  const now = useNow();
  if (!kind || !name) return <Empty>No object named: the address needs <code>?kind=…&amp;namespace=…&amp;name=…</code>.</Empty>;
  // A deleted object still has its history.
  if (!obj && tab === 'history') return <><div className="obj-head"><h1><span className="kind">{kind}</span> {namespace && <span className="muted">{namespace}/</span>}{name}</h1><span className="tag bad">not in the cluster now</span></div><ObjectHistory kind={kind} namespace={namespace || undefined} name={name} at={params.get('at')} /></>;
  if (!obj) return <Empty>{kind} {namespace ? `${namespace}/` : ''}{name} is not in the cluster (deleted, or never existed). <Link href={objectHref(kind, namespace || undefined, name, 'history')}>Its history</Link></Empty>;
  const href = (t: Tab) => `${objectHref(kind, namespace || undefined, name, t)}`;
  const status = kind === 'Pod' ? podStatus(obj as Pod) : undefined;
  return (
    <>
      <div className="obj-head">
        <h1><span className="kind">{kind}</span> {namespace && <span className="muted">{namespace}/</span>}{name}</h1>
        {status && <span className={`tag ${statusTone(status)}`}>{status}</span>}
        {kind === 'Pod' && <Link data-testid="object-why" href={`/why/?${new URLSearchParams({ kind, namespace, name, ...(params.get('at') ? { at: params.get('at')! } : {}) })}`} title="Why is this pod as it is: the cause chain up to the user request">{status && statusTone(status) !== 'ok' ? `Why ${status}?` : 'Why?'}</Link>}
        <span className="muted">created {age(obj.metadata.creationTimestamp, now)} ago · rv {obj.metadata.resourceVersion}</span>
        <span className="spacer" />
        <ObjectActions kind={kind} obj={obj} />
      </div>
      <Summary obj={obj} kind={kind} />
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <Link key={t} href={href(t)} replace className={t === tab ? 'active' : ''} role="tab">{t === 'yaml' ? 'YAML' : t[0].toUpperCase() + t.slice(1)}</Link>
        ))}
      </div>
      {tab === 'yaml' && <ObjectYaml obj={obj} />}
      {tab === 'conditions' && <Conditions obj={obj} now={now} />}
      {tab === 'events' && <RelatedEvents kind={kind} namespace={namespace} name={name} now={now} />}
      {tab === 'graph' && <OwnerGraph objKey={key} />}
      {tab === 'history' && <ObjectHistory kind={kind} namespace={namespace || undefined} name={name} at={params.get('at')} refreshKey={obj.metadata.resourceVersion} />}
      {tab === 'logs' && kind === 'Pod' && <PodLogs namespace={namespace} name={name} containers={((obj as Pod).spec?.containers ?? []).map((c) => c.name)} />}
    </>
  );
}

function Summary({ obj, kind }: { obj: KubeObject; kind: string }) {
  const labels = Object.entries(obj.metadata.labels ?? {});
  const owners = obj.metadata.ownerReferences ?? [];
  const pod = kind === 'Pod' ? (obj as Pod) : undefined;
  return (
    <dl className="kv panel" style={{ marginBottom: 8 }}>
      {labels.length > 0 && (<><dt>Labels</dt><dd>{labels.map(([k, v]) => <span key={k} className="tag mono" style={{ marginRight: 4 }}>{k}={v}</span>)}</dd></>)}
      {owners.length > 0 && (<><dt>Controlled by</dt><dd>{owners.map((o) => <Link key={o.uid} href={objectHref(o.kind, obj.metadata.namespace, o.name)}>{o.kind}/{o.name}</Link>)}</dd></>)}
      {pod && (<><dt>Node</dt><dd>{pod.spec?.nodeName ? <Link href={objectHref('Node', undefined, pod.spec.nodeName)}>{pod.spec.nodeName}</Link> : <span className="muted">not scheduled</span>}</dd><dt>Pod IP</dt><dd className="mono">{pod.status?.podIP ?? '—'}</dd><dt>Images</dt><dd className="mono">{(pod.spec?.containers ?? []).map((c) => c.image).join(', ')}</dd></>)}
      {labels.length === 0 && owners.length === 0 && !pod && (<><dt>UID</dt><dd className="mono">{obj.metadata.uid}</dd></>)}
    </dl>
  );
}

function Conditions({ obj, now }: { obj: KubeObject; now: number }) {
  const conditions = ((obj.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[];
  if (conditions.length === 0) return <div data-testid="object-conditions"><Empty>This object reports no conditions.</Empty></div>;
  return (
    <div className="panel" data-testid="object-conditions">
      <table className="plain">
        <thead><tr><th>Type</th><th>Status</th><th>Reason</th><th>Message</th><th>Last transition</th></tr></thead>
        <tbody>
          {conditions.map((c) => (
            <tr key={c.type}>
              <td>{c.type}</td>
              <td><span className={`tag ${goodCondition(c) ? 'ok' : 'bad'}`}>{c.status}</span></td>
              <td>{c.reason}</td>
              <td>{c.message}</td>
              <td className="muted">{age((c as { lastTransitionTime?: string }).lastTransitionTime, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Ready/Available/Progressing-style conditions are good when True; pressure-style ones when False. */
function goodCondition(c: Condition): boolean {
  const positive = ['Ready', 'Available', 'Progressing', 'Initialized', 'ContainersReady', 'PodScheduled', 'NetworkUnavailable'].includes(c.type);
  return c.type === 'NetworkUnavailable' ? c.status === 'False' : positive ? c.status === 'True' : c.status === 'False';
}

function RelatedEvents({ kind, namespace, name, now }: { kind: string; namespace: string; name: string; now: number }) {
  const events = useCluster((s) => objectsOf(s, 'Event'));
  const related = useMemo(
    () => [...events.values()].map((e) => e as KubeEvent).filter((e) => e.involvedObject?.kind === kind && e.involvedObject?.name === name && (e.involvedObject?.namespace ?? '') === namespace).sort((a, b) => eventTime(b).localeCompare(eventTime(a))),
    [events, kind, namespace, name],
  );
  if (related.length === 0) return <div data-testid="object-events"><Empty>No events about this object.</Empty></div>;
  return (
    <div className="panel" data-testid="object-events">
      <table className="plain">
        <thead><tr><th>Last seen</th><th>Type</th><th>Reason</th><th>From</th><th>Message</th></tr></thead>
        <tbody>
          {related.map((e) => (
            <tr key={e.metadata.name}>
              <td className="muted">{age(eventTime(e), now)}{(e.count ?? 1) > 1 ? ` (×${e.count})` : ''}</td>
              <td><span className={`tag ${e.type === 'Warning' ? 'bad' : ''}`}>{e.type}</span></td>
              <td>{e.reason}</td>
              <td className="muted">{e.source?.component ?? e.reportingComponent}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OwnerGraph({ objKey }: { objKey: string }) {
  const byKind = useThrottled(useCluster((s) => s.byKind), 1000);
  const graph = useMemo(() => neighborhood(buildRelationshipGraph(byKind), objKey), [byKind, objKey]);
  if (graph.nodes.length <= 1) return <div data-testid="object-graph"><Empty>No owners or owned objects.</Empty></div>;
  return (
    <div className="map-wrap" data-testid="object-graph" style={{ height: '55vh' }}>
      <GraphView graph={graph} current={objKey} testId="object-graph-canvas" />
    </div>
  );
}

export default function ObjectRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <WhenLoaded>
        <ObjectPage />
      </WhenLoaded>
    </Suspense>
  );
}
