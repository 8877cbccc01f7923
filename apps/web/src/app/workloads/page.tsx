'use client';
/**
 * Workloads: Deployments, ReplicaSets, Pods, Services, Events in one
 * virtualized table per tab, filtered by namespace, label selector and
 * text, sorted by any column; all of it in the URL so a view can be shared.
 */
import { Suspense, useMemo } from 'react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useShallow } from 'zustand/react/shallow';
import { useCluster } from '../../state/cluster-context';
import { objectsOf } from '../../state/cluster-store';
import { COLUMNS, DEFAULT_SORT, TAB_KIND, searchTextOf, type WorkloadTab } from '../../lib/workload-columns';
import { labelMatcher, namespacesOf, queryList } from '../../lib/list-query';
import { objectHref } from '../../lib/links';
import { VirtualTable } from '../../components/virtual-table';
import { Empty, Loading, WhenLoaded } from '../../components/state-views';
import { useNow } from '../../components/use-now';

const TABS: { id: WorkloadTab; label: string }[] = [
  { id: 'deployments', label: 'Deployments' },
  { id: 'replicasets', label: 'ReplicaSets' },
  { id: 'pods', label: 'Pods' },
  { id: 'services', label: 'Services' },
  { id: 'events', label: 'Events' },
];

function Workloads() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const tab = (TABS.some((t) => t.id === params.get('tab')) ? params.get('tab') : 'deployments') as WorkloadTab;
  const namespace = params.get('namespace') ?? '';
  const label = params.get('label') ?? '';
  const text = params.get('q') ?? '';
  const sortBy = params.get('sort') ?? DEFAULT_SORT[tab].sortBy;
  const descending = params.has('sort') ? params.get('desc') === '1' : DEFAULT_SORT[tab].descending;
  const kind = TAB_KIND[tab];
  const objects = useCluster((s) => objectsOf(s, kind));
  const endpoints = useCluster((s) => objectsOf(s, 'Endpoints'));
  const namespaces = useCluster((s) => objectsOf(s, 'Namespace'));
  // One number per tab, compared shallowly so the page does not re-render on every batch.
  const counts = useCluster(useShallow((s) => TABS.map((t) => objectsOf(s, TAB_KIND[t.id]).size)));
  const now = useNow();
  const columns = COLUMNS[tab];
  const rows = useMemo(
    () => queryList([...objects.values()], { namespace, label, text, sortBy, descending }, columns, (o) => searchTextOf(tab, o)),
    [objects, namespace, label, text, sortBy, descending, columns, tab],
  );
  const nsOptions = useMemo(() => {
    const names = new Set([...namespaces.values()].map((n) => n.metadata.name ?? ''));
    for (const n of namespacesOf(objects.values())) names.add(n);
    return [...names].filter(Boolean).sort();
  }, [namespaces, objects]);
  const labelError = labelMatcher(label).error;

  function update(change: Record<string, string | undefined>) {
    const q = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(change)) {
      if (v) q.set(k, v);
      else q.delete(k);
    }
    router.replace(`${pathname}?${q}`, { scroll: false });
  }

  return (
    <>
      <div className="tabs" role="tablist">
        {TABS.map((t, i) => (
          <Link key={t.id} role="tab" className={t.id === tab ? 'active' : ''} href={tabHref(params, t.id)}>
            {t.label}<span className="count">{counts[i]}</span>
          </Link>
        ))}
      </div>
      <div className="toolbar">
        <select data-testid="filter-namespace" value={namespace} onChange={(e) => update({ namespace: e.target.value })} aria-label="Namespace">
          <option value="">All namespaces</option>
          {nsOptions.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
        <input data-testid="filter-label" value={label} onChange={(e) => update({ label: e.target.value })} placeholder="labels: app=web,tier!=db" aria-label="Label selector" style={{ width: 240 }} className="mono" />
        <input data-testid="filter-text" data-search value={text} onChange={(e) => update({ q: e.target.value })} placeholder="Search  ( / )" aria-label="Search" style={{ width: 260 }} />
        {labelError && <span className="field-error">{labelError}</span>}
        <span className="spacer" />
        <span className="muted">{rows.length.toLocaleString()} of {objects.size.toLocaleString()}</span>
      </div>
      {objects.size === 0 ? (
        <Empty>No {TABS.find((t) => t.id === tab)!.label.toLowerCase()} in the cluster yet.{tab === 'deployments' ? <> Create one: <code>kubectl create deployment web --image=nginx --replicas=3</code></> : null}</Empty>
      ) : rows.length === 0 ? (
        <Empty>Nothing matches these filters.</Empty>
      ) : (
        <VirtualTable
          columns={columns}
          rows={rows}
          ctx={{ now, endpoints }}
          sortBy={sortBy}
          descending={descending}
          onSort={(id) => update({ sort: id, desc: id === sortBy && !descending ? '1' : undefined })}
          onOpen={(o) => router.push(objectHref(kind === 'Event' ? ((o as any).involvedObject?.kind ?? 'Event') : kind, kind === 'Event' ? ((o as any).involvedObject?.namespace ?? o.metadata.namespace) : o.metadata.namespace, kind === 'Event' ? ((o as any).involvedObject?.name ?? o.metadata.name) : (o.metadata.name ?? '')))}
        />
      )}
    </>
  );
}

/** The same filters on another tab (its own default sort). */
function tabHref(params: { toString(): string }, tab: WorkloadTab): string {
  const q = new URLSearchParams(params.toString());
  q.set('tab', tab);
  q.delete('sort');
  q.delete('desc');
  return `/workloads/?${q}`;
}

export default function WorkloadsPage() {
  return (
    <Suspense fallback={<Loading />}>
      <WhenLoaded>
        <Workloads />
      </WhenLoaded>
    </Suspense>
  );
}
