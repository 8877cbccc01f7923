/**
 * Protocol Buffers wire format, read side: just what k8s.io generated.proto
 * messages need. Every read is bounds-checked so a hostile body ends in a
 * KubeProtobufError, never in an out-of-range read or an endless loop.
 */
import { malformed } from './errors';

/** The four wire types proto2 still uses (groups, 3 and 4, are refused). */
export const WireType = { Varint: 0, Fixed64: 1, LengthDelimited: 2, Fixed32: 5 } as const;

/** A read position over a byte range; functions here advance `pos`. */
export interface Cursor {
  readonly buf: Uint8Array;
  pos: number;
  readonly end: number;
}

/** A cursor over buf[start, end). */
export function cursor(buf: Uint8Array, start = 0, end = buf.length): Cursor {
  return { buf, pos: start, end };
}

/** True when the cursor has consumed its range. */
export function atEnd(c: Cursor): boolean {
  return c.pos >= c.end;
}

/**
 * An unsigned varint as a bigint (up to 64 bits). Ten bytes at most: a
 * longer run cannot be a valid varint and would otherwise loop on garbage.
 */
export function readVarint(c: Cursor): bigint {
  let result = 0n;
  for (let i = 0; i < 10; i++) {
    if (c.pos >= c.end) throw malformed(`truncated varint at byte ${c.pos}`);
    const b = c.buf[c.pos++];
    result |= BigInt(b & 0x7f) << BigInt(7 * i);
    if ((b & 0x80) === 0) return BigInt.asUintN(64, result);
  }
  throw malformed(`varint longer than 10 bytes at byte ${c.pos}`);
}

/**
 * A varint that must fit a JS number (tags, lengths). The fast path covers
 * the 1-4 byte values that make up nearly all of a k8s body.
 */
export function readSmallVarint(c: Cursor): number {
  const start = c.pos;
  let result = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (c.pos >= c.end) throw malformed(`truncated varint at byte ${c.pos}`);
    const b = c.buf[c.pos++];
    result |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return result >>> 0;
  }
  c.pos = start;
  const big = readVarint(c);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed(`varint ${big} too large at byte ${start}`);
  return Number(big);
}

/** A field key: field number and wire type. Field 0 is invalid in protobuf. */
export function readTag(c: Cursor): { field: number; wire: number } {
  const at = c.pos;
  const key = readSmallVarint(c);
  const field = Math.floor(key / 8);
  const wire = key % 8;
  if (field === 0) throw malformed(`field number 0 at byte ${at}`);
  return { field, wire };
}

/** The bounds of a length-delimited payload; the cursor moves past it. */
export function readLengthDelimited(c: Cursor): { start: number; end: number } {
  const at = c.pos;
  const len = readSmallVarint(c);
  if (len > c.end - c.pos) throw malformed(`length ${len} at byte ${at} runs past the end of its ${c.end - c.pos} remaining bytes`);
  const start = c.pos;
  c.pos += len;
  return { start, end: c.pos };
}

/** Eight little-endian bytes, as a float64 (proto `double`). */
export function readDouble(c: Cursor): number {
  if (c.end - c.pos < 8) throw malformed(`truncated 64-bit value at byte ${c.pos}`);
  const v = new DataView(c.buf.buffer, c.buf.byteOffset + c.pos, 8).getFloat64(0, true);
  c.pos += 8;
  return v;
}

/**
 * Steps over one field value of the given wire type. This is what makes the
 * decoder forward compatible: fields a newer kubectl adds are skipped.
 */
export function skipField(c: Cursor, wire: number): void {
  switch (wire) {
    case WireType.Varint:
      readVarint(c);
      return;
    case WireType.Fixed64:
      if (c.end - c.pos < 8) throw malformed(`truncated 64-bit value at byte ${c.pos}`);
      c.pos += 8;
      return;
    case WireType.LengthDelimited:
      readLengthDelimited(c);
      return;
    case WireType.Fixed32:
      if (c.end - c.pos < 4) throw malformed(`truncated 32-bit value at byte ${c.pos}`);
      c.pos += 4;
      return;
    default:
      throw malformed(`unsupported wire type ${wire} at byte ${c.pos}`);
  }
}
