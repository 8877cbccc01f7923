/** Helpers for the sorted key arrays ClusterState lists from. */

/** Plain code-unit order, the order lists are sorted in. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First index whose key is >= floor (or > floor when `strict`). */
export function lowerBound(keys: readonly string[], floor: string, strict: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid];
    if (k < floor || (strict && k === floor)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
