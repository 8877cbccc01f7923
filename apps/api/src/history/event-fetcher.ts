/**
 * Full events for index rows: the index keeps only columns, so a page of
 * results is read back from the log by position, in one readPositions call
 * (one query per few hundred positions on the embedded store). The newest
 * events (what the default query shows) stay in a bounded cache fed by the
 * subscription.
 */
import type { RecordedEvent } from '@chronokube/core';
import type { EventLog } from '../store/event-log';
import type { EventColumns } from './event-columns';

export class EventFetcher {
  private readonly recent = new Map<number, RecordedEvent>();

  constructor(private readonly log: EventLog, private readonly columns: EventColumns, private readonly cacheSize = 5_000) {}

  /** Remembers a just-delivered event (oldest cached ones are dropped first). */
  remember(event: RecordedEvent): void {
    this.recent.set(event.position, event);
    if (this.recent.size > this.cacheSize) this.recent.delete(this.recent.keys().next().value as number);
  }

  /** The full events of `rows`, in the order given (a row the log no longer yields is left out). */
  async fetch(rows: number[]): Promise<RecordedEvent[]> {
    const c = this.columns;
    const found = new Map<number, RecordedEvent>();
    const missing: number[] = [];
    for (const r of rows) {
      const cached = this.recent.get(c.position[r]);
      if (cached) found.set(c.position[r], cached);
      else missing.push(c.position[r]);
    }
    if (missing.length) for (const event of await this.log.readPositions(missing)) found.set(event.position, event);
    const out: RecordedEvent[] = [];
    for (const r of rows) {
      const event = found.get(c.position[r]);
      if (event) out.push(event);
    }
    return out;
  }
}
