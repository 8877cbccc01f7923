/**
 * The live stream's messages (socket.io, path LIVE_PATH), exactly as
 * docs/live-api.md defines them: the contract between the live gateway and
 * the web UI. An event is a history API HistoryEvent plus the object's new
 * state, so the UI feeds one store from either source.
 */
import type { HistoryEvent, KubeObject, Status } from '@chronokube/core';

/** Where the socket.io server answers, on the API's own HTTPS port. */
export const LIVE_PATH = '/live/socket.io';

/** Client -> server `subscribe` (replaces the socket's current subscription). */
export interface SubscribeRequest {
  /** Deliver every event after this resourceVersion (decimal), or only new ones ("now", the default). */
  from?: string;
  /** Kind names or plurals (Pod, pods); none = every kind. */
  kinds?: string[];
  /** Namespaces; "" stands for cluster-scoped objects; none = everything the user may read. */
  namespaces?: string[];
}

/** The acknowledgement of `subscribe`: the subscription, or a Kubernetes Status when refused. */
export type SubscribeReply = { ok: true; subscription: string; from: string } | { ok: false; status: Status };

/** One cluster event: its HistoryEvent and the object's state after it (null once deleted). */
export interface LiveEvent extends HistoryEvent {
  state: KubeObject | null;
}

/**
 * Server -> client `events`, acknowledged by the client (socket.io ack) once
 * handled: at most a few batches are unacknowledged at a time.
 */
export interface LiveBatch {
  subscription: string;
  /** Every matching event up to here has been delivered: resume from it. */
  resourceVersion: string;
  events: LiveEvent[];
}

/**
 * Server -> client `fellBehind`: the client did not acknowledge fast enough
 * and the subscription ended; subscribe again from `resourceVersion` (the
 * last batch sent), as a kube client re-watches after 410.
 */
export interface FellBehind {
  subscription: string;
  resourceVersion: string;
  message: string;
}

/** Server -> client `subscriptionError`: the backlog could not be read (the store failed); the subscription ended. */
export interface SubscriptionError {
  subscription: string;
  status: Status;
}

/**
 * Server -> every connected client `incident`: an incident was opened,
 * stopped or annotated. Incidents are not cluster objects, so they are no
 * LiveEvent; fetch the incident itself from the history API
 * (`GET /apis/history.chronokube.io/v1/incidents/{id}`).
 */
export interface IncidentNotice {
  id: string;
  /** IncidentOpened, IncidentClosed or IncidentAnnotated */
  type: string;
  resourceVersion: string;
  /** RFC 3339 with milliseconds, when the store recorded it. */
  time: string;
  actor: string;
}
