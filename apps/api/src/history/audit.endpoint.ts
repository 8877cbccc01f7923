/**
 * `/audit`: who did what, when, from where. Refused requests come from the
 * `audit-<day>` streams (RequestRefused); allowed writes from the object
 * events' own metadata (one entry per event appended). Both are rows of
 * the event index, merged by position.
 */
import { badRequest, formatTime, parseStreamName, type AuditEntry, type AuditList, type RecordedEvent } from '@chronokube/core';
import { Category } from './event-columns';
import type { IndexFilter } from './event-index';
import { mayReadNamespace } from './history-authz';
import type { HistoryDeps, HistoryReply, HistoryRequest } from './history-request';
import { continueParam, encodeContinue, kindParam, limitParam, orderParam, pageRange, textParam } from './history-query';

const DENIED = ['401', '403'];

/** Which index rows a `result` asks for: refused (with which codes), allowed, or both. */
function resultFilters(result: string | undefined): { refused?: Partial<IndexFilter>; allowed: boolean } {
  if (result === undefined) return { refused: {}, allowed: true };
  if (result === 'allowed') return { allowed: true };
  if (result === 'denied') return { refused: { types: DENIED }, allowed: false };
  if (result === 'rejected') return { refused: { excludeTypes: DENIED }, allowed: false };
  if (/^[1-5][0-9]{2}$/.test(result)) return result.startsWith('2') ? { allowed: true } : { refused: { types: [result] }, allowed: false };
  throw badRequest(`invalid result ${JSON.stringify(result)}: expected allowed, denied, rejected or a status code`);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The audit entry of an allowed write, from the metadata of the event it appended. */
function allowedEntry(e: RecordedEvent): AuditEntry | undefined {
  const address = parseStreamName(e.streamId);
  if (!address) return undefined;
  const r = address.resource;
  const meta = e.metadata ?? {};
  const verb = str(meta.verb) ?? '';
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const scope = address.namespace ? `/namespaces/${address.namespace}` : '';
  const entry: AuditEntry = {
    id: e.id ?? '',
    time: formatTime(e.time ?? 0),
    user: str(meta.actor) ?? '',
    groups: Array.isArray(meta.groups) ? meta.groups.filter((g): g is string => typeof g === 'string') : [],
    verb,
    resource: r.plural,
    // The request's own URI; events written before it was kept (or by in-process components) name the object.
    requestURI: str(meta.requestURI) ?? `${base}${scope}/${r.plural}/${address.name}`,
    code: verb === 'create' ? 201 : 200,
    result: 'allowed',
    resourceVersion: String(e.position),
  };
  if (r.group) entry.apiGroup = r.group;
  if (address.namespace) entry.namespace = address.namespace;
  entry.name = address.name;
  for (const k of ['userAgent', 'sourceIP', 'correlationId'] as const) {
    const v = str(meta[k]);
    if (v) entry[k] = v;
  }
  if (Array.isArray(meta.sourceIPs)) entry.sourceIPs = meta.sourceIPs.filter((ip): ip is string => typeof ip === 'string');
  return entry;
}

function refusedEntry(e: RecordedEvent): AuditEntry {
  const data = (e.data ?? {}) as Omit<AuditEntry, 'id' | 'time'>;
  return { id: e.id ?? '', time: formatTime(e.time ?? 0), ...data };
}

/** GET /audit?user=&verb=&resource=&namespace=&result=&from=&to=&order=&limit=&continue= */
export async function getAudit(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const q = r.q;
  const order = orderParam(q);
  const limit = limitParam(q);
  const token = continueParam(q, order);
  const which = resultFilters(textParam(q, 'result'));
  const resource = textParam(q, 'resource');
  const from = await d.points.resolve(q.get('from'), 0);
  const to = await d.points.resolve(q.get('to'));
  const range = pageRange(from.position, to.position, token);
  const common = { actor: textParam(q, 'user'), verb: textParam(q, 'verb'), namespace: textParam(q, 'namespace'), readable: (ns: string) => mayReadNamespace(r.user, ns), ...range };
  const index = d.api.indexes.index;
  const scans: { rows: number[]; more: boolean }[] = [];
  if (which.refused) scans.push(index.scan({ ...common, ...which.refused, category: Category.Audit, kind: resource }, order, limit));
  if (which.allowed) {
    // Object rows hold the Kind; the audit speaks in resources (pods, pods/status: the event keeps no subresource).
    const kind = resource === undefined ? undefined : kindParam(new URLSearchParams({ kind: resource.split('/')[0] }));
    scans.push(index.scan({ ...common, category: Category.Object, kind }, order, limit));
  }
  const merged = scans.flatMap((s) => s.rows).sort((a, b) => (order === 'asc' ? a - b : b - a));
  const rows = merged.slice(0, limit);
  const more = merged.length > limit || scans.some((s) => s.more);
  const items: AuditEntry[] = [];
  for (const e of await d.api.indexes.fetchRows(rows)) {
    const entry = e.streamId.startsWith('audit-') ? refusedEntry(e) : allowedEntry(e);
    if (entry) items.push(entry);
  }
  const body: AuditList & { metadata: { caughtUpTo: string } } = { kind: 'AuditList', metadata: { caughtUpTo: String(d.api.indexes.caughtUpTo) }, items };
  if (more && rows.length) body.metadata.continue = encodeContinue({ position: index.columns.position[rows[rows.length - 1]], order });
  return { body };
}

