/** `/timeline`: every version of one object, read from its own stream (across delete and re-create). */
import { badRequest, notFound, objectTimeline } from '@chronokube/core';
import { mayReadNamespace } from './history-authz';
import type { HistoryDeps, HistoryReply, HistoryRequest } from './history-request';
import { boolParam } from './history-query';
import { objectAddress, readObjectStream } from './object-stream';

/** GET /timeline?kind=K&namespace=N&name=X[&data=true]; 404 when the name never existed. */
export async function getTimeline(d: HistoryDeps, r: HistoryRequest): Promise<HistoryReply> {
  const address = objectAddress(r.q);
  if (!address) throw badRequest('missing kind: the kind of the object (Pod, deployments, ...)');
  const { resource, namespace, name } = address;
  if (!mayReadNamespace(r.user, namespace)) throw notFound(resource.plural, name, resource.group);
  const timed = await readObjectStream(d, address);
  const timeline = objectTimeline(timed, { data: boolParam(r.q, 'data') });
  if (!timeline) throw notFound(resource.plural, name, resource.group);
  return { body: timeline };
}
