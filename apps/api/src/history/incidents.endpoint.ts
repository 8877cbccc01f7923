/**
 * `/incidents`: open, list, read, stop, annotate and export named time
 * ranges. Bodies are checked field by field; a bad one is a 400 naming the
 * field and appends nothing.
 */
import { ApiError, badRequest, InvalidBundleError, summariseBundle, verifyBundle, type IncidentList } from '@chronokube/core';
import { sourceIpOf } from '../commands/request-context';
import { exportBundle, sha256hex } from './incident-export';
import type { IncidentActor } from './incident-store';
import type { HistoryDeps, HistoryReply, HistoryRequest } from './history-request';

type Body = Record<string, unknown>;

function objectBody(body: unknown): Body {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('invalid body: expected a JSON object');
  return body as Body;
}

function optionalText(body: Body, field: string, max = 64 * 1024): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`invalid ${field}: expected a string`);
  if (v.length > max) throw badRequest(`invalid ${field}: longer than ${max} characters`);
  return v;
}

function optionalTags(body: Body): string[] | undefined {
  const v = body.tags;
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((t) => typeof t !== 'string' || t === '' || t.length > 253)) throw badRequest('invalid tags: expected a list of non-empty strings');
  return [...new Set(v as string[])];
}

function actorOf(r: HistoryRequest): IncidentActor {
  const ua = r.req.headers['user-agent'];
  return { user: r.user, userAgent: Array.isArray(ua) ? ua[0] : ua, sourceIP: sourceIpOf(r.req) };
}

/** POST /incidents {name, notes?, tags?, from?} → 201 Incident */
export async function createIncident(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const body = objectBody(r.body);
  const name = optionalText(body, 'name', 253);
  if (!name || !name.trim()) throw badRequest('invalid name: required, a non-empty string');
  const notes = optionalText(body, 'notes') ?? '';
  const tags = optionalTags(body) ?? [];
  if (body.from !== undefined && typeof body.from !== 'string') throw badRequest('invalid from: expected a point (a resourceVersion, an RFC 3339 time or "now")');
  const from = await d.points.resolve(body.from as string | undefined);
  return { code: 201, body: await d.incidents.open(actorOf(r), { name, notes, tags, from: from.ref }) };
}

/** GET /incidents */
export async function listIncidents(d: HistoryDeps): Promise<HistoryReply> {
  const body: IncidentList = { kind: 'IncidentList', items: await d.incidents.list() };
  return { body };
}

/** GET /incidents/{id} */
export async function getIncident(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  return { body: (await d.incidents.get(r.params[0])).incident };
}

/** POST /incidents/{id}/stop {to?, notes?} */
export async function stopIncident(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const body = objectBody(r.body);
  const notes = optionalText(body, 'notes');
  if (body.to !== undefined && typeof body.to !== 'string') throw badRequest('invalid to: expected a point (a resourceVersion, an RFC 3339 time or "now")');
  const current = await d.incidents.get(r.params[0]);
  const to = await d.points.resolve(body.to as string | undefined);
  if (to.position < Number(current.incident.from.resourceVersion)) throw badRequest('invalid to: before the incident\'s from');
  return { body: await d.incidents.close(actorOf(r), r.params[0], to.ref, notes) };
}

/** PATCH /incidents/{id} {notes?, tags?} */
export async function patchIncident(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const body = objectBody(r.body);
  const notes = optionalText(body, 'notes');
  const tags = optionalTags(body);
  if (notes === undefined && tags === undefined) throw badRequest('invalid body: nothing to change (notes, tags)');
  const change: { notes?: string; tags?: string[] } = {};
  if (notes !== undefined) change.notes = notes;
  if (tags !== undefined) change.tags = tags;
  return { body: await d.incidents.annotate(actorOf(r), r.params[0], change) };
}

/** GET /incidents/{id}/export: the bundle as a download. */
export async function exportIncident(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const { incident } = await d.incidents.get(r.params[0]);
  const bundle = await exportBundle(d, incident);
  const file = `incident-${incident.name.replace(/[^A-Za-z0-9._-]+/g, '-')}.chronokube.json`;
  return { body: bundle, headers: { 'Content-Disposition': `attachment; filename="${file}"` } };
}

/** Import bodies may be larger than kube's 3 MiB: a bundle carries a whole cluster state and its events. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

/**
 * POST /incidents/import?file=NAME, body: a bundle. Verifies it as
 * `chronokube server --replay` will and answers its summary (the shape of
 * `kubectl chrono incident import -o json`) plus `local`: whether this
 * server's log holds the same incident, so it can be replayed here. A
 * bundle is never merged into a live cluster: nothing is stored, the
 * answer says how to serve it read-only. A bad bundle is a 400 with
 * verifyBundle's one-line reason.
 */
export async function importIncident(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  if (r.body === undefined) throw badRequest('missing body: the incident bundle (the file an export downloads)');
  let bundle;
  try {
    // The checksum is over canonical JSON, so the parsed body verifies exactly as the file's text would.
    bundle = verifyBundle(JSON.stringify(r.body), sha256hex);
  } catch (err) {
    if (err instanceof InvalidBundleError) throw badRequest(err.message);
    throw err;
  }
  const file = r.q.get('file') || 'BUNDLE';
  let local = false;
  try {
    const here = (await d.incidents.get(bundle.incident.id)).incident;
    local = here.from.resourceVersion === bundle.from.resourceVersion;
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 404)) throw err;
  }
  return { body: { ...summariseBundle(bundle, file), local } };
}
