/**
 * IP addresses and CIDR ranges as numbers, for validation and for the
 * cluster IP allocator. Parsing follows Go's netutils.ParseIPSloppy, which
 * kube-apiserver uses: IPv4 octets may carry leading zeros.
 */

/** An address family, as Service ipFamilies spells it. */
export type IPFamily = 'IPv4' | 'IPv6';

/** A parsed address. */
export interface ParsedIP {
  family: IPFamily;
  value: bigint;
}

/** A parsed range; `base` is the network address. */
export interface Cidr {
  family: IPFamily;
  base: bigint;
  prefix: number;
  bits: 32 | 128;
  /** Number of addresses in the range. */
  size: bigint;
  /** Canonical text, e.g. `10.96.0.0/12`, as Go's IPNet.String prints it. */
  text: string;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIPv6(s: string): bigint | undefined {
  let head = s;
  let tail4: bigint | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.') && lastColon >= 0) {
    tail4 = parseIPv4(s.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    head = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let v = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4 !== undefined) v = (v & ~0xffffffffn) | tail4;
  return v;
}

/** The address, or undefined when it is not an IP. */
export function parseIP(s: string): ParsedIP | undefined {
  if (typeof s !== 'string' || s.length === 0) return undefined;
  if (s.includes(':')) {
    const v = parseIPv6(s);
    return v === undefined ? undefined : { family: 'IPv6', value: v };
  }
  const v = parseIPv4(s);
  return v === undefined ? undefined : { family: 'IPv4', value: v };
}

/** An address as text: dotted quad, or RFC 5952 IPv6 (longest zero run as `::`). */
export function formatIP(value: bigint, family: IPFamily): string {
  if (family === 'IPv4') {
    return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * The range written as `address/prefix`; throws `invalid CIDR address: ...`
 * (Go's net.ParseCIDR wording) when it is not one. The address is masked to
 * the network, as Go does.
 */
export function parseCidr(s: string): Cidr {
  const bad = () => new Error(`invalid CIDR address: ${s}`);
  if (typeof s !== 'string') throw bad();
  const slash = s.indexOf('/');
  if (slash < 0) throw bad();
  const ip = parseIP(s.slice(0, slash));
  const prefixText = s.slice(slash + 1);
  if (!ip || !/^[0-9]{1,3}$/.test(prefixText)) throw bad();
  const bits = ip.family === 'IPv4' ? 32 : 128;
  const prefix = Number(prefixText);
  if (prefix > bits) throw bad();
  const hostBits = BigInt(bits - prefix);
  const base = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, base, prefix, bits, size: 1n << hostBits, text: `${formatIP(base, ip.family)}/${prefix}` };
}

/** True when the address lies in the range. */
export function cidrContains(cidr: Cidr, ip: ParsedIP): boolean {
  return ip.family === cidr.family && ip.value >= cidr.base && ip.value < cidr.base + cidr.size;
}
