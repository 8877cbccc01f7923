/**
 * The live stream's messages as the browser sees them (docs/live-api.md;
 * the server's copy is apps/api/src/live/live-protocol.ts, which the web app
 * cannot import because it lives in a Node app).
 */
import type { KubeObject, Status } from '@chronokube/core';
import type { FoldableEvent } from './cluster-fold';

/** One cluster event with the object's state after it. */
export interface LiveEvent extends FoldableEvent {
  id: string;
  time: string;
  type: string;
  actor: string;
  verb: string;
  state: KubeObject | null;
}

/** Server -> client `events`. */
export interface LiveBatch {
  subscription: string;
  resourceVersion: string;
  events: LiveEvent[];
}

/** The acknowledgement of `subscribe`. */
export type SubscribeReply = { ok: true; subscription: string; from: string } | { ok: false; status: Status };

/** Server -> client `fellBehind`. */
export interface FellBehind {
  subscription: string;
  resourceVersion: string;
  message: string;
}

/** Server -> client `subscriptionError`. */
export interface SubscriptionError {
  subscription: string;
  status: Status;
}

/** The part of a socket.io client socket the live feed uses (a fake in tests). */
export interface LiveSocket {
  on(event: string, listener: (...args: any[]) => void): unknown;
  emit(event: string, ...args: any[]): unknown;
  disconnect(): unknown;
}

/** A ClusterState answer of the history API (`/state`). */
export interface ClusterStateAnswer {
  kind: 'ClusterState';
  at: { resourceVersion: string; time?: string };
  items: KubeObject[];
  /** Asked with changedSince: the objects left out of items, as they were at `since` (docs/history-api.md). */
  unchanged?: { since: string; keys: string[] };
}
