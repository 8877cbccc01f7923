import type { ServerWritableStream } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { compileFilter, CompiledFilter } from '../filter';
import type { EventLog } from '../storage/event-log';
import { Direction, RecordedEvent, StreamError } from '../types';
import {
  encodeCaughtUp,
  encodeCheckpoint,
  encodeConfirmation,
  encodeFellBehind,
  encodeReadEvent,
  encodeStreamNotFound,
  ReadReq,
} from '../wire/messages';
import { toServiceError } from './grpc-errors';

export type ReadCall = ServerWritableStream<Buffer, Buffer>;

/** Events read from storage per page. */
const PAGE = 512;

/**
 * Live events a subscriber may have queued (written but not yet drained by
 * the transport) before it is switched back to reading from storage. This
 * bounds the memory a slow subscriber can pin: it falls behind, it is told
 * so (FellBehind), and it catches up from disk at its own pace.
 */
export const LIVE_BUFFER_LIMIT = 2048;

/** Counts of open sessions, for tests that check cancellation frees them. */
export const sessionStats = { readsOpen: 0, subscriptionsOpen: 0, liveListeners: 0, fellBehind: 0 };

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/**
 * Serves one Read call: a bounded read of a stream or $all, or a catch-up
 * subscription (history, CaughtUp, then live events, with no gap and no
 * duplicate at the hand-over). Every write respects transport back-pressure.
 */
export class ReadSession {
  private closed = false;
  private blocked = false;
  private queuedWhileBlocked = 0;
  private drainWaiters: (() => void)[] = [];
  private filter?: CompiledFilter;
  /** Last position (for $all) or revision (for a stream) examined. */
  private cursor = -1;
  private scannedSinceCheckpoint = 0;
  private unlisten?: () => void;
  private mode: 'catchup' | 'live' = 'catchup';
  private caughtUpSent = false;

  constructor(
    private readonly log: EventLog,
    private readonly call: ReadCall,
    private readonly req: ReadReq,
  ) {
    call.on('drain', () => {
      this.blocked = false;
      this.queuedWhileBlocked = 0;
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const w of waiters) w();
    });
    call.on('cancelled', () => this.close());
    call.on('close', () => this.close());
    call.on('error', () => this.close());
  }

  /** Runs the session to its end (plain read) or until cancelled (subscription). */
  async run(): Promise<void> {
    sessionStats[this.statKey]++;
    try {
      // Here, not in the constructor: a bad regex must become the call's error, not a throw in the handler.
      if (this.req.filter) this.filter = compileFilter(this.req.filter);
      if (this.req.subscription) await this.subscribe();
      else {
        await this.read();
        this.close();
      }
    } catch (err) {
      if (!this.closed) this.call.emit('error', toServiceError(err));
      this.close();
    }
  }

  private get statKey() {
    return this.req.subscription ? 'subscriptionsOpen' : 'readsOpen';
  }

  /** Ends the session's claims on the server: live listener, waiters, counters. Idempotent. */
  private close(): void {
    if (this.closed) return;
    this.closed = true;
    sessionStats[this.statKey]--;
    this.stopLive();
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  private write(buf: Buffer): void {
    if (this.closed) return;
    if (!this.call.write(buf)) this.blocked = true;
    if (this.blocked) this.queuedWhileBlocked++;
  }

  private waitDrain(): Promise<void> {
    if (!this.blocked || this.closed) return Promise.resolve();
    return new Promise((r) => this.drainWaiters.push(r));
  }

  private sendEvent(e: RecordedEvent): void {
    this.write(encodeReadEvent(e, this.req.structuredIds));
  }

  /** One page of the session's target, from `from` (inclusive): a stream's revisions or $all positions. */
  private readPage(from: number, direction: Direction, limit: number): { events: RecordedEvent[]; next?: number } {
    const { target } = this.req;
    return target.kind === 'stream'
      ? this.log.readStreamPage(target.streamName, from, direction, limit)
      : this.log.readAllPage(from, direction, limit);
  }

  // ------------- plain reads -------------

  private async read(): Promise<void> {
    const { target, direction } = this.req;
    let remaining = this.req.count ?? Number.MAX_SAFE_INTEGER;
    if (target.kind === 'stream') {
      const status = this.log.streamStatus(target.streamName);
      if (status === 'deleted') throw new StreamError({ kind: 'stream_deleted', streamName: target.streamName });
      if (status === 'not_found') {
        this.write(encodeStreamNotFound(target.streamName));
        this.call.end();
        return;
      }
    }
    let from: number | undefined = this.startOf(target.kind === 'stream' ? target.streamName : undefined);
    while (!this.closed && remaining > 0 && from !== undefined) {
      const limit = this.filter ? PAGE : Math.min(PAGE, remaining);
      const page = this.readPage(from, direction, limit);
      for (const e of page.events) {
        if (remaining <= 0) break;
        if (this.filter && !this.filter.matches(e)) continue;
        this.sendEvent(e);
        remaining--;
      }
      from = page.next;
      if (this.blocked) await this.waitDrain();
      else if (from !== undefined) await nextTurn();
    }
    if (!this.closed) this.call.end();
  }

  /** The inclusive starting point of a plain read. */
  private startOf(streamName?: string): number {
    const { target, direction } = this.req;
    if (target.from === 'start') return direction === 'forwards' ? 0 : -1;
    if (target.from === 'end') {
      if (direction === 'forwards') return Number.MAX_SAFE_INTEGER;
      return streamName !== undefined ? this.log.lastRevision(streamName) : this.log.headPosition();
    }
    return target.from;
  }

  // ------------- subscriptions -------------

  private async subscribe(): Promise<void> {
    const { target } = this.req;
    if (target.kind === 'stream' && this.log.streamStatus(target.streamName) === 'deleted') {
      throw new StreamError({ kind: 'stream_deleted', streamName: target.streamName });
    }
    this.write(encodeConfirmation(randomUUID()));
    // Subscriptions start after the given point (exclusive).
    if (target.from === 'start') this.cursor = target.kind === 'all' ? 0 : -1;
    else if (target.from === 'end') {
      this.cursor = target.kind === 'all' ? this.log.headPosition() : this.log.lastRevision(target.streamName);
    } else this.cursor = target.from;
    await this.catchUp();
  }

  /** Reads history from storage until it meets the head, then goes live in the same turn. */
  private async catchUp(): Promise<void> {
    while (!this.closed) {
      const page = this.readPage(this.cursor + 1, 'forwards', PAGE);
      for (const e of page.events) this.offer(e);
      if (page.next === undefined) {
        // Nothing can commit between that read and this registration: both run in this turn.
        this.goLive();
        return;
      }
      if (this.blocked) await this.waitDrain();
      else await nextTurn();
    }
  }

  private goLive(): void {
    this.mode = 'live';
    this.unlisten = this.log.onCommit((events) => this.onLive(events));
    sessionStats.liveListeners++;
    if (this.filter) this.write(encodeCheckpoint(Math.max(this.cursor, this.log.headPosition())));
    if (!this.caughtUpSent) {
      this.caughtUpSent = true;
      this.write(encodeCaughtUp());
    }
  }

  private stopLive(): void {
    if (this.unlisten) {
      this.unlisten();
      this.unlisten = undefined;
      sessionStats.liveListeners--;
    }
  }

  private onLive(events: RecordedEvent[]): void {
    if (this.closed || this.mode !== 'live') return;
    const { target } = this.req;
    for (const e of events) {
      if (target.kind === 'stream') {
        if (e.streamName !== target.streamName) continue;
        if (e.revision <= this.cursor) continue;
      } else if (e.position <= this.cursor) continue;
      this.offer(e);
    }
    if (this.queuedWhileBlocked > LIVE_BUFFER_LIMIT) this.fallBehind();
  }

  /** Too slow for live delivery: drop back to storage reads from the cursor. */
  private fallBehind(): void {
    this.stopLive();
    sessionStats.fellBehind++;
    this.mode = 'catchup';
    this.write(encodeFellBehind());
    void this.waitDrain()
      .then(() => this.catchUp())
      .catch((err) => {
        if (!this.closed) this.call.emit('error', toServiceError(err));
        this.close();
      });
  }

  /** Delivers (or filters out) one event in cursor order; emits filter checkpoints. */
  private offer(e: RecordedEvent): void {
    const { target } = this.req;
    this.cursor = target.kind === 'all' ? e.position : e.revision;
    if (!this.filter) {
      this.sendEvent(e);
      return;
    }
    if (this.filter.matches(e)) this.sendEvent(e);
    if (++this.scannedSinceCheckpoint >= this.filter.checkpointInterval) {
      this.scannedSinceCheckpoint = 0;
      this.write(encodeCheckpoint(e.position));
    }
  }
}
