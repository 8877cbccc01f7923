/**
 * Cluster IP and node port allocation, as kube-apiserver's bitmap
 * allocators choose (ipallocator, portallocator): the network and broadcast
 * addresses are never handed out, and dynamic picks prefer the upper part
 * of the range so the lower band stays free for static requests
 * (KEP-3070/3668). Pure: the caller passes what is in use and the random
 * source, and records the result. A request kube would refuse comes back as
 * its 422 FieldError; an exhausted range throws the 500 ApiError kube
 * answers with ("Internal error occurred: failed to allocate a serviceIP:
 * range is full").
 */
import { fieldError, internal, type FieldError } from '../api/errors';
import { cidrContains, formatIP, parseCidr, parseIP, type Cidr } from './cidr';
import { goStringSlice, withGoValue } from './go-format';

/** True when an allocator refused the request (as opposed to returning a value). */
export function isFieldError(v: unknown): v is FieldError {
  return typeof v === 'object' && v !== null && 'type' in v && 'field' in v;
}

/** A source of numbers in [0, 1), like Math.random; inject a seeded one for determinism. */
export type Random = () => number;

/** kube-apiserver's default --service-node-port-range. */
export const DEFAULT_NODE_PORT_RANGE: readonly [number, number] = [30000, 32767];

function intn(random: Random, n: number): number {
  return Math.min(n - 1, Math.max(0, Math.floor(random() * n)));
}

// Scan [offset, max) from a random start, then [0, offset): the bitmap
// allocator's randomScanStrategyWithOffset.
function pickFree(max: number, offset: number, isFree: (i: number) => boolean, random: Random): number | undefined {
  const upper = max - offset;
  if (upper > 0) {
    const start = intn(random, upper);
    for (let i = 0; i < upper; i++) {
      const at = offset + ((start + i) % upper);
      if (isFree(at)) return at;
    }
  }
  if (offset > 0) {
    const start = intn(random, offset);
    for (let i = 0; i < offset; i++) {
      const at = (start + i) % offset;
      if (isFree(at)) return at;
    }
  }
  return undefined;
}

// min(max(lo, size/step), hi), or 0 for tiny ranges.
function rangeOffset(size: bigint, lo: number, hi: number, step: number): number {
  if (size <= BigInt(lo)) return 0;
  const o = size / BigInt(step);
  return o < BigInt(lo) ? lo : o > BigInt(hi) ? hi : Number(o);
}

/** The addresses the allocator may hand out in a range: first usable, and how many. */
export function ipRange(cidr: Cidr): { first: bigint; count: number } {
  let max = cidr.size;
  if (cidr.family === 'IPv6') max = max > 65536n ? 65536n : max;
  else max -= 1n; // broadcast
  max -= 1n; // network address
  return { first: cidr.base + 1n, count: max < 0n ? 0 : Number(max) };
}

/**
 * A cluster IP from `cidr` (e.g. "10.96.0.0/12"): the requested one when it
 * is in range and free, else a free one chosen as kube does. A refused
 * request is kube's FieldError (`spec.clusterIPs: Invalid value:
 * []string{"10.96.0.5"}: failed to allocate IP 10.96.0.5: provided IP is
 * already allocated`); a full range or an unparseable request throws 500.
 */
export function allocateClusterIP(cidrIn: string | Cidr, used: ReadonlySet<string>, requested?: string,
  random: Random = Math.random, clusterIPs?: string[]): string | FieldError {
  const cidr = typeof cidrIn === 'string' ? parseCidr(cidrIn) : cidrIn;
  const { first, count } = ipRange(cidr);
  const taken = new Set<bigint>();
  for (const u of used) {
    const ip = parseIP(u);
    if (ip && ip.family === cidr.family) taken.add(ip.value);
  }
  if (requested) {
    const ip = parseIP(requested);
    if (!ip) throw internal(`failed to parse service IP "${requested}"`);
    const ips = clusterIPs ?? [requested];
    const fail = (why: string): FieldError =>
      withGoValue(fieldError.invalid('spec.clusterIPs', ips, `failed to allocate IP ${requested}: ${why}`), goStringSlice(ips));
    const offset = ip.value - first;
    if (!cidrContains(cidr, ip) || offset < 0n || offset >= BigInt(count)) {
      return fail(`the provided IP (${formatIP(ip.value, ip.family)}) is not in the valid range. The range of valid IPs is ${cidr.text}`);
    }
    if (taken.has(ip.value)) return fail('provided IP is already allocated');
    return formatIP(ip.value, ip.family);
  }
  const at = pickFree(count, rangeOffset(cidr.size, 16, 256, 16), (i) => !taken.has(first + BigInt(i)), random);
  if (at === undefined) throw internal('failed to allocate a serviceIP: range is full');
  return formatIP(first + BigInt(at), cidr.family);
}

/**
 * A node port: the requested one when in range and free, else a free one
 * (upper band first). A refused request is the FieldError kube gives at
 * `field` (default `spec.ports[0].nodePort`); a full range throws 500.
 */
export function allocateNodePort(used: ReadonlySet<number>, requested?: number,
  range: readonly [number, number] = DEFAULT_NODE_PORT_RANGE, random: Random = Math.random,
  field = 'spec.ports[0].nodePort'): number | FieldError {
  const [lo, hi] = range;
  if (requested) {
    const fail = (why: string): FieldError => fieldError.invalid(field, requested, why);
    if (requested < lo || requested > hi) {
      return fail(`provided port is not in the valid range. The range of valid ports is ${lo}-${hi}`);
    }
    if (used.has(requested)) return fail('provided port is already allocated');
    return requested;
  }
  const size = hi - lo + 1;
  const at = pickFree(size, rangeOffset(BigInt(size), 16, 128, 32), (i) => !used.has(lo + i), random);
  if (at === undefined) throw internal('failed to allocate a nodePort: range is full');
  return lo + at;
}
