/**
 * Coalesces incoming event batches so the store (and React) updates at most
 * once per scheduled tick (an animation frame in the browser), however many
 * batches arrive in between. Acknowledgements go out only once a batch is in
 * the store: the server sends the next batches only when we kept up, which
 * is the back-pressure docs/live-api.md describes.
 */
import type { FoldableEvent } from './cluster-fold';

/** Runs `fn` soon (requestAnimationFrame, setTimeout, or by hand in tests). */
export type Scheduler = (fn: () => void) => void;

interface Pending {
  events: readonly FoldableEvent[];
  resourceVersion: string;
  ack?: () => void;
}

/** A queue of batches flushed together into `apply`. */
export class BatchQueue {
  private pending: Pending[] = [];
  private scheduled = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly apply: (events: readonly FoldableEvent[], resourceVersion: string) => void,
    private readonly schedule: Scheduler,
  ) {}

  /** Queue a batch; `ack` is called after it has been applied. */
  push(events: readonly FoldableEvent[], resourceVersion: string, ack?: () => void): void {
    this.pending.push({ events, resourceVersion, ack });
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Run `fn` once everything queued so far is applied (now when nothing is queued). */
  afterFlush(fn: () => void): void {
    if (this.pending.length === 0) fn();
    else this.waiters.push(fn);
  }

  /** How many batches wait. */
  get size(): number {
    return this.pending.length;
  }

  /** Apply every queued batch in one store update, then acknowledge them in order. */
  flush(): void {
    this.scheduled = false;
    const batches = this.pending;
    this.pending = [];
    if (batches.length > 0) {
      const events = batches.length === 1 ? batches[0].events : batches.flatMap((b) => b.events);
      try {
        this.apply(events, batches[batches.length - 1].resourceVersion);
      } finally {
        for (const b of batches) b.ack?.();
      }
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Drop everything queued (the feed stopped); nothing is acknowledged. */
  clear(): void {
    this.pending = [];
    this.waiters = [];
  }
}
