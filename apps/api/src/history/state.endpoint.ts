/** `/state` and `/diff`: the cluster (or a slice) at a point, and what changed between two points. */
import { badRequest, compileSlice, diffStates, sliceObjects, type ClusterDiff, type ClusterStateView, type KubeObject } from '@chronokube/core';
import { mayReadNamespace } from './history-authz';
import type { HistoryDeps, HistoryReply, HistoryRequest } from './history-request';
import { sliceParams } from './history-query';

/** GET /state?at=P&kinds=&namespace=&labelSelector= */
export async function getState(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const slice = compileSlice(sliceParams(r.q));
  const at = await d.points.resolve(r.q.get('at'));
  const state = await d.api.history.stateAt(at.position);
  const items = sliceObjects(state, slice).filter((o) => mayReadNamespace(r.user, o.metadata.namespace));
  const body: ClusterStateView = { kind: 'ClusterState', at: at.ref, items };
  return { body };
}

/** GET /diff?from=P&to=P&kinds=&namespace=&labelSelector= (`to` defaults to now). */
export async function getDiff(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  if (!r.q.get('from')) throw badRequest('missing from: the point to diff from (a resourceVersion, an RFC 3339 time or "now")');
  const slice = sliceParams(r.q);
  compileSlice(slice);
  const from = await d.points.resolve(r.q.get('from'));
  const to = await d.points.resolve(r.q.get('to'));
  const [a, b] = await Promise.all([d.api.history.stateAt(from.position), d.api.history.stateAt(to.position)]);
  const diff: ClusterDiff = diffStates(a, b, slice, { from: from.ref, to: to.ref });
  const readable = (o: KubeObject): boolean => mayReadNamespace(r.user, o.metadata.namespace);
  diff.added = diff.added.filter(readable);
  diff.removed = diff.removed.filter(readable);
  diff.changed = diff.changed.filter((c) => mayReadNamespace(r.user, c.object.namespace));
  return { body: diff };
}
