/**
 * Time travel: the cluster as it was at any resourceVersion. The state at
 * N is the nearest projection snapshot at or before N with the events up
 * to N folded onto it, read back from the store. Exact, because evolve is
 * pure and the log is never compacted. A state built for a recent request
 * that lies between that snapshot and N is a closer start (a user moving
 * through time asks for points near each other): it is copied (packed and
 * unpacked, sharing every version) and folded from there.
 */
import { ClusterState, ApiError, gone } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import type { EventLog } from '../store/event-log';

const CACHE_SIZE = 4;

export class HistoryService {
  private readonly cache = new Map<number, Promise<ClusterState>>();
  /** The cache's states already built, by position (folded copies start from them, never change them). */
  private readonly built = new Map<number, ClusterState>();

  /** `floor`: the oldest position the log can rebuild (a replayed incident starts at its `from`). */
  constructor(private readonly store: EventLog, private readonly projection: ProjectionService, private readonly floor = 0) {}

  /**
   * The state at exactly `position`. A position ahead of the projection is
   * waited for up to 3 s, then 504 (kube's "Too large resource version").
   */
  async stateAt(position: number): Promise<ClusterState> {
    if (position < this.floor) throw gone(`too old resource version: ${position} (${this.floor})`);
    await this.reach(position);
    if (position === this.projection.state.position) return this.projection.state;
    let built = this.cache.get(position);
    if (!built) {
      built = this.build(position);
      this.cache.set(position, built);
      built.then((state) => this.cache.get(position) === built && this.built.set(position, state), () => this.cache.delete(position));
      if (this.cache.size > CACHE_SIZE) {
        const oldest = this.cache.keys().next().value as number;
        this.cache.delete(oldest);
        this.built.delete(oldest);
      }
    }
    return built;
  }

  /** Waits until the projection has applied `position`: up to 3 s, then 504 (kube's "Too large resource version"). */
  async reach(position: number): Promise<void> {
    if (position <= this.projection.state.position) return;
    const reached = await this.projection.waitFor(position, 3000);
    if (!reached) {
      throw new ApiError(504, 'Timeout', `Too large resource version: ${position}, current: ${this.projection.state.position}`, {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
        retryAfterSeconds: 1,
      });
    }
  }

  private async build(position: number): Promise<ClusterState> {
    const snapshot = this.projection.snapshotAtOrBefore(position);
    let from = snapshot.position;
    let start = (): ClusterState => ClusterState.unpack(snapshot.packed);
    for (const [at, state] of this.built) {
      if (at <= position && at > from) {
        from = at;
        start = () => ClusterState.unpack(state.pack());
      }
    }
    const state = start();
    for await (const event of this.store.readRange(from, position)) state.apply(event);
    state.advanceTo(position);
    return state;
  }
}
