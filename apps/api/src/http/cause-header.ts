/**
 * `X-Chronokube-Cause-Resource-Version: N`: "this write reacts to the
 * object version N". A node agent only sees objects (their
 * resourceVersions), never event ids, yet its writes must cite the event
 * they react to (a kubelet's status write cites the PodBound or the status
 * it followed). The server turns the version into the event at that
 * position: its id becomes the write's causationId and, unless the request
 * names its own, its correlationId the write's correlationId, so the write
 * joins the tree of the user action that led to it.
 */
import type { IncomingMessage } from 'node:http';
import { badRequest } from '@chronokube/core';
import type { RequestContext } from '../commands/request-context';
import type { ProjectionService } from '../projection/projection.service';
import type { EventStoreService } from '../store/event-store.service';

export const CAUSE_VERSION_HEADER = 'x-chronokube-cause-resource-version';

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * The context with its cause resolved from the header; unchanged without
 * the header or when `X-Chronokube-Causation-Id` names the cause already.
 * A value that is not a position of the log is a 400 and nothing is written.
 */
export async function withCauseVersion(
  req: IncomingMessage,
  ctx: RequestContext,
  api: { projection: ProjectionService; store: Pick<EventStoreService, 'eventIdAt'> },
): Promise<RequestContext> {
  const value = one(req.headers[CAUSE_VERSION_HEADER]);
  if (value === undefined || one(req.headers['x-chronokube-causation-id']) !== undefined) return ctx;
  const invalid = (why: string) => badRequest(`X-Chronokube-Cause-Resource-Version: Invalid value: "${value}": ${why}`);
  if (!/^[1-9][0-9]{0,15}$/.test(value)) throw invalid('expected the resourceVersion (decimal) of the object version this write reacts to');
  const position = Number(value);
  // A version read from another server of the same log may be a little ahead of this one.
  if (position > api.projection.state.position && !(await api.projection.waitFor(position, 3000))) throw invalid('no such resourceVersion in the log yet');
  const change = api.projection.changes.at(position);
  const eventId = change?.eventId ?? (await api.store.eventIdAt(position));
  if (!eventId) throw invalid('no event at this resourceVersion');
  const inherited = change?.metadata?.correlationId;
  const ownCorrelation = one(req.headers['x-chronokube-correlation-id']) !== undefined;
  return {
    ...ctx,
    causationId: eventId,
    correlationId: !ownCorrelation && typeof inherited === 'string' ? inherited : ctx.correlationId,
  };
}
