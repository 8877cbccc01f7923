/**
 * A minimal DER reader, the counterpart of der.ts: enough to walk a
 * certificate we (or openssl) wrote and pull out the few fields node's
 * X509Certificate does not expose as bytes (the raw subject Name, the key
 * identifier, the exact SubjectAltName entries). It only splits
 * tag-length-value elements; it does not interpret types beyond OIDs.
 */

/** One decoded tag-length-value element. `raw` is the whole element, `content` its value octets. */
export interface DerElement {
  tag: number;
  constructed: boolean;
  content: Buffer;
  raw: Buffer;
}

/**
 * Reads the element starting at `offset`. Throws on high tag numbers,
 * indefinite or non-minimal lengths and truncation, since none of those can
 * appear in valid DER.
 */
export function readDerElement(buf: Buffer, offset = 0): DerElement {
  if (offset >= buf.length) throw new Error('DER: unexpected end of input');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new Error('DER: multi-octet tags are not supported');
  let pos = offset + 1;
  if (pos >= buf.length) throw new Error('DER: missing length');
  let length = buf[pos++];
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new Error('DER: indefinite length is not DER');
    if (count > 4) throw new Error('DER: length too large');
    if (pos + count > buf.length) throw new Error('DER: truncated length');
    if (buf[pos] === 0) throw new Error('DER: length has leading zero octets');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++];
    if (length < 0x80) throw new Error('DER: long-form length for a short value');
  }
  const end = pos + length;
  if (end > buf.length) throw new Error('DER: element runs past the end of input');
  return { tag, constructed: (tag & 0x20) !== 0, content: buf.subarray(pos, end), raw: buf.subarray(offset, end) };
}

/** Decodes a buffer holding exactly one element; trailing bytes are an error. */
export function decodeDer(buf: Buffer): DerElement {
  const element = readDerElement(buf, 0);
  if (element.raw.length !== buf.length) throw new Error('DER: trailing data after the element');
  return element;
}

/** The elements inside a constructed element (a SEQUENCE, SET or explicit tag), in order. */
export function derChildren(element: DerElement): DerElement[] {
  if (!element.constructed) throw new Error(`DER: tag 0x${element.tag.toString(16)} is not constructed`);
  const children: DerElement[] = [];
  for (let offset = 0; offset < element.content.length; ) {
    const child = readDerElement(element.content, offset);
    children.push(child);
    offset += child.raw.length;
  }
  return children;
}

/** The dotted text of an OBJECT IDENTIFIER element, e.g. "2.5.29.17". */
export function readOid(element: DerElement): string {
  if (element.tag !== 0x06) throw new Error(`DER: expected OBJECT IDENTIFIER, got tag 0x${element.tag.toString(16)}`);
  const arcs: bigint[] = [];
  let value = 0n;
  for (const octet of element.content) {
    value = (value << 7n) | BigInt(octet & 0x7f);
    if ((octet & 0x80) === 0) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (arcs.length === 0 || element.content[element.content.length - 1] & 0x80) throw new Error('DER: malformed OBJECT IDENTIFIER');
  const first = arcs[0] < 80n ? arcs[0] / 40n : 2n;
  return [first, arcs[0] - first * 40n, ...arcs.slice(1)].join('.');
}
