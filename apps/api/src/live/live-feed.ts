/**
 * The projection's changes as LiveEvents, built once per event for every
 * subscriber. The projection tells recorded-event listeners just before it
 * folds an event and change listeners just after, in the same call, so the
 * two halves of one event pair up by position.
 */
import { formatTime, type Change, type RecordedEvent } from '@chronokube/core';
import { INCIDENT_PREFIX } from '../history/incident-store';
import type { ProjectionService } from '../projection/projection.service';
import { toLiveEvent } from './live-event';
import type { IncidentNotice, LiveEvent } from './live-protocol';

/** Told about every live event, and about every position applied (for progress). */
export type FeedListener = (event: LiveEvent | undefined, position: number) => void;

export class LiveFeed {
  private readonly listeners = new Set<FeedListener>();
  private readonly incidentListeners = new Set<(notice: IncidentNotice) => void>();
  private recorded: RecordedEvent | undefined;
  private readonly detach: (() => void)[];

  constructor(projection: ProjectionService) {
    this.detach = [
      projection.onRecorded((event) => {
        this.recorded = this.listeners.size > 0 ? event : undefined;
        if (event.streamId.startsWith(INCIDENT_PREFIX) && this.incidentListeners.size > 0) this.incident(event);
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

  private incident(event: RecordedEvent): void {
    const actor = event.metadata?.actor;
    const notice: IncidentNotice = {
      id: event.streamId.slice(INCIDENT_PREFIX.length),
      type: event.type,
      resourceVersion: String(event.position),
      time: formatTime(event.time ?? Date.now()),
      actor: typeof actor === 'string' ? actor : '',
    };
    for (const listener of this.incidentListeners) listener(notice);
  }

  /** Calls `listener` for every incident event from now on; returns the unsubscribe function. */
  onIncident(listener: (notice: IncidentNotice) => void): () => void {
    this.incidentListeners.add(listener);
    return () => this.incidentListeners.delete(listener);
  }

  close(): void {
    for (const d of this.detach) d();
    this.listeners.clear();
    this.incidentListeners.clear();
  }
}
