/**
 * The recent changes, oldest first, so a watch can start from any
 * resourceVersion still held. Older starting points get 410 Expired, like a
 * compacted watch cache, and the client re-lists.
 */
import { gone, type Change } from '@chronokube/core';

export class ChangeLog {
  private readonly items: Change[] = [];
  private head = 0;
  /** Every change with a position above this is held. */
  private floor = 0;

  constructor(private readonly capacity: number) {}

  /** Declares that changes at or before `position` are not held (the state came from a snapshot). */
  startAfter(position: number): void {
    if (this.items.length === this.head) this.floor = Math.max(this.floor, position);
  }

  push(change: Change): void {
    this.items.push(change);
    if (this.items.length - this.head > this.capacity) {
      this.floor = this.items[this.head].position;
      this.head++;
      // Compact now and then rather than shifting on every push.
      if (this.head > this.capacity) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
    }
  }

  /** The change made by the event at exactly `position`, when still held (so a write can cite it as its cause). */
  at(position: number): Change | undefined {
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid].position < position) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]?.position === position ? this.items[lo] : undefined;
  }

  /**
   * Changes after `position`, oldest first. Throws 410 Expired when some of
   * them are no longer held.
   */
  since(position: number): Change[] {
    // Like kube's watch cache, the message names the oldest resourceVersion still accepted.
    if (position < this.floor) throw gone(`too old resource version: ${position} (${this.floor})`);
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid].position <= position) lo = mid + 1;
      else hi = mid;
    }
    return this.items.slice(lo);
  }
}
