/**
 * Seeded random JSON for property tests: reproducible (a failing seed can be
 * replayed) and biased towards small shapes that share structure, which is
 * where diff and patch bugs live.
 */

/** mulberry32, shared with the scheduler: a tiny deterministic PRNG returning floats in [0, 1). */
export { seededRandom as rng } from '../scheduler/random';

const KEYS = ['a', 'b', 'c', 'x/y', 'm~n', '', '0', '__proto__', 'spec'];

/** A random JSON value of bounded depth; `nulls` allows null members and elements. */
export function randomJson(r: () => number, depth = 3, nulls = true): unknown {
  const pick = r();
  if (depth <= 0 || pick < 0.35) {
    const s = r();
    if (s < 0.3) return Math.floor(r() * 10);
    if (s < 0.6) return ['p', 'q', 'r', ''][Math.floor(r() * 4)];
    if (s < 0.8) return r() < 0.5;
    return nulls ? null : 'n';
  }
  if (pick < 0.65) return Array.from({ length: Math.floor(r() * 4) }, () => randomJson(r, depth - 1, nulls));
  const o: Record<string, unknown> = {};
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const k = KEYS[Math.floor(r() * KEYS.length)];
    Object.defineProperty(o, k, { value: randomJson(r, depth - 1, nulls), enumerable: true, writable: true, configurable: true });
  }
  return o;
}

/** A random edit of `v`: most of the structure survives, some parts change, appear or vanish. */
export function mutateJson(r: () => number, v: unknown, depth = 3, nulls = true): unknown {
  if (r() < 0.15) return randomJson(r, depth, nulls);
  if (Array.isArray(v)) {
    const out = v.map((x) => (r() < 0.3 ? mutateJson(r, x, depth - 1, nulls) : x));
    if (r() < 0.3) out.splice(Math.floor(r() * (out.length + 1)), 0, randomJson(r, depth - 1, nulls));
    if (out.length && r() < 0.3) out.splice(Math.floor(r() * out.length), 1);
    return out;
  }
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (r() < 0.15) continue;
      Object.defineProperty(out, k, { value: r() < 0.4 ? mutateJson(r, x, depth - 1, nulls) : x, enumerable: true, writable: true, configurable: true });
    }
    if (r() < 0.3) {
      const k = KEYS[Math.floor(r() * KEYS.length)];
      Object.defineProperty(out, k, { value: randomJson(r, depth - 1, nulls), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}
