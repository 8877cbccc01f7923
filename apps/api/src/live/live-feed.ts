/**
 * The projection's changes as LiveEvents, built once per event for every
 * subscriber. The projection tells recorded-event listeners just before it
 * folds an event and change listeners just after, in the same call, so the
 * two halves of one event pair up by position.
 */
import type { Change, RecordedEvent } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import { toLiveEvent } from './live-event';
import type { LiveEvent } from './live-protocol';

/** Told about every live event, and about every position applied (for progress). */
export type FeedListener = (event: LiveEvent | undefined, position: number) => void;

export class LiveFeed {
  private readonly listeners = new Set<FeedListener>();
  private recorded: RecordedEvent | undefined;
  private readonly detach: (() => void)[];

  constructor(projection: ProjectionService) {
    this.detach = [
      projection.onRecorded((event) => {
        this.recorded = this.listeners.size > 0 ? event : undefined;
      }),
      projection.onChange((change) => this.changed(change)),
    ];
  }

  private changed(change: Change): void {
    const recorded = this.recorded;
    this.recorded = undefined;
    if (this.listeners.size === 0 || recorded?.position !== change.position) return;
    const event = toLiveEvent(recorded, change);
    for (const listener of this.listeners) listener(event, change.position);
  }

  /**
   * Calls `listener` for every change the projection applies from now on
   * (synchronously, so a caller that read the projection's position in the
   * same tick misses nothing); returns the unsubscribe function.
   */
  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    for (const d of this.detach) d();
    this.listeners.clear();
  }
}
