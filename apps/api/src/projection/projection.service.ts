/**
 * The projection: one catch-up subscription to $all folds every event into
 * ClusterState, records changes for watches and keeps periodic snapshots
 * for time travel. Writers wait on it (waitFor) so that a write's response,
 * and any read after it, already shows the write.
 */
import type { Change, RecordedEvent } from '@chronokube/core';
import { ClusterState } from '@chronokube/core';
import { toRecorded, type EventStoreService } from '../store/event-store.service';
import { ChangeLog } from './change-log';

export interface Snapshot {
  position: number;
  state: ClusterState;
}

type Listener = (change: Change) => void;

export interface ProjectionOptions {
  /** Changes kept for watches that start from an older resourceVersion. */
  changeLogCapacity?: number;
  /** Events between two time-travel snapshots. */
  snapshotEvery?: number;
}

export class ProjectionService {
  readonly state = new ClusterState();
  readonly changes: ChangeLog;
  private readonly snapshots: Snapshot[] = [];
  private readonly listeners = new Set<Listener>();
  private waiters: { position: number; resolve: (ok: boolean) => void; timer: NodeJS.Timeout }[] = [];
  private readonly snapshotEvery: number;
  private eventsSinceSnapshot = 0;
  private subscription: ReturnType<EventStoreService['subscribeAll']> | undefined;
  private stopped = false;
  private readyResolve!: () => void;
  /** Resolves once the projection has caught up with the log as it was at start. */
  readonly ready: Promise<void>;
  private isReady = false;

  constructor(private readonly store: EventStoreService, options: ProjectionOptions = {}) {
    this.changes = new ChangeLog(options.changeLogCapacity ?? 100_000);
    this.snapshotEvery = options.snapshotEvery ?? 5_000;
    this.ready = new Promise((resolve) => (this.readyResolve = resolve));
    this.snapshots.push({ position: 0, state: new ClusterState() });
  }

  get caughtUp(): boolean {
    return this.isReady;
  }

  /** Starts the subscription; resolves when caught up with the log's head at start. */
  async start(): Promise<void> {
    const head = await this.store.headPosition();
    if (head <= this.state.position) this.markReady();
    this.subscribe();
    void this.waitFor(head, Number.MAX_SAFE_INTEGER).then(() => this.markReady());
    await this.ready;
  }

  private markReady(): void {
    if (this.isReady) return;
    this.isReady = true;
    this.readyResolve();
  }

  private subscribe(): void {
    const sub = this.store.subscribeAll(this.state.position);
    this.subscription = sub;
    sub.on('data', (resolved) => {
      const recorded = toRecorded(resolved);
      if (recorded) this.apply(recorded);
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
    const change = this.state.apply(event);
    if (change) {
      this.changes.push(change);
      for (const listener of this.listeners) listener(change);
    }
    if (++this.eventsSinceSnapshot >= this.snapshotEvery) {
      this.eventsSinceSnapshot = 0;
      this.snapshots.push({ position: this.state.position, state: this.state.clone() });
    }
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

  /** Calls `listener` for every change from now on; returns the unsubscribe function. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The newest snapshot at or before `position`. */
  snapshotAtOrBefore(position: number): Snapshot {
    let best = this.snapshots[0];
    for (const s of this.snapshots) if (s.position <= position && s.position >= best.position) best = s;
    return best;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.waiters = [];
    await this.subscription?.unsubscribe().catch(() => undefined);
  }
}
