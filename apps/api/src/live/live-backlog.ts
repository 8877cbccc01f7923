/**
 * The events of a past range (a, b] as LiveEvents. Times, ids and metadata
 * come from the store (the log is never compacted); each object's new
 * state comes from the projection's change log while it still holds the
 * range, else from folding the log onto the history API's state at `a`
 * (the same fold as everywhere, so a replayed backlog cannot disagree with
 * the live stream).
 */
import type { Change, ClusterState, RecordedEvent } from '@chronokube/core';
import type { HistoryService } from '../history/history.service';
import type { ProjectionService } from '../projection/projection.service';
import type { EventLog } from '../store/event-log';
import { toLiveEvent } from './live-event';
import type { LiveEvent } from './live-protocol';

export interface BacklogDeps {
  store: EventLog;
  projection: ProjectionService;
  history: HistoryService;
}

export class LiveBacklog {
  /** Once the change log no longer holds a range, the reader folds on its own from there on. */
  private folded: ClusterState | undefined;

  constructor(private readonly deps: BacklogDeps) {}

  /**
   * Every event in (from, upTo], oldest first, with the last position read.
   * Call with ranges that follow one another; must be called in the same
   * tick as `upTo` was read from the projection (the change log is taken
   * synchronously, before it can drop anything).
   */
  read(from: number, upTo: number): AsyncGenerator<{ event: LiveEvent | undefined; position: number }> {
    const held = this.folded ? undefined : this.heldChanges(from, upTo);
    return this.events(from, upTo, held);
  }

  private heldChanges(from: number, upTo: number): Map<number, Change> | undefined {
    let changes: Change[];
    try {
      changes = this.deps.projection.changes.since(from);
    } catch {
      return undefined; // older than the change log holds (410): fold instead
    }
    const byPosition = new Map<number, Change>();
    for (const c of changes) if (c.position <= upTo) byPosition.set(c.position, c);
    return byPosition;
  }

  private async *events(from: number, upTo: number, held: Map<number, Change> | undefined): AsyncGenerator<{ event: LiveEvent | undefined; position: number }> {
    if (!held && !this.folded) this.folded = (await this.deps.history.stateAt(from)).clone();
    for await (const recorded of this.deps.store.readRange(from, upTo)) {
      // The projection skips unsigned events; so does readRange (it verifies), so both see the same log.
      const change = held ? held.get(recorded.position) : this.fold(recorded);
      yield { event: change ? toLiveEvent(recorded, change) : undefined, position: recorded.position };
    }
    this.folded?.advanceTo(upTo);
  }

  private fold(recorded: RecordedEvent): Change | undefined {
    return this.folded?.apply(recorded);
  }
}
