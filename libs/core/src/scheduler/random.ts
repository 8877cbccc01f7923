/**
 * A small seeded random source (mulberry32), so a scheduling run can be
 * replayed exactly: the scheduler takes randomness as an input, never from
 * Math.random behind the caller's back.
 */

/** A function returning numbers in [0, 1), like Math.random. */
export type RandomSource = () => number;

/** A deterministic RandomSource for a 32-bit seed. */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
