/**
 * Full events for index rows: the index keeps only columns, so a page of
 * results is read back from the log by position. Nearby rows are read in
 * one sequential read; the newest events (what the default query shows)
 * stay in a bounded cache fed by the subscription.
 */
import type { RecordedEvent } from '@chronokube/core';
import type { EventLog } from '../store/event-log';
import type { EventColumns } from './event-columns';

/** Rows at most this far apart (in index rows) are read in one sequential read. */
const MAX_GAP = 64;
/** Separate reads in flight at once for one fetch. */
const PARALLEL_READS = 8;

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
    const missing = rows.filter((r) => {
      const cached = this.recent.get(c.position[r]);
      if (cached) found.set(c.position[r], cached);
      return !cached;
    });
    missing.sort((a, b) => a - b);
    const reads: (() => Promise<void>)[] = [];
    for (let i = 0; i < missing.length; ) {
      let j = i;
      while (j + 1 < missing.length && missing[j + 1] - missing[j] <= MAX_GAP) j++;
      const firstRow = missing[i];
      const after = firstRow > 0 ? c.position[firstRow - 1] : 0;
      const upTo = c.position[missing[j]];
      const wanted = new Set(missing.slice(i, j + 1).map((r) => c.position[r]));
      const pageSize = Math.min(1000, missing[j] - firstRow + 2);
      reads.push(async () => {
        for await (const event of this.log.readRange(after, upTo, pageSize)) {
          if (wanted.has(event.position)) found.set(event.position, event);
        }
      });
      i = j + 1;
    }
    // Scattered rows are many small reads, each mostly a round trip: a few run at once.
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < reads.length) await reads[next++]();
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, reads.length) }, worker));
    const out: RecordedEvent[] = [];
    for (const r of rows) {
      const event = found.get(c.position[r]);
      if (event) out.push(event);
    }
    return out;
  }
}
