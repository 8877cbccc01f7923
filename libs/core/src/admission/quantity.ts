/**
 * Resource quantities (`100m`, `1.5Gi`, `2e3`) as exact numbers, enough to
 * compare requests with limits and to compute a pod's QoS class. Values are
 * held in nano-units as a bigint; finer fractions round up, as
 * resource.Quantity does.
 */

/** kube's quantity syntax, quoted in its parse error. */
export const QUANTITY_REGEX_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** resource.ErrFormatWrong's message. */
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`;

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function scale(n: bigint, exp10: number): bigint {
  if (exp10 >= 0) return n * 10n ** BigInt(exp10);
  const d = 10n ** BigInt(-exp10);
  // Round away from zero so a tiny positive value never becomes 0.
  return n >= 0n ? (n + d - 1n) / d : -((-n + d - 1n) / d);
}

/** The quantity in nano-units, or undefined when it is not a quantity. */
export function parseQuantity(s: unknown): bigint | undefined {
  if (typeof s === 'number') return Number.isFinite(s) ? parseQuantity(String(s)) : undefined;
  if (typeof s !== 'string') return undefined;
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([a-zA-Z]*[-+]?[0-9]*)$/.exec(s);
  if (!m || (m[2] + (m[3] ?? '')).length === 0) return undefined;
  const [, sign, int, frac = '', suffix] = m;
  let n = BigInt(int + frac || '0');
  if (sign === '-') n = -n;
  const exp = 9 - frac.length;
  if (suffix in DECIMAL) return scale(n, exp + DECIMAL[suffix]);
  if (suffix in BINARY) return scale(n * 2n ** BigInt(BINARY[suffix]), exp);
  const e = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
  if (e) return scale(n, exp + Number(e[1]));
  return undefined;
}

/** -1, 0 or 1, like Quantity.Cmp. Both must parse. */
export function compareQuantity(a: bigint, b: bigint): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
