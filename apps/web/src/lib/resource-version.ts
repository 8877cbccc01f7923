/**
 * resourceVersions here are `$all` commit positions (decimal strings, may
 * exceed 2^53), so they compare as big integers, never as text or floats.
 */

/** -1, 0 or 1 as a is before, at or after b; a non-decimal value counts as 0 (the empty cluster). */
export function compareResourceVersion(a: string | undefined, b: string | undefined): -1 | 0 | 1 {
  const x = toBig(a);
  const y = toBig(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The later of two resourceVersions. */
export function maxResourceVersion(a: string, b: string): string {
  return compareResourceVersion(a, b) >= 0 ? a : b;
}

function toBig(v: string | undefined): bigint {
  return v && /^\d+$/.test(v) ? BigInt(v) : 0n;
}
