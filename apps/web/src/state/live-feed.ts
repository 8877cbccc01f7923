/**
 * The live feed: load the whole state at `now`, then subscribe to the live
 * stream from exactly that resourceVersion, folding every batch into the
 * store. It resubscribes from where the store is after a disconnect, a
 * `fellBehind` or a failed subscription, so no event is missed or folded twice.
 */
import type { ClusterStore } from './cluster-store';
import { BatchQueue, type Scheduler } from './batch-queue';
import type { Feed } from './feed';
import type { ClusterStateAnswer, FellBehind, LiveBatch, LiveSocket, SubscribeReply, SubscriptionError } from './live-messages';

/** What the live feed needs from its surroundings (real ones in the browser, fakes in tests). */
export interface LiveFeedDeps {
  store: ClusterStore;
  /** `GET /apis/history.chronokube.io/v1/state?at=now&kinds=...`. */
  loadState(): Promise<ClusterStateAnswer>;
  /** A connected (or connecting) socket.io socket on /live/socket.io with the token. */
  openSocket(): LiveSocket;
  schedule: Scheduler;
  /** Kinds to stream (the same as the state's). */
  kinds?: string[];
  /** The handshake said Unauthorized: the token is bad or gone. */
  onUnauthorized?(): void;
  /** Wait before retrying a refused subscription. */
  retryDelayMs?: number;
  setTimer?(fn: () => void, ms: number): unknown;
}

/** The live cluster, kept in the store. */
export class LiveFeed implements Feed {
  private socket: LiveSocket | undefined;
  private subscription: string | undefined;
  private stopped = false;
  private readonly queue: BatchQueue;

  constructor(private readonly deps: LiveFeedDeps) {
    this.queue = new BatchQueue((events, rv) => deps.store.getState().applyEvents(events, rv), deps.schedule);
  }

  async start(): Promise<void> {
    const { store } = this.deps;
    store.getState().setConnection('loading');
    let state: ClusterStateAnswer;
    try {
      state = await this.deps.loadState();
    } catch (err) {
      if (!this.stopped) store.getState().setConnection('error', (err as Error).message);
      throw err;
    }
    if (this.stopped) return;
    store.getState().replace(state.items, state.at.resourceVersion, { mode: 'live' });
    store.getState().setConnection('reconnecting');
    const socket = this.deps.openSocket();
    this.socket = socket;
    socket.on('connect', () => this.queue.afterFlush(() => this.subscribe()));
    socket.on('disconnect', () => {
      this.subscription = undefined;
      if (!this.stopped) store.getState().setConnection('reconnecting');
    });
    socket.on('connect_error', (err: Error) => {
      if (this.stopped) return;
      if (err.message === 'Unauthorized') this.deps.onUnauthorized?.();
      store.getState().setConnection('reconnecting', `Live stream: ${err.message}`);
    });
    socket.on('events', (batch: LiveBatch, ack?: () => void) => this.onBatch(batch, ack));
    socket.on('fellBehind', (m: FellBehind) => {
      if (m.subscription !== this.subscription) return;
      // The server ended the subscription; fold what we have, then resume from its mark.
      this.subscription = undefined;
      store.getState().setConnection('reconnecting');
      this.queue.afterFlush(() => this.subscribe(m.resourceVersion));
    });
    socket.on('subscriptionError', (m: SubscriptionError) => {
      if (m.subscription !== this.subscription) return;
      this.subscription = undefined;
      store.getState().setConnection('error', `Live stream: ${m.status.message ?? m.status.reason}`);
      this.retry();
    });
  }

  stop(): void {
    this.stopped = true;
    this.queue.clear();
    this.socket?.disconnect();
    this.socket = undefined;
    this.subscription = undefined;
  }

  /** Subscribe from `from` (default: where the store is). */
  private subscribe(from = this.deps.store.getState().resourceVersion): void {
    const socket = this.socket;
    if (!socket || this.stopped) return;
    this.subscription = undefined;
    socket.emit('subscribe', { from, kinds: this.deps.kinds }, (reply: SubscribeReply) => {
      if (this.stopped || socket !== this.socket) return;
      if (reply.ok) {
        this.subscription = reply.subscription;
        this.deps.store.getState().setConnection('live');
      } else {
        this.deps.store.getState().setConnection('error', `Live stream: ${reply.status.message ?? reply.status.reason}`);
        this.retry();
      }
    });
  }

  private onBatch(batch: LiveBatch, ack?: () => void): void {
    // A batch of an ended subscription would only repeat positions the store has; the fold skips those anyway.
    if (this.stopped || (this.subscription !== undefined && batch.subscription !== this.subscription)) {
      ack?.();
      return;
    }
    this.queue.push(batch.events, batch.resourceVersion, ack);
  }

  private retry(): void {
    const set = this.deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    set(() => this.queue.afterFlush(() => this.subscribe()), this.deps.retryDelayMs ?? 2000);
  }
}
