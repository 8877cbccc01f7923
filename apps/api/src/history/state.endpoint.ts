/** `/state` and `/diff`: the cluster (or a slice) at a point, and what changed between two points. */
import { badRequest, compileSlice, diffStates, sliceObjects, type ClusterDiff, type ClusterStateView, type KubeObject } from '@chronokube/core';
import { mayReadNamespace } from './history-authz';
import type { HistoryDeps, HistoryReply, HistoryRequest } from './history-request';
import { sliceParams } from './history-query';

/**
 * GET /state?at=P&kinds=&namespace=&labelSelector=[&changedSince=S]
 *
 * With changedSince, an object whose version at P is the very version the
 * state at S holds is named in `unchanged.keys` instead of sent whole: a
 * client that keeps the state at S (the dashboard's time travel) then
 * downloads only what differs. S at or before P needs no second state (an
 * object's resourceVersion is its last event's position: <= S means the
 * same version at S); S after P compares with the state at S, which the
 * client usually was just shown (the server keeps recent states).
 */
export async function getState(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const slice = compileSlice(sliceParams(r.q));
  const at = await d.points.resolve(r.q.get('at'));
  const sinceParam = r.q.get('changedSince');
  const since = sinceParam ? await d.points.resolve(sinceParam) : undefined;
  const state = await d.api.history.stateAt(at.position);
  const readable = sliceObjects(state, slice).filter((o) => mayReadNamespace(r.user, o.metadata.namespace));
  const body: ClusterStateView = { kind: 'ClusterState', at: at.ref, items: readable };
  if (since) {
    const later = since.position > at.position ? sliceIndex(sliceObjects(await d.api.history.stateAt(since.position), slice)) : undefined;
    const items: KubeObject[] = [];
    const keys: string[] = [];
    for (const o of readable) {
      const key = stateKey(o);
      const same = later ? later.get(key) === o.metadata.resourceVersion : Number(o.metadata.resourceVersion) <= since.position;
      if (same) keys.push(key);
      else items.push(o);
    }
    body.items = items;
    body.unchanged = { since: String(since.position), keys };
  }
  return { body };
}

/** How `unchanged.keys` names an object: `Kind/namespace/name`, namespace empty when cluster-scoped. */
function stateKey(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** resourceVersion by stateKey. */
function sliceIndex(objects: readonly KubeObject[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const o of objects) out.set(stateKey(o), o.metadata.resourceVersion);
  return out;
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
