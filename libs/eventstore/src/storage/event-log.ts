import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
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

/** What is known of a stream beyond its events. */
interface StreamState {
  id: number;
  name: string;
  lastRevision: number;
  deletedBefore: number;
  softDeleted: boolean;
  tombstoned: boolean;
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

type EventRow = [number, number, number, Buffer, string, string, number, Buffer, Buffer];
type StreamRow = [number, string, number, number, number, number];

/** Writes waiting for, or riding in, one commit. */
interface Batch {
  events: EventRow[];
  streams: Map<number, StreamState>;
  records: RecordedEvent[];
  waiters: { resolve: (r: AppendResult) => void; reject: (e: unknown) => void; result: AppendResult }[];
}

/** The revision a stream shows: -1 when it does not exist or was soft-deleted (it may be re-created). */
const visibleRevision = (s: StreamState | undefined): number => (!s || s.softDeleted ? -1 : s.lastRevision);

const newBatch = (): Batch => ({ events: [], streams: new Map(), records: [], waiters: [] });

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/**
 * The log is the cluster's history and holds its secrets: owner only. The
 * database file is created 0600 before SQLite opens it, since SQLite gives
 * its -wal and -shm files the database file's mode; files and directories
 * of an older install are tightened too.
 */
function makePrivate(dir: string, file: string): void {
  fs.chmodSync(dir, PRIVATE_DIR);
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(f)) fs.chmodSync(f, PRIVATE_FILE);
  }
}

const ROW_COLUMNS = 'position, stream_id, revision, event_id, type, content_type, created, data, metadata';

/**
 * The durable event log: streams of events with revisions, a global $all
 * order, soft delete and tombstones, and stream metadata limits on reads.
 *
 * Writes are decided on this thread, in arrival order, against an in-memory
 * image of every stream (expected revision, idempotency, deletion), then
 * committed by a writer thread (writer-worker.js) one batch at a time: all the
 * writes that arrived while the previous commit was in flight share the next
 * transaction and fsync (group commit). A write's promise resolves only after
 * its commit, so an acknowledged append is on disk.
 *
 * Reads use this thread's own connection and see committed data only; the
 * committed image of each stream is kept apart from the decided one for that.
 * Live listeners hear of events right after their commit, on this thread, so
 * a reader that registers in the same turn as its last read misses nothing.
 */
export class EventLog {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly worker: Worker;
  private readonly checkpointer: Worker;
  private checkpointerExited = false;
  /** Streams as decided (including writes not yet committed): used to validate writes. */
  private readonly decided = new Map<string, StreamState>();
  /** Streams as committed: used by reads. */
  private readonly committed = new Map<string, StreamState>();
  private readonly nameById = new Map<number, string>();
  private readonly limitsCache = new Map<string, StreamLimits>();
  private readonly listeners = new Set<CommitListener>();
  /** Event ids of decided but uncommitted events, for idempotency checks: id hex -> stream id, revision, position. */
  private readonly uncommittedIds = new Map<string, [number, number, number]>();
  private pending: Batch = newBatch();
  private inFlight?: Batch;
  private flushScheduled = false;
  private failed?: string;
  private closing?: Promise<void>;
  /** Called once the log is idle while closing. */
  private onIdle?: () => void;
  private workerExited = false;
  private decidedHead = 0;
  private committedHead = 0;
  private nextStreamId = 1;
  private readonly stmt: ReturnType<EventLog['prepare']>;
  /** Commits made and writes they carried: group commit makes the first much smaller. */
  readonly stats = { commits: 0, writes: 0 };

  constructor(options: EventLogOptions) {
    fs.mkdirSync(options.dataDir, { recursive: true, mode: PRIVATE_DIR });
    fs.accessSync(options.dataDir, fs.constants.W_OK);
    this.now = options.now ?? Date.now;
    const file = path.join(options.dataDir, 'events.sqlite');
    makePrivate(options.dataDir, file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('cache_size = -65536');
    migrate(this.db);
    this.stmt = this.prepare();
    this.load();
    this.worker = new Worker(path.join(__dirname, 'writer-worker.js'), { workerData: { file } });
    this.worker.on('message', (m) => this.onWorkerMessage(m));
    this.worker.on('error', (err) => this.fail(`writer thread died: ${err.message}`));
    this.worker.on('exit', () => {
      this.workerExited = true;
      if (!this.closing) this.fail('writer thread exited');
    });
    // Checkpoints are derived work: if that thread dies, the WAL only grows until the next start.
    this.checkpointer = new Worker(path.join(__dirname, 'checkpoint-worker.js'), { workerData: { file } });
    this.checkpointer.on('error', () => undefined);
    this.checkpointer.on('exit', () => (this.checkpointerExited = true));
  }

  private prepare() {
    const db = this.db;
    return {
      // INDEXED BY: left alone, the planner prefers (stream_id, revision) and scans the whole stream.
      findById: db.prepare('SELECT revision, stream_id, position FROM events INDEXED BY events_by_id WHERE event_id = ?').raw(true),
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
      .all() as StreamRow[];
    for (const [id, name, lastRevision, deletedBefore, softDeleted, tombstoned] of rows) {
      const s = { id, name, lastRevision, deletedBefore, softDeleted: !!softDeleted, tombstoned: !!tombstoned };
      this.decided.set(name, s);
      this.committed.set(name, { ...s });
      this.nameById.set(id, name);
      this.nextStreamId = Math.max(this.nextStreamId, id + 1);
    }
    const head = this.db.prepare('SELECT max(position) FROM events').pluck().get() as number | null;
    this.decidedHead = this.committedHead = head ?? 0;
  }

  /** The position of the last committed event (0 before the first). */
  headPosition(): number {
    return this.committedHead;
  }

  /** Registers a listener for committed events; returns its removal. */
  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Appends events to a stream if its revision matches `expected`. Resolves
   * once durable; rejects with StreamError (wrong expected version, deleted
   * stream). Re-appending events whose ids are already in the stream from
   * some revision on returns the original result and writes nothing
   * (idempotent); a partial overlap is a wrong-expected-version conflict.
   */
  append(streamName: string, expected: ExpectedRevision, events: ProposedEvent[]): Promise<AppendResult> {
    return this.decide(() => this.decideAppend(streamName, expected, events));
  }

  /** Soft-deletes (or, with tombstone, permanently deletes) a stream. Resolves with the log head position. */
  delete(streamName: string, expected: ExpectedRevision, tombstone: boolean): Promise<AppendResult> {
    return this.decide(() => this.decideDelete(streamName, expected, tombstone));
  }

  private decide(decision: () => AppendResult): Promise<AppendResult> {
    if (this.failed || this.closing) {
      const message = this.failed ?? 'event store is shutting down';
      return Promise.reject(new StreamError({ kind: 'unavailable', message }));
    }
    let result: AppendResult;
    try {
      result = decision();
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.pending.waiters.push({ resolve, reject, result });
      this.scheduleFlush();
    });
  }

  private decideAppend(streamName: string, expected: ExpectedRevision, events: ProposedEvent[]): AppendResult {
    const state = this.validStream(streamName);
    const current = visibleRevision(state);
    if (state && events.length > 0) {
      const replay = this.idempotentReplay(state, events);
      if (replay) return replay;
    }
    this.check(streamName, expected, current);
    if (events.length === 0) return { currentRevision: current, position: this.decidedHead };
    const s = state ?? this.createStream(streamName);
    s.softDeleted = false; // re-created after a soft delete: revisions continue, old events stay hidden
    const created = this.now();
    for (const e of events) {
      const position = ++this.decidedHead;
      const revision = ++s.lastRevision;
      this.pending.events.push([position, s.id, revision, e.id, e.type, e.contentType, created, e.data, e.customMetadata]);
      this.uncommittedIds.set(e.id.toString('hex'), [s.id, revision, position]);
      this.pending.records.push({ position, streamName: s.name, revision, id: e.id, type: e.type, contentType: e.contentType, created, data: e.data, customMetadata: e.customMetadata });
    }
    this.pending.streams.set(s.id, s);
    return { currentRevision: s.lastRevision, position: this.decidedHead };
  }

  private decideDelete(streamName: string, expected: ExpectedRevision, tombstone: boolean): AppendResult {
    const state = this.validStream(streamName);
    this.check(streamName, expected, visibleRevision(state));
    // A name may be tombstoned before it was ever used; it stays unusable.
    const s = state ?? (tombstone ? this.createStream(streamName) : undefined);
    if (s) {
      s.softDeleted = !tombstone;
      s.tombstoned = tombstone;
      s.deletedBefore = s.lastRevision + 1;
      this.pending.streams.set(s.id, s);
    }
    return { currentRevision: state?.lastRevision ?? -1, position: this.decidedHead };
  }

  private validStream(streamName: string): StreamState | undefined {
    if (!streamName) throw new StreamError({ kind: 'invalid', message: 'stream name must not be empty' });
    const state = this.decided.get(streamName);
    if (state?.tombstoned) throw new StreamError({ kind: 'stream_deleted', streamName });
    return state;
  }

  private createStream(name: string): StreamState {
    const s: StreamState = { id: this.nextStreamId++, name, lastRevision: -1, deletedBefore: 0, softDeleted: false, tombstoned: false };
    this.decided.set(name, s);
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

  /** Where an event id sits in a stream (committed or not): [revision, position], if it does. */
  private locate(streamId: number, id: Buffer): [number, number] | undefined {
    const u = this.uncommittedIds.get(id.toString('hex'));
    if (u && u[0] === streamId) return [u[1], u[2]];
    const hit = (this.stmt.findById.all(id) as [number, number, number][]).find((h) => h[1] === streamId);
    return hit ? [hit[0], hit[2]] : undefined;
  }

  /**
   * If the batch's first event id is already in the stream and the whole batch
   * matches the events stored from there, this is a retry: answer as the
   * original append did. A partial match is a conflict.
   */
  private idempotentReplay(state: StreamState, events: ProposedEvent[]): AppendResult | undefined {
    const first = this.locate(state.id, events[0].id);
    if (!first) return undefined;
    let last = first;
    for (let i = 0; i < events.length; i++) {
      const at = this.locate(state.id, events[i].id);
      if (!at || at[0] !== first[0] + i) {
        throw new StreamError({
          kind: 'wrong_expected_version',
          streamName: state.name,
          expected: { kind: 'exact', revision: first[0] - 1 },
          current: state.lastRevision,
        });
      }
      last = at;
    }
    return { currentRevision: last[0], position: last[1] };
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.inFlight) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Sends the pending batch to the writer thread, unless a commit is already in flight. */
  private flush(): void {
    if (this.inFlight || this.pending.waiters.length === 0) return;
    const batch = (this.inFlight = this.pending);
    this.pending = newBatch();
    const streams: StreamRow[] = [...batch.streams.values()].map((s) => [s.id, s.name, s.lastRevision, s.deletedBefore, +s.softDeleted, +s.tombstoned]);
    // Snapshot: later decisions may change these states before this commit returns.
    batch.streams = new Map([...batch.streams].map(([id, s]) => [id, { ...s }]));
    this.worker.postMessage({ kind: 'commit', events: batch.events, streams });
  }

  private onWorkerMessage(m: { kind: string; message?: string }): void {
    const batch = this.inFlight;
    if (m.kind === 'closed' || !batch) return;
    this.inFlight = undefined;
    if (m.kind === 'failed') {
      this.fail(`write failed: ${m.message}`, batch);
      return;
    }
    this.stats.commits++;
    this.stats.writes += batch.waiters.length;
    for (const s of batch.streams.values()) {
      this.committed.set(s.name, s);
      // A stream's limits come from its $$stream alone.
      if (isMetastream(s.name)) this.limitsCache.delete(s.name.slice(2));
    }
    for (const e of batch.events) this.uncommittedIds.delete(e[3].toString('hex'));
    if (batch.events.length) this.committedHead = batch.events[batch.events.length - 1][0];
    for (const w of batch.waiters) w.resolve(w.result);
    if (batch.records.length) for (const l of [...this.listeners]) l(batch.records);
    this.flush();
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (this.onIdle && this.idle) {
      const resolve = this.onIdle;
      this.onIdle = undefined;
      resolve();
    }
  }

  /**
   * The writer could not commit: what it held is not durable. The decided
   * image is now ahead of the disk, so refuse all further writes; reads go on.
   * A restart reloads the truth from disk.
   */
  private fail(message: string, batch?: Batch): void {
    this.failed ??= message;
    const error = new StreamError({ kind: 'unavailable', message: this.failed });
    for (const b of [batch, this.inFlight, this.pending]) for (const w of b?.waiters ?? []) w.reject(error);
    this.inFlight = undefined;
    this.pending = newBatch();
    this.notifyIdle();
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
    const s = this.committed.get(streamName);
    if (s?.tombstoned) return 'deleted';
    if (!s || s.softDeleted || s.lastRevision < 0) return 'not_found';
    return 'ok';
  }

  /** The stream's last revision, or -1 when it has none visible. */
  lastRevision(streamName: string): number {
    return visibleRevision(this.committed.get(streamName));
  }

  /** Stream metadata limits from `$$name`, cached until that stream changes. */
  limits(streamName: string): StreamLimits {
    if (isMetastream(streamName)) return {};
    let limits = this.limitsCache.get(streamName);
    if (limits) return limits;
    limits = {};
    const meta = this.committed.get(metastreamOf(streamName));
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
    const s = this.committed.get(streamName);
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

  /** Stops accepting writes, commits what is queued, stops the writer and closes the files. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.flush();
      await new Promise<void>((resolve) => (this.idle ? resolve() : (this.onIdle = resolve)));
      if (!this.workerExited) {
        await new Promise<void>((resolve) => {
          this.worker.once('exit', () => resolve());
          this.worker.once('message', (m: { kind: string }) => m.kind === 'closed' && resolve());
          this.worker.postMessage({ kind: 'close' });
        });
      }
      await this.worker.terminate();
      if (!this.checkpointerExited) await new Promise<void>((resolve) => {
        this.checkpointer.once('exit', () => resolve());
        this.checkpointer.once('message', (m: { kind: string }) => m.kind === 'closed' && resolve());
        this.checkpointer.postMessage({ kind: 'close' });
      });
      await this.checkpointer.terminate();
      this.listeners.clear();
      this.db.close();
    })();
    return this.closing;
  }

  /** No commit in flight and nothing queued. */
  private get idle(): boolean {
    return !this.inFlight && this.pending.waiters.length === 0;
  }
}
