/**
 * `POST /whatif`: core re-runs the scheduler over the state at a point with
 * another profile or other nodes. The server folds the state and tells it
 * the order pods were really bound in (from the event index's PodBound
 * rows), so the replay of placements follows the log.
 */
import { badRequest, boundPositions, streamName, whatIf, type KubeObject, type WhatIfRequest } from '@chronokube/core';
import { Category } from './event-columns';
import { mayReadNamespace } from './history-authz';
import type { HistoryDeps, HistoryReply, HistoryRequest } from './history-request';

function requestOf(body: unknown): { at?: string; request: WhatIfRequest } {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('invalid body: expected a JSON object {at, profile?, addNodes?, removeNodes?}');
  const b = body as Record<string, unknown>;
  if (b.at !== undefined && typeof b.at !== 'string') throw badRequest('invalid at: expected a point (a resourceVersion, an RFC 3339 time or "now")');
  if (b.addNodes !== undefined && (!Array.isArray(b.addNodes) || b.addNodes.some((n) => typeof n !== 'object' || n === null || Array.isArray(n)))) {
    throw badRequest('invalid addNodes: expected a list of Node objects');
  }
  if (b.removeNodes !== undefined && (!Array.isArray(b.removeNodes) || b.removeNodes.some((n) => typeof n !== 'string'))) throw badRequest('invalid removeNodes: expected a list of node names');
  const request: WhatIfRequest = {};
  if (b.profile !== undefined) request.profile = b.profile as WhatIfRequest['profile'];
  if (b.addNodes) request.addNodes = b.addNodes as KubeObject[];
  if (b.removeNodes) request.removeNodes = b.removeNodes as string[];
  return { at: b.at as string | undefined, request };
}

/** Core's bind order from the index's PodBound rows up to `upTo` (stream and position are all it needs, so nothing is read back). */
function boundOrder(d: HistoryDeps, upTo: number): Map<string, number> {
  const index = d.api.indexes.index;
  const c = index.columns;
  const { rows } = index.scan({ category: Category.Object, kind: 'Pod', types: ['PodBound'], after: 0, upTo }, 'asc', Number.MAX_SAFE_INTEGER);
  return boundPositions(rows.map((r) => ({ streamId: streamName('Pod', c.namespaces.text(c.namespace[r]), c.names.text(c.name[r])), type: 'PodBound', position: c.position[r] })));
}

/** POST /whatif {at, profile?, addNodes?, removeNodes?} */
export async function postWhatIf(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const { at: atText, request } = requestOf(r.body);
  const at = await d.points.resolve(atText);
  const state = await d.api.history.stateAt(at.position);
  const result = whatIf(state, request, { at: at.ref, boundAt: boundOrder(d, at.position) });
  // Every pod is placed (they compete for the same nodes), but the answer names only those the caller may see.
  result.placements = result.placements.filter((p) => mayReadNamespace(r.user, p.pod.namespace));
  result.changed = result.placements.filter((p) => p.changed).length;
  return { body: result };
}
