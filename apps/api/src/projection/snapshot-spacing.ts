/**
 * When the projection takes its next time-travel snapshot. Two goals pull
 * apart: snapshots must stay a small share of the log (under 10% of its
 * bytes), and the fold from the nearest one must stay short (the state at
 * any point in under 50 ms). So the spacing is by cost: the next snapshot
 * is due once the log written since the last one is 10x what that snapshot
 * costs, and never later than `maxEvents` (the fold's bound).
 *
 * What a snapshot costs (bench/history/fold-profile.ts, 100k events on 10k
 * objects): 16 B of slots an object (packedBytes), plus the superseded
 * versions it alone keeps alive, ~55 B per event since the previous one
 * (deleted pods, replaced versions: it grows with the spacing, so only the
 * slots are amortized by spacing further). The log takes ~820 B an event
 * on disk at 100k events, ~700 at 1M. So a 10k-object state is due every
 * ~8k events, and a 100k-object one every ~80k: there the cap wins, the
 * fold stays short and the share goes over 10% (only sharing slots across
 * snapshots, e.g. a persistent map, would get both).
 *
 * The cap: the fold runs at ~200k events/s (fold-profile, one core), so
 * 7,000 events are ~35 ms, leaving room for reading them within 50 ms.
 */
import { packedBytes, type PackedState } from '@chronokube/core';

/** Average bytes an event takes in the log on disk (measured 700-820; JSON payload alone ~500). */
export const EVENT_BYTES = 750;
/** Versions a snapshot alone keeps alive, per event since the previous one (measured ~55 B). */
const RETAINED_BYTES_PER_EVENT = 55;

export interface SpacingOptions {
  /** A fixed spacing in events (tests, or an operator's choice); cost-based when absent. */
  every?: number;
  /** The longest fold allowed between two snapshots. */
  maxEvents?: number;
  /** Never closer than this (a near-empty state would otherwise snapshot every event). */
  minEvents?: number;
}

export class SnapshotSpacing {
  private since = 0;
  private cost = 0;

  constructor(private readonly options: SpacingOptions = {}) {}

  /** Counts one folded event; true when a snapshot is due now. */
  tick(): boolean {
    this.since++;
    const { every, maxEvents = 7_000, minEvents = 500 } = this.options;
    if (every !== undefined) return this.since >= every;
    if (this.since < minEvents) return false;
    return this.since >= maxEvents || this.since * EVENT_BYTES >= 10 * (this.cost + this.since * RETAINED_BYTES_PER_EVENT);
  }

  /** Records the snapshot just taken (its size prices the next one). */
  taken(packed: PackedState): void {
    this.since = 0;
    this.cost = packedBytes(packed);
  }
}
