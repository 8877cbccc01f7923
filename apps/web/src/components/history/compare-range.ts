/**
 * What the compare page compares: two points typed by the user (a
 * resourceVersion, an RFC 3339 time or "now", checked with core's own
 * parser so the page refuses what the API would), or "before and after
 * one action" (all events sharing a correlationId), and the rows of a
 * ClusterDiff in a stable order.
 */
import { parsePoint, type ClusterDiff, type FieldChange, type HistoryEvent, type KubeObject, type ObjectRef } from '@chronokube/core';

/** Two points, as the API takes them. */
export interface CompareRange {
  from: string;
  to: string;
}

/** Why a typed point is not one, or undefined when it is fine. */
export function pointError(text: string): string | undefined {
  if (!text.trim()) return 'required: a resourceVersion, an RFC 3339 time or "now"';
  try {
    parsePoint(text.trim());
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Before and after one action: from = the point just before its first
 * event (rv − 1), to = its last event. Undefined when there are no events.
 */
export function actionRange(events: readonly Pick<HistoryEvent, 'resourceVersion'>[]): CompareRange | undefined {
  if (events.length === 0) return undefined;
  const positions = events.map((e) => BigInt(e.resourceVersion));
  let first = positions[0];
  let last = positions[0];
  for (const p of positions) {
    if (p < first) first = p;
    if (p > last) last = p;
  }
  return { from: String(first > 0n ? first - 1n : 0n), to: String(last) };
}

/** An rv typed in the page's `event` param: a decimal position (else undefined). */
export function eventPosition(text: string | null): string | undefined {
  return text && /^[0-9]+$/.test(text.trim()) ? text.trim() : undefined;
}

/** One row of the compare table. */
export interface DiffRow {
  /** Kind/namespace/name (Kind//name for cluster-scoped), the row's data-key. */
  key: string;
  kind: string;
  namespace?: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
  /** The object on each side when the diff carries it (added: after; removed: before). */
  before?: KubeObject;
  after?: KubeObject;
  /** The object's resourceVersions on each side, for a changed object. */
  fromRv?: string;
  toRv?: string;
}

/** Kind/namespace/name, the key every diff row and test uses. */
export function refKey(ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

function objRef(o: KubeObject): { kind: string; namespace?: string; name: string } {
  return { kind: o.kind ?? '', namespace: o.metadata.namespace, name: o.metadata.name ?? '' };
}

/** Kinds that report on others rather than run anything: listed after the workloads. */
const LAST_KINDS: Record<string, number> = { Event: 1, Lease: 2 };

/** Every added, removed and changed object, sorted by kind (Events and Leases last), namespace, name. */
export function diffRows(diff: ClusterDiff): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const o of diff.added) rows.push({ ...objRef(o), key: refKey(objRef(o)), change: 'added', fields: [], after: o });
  for (const o of diff.removed) rows.push({ ...objRef(o), key: refKey(objRef(o)), change: 'removed', fields: [], before: o });
  for (const c of diff.changed) {
    rows.push({ kind: c.object.kind, namespace: c.object.namespace, name: c.object.name, key: refKey(c.object), change: 'changed', fields: c.fields, fromRv: c.from, toRv: c.to });
  }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((a, b) => (LAST_KINDS[a.kind] ?? 0) - (LAST_KINDS[b.kind] ?? 0) || cmp(a.kind, b.kind) || cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name));
}

/**
 * Rows an operator rarely wants first: node heartbeats. A Lease renewal, or
 * a Node whose only changed fields are heartbeat times, says "the node is
 * alive", nothing about the workloads.
 */
export function isHeartbeatRow(r: DiffRow): boolean {
  if (r.kind === 'Lease' && r.change === 'changed') return r.fields.every((f) => /^spec\.(renewTime|acquireTime|leaseTransitions)$/.test(f.path));
  if (r.kind === 'Node' && r.change === 'changed') return r.fields.length > 0 && r.fields.every((f) => /lastHeartbeatTime$/.test(f.path));
  return false;
}

/** How many rows of each kind, for the kind filter (kinds sorted). */
export function countByKind(rows: readonly DiffRow[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** What an added or removed core/v1 Event said ("Scheduled: Successfully assigned …"), undefined for other kinds. */
export function eventSummary(o: KubeObject | undefined): string | undefined {
  if (!o || o.kind !== 'Event') return undefined;
  const e = o as KubeObject & { reason?: string; message?: string; type?: string };
  return [e.type === 'Warning' ? 'Warning' : undefined, e.reason, e.message].filter(Boolean).join(': ') || undefined;
}

/** A field value as one short line: strings as they are, anything else as JSON, absent as "—". */
export function showValue(v: unknown, max = 120): string {
  if (v === undefined) return '—';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
