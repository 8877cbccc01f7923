/**
 * When the projection takes its next time-travel snapshot. Two goals pull
 * apart: snapshots must stay a small share of the log (under 10% of its
 * bytes), and the fold from the nearest one must stay short (the state at
 * any point in under 50 ms). So the spacing is by cost: the next snapshot
 * is due once the log written since the last one is 10x what that snapshot
 * costs, and never later than `maxEvents` (the fold's bound).
 *
 * Figures (bench/history/fold-profile.ts, 100k events on 10k objects): a
 * packed snapshot costs ~17 B of slots an object plus the versions it alone
 * keeps alive, ~100 kB per 5,000 events; events average ~500 B of JSON.
 * A 10k-object state (~270 kB) is thus due every ~5,400 events, a 100k one
 * every ~50k capped at 5,000: there only the cap holds the share down to
 * what the fold length allows, and the report says so.
 */
import { packedBytes, type PackedState } from '@chronokube/core';

/** Average bytes an event takes in the log (JSON data + metadata; measured ~500). */
export const EVENT_BYTES = 500;
/** Versions a snapshot alone keeps alive, per event since the previous one (measured ~20 B). */
const RETAINED_BYTES_PER_EVENT = 20;

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
    const { every, maxEvents = 5_000, minEvents = 500 } = this.options;
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
