/**
 * Full replay from the store, in the bench's own process: the whole log
 * read by the server's own EventStoreService as the server reads it (with
 * the embedded store's file given, straight from its SQLite file; else
 * through the official client), signatures checked, and folded by the
 * server's own ProjectionService,
 * time-travel snapshots included, i.e. the path a state at a point and a
 * restart take. Beside it, the floor: JSON.parse of the same events' data
 * and metadata, timed alone in the same run. Then the snapshots' heap: the
 * heap with the projection (live state + snapshots) minus the heap with
 * the live state alone, both after a full GC.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { EventStoreDBClient, FORWARDS, START, type Position } from '@eventstore/db-client';
import type { RecordedEvent } from '@chronokube/core';
import { EventStoreService } from '../../apps/api/src/store/event-store.service';
import { ProjectionService } from '../../apps/api/src/projection/projection.service';

export interface ReplayFigures {
  events: number;
  /** Read as the server reads (see `readPath`), signature checked, folded with time-travel snapshots. */
  replayPerSec: number;
  /** How the replay read the log: the store's SQLite file directly, or the official client. */
  readPath: 'direct' | 'client';
  /** JSON.parse of the same events' data and metadata strings, alone. */
  parsePerSec: number;
  /** Bare readAll through the official client (no check, no fold) over the log's first RAW_SAMPLE events. */
  rawReadPerSec: number;
  /** Time-travel snapshots the projection took. */
  snapshots: number;
  /** Heap bytes the snapshots hold beyond the live state (after full GCs). */
  snapshotHeapBytes: number;
  /** Heap bytes of the live state alone (for scale). */
  liveHeapBytes: number;
  objects: number;
}

/** Events the bare-read floor reads (a rate; the whole log would only take longer). */
const RAW_SAMPLE = 200_000;

/** Events/s of a bare forward read of $all through the official client, pages of 1000 as readRange. */
async function rawRead(connectionString: string): Promise<number> {
  const client = EventStoreDBClient.connectionString(connectionString);
  let n = 0;
  const t = performance.now();
  try {
    let from: typeof START | Position = START;
    for (;;) {
      let count = 0;
      let last: Position | undefined;
      for await (const resolved of client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: 1000 })) {
        count++;
        last = resolved.event?.position;
      }
      n += count;
      if (count < 1000 || !last || n >= RAW_SAMPLE) break;
      from = last;
    }
  } finally {
    await client.dispose();
  }
  return n / ((performance.now() - t) / 1000);
}

/** A full GC, available without starting node with --expose-gc. */
function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

/** Replays the whole log (up to `head`) and measures what the module doc says. */
export async function replayFromStore(connectionString: string, historyKey: Buffer, head: number, eventstoreFile?: string): Promise<ReplayFigures> {
  const rawReadPerSec = await rawRead(connectionString);
  const gc = fullGc();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const store = new EventStoreService(connectionString, { historyKey, log: () => undefined, eventstoreFile });
  // The watch change log off: only the state and its time-travel snapshots are kept.
  let projection: ProjectionService | undefined = new ProjectionService(store, { changeLogCapacity: 1 });
  let events = 0;
  let parseMs = 0;
  let page: RecordedEvent[] = [];
  const parsePage = () => {
    // The same events' payloads as JSON text (not timed), then parsed (timed).
    const texts = page.flatMap((e) => [JSON.stringify(e.data), JSON.stringify(e.metadata ?? {})]);
    const t = performance.now();
    for (const text of texts) JSON.parse(text);
    parseMs += performance.now() - t;
    page = [];
  };
  let foldMs = 0;
  let t = performance.now();
  for await (const event of store.readRange(0, head)) {
    projection.apply(event);
    events++;
    page.push(event);
    if (page.length === 1000) {
      foldMs += performance.now() - t;
      parsePage();
      t = performance.now();
    }
  }
  foldMs += performance.now() - t;
  parsePage();
  await store.close();

  const snapshots = countSnapshots(projection);
  gc();
  const withSnapshots = process.memoryUsage().heapUsed;
  const live = projection.state;
  projection = undefined;
  gc();
  const liveOnly = process.memoryUsage().heapUsed;
  const objects = live.toSnapshot().objects.length;
  return {
    events,
    replayPerSec: events / (foldMs / 1000),
    readPath: eventstoreFile ? 'direct' : 'client',
    parsePerSec: events / (parseMs / 1000),
    rawReadPerSec,
    snapshots,
    snapshotHeapBytes: withSnapshots - liveOnly,
    liveHeapBytes: liveOnly - heapBefore,
    objects,
  };
}

/** Distinct snapshots the projection would fold from (it exposes only the nearest one). */
function countSnapshots(p: ProjectionService): number {
  const seen = new Set<number>();
  for (let pos = p.state.position; pos > 0; ) {
    const s = p.snapshotAtOrBefore(pos);
    if (s.position === 0) break;
    seen.add(s.position);
    pos = s.position - 1;
  }
  return seen.size;
}
