/**
 * One client's subscription: the backlog after `from`, then live events,
 * in batches. The backlog is read in ranges up to the projection's
 * position until it catches up, and the live feed is joined in the same
 * tick as that position was read, so nothing falls between the two and
 * nothing is sent twice. Flow control is by acknowledgement: at most
 * `window` batches are unacknowledged; the backlog waits for room, and a
 * live stream whose queue outgrows `maxPending` ends with fellBehind
 * instead of buffering without bound.
 */
import type { UserInfo } from '../auth/token-file';
import type { BacklogDeps } from './live-backlog';
import { LiveBacklog } from './live-backlog';
import type { LiveFeed } from './live-feed';
import { selects, type LiveSelection } from './live-filter';
import type { FellBehind, LiveBatch, LiveEvent, SubscriptionError } from './live-protocol';
import { ApiError, internal } from '@chronokube/core';

/** Where a subscription's messages go (the socket, in the gateway). */
export interface LiveSink {
  /** Sends one batch; `ack` is to be called once the client has handled it. */
  batch(batch: LiveBatch, ack: () => void): void;
  fellBehind(message: FellBehind): void;
  failed(message: SubscriptionError): void;
}

export interface LiveLimits {
  /** Longest a lone event waits for company. */
  batchMs: number;
  /** Most events in one batch. */
  batchSize: number;
  /** Most unacknowledged batches. */
  window: number;
  /** Most queued live events before the client is told it fell behind. */
  maxPending: number;
  /** How often progress past filtered-out events is sent as an empty batch, when there was some. */
  progressMs: number;
}

export const DEFAULT_LIMITS: LiveLimits = { batchMs: 50, batchSize: 500, window: 4, maxPending: 20_000, progressMs: 5_000 };

export class LiveSubscription {
  private pending: LiveEvent[] = [];
  /** Every event up to here has been taken (queued or filtered out). */
  private covered = 0;
  /** The resourceVersion of the last batch sent. */
  private sent = 0;
  private inflight = 0;
  private timer: NodeJS.Timeout | undefined;
  private progressTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private leaveFeed: (() => void) | undefined;
  private wakeProducer: (() => void) | undefined;

  constructor(
    readonly id: string,
    private readonly user: UserInfo,
    private readonly selection: LiveSelection,
    private readonly deps: BacklogDeps & { feed: LiveFeed },
    private readonly sink: LiveSink,
    private readonly limits: LiveLimits = DEFAULT_LIMITS,
  ) {}

  /** Starts delivering; returns the position it starts after. */
  start(): number {
    const head = this.deps.projection.state.position;
    const from = this.selection.from === 'now' ? head : this.selection.from;
    this.covered = this.sent = from;
    this.progressTimer = setInterval(() => this.progress(), this.limits.progressMs);
    this.progressTimer.unref();
    if (from >= head) this.joinFeed();
    else void this.catchUp(head);
    return from;
  }

  /** Ends the subscription; nothing more is sent. Idempotent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.leaveFeed?.();
    if (this.timer) clearTimeout(this.timer);
    clearInterval(this.progressTimer);
    this.pending = [];
    this.wakeProducer?.();
  }

  private async catchUp(head: number): Promise<void> {
    const backlog = new LiveBacklog(this.deps);
    try {
      let upTo = head;
      while (!this.stopped) {
        for await (const { event, position } of backlog.read(this.covered, upTo)) {
          if (this.stopped) return;
          this.take(event, position);
          while (!this.stopped && this.pending.length >= this.limits.batchSize) await new Promise<void>((wake) => (this.wakeProducer = wake));
        }
        this.covered = Math.max(this.covered, upTo);
        // Read the head and join the feed in one tick: the projection applies nothing in between.
        const now = this.deps.projection.state.position;
        if (now <= this.covered) return this.joinFeed();
        upTo = now;
      }
    } catch (err) {
      if (this.stopped) return;
      const status = (err instanceof ApiError ? err : internal(`the backlog could not be read: ${(err as Error)?.message ?? String(err)}`)).toStatus();
      this.stop();
      this.sink.failed({ subscription: this.id, status });
    }
  }

  private joinFeed(): void {
    if (this.stopped) return;
    this.leaveFeed = this.deps.feed.subscribe((event, position) => {
      if (position <= this.covered || this.stopped) return;
      this.take(event, position);
      if (this.pending.length > this.limits.maxPending) this.fallBehind();
    });
  }

  private take(event: LiveEvent | undefined, position: number): void {
    this.covered = position;
    if (!event || !selects(this.selection, this.user, event)) return;
    this.pending.push(event);
    if (this.pending.length >= this.limits.batchSize) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.limits.batchMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (!this.stopped && this.pending.length > 0 && this.inflight < this.limits.window) {
      const events = this.pending.splice(0, this.limits.batchSize);
      // With nothing left queued, the batch also vouches for the filtered-out events after it.
      this.send(events, this.pending.length === 0 ? this.covered : Number(events[events.length - 1].resourceVersion));
    }
    if (this.pending.length < this.limits.batchSize && this.wakeProducer) {
      const wake = this.wakeProducer;
      this.wakeProducer = undefined;
      wake();
    }
  }

  private send(events: LiveEvent[], resourceVersion: number): void {
    this.sent = resourceVersion;
    this.inflight++;
    let acked = false;
    this.sink.batch({ subscription: this.id, resourceVersion: String(resourceVersion), events }, () => {
      if (acked) return;
      acked = true;
      this.inflight--;
      this.flush();
    });
  }

  /** An empty batch moves the client's resume point past events its filters dropped (like a watch BOOKMARK). */
  private progress(): void {
    if (this.stopped || this.pending.length > 0 || this.inflight >= this.limits.window || this.covered <= this.sent) return;
    this.send([], this.covered);
  }

  private fallBehind(): void {
    const resourceVersion = String(this.sent);
    this.stop();
    this.sink.fellBehind({
      subscription: this.id,
      resourceVersion,
      message: `the client did not keep up (more than ${this.limits.maxPending} events queued); subscribe again from ${resourceVersion}`,
    });
  }
}
