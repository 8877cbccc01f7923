/**
 * The API server's door to the event log: @eventstore/db-client over gRPC,
 * to the embedded server or a real EventStoreDB/KurrentDB alike. Appends
 * are acknowledged by the store only once durable, so a resolved append is
 * a write that will never be lost. On the embedded store (its file given),
 * bulk history reads go straight to its SQLite file instead (see
 * sqlite-log-reader.ts for why); writes and the subscription never do.
 */
import { randomUUID } from 'node:crypto';
import {
  EventStoreDBClient,
  NO_STREAM,
  START,
  ANY,
  FORWARDS,
  BACKWARDS,
  END,
  WrongExpectedVersionError,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { ApiError, eventType, parseStreamName, type DomainEvent, type EventMetadata, type RecordedEvent } from '@chronokube/core';
import { EventSigner } from './event-signer';
import { NEEDS_CLIENT, SqliteLogReader } from './sqlite-log-reader';

/** The append lost an optimistic-concurrency race: the stream is at `actual`. */
export class RevisionConflict extends Error {
  constructor(readonly stream: string, readonly actual: bigint | undefined) {
    super(`stream ${stream} moved on (now at ${actual})`);
  }
}

export interface AppendOutcome {
  /** Commit position of the last event written. */
  position: number;
  nextRevision: bigint;
}

/** Converts a resolved $all event to the projection's RecordedEvent, or undefined for link/system events. */
export function toRecorded(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e || !e.position || e.type.startsWith('$')) return undefined;
  return {
    streamId: e.streamId,
    revision: e.revision,
    type: e.type,
    data: e.data,
    position: Number(e.position.commit),
    id: e.id,
    metadata: (e.metadata ?? undefined) as Record<string, unknown> | undefined,
    time: e.created instanceof Date ? e.created.getTime() : undefined,
  };
}

const UTF8 = new TextEncoder();

export interface EventStoreServiceOptions {
  /**
   * The install's history key (DIR/history-key). With it, every append is
   * signed and {@link EventStoreService.verify} accepts only events signed
   * with it; without it nothing is signed or checked (a warning says so).
   */
  historyKey?: Buffer;
  /** Events at or before this position pass unsigned: the log as it was before the key existed. */
  trustUnsignedUpTo?: number;
  /** Where refusals are reported, one line each; default stderr. */
  log?: (line: string) => void;
  /** The embedded store's SQLite file (DIR/eventstore/events.sqlite): history reads go to it directly. */
  eventstoreFile?: string;
}

/** Object streams, and the audit and incident streams of the history API. */
function isOurStream(stream: string): boolean {
  return parseStreamName(stream) !== undefined || stream.startsWith('audit-') || stream.startsWith('incident-');
}

/** Positions already reported as unsigned; bounded so a flood of forgeries cannot grow it without end. */
const REPORTED_LIMIT = 100_000;

export class EventStoreService {
  readonly client: EventStoreDBClient;
  private readonly signer?: EventSigner;
  private readonly log: (line: string) => void;
  private readonly reported = new Set<number>();
  /** Events the direct reader verified on their stored text (the object it handed out, which nothing else holds). */
  private readonly verifiedStored = new WeakSet<RecordedEvent>();
  private readonly trustUnsignedUpTo: number;
  private readonly direct?: SqliteLogReader;

  constructor(connectionString: string, options: EventStoreServiceOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.trustUnsignedUpTo = options.trustUnsignedUpTo ?? 0;
    if (options.historyKey) this.signer = new EventSigner(options.historyKey);
    else this.log('chronokube api: no history key: events are neither signed nor checked, so anyone who can write to the store can forge history');
    if (options.eventstoreFile) this.direct = new SqliteLogReader(options.eventstoreFile, (event, dataJson, metadataJson) => this.verifyStored(event, dataJson, metadataJson));
  }

  /**
   * Whether an event read from the log was written by this install's API
   * server (its `metadata.sig` matches the history key). The projection and
   * the history API must ignore an event for which this is false; each such
   * event of a chronokube stream is reported once, with its position and
   * stream. Always true when the service has no history key, and for
   * events older than the key (`trustUnsignedUpTo`).
   */
  verify(event: RecordedEvent): boolean {
    if (!this.signer || event.position <= this.trustUnsignedUpTo || this.verifiedStored.has(event)) return true;
    const problem = this.signer.check({ stream: event.streamId, type: event.type, data: event.data, metadata: event.metadata });
    if (!problem) return true;
    return this.refuse(event, problem);
  }

  /** {@link verify} on the stored JSON texts: a v2 signature is checked with no parse or re-serialization. */
  private verifyStored(event: RecordedEvent, dataJson: string, metadataJson: string): boolean {
    if (!this.signer || event.position <= this.trustUnsignedUpTo) return true;
    const problem = this.signer.checkStored(event.streamId, event.type, dataJson, metadataJson);
    if (problem === 'not-v2') return this.verify(event);
    if (problem) return this.refuse(event, problem);
    // Checked on its stored text: the projection's verify() of this very object need not re-serialize it.
    this.verifiedStored.add(event);
    return true;
  }

  private refuse(event: RecordedEvent, problem: 'missing' | 'wrong'): false {
    // Reported only where chronokube reads: a shared EventStoreDB may hold other applications' streams.
    if (isOurStream(event.streamId) && !this.reported.has(event.position)) {
      if (this.reported.size >= REPORTED_LIMIT) this.reported.clear();
      this.reported.add(event.position);
      const why = problem === 'missing' ? 'has no signature' : 'has a signature that does not match the history key';
      this.log(`chronokube api: ignoring event at position ${event.position} in stream ${event.streamId} (${event.type}): it ${why}, so this control plane did not write it`);
    }
    return false;
  }

  /**
   * Appends the events of one decision to one stream, expecting it at
   * `expected` (undefined = the stream must not exist; 'any' = no check,
   * for append-only logs such as audit). Throws RevisionConflict when
   * another write got there first.
   */
  async append(stream: string, events: DomainEvent[], expected: bigint | undefined | 'any', metadata: EventMetadata): Promise<AppendOutcome> {
    // Metadata goes as bytes (a plain Uint8Array): the client would otherwise base64 the JSON, and protobuf decode it again.
    const shared = this.signer ? undefined : UTF8.encode(JSON.stringify(metadata));
    const data = events.map((e) => {
      const type = eventType(e);
      // Each event signs its own stream, type and data, so its metadata differs from its siblings'.
      const meta = shared ?? UTF8.encode(JSON.stringify(this.signer!.sign(stream, type, e.data, metadata)));
      return jsonEvent({ id: randomUUID(), type, data: e.data as never, metadata: meta as never });
    });
    try {
      const result = await this.client.appendToStream(stream, data, { expectedRevision: expected === 'any' ? ANY : (expected ?? NO_STREAM) });
      return { position: Number(result.position?.commit ?? 0n), nextRevision: result.nextExpectedRevision };
    } catch (err) {
      if (err instanceof WrongExpectedVersionError) {
        const actual = typeof err.actualVersion === 'bigint' ? err.actualVersion : undefined;
        throw new RevisionConflict(stream, actual);
      }
      if (err instanceof MaxAppendSizeExceededError) {
        // The store wrote nothing; the request is what is too big (kube answers 413 for that).
        throw new ApiError(413, 'RequestEntityTooLarge', `the object is too large to store: its events are over the event store's maximum append size of ${err.maxAppendSize} bytes`);
      }
      throw err;
    }
  }

  /** One cheap read of the store's newest event, bounded by a deadline (the store's health check). */
  async ping(deadlineMs = 2000): Promise<void> {
    // Read to the end rather than break out: an abandoned read keeps the client's dispose() waiting.
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1, deadline: deadlineMs })) void resolved;
  }

  /** Subscribes to $all (system events excluded) after `fromPosition` (0 = from the start). */
  subscribeAll(fromPosition: number) {
    const from = fromPosition === 0 ? START : { commit: BigInt(fromPosition), prepare: BigInt(fromPosition) };
    return this.client.subscribeToAll({ fromPosition: from, filter: excludeSystemEvents() });
  }

  /**
   * Events of $all with position in (after, upTo], in order, without those
   * {@link verify} refuses. Read in pages that are each consumed to the end:
   * an abandoned read would keep the client's dispose() waiting.
   */
  async *readRange(after: number, upTo: number, pageSize?: number): AsyncGenerator<RecordedEvent> {
    if (this.direct) {
      // A plain loop: yield* over each page costs more per event.
      for (const page of this.direct.readRange(after, upTo, pageSize)) for (const event of page) yield event;
      return;
    }
    pageSize ??= 1000;
    // Pages start at an event's own position (inclusive, then skipped): a real
    // EventStoreDB only reads from positions where an event is.
    let from = after;
    for (;;) {
      const page: RecordedEvent[] = [];
      let last = from;
      let count = 0;
      const position = from === 0 ? START : { commit: BigInt(from), prepare: BigInt(from) };
      for await (const resolved of this.client.readAll({ fromPosition: position, direction: FORWARDS, maxCount: pageSize })) {
        count++;
        const pos = resolved.event?.position ? Number(resolved.event.position.commit) : 0;
        last = Math.max(last, pos);
        if (pos <= from || pos <= after || pos > upTo) continue;
        const recorded = toRecorded(resolved as AllStreamResolvedEvent);
        if (recorded && this.verify(recorded)) page.push(recorded);
      }
      yield* page;
      if (count < pageSize || last >= upTo || last === from) return;
      from = last;
    }
  }

  /**
   * Every event of one stream, oldest first ([] when the stream does not
   * exist). Read to the end, like readRange, so dispose() never waits.
   */
  async readStream(stream: string): Promise<RecordedEvent[]> {
    const direct = this.direct?.readStream(stream);
    if (direct && direct !== NEEDS_CLIENT) return direct;
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, { fromRevision: START, direction: FORWARDS })) {
        const recorded = toRecorded(resolved as AllStreamResolvedEvent);
        if (recorded && this.verify(recorded)) events.push(recorded);
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return [];
      throw err;
    }
    return events;
  }

  /** Id of the event at exactly `position`, or undefined when there is none. */
  async eventIdAt(position: number): Promise<string | undefined> {
    if (this.direct) return this.direct.eventIdAt(position);
    // Read to the end rather than break out: an abandoned read keeps the client's dispose() waiting.
    let id: string | undefined;
    for await (const resolved of this.client.readAll({ fromPosition: { commit: BigInt(position), prepare: BigInt(position) }, direction: FORWARDS, maxCount: 1 })) {
      const e = resolved.event;
      if (e?.position && Number(e.position.commit) === position) id = e.id;
    }
    return id;
  }

  /**
   * The events at `positions` (any order, repeats allowed), in position
   * order, without those {@link verify} refuses; a position with no such
   * event is left out. One query per 500 positions on the embedded store;
   * over gRPC one single-event read per position, a few at once.
   */
  async readPositions(positions: number[]): Promise<RecordedEvent[]> {
    if (this.direct) return this.direct.readPositions(positions);
    const wanted = [...new Set(positions)].sort((a, b) => a - b);
    const found: (RecordedEvent | undefined)[] = new Array(wanted.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < wanted.length) {
        const i = next++;
        const at = { commit: BigInt(wanted[i]), prepare: BigInt(wanted[i]) };
        // Read to the end rather than break out: an abandoned read keeps the client's dispose() waiting.
        for await (const resolved of this.client.readAll({ fromPosition: at, direction: FORWARDS, maxCount: 1 })) {
          const recorded = toRecorded(resolved as AllStreamResolvedEvent);
          if (recorded && recorded.position === wanted[i] && this.verify(recorded)) found[i] = recorded;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, wanted.length) }, worker));
    return found.filter((e): e is RecordedEvent => e !== undefined);
  }

  /** Position of the newest non-system event in $all (0 when there is none among the last 100). */
  async headPosition(): Promise<number> {
    let head = 0;
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 100 })) {
      const e = resolved.event;
      if (!head && e && e.position && !e.type.startsWith('$')) head = Number(e.position.commit);
    }
    return head;
  }

  async close(): Promise<void> {
    this.direct?.close();
    await this.client.dispose();
  }
}
