import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network-order octets of an IP address as an X.509 iPAddress
 * GeneralName holds them: 4 for IPv4, 16 for IPv6 (Go rejects any other
 * length). IPv6 text may use "::" and an embedded dotted IPv4 tail, and a
 * zone ("%eth0") is dropped since certificates cannot carry one. Throws on
 * anything that is not an address.
 */
export function ipAddressBytes(text: string): Buffer {
  if (isIPv4(text)) return Buffer.from(text.split('.').map(Number));
  const address = text.replace(/%.*$/, '');
  if (!isIPv6(address)) throw new Error(`not an IP address: "${text}"`);
  return ipv6Bytes(address);
}

/** Canonical text for an address in octets, so addresses compare equal however they were written. */
export function ipAddressText(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
    return groups.join(':');
  }
  return `invalid(${bytes.toString('hex')})`;
}

function ipv6Bytes(address: string): Buffer {
  // An embedded IPv4 tail ("::ffff:10.0.0.1") is the last two groups in dotted form.
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_all, a, b, c, d) =>
    `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`,
  );
  const [head, rest] = text.split('::') as [string, string | undefined];
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const before = groupsOf(head);
  const after = rest === undefined ? [] : groupsOf(rest);
  const groups = rest === undefined ? before : [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
  if (groups.length !== 8) throw new Error(`not an IP address: "${address}"`);
  const bytes = Buffer.alloc(16);
  groups.forEach((group, i) => bytes.writeUInt16BE(group, i * 2));
  return bytes;
}
