/**
 * The audit browser's pure parts: the filters as they live in the URL, the
 * query they make for /audit, the client-side text search, and the CSV
 * columns of an export.
 */
import type { AuditEntry } from '@chronokube/core';
import type { CsvColumn } from './csv';

/** Every filter of the page; empty string = any. */
export interface AuditFilter {
  user: string;
  verb: string;
  /** A plural (pods), as the API's `resource`. */
  resource: string;
  namespace: string;
  /** allowed | denied | rejected | a status code */
  result: string;
  /** A preset window ending now: 15m, 1h, 24h, 7d; wins over from/to. */
  since: string;
  from: string;
  to: string;
  /** Client-side text search over message, URI, user agent, name. */
  q: string;
  /** "1" shows node heartbeats (Lease renewals, Node status patches), hidden by default. */
  heartbeats: string;
}

export const FILTER_KEYS: (keyof AuditFilter)[] = ['user', 'verb', 'resource', 'namespace', 'result', 'since', 'from', 'to', 'q', 'heartbeats'];

/** The filters from the URL's query. */
export function filterFromQuery(q: { get(k: string): string | null }): AuditFilter {
  const f = {} as AuditFilter;
  for (const k of FILTER_KEYS) f[k] = q.get(k) ?? '';
  return f;
}

const SINCE_MS: Record<string, number> = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };

/** The presets the page offers. */
export const SINCE_OPTIONS = Object.keys(SINCE_MS);

/** The /audit query for a filter; `now` (ms) resolves a preset window. */
export function auditQuery(f: AuditFilter, now: number): Record<string, string | undefined> {
  const since = SINCE_MS[f.since];
  const from = since !== undefined ? new Date(now - since).toISOString() : f.from.trim() || undefined;
  const to = since !== undefined ? undefined : f.to.trim() || undefined;
  return {
    user: f.user.trim() || undefined,
    verb: f.verb || undefined,
    resource: f.resource || undefined,
    namespace: f.namespace.trim() || undefined,
    result: f.result || undefined,
    from,
    to,
  };
}

/**
 * A node saying it is alive: an allowed write to a Lease in kube-node-lease
 * or to a Node's status. They are most of an audit and rarely the question.
 */
export function isHeartbeat(e: Pick<AuditEntry, 'resource' | 'namespace' | 'result' | 'verb'>): boolean {
  if (e.result !== 'allowed' || (e.verb !== 'update' && e.verb !== 'patch')) return false;
  return (e.resource === 'leases' && e.namespace === 'kube-node-lease') || e.resource === 'nodes/status';
}

/** Entries whose message, reason, URI, name, user agent or user contains the text (case-insensitive). */
export function searchAudit(items: readonly AuditEntry[], text: string, heartbeats = true): AuditEntry[] {
  const t = text.trim().toLowerCase();
  return items.filter((e) => (heartbeats || !isHeartbeat(e)) && (!t || [e.message, e.reason, e.requestURI, e.name, e.userAgent, e.user, e.sourceIP].some((v) => v?.toLowerCase().includes(t))));
}

/** The tone of a result: allowed plain, denied red, rejected amber. */
export function resultTone(e: Pick<AuditEntry, 'result'>): string {
  return e.result === 'denied' ? 'bad' : e.result === 'rejected' ? 'warn' : 'ok';
}

/** The export's columns: every field of an entry, in the order an auditor reads them. */
export const AUDIT_CSV: CsvColumn<AuditEntry>[] = [
  { header: 'time', value: (e) => e.time },
  { header: 'user', value: (e) => e.user },
  { header: 'groups', value: (e) => e.groups },
  { header: 'verb', value: (e) => e.verb },
  { header: 'resource', value: (e) => e.resource },
  { header: 'apiGroup', value: (e) => e.apiGroup },
  { header: 'namespace', value: (e) => e.namespace },
  { header: 'name', value: (e) => e.name },
  { header: 'code', value: (e) => e.code },
  { header: 'result', value: (e) => e.result },
  { header: 'reason', value: (e) => e.reason },
  { header: 'message', value: (e) => e.message },
  { header: 'requestURI', value: (e) => e.requestURI },
  { header: 'userAgent', value: (e) => e.userAgent },
  { header: 'sourceIP', value: (e) => e.sourceIP },
  { header: 'resourceVersion', value: (e) => e.resourceVersion },
  { header: 'correlationId', value: (e) => e.correlationId },
  { header: 'id', value: (e) => e.id },
];

/** The export's file name: the filters that are set, so two exports are told apart. */
export function csvFileName(f: AuditFilter, now: number): string {
  const parts = ['audit', ...(['user', 'verb', 'resource', 'namespace', 'result', 'since'] as const).filter((k) => f[k]).map((k) => f[k])];
  const stamp = new Date(now).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `${parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '-')}-${stamp}.csv`;
}
