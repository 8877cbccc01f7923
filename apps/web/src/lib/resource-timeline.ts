/**
 * The resource timeline's rows (pure), Sloop-style: every object a row
 * with a bar for its life inside the window and a mark per change and per
 * Warning about it, grouped by namespace and top-level owner (Deployment ›
 * ReplicaSet › Pod fall in one group), filterable by kind, label selector
 * and text.
 */
import type { HistoryEvent, KubeObject } from '@chronokube/core';
import { labelMatcher } from './list-query';
import { objectKey } from './object-key';

export type MarkClass = 'created' | 'deleted' | 'bound' | 'scaled' | 'status' | 'changed' | 'warning';

export interface Mark {
  ms: number;
  rv: string;
  cls: MarkClass;
  label: string;
}

export interface ResourceRow {
  key: string;
  kind: string;
  namespace?: string;
  name: string;
  labels: Record<string, string>;
  /** The group it is drawn in: namespace and top-level owner. */
  group: string;
  /** Its life inside the window (created before it: the window's start; alive after: the end). */
  fromMs: number;
  toMs: number;
  createdInWindow: boolean;
  deletedInWindow: boolean;
  marks: Mark[];
}

/** What the page loaded: objects alive at the window's start, events inside it (creations and Warning Events with data). */
export interface TimelineInput {
  fromMs: number;
  toMs: number;
  initial: readonly KubeObject[];
  events: readonly HistoryEvent[];
  /** `<Kind>Created` events with data (owners and labels of objects born in the window). */
  created: readonly HistoryEvent[];
  /** `EventCreated` events with data (Warnings become marks on the object they are about). */
  warnings: readonly HistoryEvent[];
}

/** Kinds that get rows (kube Events are marks on other rows, not rows). */
const ROW_KINDS = new Set(['Node', 'Namespace', 'Pod', 'Deployment', 'ReplicaSet', 'Service', 'Endpoints', 'ConfigMap', 'Secret', 'StatefulSet', 'DaemonSet', 'Job']);
const KIND_ORDER = ['Namespace', 'Node', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet', 'Pod', 'Service', 'Endpoints', 'ConfigMap', 'Secret'];

/** The class of mark an event type makes. */
export function markClass(type: string): MarkClass {
  if (type.endsWith('Created')) return 'created';
  if (type.endsWith('Deleted') || type.endsWith('DeletionRequested')) return 'deleted';
  if (type.endsWith('Bound')) return 'bound';
  if (type.endsWith('Scaled')) return 'scaled';
  if (type.endsWith('StatusChanged') || type.endsWith('ReadinessChanged')) return 'status';
  return 'changed';
}

/** Build the rows of a window, sorted by group then kind then name. */
export function buildRows(input: TimelineInput): ResourceRow[] {
  const rows = new Map<string, ResourceRow>();
  const objects = new Map<string, KubeObject>();
  const row = (kind: string, namespace: string | undefined, name: string, born?: number): ResourceRow => {
    const key = objectKey(kind, namespace, name);
    let r = rows.get(key);
    if (!r) {
      r = { key, kind, namespace, name, labels: {}, group: '', fromMs: born ?? input.fromMs, toMs: input.toMs, createdInWindow: born !== undefined, deletedInWindow: false, marks: [] };
      rows.set(key, r);
    }
    return r;
  };
  for (const o of input.initial) {
    const kind = o.kind ?? '';
    if (!ROW_KINDS.has(kind)) continue;
    const r = row(kind, o.metadata.namespace, o.metadata.name ?? '');
    r.labels = o.metadata.labels ?? {};
    objects.set(r.key, o);
  }
  for (const e of input.created) {
    const o = (e.data as { object?: KubeObject } | undefined)?.object;
    if (o) objects.set(objectKey(e.object.kind, e.object.namespace, e.object.name), { ...o, kind: e.object.kind });
  }
  for (const e of input.events) {
    const kind = e.object.kind;
    if (!ROW_KINDS.has(kind)) continue;
    const ms = Date.parse(e.time);
    const cls = markClass(e.type);
    const r = row(kind, e.object.namespace, e.object.name, cls === 'created' ? ms : undefined);
    if (cls === 'created') {
      // A re-created name: its row spans from its first creation in the window.
      if (!r.createdInWindow && r.marks.length === 0) {
        r.fromMs = ms;
        r.createdInWindow = true;
      }
      r.deletedInWindow = false;
      r.toMs = input.toMs;
    }
    if (e.type.endsWith('Deleted')) {
      r.deletedInWindow = true;
      r.toMs = ms;
    }
    r.marks.push({ ms, rv: e.resourceVersion, cls, label: `${e.type} by ${e.actor}${e.reason ? ` (${e.reason})` : ''}` });
  }
  for (const e of input.warnings) {
    const o = (e.data as { object?: { type?: string; reason?: string; message?: string; involvedObject?: { kind?: string; namespace?: string; name?: string } } } | undefined)?.object;
    const about = o?.involvedObject;
    if (o?.type !== 'Warning' || !about?.kind || !about.name) continue;
    const r = rows.get(objectKey(about.kind, about.namespace, about.name));
    if (!r) continue;
    r.marks.push({ ms: Date.parse(e.time), rv: e.resourceVersion, cls: 'warning', label: `Warning ${o.reason ?? ''}: ${o.message ?? ''}` });
  }
  for (const r of rows.values()) {
    const o = objects.get(r.key);
    if (o?.metadata.labels) r.labels = o.metadata.labels;
    r.marks.sort((a, b) => a.ms - b.ms);
  }
  assignGroups(rows, objects);
  return [...rows.values()].sort(compareRows);
}

/** Group = namespace · top-level owner (the owner's owner ...), or the object itself when it owns others, or "no owner". */
function assignGroups(rows: Map<string, ResourceRow>, objects: Map<string, KubeObject>): void {
  const ownerOf = (key: string): string | undefined => {
    const o = objects.get(key);
    const ref = o?.metadata.ownerReferences?.find((x) => x.controller) ?? o?.metadata.ownerReferences?.[0];
    if (!ref) return undefined;
    return objectKey(ref.kind, o?.metadata.namespace, ref.name);
  };
  const roots = new Map<string, string>();
  const owned = new Set<string>();
  for (const key of rows.keys()) {
    let root = key;
    for (let i = 0; i < 5; i++) {
      const up = ownerOf(root);
      if (!up) break;
      root = up;
    }
    roots.set(key, root);
    if (root !== key) owned.add(root);
  }
  for (const [key, r] of rows) {
    const root = roots.get(key)!;
    const ns = r.namespace ?? '(cluster)';
    if (root === key && !owned.has(key)) r.group = `${ns} · no owner`;
    else {
      const slash = root.indexOf('/');
      const rootName = root.slice(root.lastIndexOf('/') + 1);
      r.group = `${ns} · ${root.slice(0, slash)}/${rootName}`;
    }
  }
}

function compareRows(a: ResourceRow, b: ResourceRow): number {
  if (a.group !== b.group) {
    // Each namespace's "no owner" group comes after its owners' groups; cluster-scoped objects first.
    const [na, ga] = a.group.split(' · ');
    const [nb, gb] = b.group.split(' · ');
    if (na !== nb) return na === '(cluster)' ? -1 : nb === '(cluster)' ? 1 : na < nb ? -1 : 1;
    if (ga === 'no owner') return 1;
    if (gb === 'no owner') return -1;
    return ga < gb ? -1 : 1;
  }
  const ka = KIND_ORDER.indexOf(a.kind);
  const kb = KIND_ORDER.indexOf(b.kind);
  if (ka !== kb) return ka - kb;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The filters of the page: kind ('' = all), label selector, text in namespace/name. */
export interface RowFilter {
  kind?: string;
  label?: string;
  text?: string;
}

/** Rows passing the filter; the label selector's error, if it does not parse. */
export function filterRows(rows: readonly ResourceRow[], f: RowFilter): { rows: ResourceRow[]; error?: string } {
  const { matcher, error } = labelMatcher(f.label);
  const text = f.text?.trim().toLowerCase();
  const out = rows.filter(
    (r) =>
      (!f.kind || r.kind === f.kind) &&
      (!matcher || matcher(r.labels)) &&
      (!text || `${r.namespace ?? ''}/${r.name}`.toLowerCase().includes(text) || r.group.toLowerCase().includes(text)),
  );
  return { rows: out, error };
}

/** A list with a header row before each group's first row (for one virtualized list). */
export type Line = { type: 'group'; group: string; count: number } | { type: 'row'; row: ResourceRow };

export function withGroupHeaders(rows: readonly ResourceRow[]): Line[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.group, (counts.get(r.group) ?? 0) + 1);
  const out: Line[] = [];
  let last: string | undefined;
  for (const r of rows) {
    if (r.group !== last) out.push({ type: 'group', group: r.group, count: counts.get(r.group)! });
    last = r.group;
    out.push({ type: 'row', row: r });
  }
  return out;
}
