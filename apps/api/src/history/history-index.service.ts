/**
 * Wires the derived indexes to the log: every event the projection's
 * subscription delivers goes into the event index (and the recent-event
 * cache); what the projection restored from a snapshot is backfilled from
 * the store. Requests wait for the backfill (it runs once, at start).
 */
import { isNoise as coreIsNoise, type PointRef, type RecordedEvent } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import type { EventLog } from '../store/event-log';
import { EventFetcher } from './event-fetcher';
import { EventIndex, type NoiseTest } from './event-index';

export class HistoryIndexService {
  readonly index: EventIndex;
  readonly fetcher: EventFetcher;
  private backfill: Promise<void> | undefined;

  /** `anchor`: the first point of a log that starts later than 0 (a replayed incident's `from`, with its time). */
  constructor(private readonly log: EventLog, private readonly projection: ProjectionService, anchor?: PointRef, isNoise?: NoiseTest) {
    this.index = new EventIndex(isNoise ?? coreIsNoise);
    if (anchor?.time) this.index.anchor(Number(anchor.resourceVersion), Date.parse(anchor.time));
    this.fetcher = new EventFetcher(log, this.index.columns);
    projection.onRecorded((event) => {
      // The first event comes after restore, so restoredFrom is known by now.
      this.startBackfill();
      this.index.add(event);
      this.fetcher.remember(event);
    });
    void projection.ready.then(() => this.startBackfill());
  }

  private startBackfill(): Promise<void> {
    this.backfill ??= this.index.backfill(this.log, this.projection.restoredFrom, this.projection.backfillSnapshots()).catch((err: Error) => {
      process.stderr.write(`chronokube api: the history index could not read the log before position ${this.projection.restoredFrom}: ${err.message}\n`);
    });
    return this.backfill;
  }

  /** Resolves once the index holds everything up to what the projection has applied at start. */
  async ready(): Promise<void> {
    await this.projection.ready;
    await this.startBackfill();
  }

  /** Position of the newest event the index holds: how far the derived data has caught up. */
  get caughtUpTo(): number {
    return this.index.caughtUpTo;
  }

  /** `{resourceVersion, time}` for a position (time absent for 0 or an unknown position). */
  pointRef(position: number): PointRef {
    const ms = this.index.timeAt(position);
    return ms === undefined ? { resourceVersion: String(position) } : { resourceVersion: String(position), time: new Date(ms).toISOString() };
  }

  /** Full events of the index rows, in the order given. */
  fetchRows(rows: number[]): Promise<RecordedEvent[]> {
    return this.fetcher.fetch(rows);
  }
}
