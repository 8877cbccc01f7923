/**
 * The columns of each workload tab: what a cell says, how it sorts and what
 * the text search also looks at. Plain data so the table stays generic.
 */
import type { Deployment, Endpoints, KubeEvent, KubeObject, Pod, ReplicaSet, Service } from '@chronokube/core';
import { age } from './format';
import { podReady, podRestarts, podStatus, statusTone } from './pod-status';
import { objectKey } from './object-key';

/** What cells may look up besides their own object. */
export interface CellContext {
  now: number;
  endpoints: ReadonlyMap<string, KubeObject>;
}

/** One column of a workload table. */
export interface Column<T extends KubeObject = KubeObject> {
  id: string;
  title: string;
  /** CSS grid track, e.g. `minmax(200px, 2fr)` or `80px`. */
  width: string;
  text(obj: T, ctx: CellContext): string;
  sortValue(obj: T): string | number;
  /** A colour hint for status-like cells. */
  tone?(obj: T): 'ok' | 'warn' | 'bad' | 'idle';
  /** 0..1: draw a progress bar behind the text (rollouts). */
  progress?(obj: T): number;
  testId?: string;
  align?: 'right';
}

/** The tabs of /workloads/. */
export type WorkloadTab = 'deployments' | 'replicasets' | 'pods' | 'services' | 'events';

/** The kind each tab lists. */
export const TAB_KIND: Record<WorkloadTab, string> = {
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  pods: 'Pod',
  services: 'Service',
  events: 'Event',
};

const created = (o: KubeObject) => o.metadata.creationTimestamp ?? '';
const nameCol: Column = { id: 'name', title: 'Name', width: 'minmax(220px, 2.2fr)', text: (o) => o.metadata.name ?? '', sortValue: (o) => o.metadata.name ?? '' };
const nsCol: Column = { id: 'namespace', title: 'Namespace', width: 'minmax(110px, 1fr)', text: (o) => o.metadata.namespace ?? '', sortValue: (o) => o.metadata.namespace ?? '' };
const ageCol: Column = {
  id: 'age', title: 'Age', width: '64px', align: 'right',
  text: (o, c) => age(created(o), c.now),
  // Ascending age = youngest first.
  sortValue: (o) => -Date.parse(created(o) || '1970-01-01T00:00:00Z'),
};

function deploymentReady(d: Deployment): string {
  return `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`;
}

/**
 * Where a rollout stands, as `kubectl rollout status` judges it: stalled
 * (Progressing=False, ProgressDeadlineExceeded), paused, n/m updated, old
 * replicas still terminating, or complete.
 */
export function rolloutText(d: Deployment): string {
  const want = d.spec?.replicas ?? 1;
  const st = d.status ?? {};
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.status === 'False') return `stalled: ${progressing.reason ?? ''}`.trim();
  if (d.spec?.paused) return 'paused';
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return 'pending';
  if ((st.updatedReplicas ?? 0) < want) return `${st.updatedReplicas ?? 0}/${want} updated`;
  if ((st.replicas ?? 0) > (st.updatedReplicas ?? 0)) return `${(st.replicas ?? 0) - (st.updatedReplicas ?? 0)} old terminating`;
  if ((st.availableReplicas ?? 0) < want) return `${st.availableReplicas ?? 0}/${want} available`;
  return 'complete';
}

const deploymentColumns: Column<Deployment>[] = [
  nameCol, nsCol,
  {
    id: 'ready', title: 'Ready', width: '120px', testId: 'deployment-ready', text: deploymentReady,
    sortValue: (d) => (d.status?.readyReplicas ?? 0) / Math.max(1, d.spec?.replicas ?? 1),
    progress: (d) => (d.spec?.replicas ?? 1) === 0 ? 1 : (d.status?.readyReplicas ?? 0) / (d.spec?.replicas ?? 1),
    tone: (d) => ((d.spec?.replicas ?? 1) === 0 ? 'idle' : (d.status?.readyReplicas ?? 0) >= (d.spec?.replicas ?? 1) ? 'ok' : 'warn'),
  },
  { id: 'rollout', title: 'Rollout', width: '150px', text: rolloutText, sortValue: rolloutText, tone: (d) => (rolloutText(d) === 'complete' ? 'ok' : rolloutText(d).startsWith('stalled') ? 'bad' : 'warn') },
  { id: 'updated', title: 'Up-to-date', width: '90px', align: 'right', text: (d) => String(d.status?.updatedReplicas ?? 0), sortValue: (d) => d.status?.updatedReplicas ?? 0 },
  { id: 'available', title: 'Available', width: '84px', align: 'right', text: (d) => String(d.status?.availableReplicas ?? 0), sortValue: (d) => d.status?.availableReplicas ?? 0 },
  { id: 'images', title: 'Images', width: 'minmax(140px, 1.5fr)', text: (d) => images(d.spec?.template?.spec?.containers), sortValue: (d) => images(d.spec?.template?.spec?.containers) },
  ageCol,
];

const replicaSetColumns: Column<ReplicaSet>[] = [
  nameCol, nsCol,
  { id: 'desired', title: 'Desired', width: '76px', align: 'right', text: (r) => String(r.spec?.replicas ?? 1), sortValue: (r) => r.spec?.replicas ?? 1 },
  { id: 'current', title: 'Current', width: '76px', align: 'right', text: (r) => String(r.status?.replicas ?? 0), sortValue: (r) => r.status?.replicas ?? 0 },
  {
    id: 'ready', title: 'Ready', width: '76px', align: 'right', text: (r) => String(r.status?.readyReplicas ?? 0), sortValue: (r) => r.status?.readyReplicas ?? 0,
    tone: (r) => ((r.spec?.replicas ?? 1) === 0 ? 'idle' : (r.status?.readyReplicas ?? 0) >= (r.spec?.replicas ?? 1) ? 'ok' : 'warn'),
  },
  { id: 'owner', title: 'Owner', width: 'minmax(140px, 1.4fr)', text: ownerName, sortValue: ownerName },
  ageCol,
];

const podColumns: Column<Pod>[] = [
  nameCol, nsCol,
  { id: 'ready', title: 'Ready', width: '60px', align: 'right', text: podReady, sortValue: podReady },
  { id: 'status', title: 'Status', width: '130px', text: podStatus, sortValue: podStatus, tone: (p) => statusTone(podStatus(p)) },
  { id: 'restarts', title: 'Restarts', width: '72px', align: 'right', text: (p) => String(podRestarts(p)), sortValue: podRestarts, tone: (p) => (podRestarts(p) > 0 ? 'warn' : 'idle') },
  { id: 'node', title: 'Node', width: 'minmax(120px, 1.2fr)', text: (p) => p.spec?.nodeName ?? '', sortValue: (p) => p.spec?.nodeName ?? '' },
  { id: 'ip', title: 'IP', width: '110px', text: (p) => p.status?.podIP ?? '', sortValue: (p) => p.status?.podIP ?? '' },
  ageCol,
];

/** `ip:port` endpoints of a service, as `kubectl get endpoints` shows them (first three and a count). */
export function serviceEndpoints(svc: Service, endpoints: ReadonlyMap<string, KubeObject>): string {
  const ep = endpoints.get(objectKey('Endpoints', svc.metadata.namespace, svc.metadata.name ?? '')) as Endpoints | undefined;
  const all: string[] = [];
  for (const s of ep?.subsets ?? []) {
    const ports = s.ports?.length ? s.ports.map((p) => p.port) : [undefined];
    for (const a of s.addresses ?? []) for (const p of ports) all.push(p === undefined ? a.ip : `${a.ip}:${p}`);
  }
  if (all.length === 0) return '<none>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more` : all.join(',');
}

const serviceColumns: Column<Service>[] = [
  nameCol, nsCol,
  { id: 'type', title: 'Type', width: '96px', text: (s) => s.spec?.type ?? 'ClusterIP', sortValue: (s) => s.spec?.type ?? 'ClusterIP' },
  { id: 'clusterIP', title: 'Cluster IP', width: '130px', text: (s) => s.spec?.clusterIP ?? '', sortValue: (s) => s.spec?.clusterIP ?? '' },
  { id: 'ports', title: 'Ports', width: 'minmax(90px, 1fr)', text: (s) => (s.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(','), sortValue: (s) => s.spec?.ports?.[0]?.port ?? 0 },
  {
    id: 'endpoints', title: 'Endpoints', width: 'minmax(180px, 2fr)', text: (s, c) => serviceEndpoints(s, c.endpoints), sortValue: (s) => s.metadata.name ?? '',
    tone: () => 'idle',
  },
  ageCol,
];

/** When an Event last happened (events.k8s.io's eventTime, else lastTimestamp, else creation). */
export function eventTime(e: KubeEvent): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';
}

const eventColumns: Column<KubeEvent>[] = [
  { id: 'last', title: 'Last seen', width: '78px', align: 'right', text: (e, c) => age(eventTime(e), c.now), sortValue: (e) => -Date.parse(eventTime(e) || '1970-01-01T00:00:00Z') },
  { id: 'type', title: 'Type', width: '76px', text: (e) => e.type ?? '', sortValue: (e) => e.type ?? '', tone: (e) => (e.type === 'Warning' ? 'bad' : 'idle') },
  { id: 'reason', title: 'Reason', width: '130px', text: (e) => e.reason ?? '', sortValue: (e) => e.reason ?? '' },
  { id: 'object', title: 'Object', width: 'minmax(180px, 1.6fr)', text: involved, sortValue: involved },
  { id: 'message', title: 'Message', width: 'minmax(240px, 3fr)', text: (e) => e.message ?? '', sortValue: (e) => e.message ?? '' },
  nsCol as Column<KubeEvent>,
];

function involved(e: KubeEvent): string {
  return `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`;
}

function images(containers: { image?: string }[] | undefined): string {
  return (containers ?? []).map((c) => c.image ?? '').join(', ');
}

function ownerName(o: KubeObject): string {
  const ref = o.metadata.ownerReferences?.[0];
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** The columns of a tab. */
export const COLUMNS: Record<WorkloadTab, Column<any>[]> = {
  deployments: deploymentColumns,
  replicasets: replicaSetColumns,
  pods: podColumns,
  services: serviceColumns,
  events: eventColumns,
};

/** The sort a tab starts with (events: most recent first, i.e. ascending age). */
export const DEFAULT_SORT: Record<WorkloadTab, { sortBy: string; descending: boolean }> = {
  deployments: { sortBy: 'name', descending: false },
  replicasets: { sortBy: 'name', descending: false },
  pods: { sortBy: 'name', descending: false },
  services: { sortBy: 'name', descending: false },
  events: { sortBy: 'last', descending: false },
};

/** Extra text a tab's search looks at besides name, namespace and labels. */
export function searchTextOf(tab: WorkloadTab, obj: KubeObject): string {
  if (tab === 'pods') return `${podStatus(obj as Pod)} ${(obj as Pod).spec?.nodeName ?? ''} ${(obj as Pod).status?.podIP ?? ''}`;
  if (tab === 'events') { const e = obj as KubeEvent; return `${e.type} ${e.reason} ${involved(e)} ${e.message}`; }
  if (tab === 'deployments') return images((obj as Deployment).spec?.template?.spec?.containers);
  return '';
}
