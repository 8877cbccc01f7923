import type { PackedState } from '@chronokube/core';
import { EVENT_BYTES, SnapshotSpacing } from './snapshot-spacing';

/** A packed state of `objects` objects (only its size matters to the spacing). */
const packedOf = (objects: number): PackedState => ({ position: 0, resources: [], detached: [], objects });

/** Events until the next snapshot is due after one of `objects` objects. */
function gapAfter(spacing: SnapshotSpacing, objects: number): number {
  spacing.taken(packedOf(objects));
  let n = 1;
  while (!spacing.tick()) n++;
  return n;
}

describe('SnapshotSpacing', () => {
  it('keeps a fixed spacing when told one', () => {
    const spacing = new SnapshotSpacing({ every: 7 });
    expect(gapAfter(spacing, 100_000)).toBe(7);
    expect(gapAfter(spacing, 0)).toBe(7);
  });

  it('spaces by cost: the log since the last snapshot pays 10x for it, within the bounds', () => {
    const spacing = new SnapshotSpacing({ minEvents: 100, maxEvents: 50_000 });
    const small = gapAfter(spacing, 1_000);
    const mid = gapAfter(spacing, 10_000);
    expect(small).toBeGreaterThanOrEqual(100);
    expect(mid).toBeGreaterThan(small);
    // At the due point the log written since is at least 10x the snapshot's slots and retained versions.
    expect(mid * EVENT_BYTES).toBeGreaterThanOrEqual(10 * (16 * 10_000 + 55 * mid));
    expect((mid - 1) * EVENT_BYTES).toBeLessThan(10 * (16 * 10_000 + 55 * (mid - 1)));
    expect(gapAfter(spacing, 10_000_000)).toBe(50_000);
    expect(gapAfter(spacing, 0)).toBe(100);
  });

  it('caps the fold at 7,000 events by default', () => {
    expect(gapAfter(new SnapshotSpacing(), 1_000_000)).toBe(7_000);
  });
});
