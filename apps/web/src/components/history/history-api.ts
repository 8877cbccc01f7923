/**
 * The history API (docs/history-api.md) as the panels read it: through the
 * same-origin proxy with the bearer token (lib/api-client), one function
 * per endpoint, query strings built in one place.
 */
import type { AuditEntry, BundleSummary as CoreBundleSummary, AuditList, ClusterDiff, ClusterStateView, EventList, HistoryEvent, Incident, IncidentList, ObjectTimeline, WhyResult } from '@chronokube/core';
import { apiFetch, apiJson } from '../../lib/api-client';

/** The history API's root on the same origin. */
export const HISTORY = '/apis/history.chronokube.io/v1';

/** `path?query`, leaving out empty values. */
export function historyUrl(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const text = q.toString();
  return `${HISTORY}/${path}${text ? `?${text}` : ''}`;
}

export function getDiff(from: string, to: string, signal?: AbortSignal): Promise<ClusterDiff> {
  return apiJson<ClusterDiff>(historyUrl('diff', { from, to }), { signal });
}

export function getState(at: string, kind: string, namespace: string | undefined, signal?: AbortSignal): Promise<ClusterStateView> {
  return apiJson<ClusterStateView>(historyUrl('state', { at, kinds: kind, namespace }), { signal });
}

export function getTimeline(kind: string, namespace: string | undefined, name: string, signal?: AbortSignal): Promise<ObjectTimeline> {
  return apiJson<ObjectTimeline>(historyUrl('timeline', { kind, namespace, name }), { signal });
}

export function getEvents(params: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<EventList> {
  return apiJson<EventList>(historyUrl('events', params), { signal });
}

/** Every event of one user action (correlationId), oldest first, up to `max`. */
export async function actionEvents(correlationId: string, max = 20000, signal?: AbortSignal): Promise<HistoryEvent[]> {
  const out: HistoryEvent[] = [];
  let next: string | undefined;
  do {
    const page = await getEvents({ correlationId, order: 'asc', limit: 5000, continue: next }, signal);
    out.push(...page.items);
    next = page.metadata.continue;
  } while (next && out.length < max);
  return out;
}

/** The event at resourceVersion `rv`, or undefined when there is none (or it is not an object event). */
export async function eventAt(rv: string, signal?: AbortSignal): Promise<HistoryEvent | undefined> {
  const from = String(BigInt(rv) > 0n ? BigInt(rv) - 1n : 0n);
  const page = await getEvents({ from, to: rv, order: 'asc', limit: 1 }, signal);
  return page.items.find((e) => e.resourceVersion === rv);
}

export function getWhy(params: Record<string, string | undefined>, signal?: AbortSignal): Promise<WhyResult> {
  return apiJson<WhyResult>(historyUrl('why', params), { signal });
}

/** One page of the audit; `continue` from the previous page. */
export function getAudit(params: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<AuditList> {
  return apiJson<AuditList>(historyUrl('audit', params), { signal });
}

/** Every audit entry matching the filters, newest first, following pages up to `max` entries. */
export async function auditEntries(params: Record<string, string | undefined>, max: number, signal?: AbortSignal): Promise<{ items: AuditEntry[]; truncated: boolean; caughtUpTo?: string }> {
  const items: AuditEntry[] = [];
  let next: string | undefined;
  let caughtUpTo: string | undefined;
  do {
    const page = await getAudit({ ...params, limit: Math.min(5000, max - items.length), continue: next }, signal);
    items.push(...page.items);
    caughtUpTo = (page.metadata as { caughtUpTo?: string }).caughtUpTo;
    next = page.metadata.continue;
  } while (next && items.length < max);
  return { items, truncated: !!next, caughtUpTo };
}

export async function listIncidents(signal?: AbortSignal): Promise<Incident[]> {
  return (await apiJson<IncidentList>(historyUrl('incidents'), { signal })).items;
}

export function openIncident(body: { name: string; notes?: string; tags?: string[]; from?: string }): Promise<Incident> {
  return apiJson<Incident>(historyUrl('incidents'), { method: 'POST', body });
}

export function stopIncident(id: string, body: { to?: string; notes?: string } = {}): Promise<Incident> {
  return apiJson<Incident>(historyUrl(`incidents/${encodeURIComponent(id)}/stop`), { method: 'POST', body });
}

export function annotateIncident(id: string, body: { notes?: string; tags?: string[] }): Promise<Incident> {
  return apiJson<Incident>(historyUrl(`incidents/${encodeURIComponent(id)}`), { method: 'PATCH', body });
}

/** The bundle file of an incident: its text and the file name the server gives it. */
export async function exportIncident(id: string): Promise<{ text: string; file: string }> {
  const res = await apiFetch(historyUrl(`incidents/${encodeURIComponent(id)}/export`));
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const file = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `incident-${id}.chronokube.json`;
  return { text: await res.text(), file };
}

/** What the server says of an imported bundle (POST /incidents/import): core's summary plus `local`. */
export type BundleSummary = CoreBundleSummary & {
  /** This server's log holds the bundle's incident and range, so it replays here too. */
  local: boolean;
};

/** Sends a bundle file to be verified and summarised; the server keeps nothing. */
export function importBundle(text: string, file: string): Promise<BundleSummary> {
  return apiJson<BundleSummary>(historyUrl('incidents/import', { file }), { method: 'POST', body: text });
}
