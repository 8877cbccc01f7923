/**
 * A minimal DER (X.690 Distinguished Encoding Rules) encoder: just the types
 * an X.509 v3 certificate needs. Every function returns one complete
 * tag-length-value element as a Buffer, so structures are built by nesting
 * calls. DER allows exactly one encoding per value, and strict parsers (Go's
 * crypto/x509 in particular) reject anything else, so each function emits the
 * canonical form and throws on values it cannot encode canonically.
 */

const TAG_BOOLEAN = 0x01;
const TAG_INTEGER = 0x02;
const TAG_BIT_STRING = 0x03;
const TAG_OCTET_STRING = 0x04;
const TAG_NULL = 0x05;
const TAG_OID = 0x06;
const TAG_UTF8_STRING = 0x0c;
const TAG_PRINTABLE_STRING = 0x13;
const TAG_IA5_STRING = 0x16;
const TAG_UTC_TIME = 0x17;
const TAG_GENERALIZED_TIME = 0x18;
const TAG_SEQUENCE = 0x30;
const TAG_SET = 0x31;
const CLASS_CONTEXT = 0x80;
const CONSTRUCTED = 0x20;

/**
 * Encodes a length: short form below 128, otherwise long form with the
 * fewest octets, since DER forbids both padded and indefinite lengths.
 */
export function derLength(length: number): Buffer {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`invalid DER length ${length}`);
  if (length < 0x80) return Buffer.from([length]);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return Buffer.from([0x80 | octets.length, ...octets]);
}

/** Wraps content octets in a tag and a DER length; the building block of every other encoder. */
export function derTlv(tag: number, content: Buffer): Buffer {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xff || (tag & 0x1f) === 0x1f) {
    // Tag numbers of 31 and above need the multi-octet form, which X.509 never uses.
    throw new RangeError(`unsupported DER tag 0x${tag.toString(16)}`);
  }
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

/** BOOLEAN; DER requires TRUE to be exactly 0xFF. */
export function derBoolean(value: boolean): Buffer {
  return derTlv(TAG_BOOLEAN, Buffer.from([value ? 0xff : 0x00]));
}

/**
 * INTEGER from a non-negative number, bigint, or unsigned big-endian bytes
 * (e.g. a random serial). Leading zero octets are dropped and one 0x00 is
 * added when the high bit is set, so the value is read back as positive:
 * a negative serial is rejected by Go since 1.23.
 */
export function derInteger(value: number | bigint | Buffer): Buffer {
  let magnitude: Buffer;
  if (Buffer.isBuffer(value)) {
    magnitude = value;
  } else {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
    let n = BigInt(value);
    if (n < 0n) throw new RangeError('negative INTEGER values are not supported');
    const octets: number[] = [];
    for (; n > 0n; n >>= 8n) octets.unshift(Number(n & 0xffn));
    magnitude = Buffer.from(octets);
  }
  let start = 0;
  while (start < magnitude.length && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  if (trimmed.length === 0) return derTlv(TAG_INTEGER, Buffer.from([0]));
  const content = trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return derTlv(TAG_INTEGER, content);
}

/**
 * BIT STRING; the first content octet counts the unused low bits of the last
 * octet, which DER requires to be zero.
 */
export function derBitString(bytes: Buffer, unusedBits = 0): Buffer {
  if (!Number.isInteger(unusedBits) || unusedBits < 0 || unusedBits > 7) throw new RangeError(`invalid unused bit count ${unusedBits}`);
  if (bytes.length === 0 && unusedBits !== 0) throw new RangeError('an empty BIT STRING has no unused bits');
  if (bytes.length > 0 && (bytes[bytes.length - 1] & ((1 << unusedBits) - 1)) !== 0) {
    throw new RangeError('unused bits of a DER BIT STRING must be zero');
  }
  return derTlv(TAG_BIT_STRING, Buffer.concat([Buffer.from([unusedBits]), bytes]));
}

/**
 * BIT STRING for an ASN.1 NAMED BIT LIST (such as KeyUsage), given the
 * numbers of the bits that are set (bit 0 is the most significant bit of the
 * first octet). DER drops trailing zero bits, so the length depends on the
 * highest bit set.
 */
export function derNamedBitString(bits: readonly number[]): Buffer {
  if (bits.length === 0) return derBitString(Buffer.alloc(0));
  for (const bit of bits) if (!Number.isInteger(bit) || bit < 0) throw new RangeError(`invalid bit number ${bit}`);
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  return derBitString(bytes, 7 - (highest & 7));
}

/** OCTET STRING. */
export function derOctetString(bytes: Buffer): Buffer {
  return derTlv(TAG_OCTET_STRING, bytes);
}

/** NULL. */
export function derNull(): Buffer {
  return derTlv(TAG_NULL, Buffer.alloc(0));
}

/**
 * OBJECT IDENTIFIER from dotted text ("2.5.29.17"). The first two arcs share
 * one base-128 number (40 * first + second); every arc is base-128 with the
 * continuation bit on all but its last octet.
 */
export function derOid(dotted: string): Buffer {
  if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(dotted)) throw new RangeError(`invalid OID "${dotted}"`);
  const arcs = dotted.split('.').map((arc) => BigInt(arc));
  if (arcs[0] < 2n && arcs[1] > 39n) throw new RangeError(`invalid OID "${dotted}": second arc above 39`);
  const octets: number[] = [];
  for (const arc of [arcs[0] * 40n + arcs[1], ...arcs.slice(2)]) {
    const group: number[] = [Number(arc & 0x7fn)];
    for (let rest = arc >> 7n; rest > 0n; rest >>= 7n) group.unshift(Number(rest & 0x7fn) | 0x80);
    octets.push(...group);
  }
  return derTlv(TAG_OID, Buffer.from(octets));
}

/** UTF8String, the type RFC 5280 asks for in names of new certificates. */
export function derUtf8String(text: string): Buffer {
  return derTlv(TAG_UTF8_STRING, Buffer.from(text, 'utf8'));
}

/** PrintableString; throws on characters outside its restricted alphabet rather than mislabel them. */
export function derPrintableString(text: string): Buffer {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text)) throw new RangeError(`not a PrintableString: "${text}"`);
  return derTlv(TAG_PRINTABLE_STRING, Buffer.from(text, 'latin1'));
}

/** IA5String (7-bit ASCII), the type of dNSName and other internet names. */
export function derIa5String(text: string): Buffer {
  return derTlv(TAG_IA5_STRING, ia5Bytes(text));
}

/** ASCII bytes of an IA5 string; throws on anything outside 7-bit ASCII. */
export function ia5Bytes(text: string): Buffer {
  if (!/^[\x00-\x7f]*$/.test(text)) throw new RangeError(`not an IA5String: "${text}"`);
  return Buffer.from(text, 'ascii');
}

/**
 * UTCTime as YYMMDDHHMMSSZ: DER demands seconds, UTC ("Z") and no fraction,
 * so milliseconds are dropped. Only years 1950-2049 are representable.
 */
export function derUtcTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 2049) throw new RangeError(`UTCTime cannot hold year ${year}`);
  return derTlv(TAG_UTC_TIME, Buffer.from(`${pad(year % 100, 2)}${timeOfYear(date)}Z`, 'ascii'));
}

/** GeneralizedTime as YYYYMMDDHHMMSSZ, without fractional seconds (as RFC 5280 requires). */
export function derGeneralizedTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`GeneralizedTime cannot hold year ${year}`);
  return derTlv(TAG_GENERALIZED_TIME, Buffer.from(`${pad(year, 4)}${timeOfYear(date)}Z`, 'ascii'));
}

/**
 * An X.509 Time: RFC 5280 section 4.1.2.5 mandates UTCTime through 2049 and
 * GeneralizedTime from 2050 on (and before 1950).
 */
export function derTime(date: Date): Buffer {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? derUtcTime(date) : derGeneralizedTime(date);
}

/** SEQUENCE (or SEQUENCE OF) of already-encoded elements, in the given order. */
export function derSequence(...elements: Buffer[]): Buffer {
  return derTlv(TAG_SEQUENCE, Buffer.concat(elements));
}

/**
 * SET (or SET OF) of already-encoded elements. DER orders a SET OF by the
 * encodings compared as octet strings, so the elements are sorted here and
 * callers need not care about order.
 */
export function derSet(...elements: Buffer[]): Buffer {
  return derTlv(TAG_SET, Buffer.concat([...elements].sort(Buffer.compare)));
}

/** Context-specific EXPLICIT tag [n]: a constructed wrapper around a complete element. */
export function derExplicit(tagNumber: number, element: Buffer): Buffer {
  return derTlv(CLASS_CONTEXT | CONSTRUCTED | contextNumber(tagNumber), element);
}

/**
 * Context-specific IMPLICIT tag [n]: the content octets of the underlying
 * type under a new tag. Pass `constructed` when the underlying type is (a
 * SEQUENCE, say), since the tag keeps that bit.
 */
export function derImplicit(tagNumber: number, content: Buffer, constructed = false): Buffer {
  return derTlv(CLASS_CONTEXT | (constructed ? CONSTRUCTED : 0) | contextNumber(tagNumber), content);
}

function contextNumber(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 30) throw new RangeError(`unsupported context tag [${n}]`);
  return n;
}

function timeOfYear(date: Date): string {
  return [date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    .map((n) => pad(n, 2))
    .join('');
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
