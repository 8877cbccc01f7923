/** A recorded event in the history API's shape (HistoryEvent). */
import { apiVersionOf, formatTime, parseStreamName, type HistoryEvent, type ObjectRef, type RecordedEvent } from '@chronokube/core';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The object a stream belongs to (kind/namespace/name; uid from the event data when it carries metadata). */
export function streamObjectRef(stream: string, data?: unknown): ObjectRef {
  const address = parseStreamName(stream);
  if (!address) return { kind: '', apiVersion: '', name: stream };
  const ref: ObjectRef = { kind: address.resource.kind, apiVersion: apiVersionOf(address.resource), name: address.name };
  if (address.namespace) ref.namespace = address.namespace;
  const uid = text((data as { object?: { metadata?: { uid?: unknown } } } | undefined)?.object?.metadata?.uid);
  if (uid) ref.uid = uid;
  return ref;
}

/** The HistoryEvent of `event`; its data only when `withData`. */
export function toHistoryEvent(event: RecordedEvent, withData = false): HistoryEvent {
  const meta = event.metadata ?? {};
  const out: HistoryEvent = {
    id: event.id ?? '',
    resourceVersion: String(event.position),
    time: formatTime(event.time ?? 0),
    type: event.type,
    stream: event.streamId,
    object: streamObjectRef(event.streamId, event.data),
    actor: text(meta.actor) ?? '',
    verb: text(meta.verb) ?? '',
    correlationId: text(meta.correlationId) ?? '',
  };
  for (const key of ['userAgent', 'sourceIP', 'causationId', 'reason'] as const) {
    const v = text(meta[key]);
    if (v) out[key] = v;
  }
  if (withData) out.data = event.data;
  return out;
}
