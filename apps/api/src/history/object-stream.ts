/** One object's own stream, as /timeline and /why address and read it. */
import { badRequest, compileSlice, streamName, type ResourceInfo, type TimedEvent } from '@chronokube/core';
import type { HistoryDeps } from './history-request';
import { textParam } from './history-query';

/** An object named by `kind`, `namespace` (default "default", ignored when cluster-scoped) and `name`. */
export interface ObjectAddress {
  resource: ResourceInfo;
  namespace: string | undefined;
  name: string;
}

/**
 * The object the query names, or undefined when it names no kind and no
 * name (the caller may accept another form); a 400 naming the parameter
 * when only one is given or the kind is unknown.
 */
export function objectAddress(q: URLSearchParams): ObjectAddress | undefined {
  const kindText = textParam(q, 'kind');
  const name = textParam(q, 'name');
  if (!kindText && !name) return undefined;
  if (!kindText) throw badRequest('missing kind: the kind of the object (Pod, deployments, ...)');
  if (!name) throw badRequest('missing name: the name of the object');
  let resource: ResourceInfo;
  try {
    resource = compileSlice({ kinds: [kindText] }).resources[0];
  } catch {
    throw badRequest(`invalid kind: unknown kind ${JSON.stringify(kindText)}`);
  }
  return { resource, namespace: resource.namespaced ? (textParam(q, 'namespace') ?? 'default') : undefined, name };
}

/** Every signed event of the object's stream, oldest first, each with the time the store recorded it. */
export async function readObjectStream(d: HistoryDeps, a: ObjectAddress): Promise<TimedEvent[]> {
  const events = await d.api.store.readStream(streamName(a.resource.kind, a.namespace, a.name));
  return events.map((e) => ({ ...e, time: e.time ?? d.api.indexes.index.timeAt(e.position) ?? 0 }));
}
