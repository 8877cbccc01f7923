import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import {
  AppendResult,
  Direction,
  ExpectedRevision,
  ProposedEvent,
  RecordedEvent,
  StreamError,
  WrongExpectedVersionFailure,
} from '../types';
import { migrate } from './schema';
import {
  firstVisibleRevision,
  isMetastream,
  METADATA_EVENT_TYPE,
  metastreamOf,
  parseStreamLimits,
  StreamLimits,
} from './stream-metadata';

/** In-memory image of a `streams` row, kept so expectation checks never touch disk. */
interface StreamState {
  id: number;
  name: string;
  lastRevision: number;
  deletedBefore: number;
  softDeleted: boolean;
  tombstoned: boolean;
}

type Op =
  | { kind: 'append'; streamName: string; expected: ExpectedRevision; events: ProposedEvent[] }
  | { kind: 'delete'; streamName: string; expected: ExpectedRevision; tombstone: boolean };

interface Pending {
  op: Op;
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
}

/** Listener for events as they are committed, in $all order. */
export type CommitListener = (events: RecordedEvent[]) => void;

/** What reading a stream found. */
export type StreamStatus = 'ok' | 'not_found' | 'deleted';

export interface EventLogOptions {
  /** Directory for the SQLite files; created if missing. */
  dataDir: string;
  /** Clock in ms since the epoch; injectable for tests. */
  now?: () => number;
}

const ROW_COLUMNS = 'position, stream_id, revision, event_id, type, content_type, created, data, metadata';

/**
 * The durable event log: streams of events with revisions, a global $all
 * order, soft delete and tombstones, and stream metadata limits on reads.
 *
 * Writes are queued and committed together once per event-loop turn (group
 * commit): one SQLite transaction and one fsync for every append that arrived
 * meanwhile. A write's promise resolves only after that commit returned, so an
 * acknowledged append is on disk. Reads are synchronous on the same thread as
 * the commits, so they never observe half of a commit, and a reader that
 * registers for live events in the same turn as its last read misses nothing.
 */
export class EventLog {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly byName = new Map<string, StreamState>();
  private readonly nameById = new Map<number, string>();
  private readonly limitsCache = new Map<string, StreamLimits>();
  private readonly listeners = new Set<CommitListener>();
  private pending: Pending[] = [];
  private flushScheduled = false;
  private closed = false;
  private head = 0;
  /** Transactions committed and writes they carried: group commit makes the first much smaller. */
  readonly stats = { commits: 0, writes: 0 };
  private nextStreamId = 1;
  private readonly stmt: ReturnType<EventLog['prepare']>;

  constructor(options: EventLogOptions) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.accessSync(options.dataDir, fs.constants.W_OK);
    this.now = options.now ?? Date.now;
    this.db = new Database(path.join(options.dataDir, 'events.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // FULL: the WAL is fsynced at every commit, so an acknowledged write survives power loss.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('cache_size = -65536');
    migrate(this.db);
    this.stmt = this.prepare();
    this.load();
  }

  private prepare() {
    const db = this.db;
    return {
      insertEvent: db.prepare(
        'INSERT INTO events (position, stream_id, revision, event_id, type, content_type, created, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertStream: db.prepare('INSERT INTO streams (id, name, last_revision) VALUES (?, ?, ?)'),
      updateStream: db.prepare(
        'UPDATE streams SET last_revision = ?, deleted_before = ?, soft_deleted = ?, tombstoned = ? WHERE id = ?',
      ),
      // INDEXED BY: left alone, the planner prefers (stream_id, revision) and scans the whole stream.
      findById: db.prepare('SELECT revision, stream_id FROM events INDEXED BY events_by_id WHERE event_id = ?').raw(true),
      eventAt: db.prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE stream_id = ? AND revision = ?`).raw(true),
      streamFwd: db
        .prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`)
        .raw(true),
      streamBwd: db
        .prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)
        .raw(true),
      allFwd: db.prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`).raw(true),
      allBwd: db
        .prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE position <= ? ORDER BY position DESC LIMIT ?`)
        .raw(true),
      lastEvent: db
        .prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`)
        .raw(true),
    };
  }

  private load(): void {
    const rows = this.db
      .prepare('SELECT id, name, last_revision, deleted_before, soft_deleted, tombstoned FROM streams')
      .raw(true)
      .all() as [number, string, number, number, number, number][];
    for (const [id, name, lastRevision, deletedBefore, softDeleted, tombstoned] of rows) {
      this.byName.set(name, { id, name, lastRevision, deletedBefore, softDeleted: !!softDeleted, tombstoned: !!tombstoned });
      this.nameById.set(id, name);
      this.nextStreamId = Math.max(this.nextStreamId, id + 1);
    }
    const head = this.db.prepare('SELECT max(position) FROM events').pluck().get() as number | null;
    this.head = head ?? 0;
  }

  /** The position of the last committed event (0 before the first). */
  headPosition(): number {
    return this.head;
  }

  /** Registers a listener for committed events; returns its removal. */
  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Appends events to a stream if its revision matches `expected`. Resolves
   * once durable; rejects with StreamError (wrong expected version, deleted
   * stream). Re-appending events whose ids are already the stream's latest
   * events returns the original result and writes nothing (idempotent).
   */
  append(streamName: string, expected: ExpectedRevision, events: ProposedEvent[]): Promise<AppendResult> {
    return this.enqueue({ kind: 'append', streamName, expected, events });
  }

  /** Soft-deletes (or, with tombstone, permanently deletes) a stream. Resolves with the log head position. */
  delete(streamName: string, expected: ExpectedRevision, tombstone: boolean): Promise<AppendResult> {
    return this.enqueue({ kind: 'delete', streamName, expected, tombstone });
  }

  private enqueue(op: Op): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StreamError({ kind: 'unavailable', message: 'event store is shutting down' }));
    return new Promise((resolve, reject) => {
      this.pending.push({ op, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued write in one transaction, then answers them and notifies listeners. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const outcomes: ({ ok: AppendResult } | { err: unknown })[] = [];
    const committed: RecordedEvent[] = [];
    const before = new Map<string, StreamState | undefined>();
    const headBefore = this.head;
    const nextIdBefore = this.nextStreamId;
    const created = this.now();
    try {
      this.db.transaction(() => {
        for (const p of batch) {
          try {
            outcomes.push({ ok: this.apply(p.op, created, committed, before) });
          } catch (err) {
            if (!(err instanceof StreamError)) throw err;
            outcomes.push({ err });
          }
        }
      })();
    } catch (err) {
      // The transaction rolled back: put the in-memory image back as it was.
      for (const [name, state] of before) {
        if (state) this.byName.set(name, state);
        else {
          const s = this.byName.get(name);
          if (s) this.nameById.delete(s.id);
          this.byName.delete(name);
        }
      }
      this.head = headBefore;
      this.nextStreamId = nextIdBefore;
      this.limitsCache.clear();
      const failure = new StreamError({ kind: 'unavailable', message: `write failed: ${(err as Error).message}` });
      for (const p of batch) p.reject(failure);
      return;
    }
    this.stats.commits++;
    this.stats.writes += batch.length;
    batch.forEach((p, i) => {
      const o = outcomes[i];
      if ('ok' in o) p.resolve(o.ok);
      else p.reject(o.err);
    });
    if (committed.length) for (const l of [...this.listeners]) l(committed);
  }

  private remember(before: Map<string, StreamState | undefined>, name: string): StreamState | undefined {
    const s = this.byName.get(name);
    if (!before.has(name)) before.set(name, s ? { ...s } : undefined);
    return s;
  }

  private apply(
    op: Op,
    created: number,
    committed: RecordedEvent[],
    before: Map<string, StreamState | undefined>,
  ): AppendResult {
    if (!op.streamName) throw new StreamError({ kind: 'invalid', message: 'stream name must not be empty' });
    const state = this.remember(before, op.streamName);
    if (state?.tombstoned) throw new StreamError({ kind: 'stream_deleted', streamName: op.streamName });
    const current = !state || state.softDeleted ? -1 : state.lastRevision;

    if (op.kind === 'append' && state && op.events.length > 0) {
      const replay = this.idempotentReplay(state, op.events);
      if (replay) return replay;
    }
    this.check(op.streamName, op.expected, current);

    if (op.kind === 'delete') {
      if (state) {
        state.softDeleted = !op.tombstone;
        state.tombstoned = op.tombstone;
        state.deletedBefore = state.lastRevision + 1;
        this.stmt.updateStream.run(state.lastRevision, state.deletedBefore, +state.softDeleted, +state.tombstoned, state.id);
      } else if (op.tombstone) {
        // A name may be tombstoned before it was ever used; it stays unusable.
        const s = this.createStream(op.streamName);
        s.tombstoned = true;
        this.stmt.updateStream.run(s.lastRevision, s.deletedBefore, 0, 1, s.id);
      }
      this.limitsCache.delete(op.streamName);
      return { currentRevision: state?.lastRevision ?? -1, position: this.head };
    }

    if (op.events.length === 0) return { currentRevision: current, position: this.head };
    const s = state ?? this.createStream(op.streamName);
    if (s.softDeleted) s.softDeleted = false; // re-created: revisions continue, old events stay hidden
    for (const e of op.events) {
      const position = ++this.head;
      const revision = ++s.lastRevision;
      this.stmt.insertEvent.run(position, s.id, revision, e.id, e.type, e.contentType, created, e.data, e.customMetadata);
      committed.push({
        position,
        streamName: s.name,
        revision,
        id: e.id,
        type: e.type,
        contentType: e.contentType,
        created,
        data: e.data,
        customMetadata: e.customMetadata,
      });
    }
    this.stmt.updateStream.run(s.lastRevision, s.deletedBefore, 0, 0, s.id);
    if (isMetastream(s.name)) this.limitsCache.delete(s.name.slice(2));
    return { currentRevision: s.lastRevision, position: this.head };
  }

  private createStream(name: string): StreamState {
    const s: StreamState = { id: this.nextStreamId++, name, lastRevision: -1, deletedBefore: 0, softDeleted: false, tombstoned: false };
    this.stmt.insertStream.run(s.id, name, -1);
    this.byName.set(name, s);
    this.nameById.set(s.id, name);
    return s;
  }

  private check(streamName: string, expected: ExpectedRevision, current: number): void {
    const fail = (): never => {
      const failure: WrongExpectedVersionFailure = { kind: 'wrong_expected_version', streamName, expected, current };
      throw new StreamError(failure);
    };
    switch (expected.kind) {
      case 'any':
        return;
      case 'no_stream':
        if (current !== -1) fail();
        return;
      case 'stream_exists':
        if (current === -1) fail();
        return;
      case 'exact':
        if (current !== expected.revision) fail();
        return;
      default: {
        const never: never = expected;
        throw new Error(`unknown expectation ${String(never)}`);
      }
    }
  }

  /**
   * If the batch's first event id is already in the stream and the whole batch
   * matches the events stored from there, this is a retry: answer as the
   * original append did. A partial match is a conflict.
   */
  private idempotentReplay(state: StreamState, events: ProposedEvent[]): AppendResult | undefined {
    const hits = this.stmt.findById.all(events[0].id) as [number, number][];
    const hit = hits.find((h) => h[1] === state.id);
    if (!hit) return undefined;
    const first = hit[0];
    for (let i = 0; i < events.length; i++) {
      const row = this.stmt.eventAt.get(state.id, first + i) as unknown[] | undefined;
      if (!row || !(row[3] as Buffer).equals(events[i].id)) {
        throw new StreamError({
          kind: 'wrong_expected_version',
          streamName: state.name,
          expected: { kind: 'exact', revision: first - 1 },
          current: state.lastRevision,
        });
      }
    }
    const last = this.stmt.eventAt.get(state.id, first + events.length - 1) as unknown[];
    return { currentRevision: first + events.length - 1, position: last[0] as number };
  }

  // ---------------- reads ----------------

  private toRecord(row: unknown[]): RecordedEvent {
    return {
      position: row[0] as number,
      streamName: this.nameById.get(row[1] as number) ?? '',
      revision: row[2] as number,
      id: row[3] as Buffer,
      type: row[4] as string,
      contentType: row[5] as string,
      created: row[6] as number,
      data: row[7] as Buffer,
      customMetadata: row[8] as Buffer,
    };
  }

  /** Whether a stream can be read: tombstoned streams are 'deleted', soft-deleted or unknown ones 'not_found'. */
  streamStatus(streamName: string): StreamStatus {
    const s = this.byName.get(streamName);
    if (s?.tombstoned) return 'deleted';
    if (!s || s.softDeleted || s.lastRevision < 0) return 'not_found';
    return 'ok';
  }

  /** The stream's last revision, or -1 when it has none visible. */
  lastRevision(streamName: string): number {
    const s = this.byName.get(streamName);
    return !s || s.softDeleted ? -1 : s.lastRevision;
  }

  /** Stream metadata limits from `$$name`, cached until that stream changes. */
  limits(streamName: string): StreamLimits {
    if (isMetastream(streamName)) return {};
    let limits = this.limitsCache.get(streamName);
    if (limits) return limits;
    limits = {};
    const meta = this.byName.get(metastreamOf(streamName));
    if (meta && !meta.softDeleted && !meta.tombstoned) {
      const row = this.stmt.lastEvent.get(meta.id) as unknown[] | undefined;
      if (row && row[4] === METADATA_EVENT_TYPE) limits = parseStreamLimits(row[7] as Buffer);
    }
    this.limitsCache.set(streamName, limits);
    return limits;
  }

  /**
   * One page of a stream, honouring soft delete and $tb/$maxCount/$maxAge.
   * `from` is inclusive. Returns events plus the revision to continue from
   * (undefined when the page reached the end).
   */
  readStreamPage(
    streamName: string,
    from: number,
    direction: Direction,
    limit: number,
  ): { events: RecordedEvent[]; next?: number } {
    const s = this.byName.get(streamName);
    if (!s || s.tombstoned) return { events: [] };
    const limits = this.limits(streamName);
    const first = firstVisibleRevision(s.lastRevision, limits, s.deletedBefore);
    const minCreated = limits.maxAge !== undefined ? this.now() - limits.maxAge * 1000 : -Infinity;
    const events: RecordedEvent[] = [];
    let next: number | undefined;
    if (direction === 'forwards') {
      const start = Math.max(from, first);
      const rows = this.stmt.streamFwd.all(s.id, start, limit) as unknown[][];
      for (const r of rows) events.push(this.toRecord(r));
      if (rows.length === limit) next = (rows[rows.length - 1][2] as number) + 1;
    } else {
      const start = Math.min(from, s.lastRevision);
      if (start >= first) {
        const rows = this.stmt.streamBwd.all(s.id, start, limit) as unknown[][];
        for (const r of rows) if ((r[2] as number) >= first) events.push(this.toRecord(r));
        const lastRev = rows.length ? (rows[rows.length - 1][2] as number) : first;
        if (rows.length === limit && lastRev - 1 >= first) next = lastRev - 1;
      }
    }
    return { events: minCreated === -Infinity ? events : events.filter((e) => e.created >= minCreated), next };
  }

  /** One page of $all from `from` (inclusive). Returns events and the position to continue from. */
  readAllPage(from: number, direction: Direction, limit: number): { events: RecordedEvent[]; next?: number } {
    if (direction === 'forwards') {
      const rows = this.stmt.allFwd.all(from, limit) as unknown[][];
      const events = rows.map((r) => this.toRecord(r));
      return { events, next: rows.length === limit ? events[events.length - 1].position + 1 : undefined };
    }
    const rows = this.stmt.allBwd.all(from, limit) as unknown[][];
    const events = rows.map((r) => this.toRecord(r));
    const last = events[events.length - 1];
    return { events, next: rows.length === limit && last.position > 1 ? last.position - 1 : undefined };
  }

  /** Stops accepting writes, commits what is queued, and closes the database. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    this.listeners.clear();
    this.db.close();
  }
}
