/** `/timeline`: every version of one object, read from its own stream (across delete and re-create). */
import { badRequest, compileSlice, notFound, objectTimeline, streamName, type TimedEvent } from '@chronokube/core';
import { mayReadNamespace } from './history-authz';
import type { HistoryDeps, HistoryReply, HistoryRequest } from './history-request';
import { boolParam, textParam } from './history-query';

/** GET /timeline?kind=K&namespace=N&name=X[&data=true]; 404 when the name never existed. */
export async function getTimeline(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const kindText = textParam(r.q, 'kind');
  const name = textParam(r.q, 'name');
  if (!kindText) throw badRequest('missing kind: the kind of the object (Pod, deployments, ...)');
  if (!name) throw badRequest('missing name: the name of the object');
  let resource;
  try {
    resource = compileSlice({ kinds: [kindText] }).resources[0];
  } catch {
    throw badRequest(`invalid kind: unknown kind ${JSON.stringify(kindText)}`);
  }
  const namespace = resource.namespaced ? (textParam(r.q, 'namespace') ?? 'default') : undefined;
  if (!mayReadNamespace(r.user, namespace)) throw notFound(resource.plural, name, resource.group);
  const events = await d.api.store.readStream(streamName(resource.kind, namespace, name));
  const timed = events.map((e) => ({ ...e, time: e.time ?? d.api.indexes.index.timeAt(e.position) ?? 0 })) as TimedEvent[];
  const timeline = objectTimeline(timed, { data: boolParam(r.q, 'data') });
  if (!timeline) throw notFound(resource.plural, name, resource.group);
  return { body: timeline };
}
