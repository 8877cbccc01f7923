/**
 * `/apis/history.chronokube.io/v1/*`: authenticates like the rest of the
 * API, authorizes (reading: get on `history`; incidents: create/update),
 * routes to one endpoint function and renders failures as a Status. A
 * refused request is audited like any other. Registered before the
 * generic /apis controller, so this route wins.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import { ApiError, methodNotAllowed, unavailable } from '@chronokube/core';
import { ApiContext } from '../api-context';
import { parseJson, readBody } from '../http/body';
import { discoveryDocument } from '../http/discovery';
import { sendError, sendJson } from '../http/respond';
import type { RequestFacts } from './audit-recorder';
import { getAudit } from './audit.endpoint';
import { getEvents, getHistogram } from './events.endpoint';
import { authorizeHistory, HISTORY_GROUP, HISTORY_VERSION, type HistoryVerb } from './history-authz';
import type { HistoryDeps, HistoryEndpoint } from './history-request';
import { IncidentStore } from './incident-store';
import { createIncident, exportIncident, getIncident, importIncident, listIncidents, MAX_BUNDLE_BYTES, patchIncident, stopIncident } from './incidents.endpoint';
import { PointResolver } from './point-resolver';
import { getDiff, getState } from './state.endpoint';
import { getTimeline } from './timeline.endpoint';
import { historyJson } from './history-json';
import { getCausality, getWhy } from './why.endpoint';
import { postWhatIf } from './whatif.endpoint';

type Request = IncomingMessage & { originalUrl?: string };

interface Route {
  verb: HistoryVerb;
  resource: 'history' | 'incidents';
  run: HistoryEndpoint;
}

const PREFIX = `/apis/${HISTORY_GROUP}/${HISTORY_VERSION}`;

const READ: Record<string, HistoryEndpoint> = {
  state: getState,
  diff: getDiff,
  timeline: getTimeline,
  events: getEvents,
  histogram: getHistogram,
  why: getWhy,
  causality: getCausality,
  audit: getAudit,
};

/** The route for a method and the path segments after the version (params: the incident id). */
function route(method: string, parts: string[]): { route: Route; params: string[] } | undefined {
  const read = method === 'GET' || method === 'HEAD';
  const [head, id, action, ...rest] = parts;
  if (rest.length) return undefined;
  if (head in READ && parts.length === 1) return read ? { route: { verb: 'get', resource: 'history', run: READ[head] }, params: [] } : undefined;
  if (head === 'whatif' && parts.length === 1) return method === 'POST' ? { route: { verb: 'get', resource: 'history', run: postWhatIf }, params: [] } : undefined;
  if (head !== 'incidents') return undefined;
  if (id === undefined) {
    if (read) return { route: { verb: 'list', resource: 'incidents', run: listIncidents }, params: [] };
    if (method === 'POST') return { route: { verb: 'create', resource: 'incidents', run: createIncident }, params: [] };
    return undefined;
  }
  // `import` is no incident id (ids are UUIDs); verifying a bundle changes nothing, so reading incidents suffices.
  if (id === 'import' && action === undefined && method === 'POST') return { route: { verb: 'get', resource: 'incidents', run: importIncident }, params: [] };
  if (action === undefined) {
    if (read) return { route: { verb: 'get', resource: 'incidents', run: getIncident }, params: [id] };
    if (method === 'PATCH') return { route: { verb: 'update', resource: 'incidents', run: patchIncident }, params: [id] };
    return undefined;
  }
  if (action === 'stop' && method === 'POST') return { route: { verb: 'update', resource: 'incidents', run: stopIncident }, params: [id] };
  if (action === 'export' && read) return { route: { verb: 'get', resource: 'incidents', run: exportIncident }, params: [id] };
  return undefined;
}

@Controller()
export class HistoryController {
  private readonly deps: HistoryDeps;

  constructor(@Inject(ApiContext) private readonly api: ApiContext) {
    const points = new PointResolver(api.projection, api.history, api.indexes);
    this.deps = { api, points, incidents: new IncidentStore(api.store, api.projection, api.indexes, api.config.replay?.incident) };
  }

  @All([`apis/${HISTORY_GROUP}`, `apis/${HISTORY_GROUP}/*path`])
  async handle(@Req() req: Request, @Res() res: ServerResponse): Promise<void> {
    const facts: RequestFacts = { apiGroup: HISTORY_GROUP };
    try {
      await this.serve(req, res, facts);
    } catch (err) {
      sendError(res, err);
      this.api.audit.refused(req, facts, err);
    }
  }

  private async serve(req: Request, res: ServerResponse, facts: RequestFacts): Promise<void> {
    const user = this.api.authenticator.authenticate(req);
    facts.user = user;
    const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/\/+$/, '');
    if (path === `/apis/${HISTORY_GROUP}` || path === PREFIX) {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed();
      return sendJson(res, 200, discoveryDocument(path, this.api.serverAddress));
    }
    if (!path.startsWith(PREFIX + '/')) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
    let parts: string[];
    try {
      parts = path.slice(PREFIX.length + 1).split('/').map(decodeURIComponent);
    } catch {
      throw new ApiError(400, 'BadRequest', `malformed URL path: ${path}`);
    }
    const found = route(method, parts);
    if (!found) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
    const { verb, resource, run } = found.route;
    Object.assign(facts, { verb, resource, name: found.params[0] });
    authorizeHistory(user, verb, resource);
    const writes = verb === 'create' || verb === 'update';
    if (writes && this.api.readOnly) throw this.api.readOnly;
    if (!this.api.projection.caughtUp) throw unavailable('the API server is still reading the event log; try again shortly');
    await this.api.indexes.ready();
    const body = method === 'POST' || method === 'PATCH' ? await this.body(req, run === importIncident ? MAX_BUNDLE_BYTES : undefined) : undefined;
    const started = performance.now();
    const reply = await run(this.deps, { user, q: url.searchParams, body, params: found.params, req });
    const built = performance.now();
    const text = historyJson(reply.body);
    // Server-Timing (W3C): how long the answer took to compute and to serialize, apart from the transfer.
    const timing = `app;dur=${(built - started).toFixed(1)}, json;dur=${(performance.now() - built).toFixed(1)}`;
    sendJson(res, reply.code ?? 200, text, { ...reply.headers, 'Server-Timing': timing });
  }

  private async body(req: Request, limit?: number): Promise<unknown> {
    const raw = await readBody(req, limit);
    return raw.length ? parseJson(raw) : undefined;
  }
}
