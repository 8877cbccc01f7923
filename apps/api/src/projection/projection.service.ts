/**
 * The projection: one catch-up subscription to $all folds every event into
 * ClusterState, records changes for watches and keeps periodic snapshots
 * for time travel. Writers wait on it (waitFor) so that a write's response,
 * and any read after it, already shows the write.
 */
import type { Change, ClusterSnapshot, KubeObject, PackedState, RecordedEvent } from '@chronokube/core';
import { ClusterState, RESOURCES } from '@chronokube/core';
import { toRecorded } from '../store/event-store.service';
import type { EventLog, LogSubscription } from '../store/event-log';
import { ChangeLog } from './change-log';
import { loadSnapshotFile, saveSnapshotFile } from './snapshot-file';
import { objectJson } from '../json-cache';
import { SnapshotSpacing } from './snapshot-spacing';

/** A time-travel snapshot: the state at `position`, packed (ClusterState.unpack to fold onto it). */
export interface Snapshot {
  position: number;
  packed: PackedState;
}

type Listener = (change: Change) => void;

/** An event of ours the fold had to skip, and the version of the object it followed. */
export interface MalformedEvent {
  event: RecordedEvent;
  reason: string;
  current: KubeObject | undefined;
}
type MalformedListener = (malformed: MalformedEvent) => void;

export interface ProjectionOptions {
  /** Where the projection snapshot is kept (none: always replay from the start). */
  snapshotDir?: string;
  /** Events between two snapshot writes. */
  persistEvery?: number;
  /** Changes kept for watches that start from an older resourceVersion. */
  changeLogCapacity?: number;
  /** Events between two time-travel snapshots (fixed); spaced by cost when absent (see SnapshotSpacing). */
  snapshotEvery?: number;
  /** Start from this state instead of a snapshot file (a replayed incident starts at its `from`). */
  seed?: { snapshot: ClusterSnapshot; eventId?: string };
}

export class ProjectionService {
  private current = new ClusterState();
  readonly changes: ChangeLog;
  private readonly snapshots: Snapshot[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly malformedListeners = new Set<MalformedListener>();
  private readonly onMalformedEvent = (event: RecordedEvent, reason: string, current: KubeObject | undefined): void => {
    // One line per skipped event and start: the log keeps it forever, so the projection must go on.
    process.stderr.write(`chronokube api: projection: skipped ${event.type} at position ${event.position} in ${event.streamId}: ${reason}\n`);
    for (const listener of this.malformedListeners) {
      try {
        listener({ event, reason, current });
      } catch (err) {
        process.stderr.write(`chronokube api: projection: a malformed-event listener failed: ${(err as Error)?.message ?? String(err)}\n`);
      }
    }
  };
  private waiters: { position: number; resolve: (ok: boolean) => void; timer: NodeJS.Timeout }[] = [];
  private readonly spacing: SnapshotSpacing;
  private readonly persistEvery: number;
  private eventsSincePersist = 0;
  private persistScheduled = false;
  private persisting: Promise<void> | undefined;
  private lastEventId: string | undefined;
  /** Where the state was restored from a snapshot file (0: replayed from the start). */
  restoredFrom = 0;
  private subscription: LogSubscription | undefined;
  private readonly recordedListeners = new Set<(event: RecordedEvent) => void>();
  private stopped = false;
  private readyResolve!: () => void;
  /** Resolves once the projection has caught up with the log as it was at start. */
  readonly ready: Promise<void>;
  private isReady = false;

  constructor(private readonly store: EventLog, private readonly options: ProjectionOptions = {}) {
    this.changes = new ChangeLog(options.changeLogCapacity ?? 100_000);
    this.spacing = new SnapshotSpacing({ every: options.snapshotEvery });
    this.persistEvery = options.persistEvery ?? 20_000;
    this.ready = new Promise((resolve) => (this.readyResolve = resolve));
    this.snapshots.push({ position: 0, packed: new ClusterState().pack() });
  }

  /** The state as of the last applied event. */
  get state(): ClusterState {
    return this.current;
  }

  get caughtUp(): boolean {
    return this.isReady;
  }

  /** Starts the subscription; resolves when caught up with the log's head at start. */
  async start(): Promise<void> {
    await this.restore();
    const head = await this.store.headPosition();
    if (head <= this.state.position) this.markReady();
    this.subscribe();
    void this.waitFor(head, Number.MAX_SAFE_INTEGER).then(() => this.markReady());
    await this.ready;
  }

  /** Starts from the snapshot file when the log still matches it. */
  private async restore(): Promise<void> {
    if (this.options.seed) return this.restoreFrom(this.options.seed.snapshot, this.options.seed.eventId);
    const dir = this.options.snapshotDir;
    if (!dir) return;
    const file = loadSnapshotFile(dir);
    if (!file || file.snapshot.position === 0) return;
    const id = await this.store.eventIdAt(file.snapshot.position);
    if (!id || id !== file.eventId) return;
    this.restoreFrom(file.snapshot, file.eventId);
  }

  private restoreFrom(snapshot: ClusterSnapshot, eventId: string | undefined): void {
    try {
      this.current = ClusterState.fromSnapshot(snapshot);
    } catch {
      return;
    }
    this.lastEventId = eventId;
    this.restoredFrom = snapshot.position;
    this.changes.startAfter(snapshot.position);
    this.snapshots.push({ position: snapshot.position, packed: this.current.pack() });
  }

  /** Saves the snapshot file (derived data: a failure only costs a longer replay next start). */
  async persist(): Promise<void> {
    const dir = this.options.snapshotDir;
    if (!dir || (this.current.position === this.restoredFrom && this.eventsSincePersist === 0)) return;
    if (this.persisting) return this.persisting;
    this.eventsSincePersist = 0;
    this.persisting = saveSnapshotFile(dir, { eventId: this.lastEventId, snapshot: this.current.toSnapshot() })
      .catch((err: Error) => {
        process.stderr.write(`chronokube api: could not save the projection snapshot: ${err.message}\n`);
      })
      .finally(() => (this.persisting = undefined));
    return this.persisting;
  }

  private markReady(): void {
    if (this.isReady) return;
    this.isReady = true;
    this.readyResolve();
    this.warmJson();
  }

  /** Serializes the replayed objects in small slices between requests, so the first big list is not the one to pay. */
  private warmJson(): void {
    const pending: KubeObject[] = [];
    for (const resource of RESOURCES) for (const stored of this.current.list(resource)) pending.push(stored.object);
    const slice = (): void => {
      if (this.stopped) return;
      for (const object of pending.splice(0, 500)) objectJson(object);
      if (pending.length > 0) setImmediate(slice);
    };
    setImmediate(slice);
  }

  private subscribe(): void {
    const sub = this.store.subscribeAll(this.state.position);
    this.subscription = sub;
    sub.on('data', (resolved) => {
      try {
        const recorded = toRecorded(resolved);
        if (recorded) this.apply(recorded);
      } catch (err) {
        // apply() never throws by design; this keeps a future bug from killing the subscription.
        process.stderr.write(`chronokube api: projection: an event could not be applied: ${(err as Error)?.message ?? String(err)}\n`);
      }
    });
    sub.on('caughtUp', () => this.markReady());
    sub.on('error', () => {
      if (this.stopped) return;
      // The store went away or restarted: resume from what was applied.
      setTimeout(() => !this.stopped && this.subscribe(), 500).unref();
    });
  }

  /** Folds one event in and tells everyone who waits or watches. */
  apply(event: RecordedEvent): void {
    // Not written by this control plane (no valid signature): only its position counts.
    if (!this.store.verify(event)) return this.skip(event);
    for (const listener of this.recordedListeners) listener(event);
    const change = this.current.apply(event, this.onMalformedEvent);
    if (event.id) this.lastEventId = event.id;
    if (++this.eventsSincePersist >= this.persistEvery && !this.persistScheduled && this.options.snapshotDir) {
      this.persistScheduled = true;
      setImmediate(() => {
        this.persistScheduled = false;
        void this.persist();
      });
    }
    if (change) {
      // Serialize each new version once now: watches, lists and gets then only join strings.
      if (this.isReady && change.after) objectJson(change.after);
      this.changes.push(change);
      for (const listener of this.listeners) this.tell(listener, change);
    }
    if (this.spacing.tick()) {
      const packed = this.current.pack();
      this.spacing.taken(packed);
      this.snapshots.push({ position: packed.position, packed });
    }
    if (this.waiters.length > 0) this.release();
  }

  /** Moves past an event without folding it, so resourceVersions and waiters still see the log's position. */
  private skip(event: RecordedEvent): void {
    this.current.advanceTo(event.position);
    if (event.id) this.lastEventId = event.id;
    if (this.waiters.length > 0) this.release();
  }

  private release(): void {
    const position = this.state.position;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.position <= position) {
        clearTimeout(w.timer);
        w.resolve(true);
      } else still.push(w);
    }
    this.waiters = still;
  }

  /** Resolves true once every event up to `position` is applied, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs = 10_000): Promise<boolean> {
    if (position <= this.state.position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        resolve(false);
      }, Math.min(timeoutMs, 2 ** 31 - 1));
      timer.unref();
      this.waiters.push({ position, resolve, timer });
    });
  }

  /**
   * One listener that throws (a controller choking on a malformed object)
   * must neither stop the others nor the subscription, which would take
   * the whole control plane down with it.
   */
  private tell(listener: Listener, change: Change): void {
    try {
      listener(change);
    } catch (err) {
      process.stderr.write(`chronokube api: projection: a change listener failed on ${change.eventType} ${change.key} at position ${change.position}: ${(err as Error)?.message ?? String(err)}\n`);
    }
  }

  /** Calls `listener` for every event the fold skips from now on; returns the unsubscribe function. */
  onMalformed(listener: MalformedListener): () => void {
    this.malformedListeners.add(listener);
    return () => this.malformedListeners.delete(listener);
  }

  /** Calls `listener` for every change from now on; returns the unsubscribe function. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` with every event the subscription delivers (object
   * streams or not), before it is folded: the history indexes feed on it.
   */
  onRecorded(listener: (event: RecordedEvent) => void): () => void {
    this.recordedListeners.add(listener);
    return () => this.recordedListeners.delete(listener);
  }

  /** The newest snapshot at or before `position` (the list is kept sorted by position). */
  snapshotAtOrBefore(position: number): Snapshot {
    const list = this.snapshots;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid].position <= position) lo = mid + 1;
      else hi = mid;
    }
    return list[Math.max(0, lo - 1)];
  }

  /**
   * A folder for the part of the log the projection skipped thanks to its
   * snapshot file: fed every event up to `restoredFrom` in order (the
   * history index reads them at start anyway), it takes the time-travel
   * snapshots a full replay would have taken (same spacing), so a past
   * state folds a bounded stretch instead of everything from position 0.
   */
  backfillSnapshots(): ((event: RecordedEvent) => void) | undefined {
    const upTo = this.restoredFrom;
    if (upTo === 0) return undefined;
    const state = new ClusterState();
    const spacing = new SnapshotSpacing({ every: this.options.snapshotEvery });
    return (event) => {
      if (event.position > upTo) return;
      state.apply(event);
      if (spacing.tick() && event.position < upTo) {
        const packed = state.pack();
        spacing.taken(packed);
        this.insertSnapshot({ position: packed.position, packed });
      }
    };
  }

  private insertSnapshot(snapshot: Snapshot): void {
    const list = this.snapshots;
    let i = list.length;
    while (i > 0 && list[i - 1].position > snapshot.position) i--;
    if (i > 0 && list[i - 1].position === snapshot.position) return;
    list.splice(i, 0, snapshot);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.waiters = [];
    await this.subscription?.unsubscribe().catch(() => undefined);
    await this.persisting;
    if (this.isReady) await this.persist();
  }
}
