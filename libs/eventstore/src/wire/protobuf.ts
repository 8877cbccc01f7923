/**
 * A minimal protocol-buffers wire codec: just what the EventStoreDB client
 * protocol needs (varints, length-delimited fields, nested messages). It is
 * hand-written rather than generated so the hot paths (one ReadResp per event,
 * one BatchAppendResp per append) cost a few buffer writes, not reflection.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

/** Thrown when bytes on the wire are not a valid message; becomes INVALID_ARGUMENT. */
export class ProtobufDecodeError extends Error {}

/** Number of bytes the unsigned varint encoding of n takes (n < 2^53). */
export function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/**
 * Growable output buffer. Nested messages are written with `fork()` /
 * `join(field)`: the body is written first, then moved right to make room for
 * its length prefix, so no intermediate buffers are allocated.
 */
export class Writer {
  private buf: Buffer;
  private pos = 0;
  private readonly forks: number[] = [];

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  rawVarint(n: number): this {
    // A negative number would come out as one byte with the continuation bit set: corrupt.
    if (!(n >= 0)) throw new RangeError(`varint must be a non-negative number, got ${n}`);
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
    return this;
  }

  tag(field: number, wireType: number): this {
    return this.rawVarint(field * 8 + wireType);
  }

  /** An unsigned integer field (uint32 / uint64 below 2^53); always written, even 0. */
  uint(field: number, n: number): this {
    return this.tag(field, WIRE_VARINT).rawVarint(n);
  }

  /** An int64 field that may be negative: ten-byte two's complement varint. */
  int64(field: number, n: bigint): this {
    let v = BigInt.asUintN(64, n);
    this.tag(field, WIRE_VARINT);
    this.ensure(10);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
    return this;
  }

  bool(field: number, b: boolean): this {
    return this.uint(field, b ? 1 : 0);
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_LEN).rawVarint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
    return this;
  }

  string(field: number, s: string): this {
    const len = Buffer.byteLength(s);
    this.tag(field, WIRE_LEN).rawVarint(len);
    this.ensure(len);
    this.pos += this.buf.write(s, this.pos);
    return this;
  }

  /** An empty nested message (the protocol's `Empty` markers in oneofs). */
  empty(field: number): this {
    return this.tag(field, WIRE_LEN).rawVarint(0);
  }

  /** Starts a nested message; close it with join(field). */
  fork(): this {
    this.forks.push(this.pos);
    return this;
  }

  /** Ends the nested message started by the matching fork() as field `field`. */
  join(field: number): this {
    const start = this.forks.pop();
    if (start === undefined) throw new Error('join() without fork()');
    const bodyLen = this.pos - start;
    const tagValue = field * 8 + WIRE_LEN;
    const prefix = varintSize(tagValue) + varintSize(bodyLen);
    this.ensure(prefix);
    this.buf.copyWithin(start + prefix, start, this.pos);
    let p = start;
    for (let n of [tagValue, bodyLen]) {
      while (n >= 0x80) {
        this.buf[p++] = (n % 128) | 0x80;
        n = Math.floor(n / 128);
      }
      this.buf[p++] = n;
    }
    this.pos += prefix;
    return this;
  }

  /** A map<string,string> field: one entry message per pair. */
  stringMap(field: number, entries: Iterable<[string, string]>): this {
    for (const [k, v] of entries) this.fork().string(1, k).string(2, v).join(field);
    return this;
  }

  finish(): Buffer {
    if (this.forks.length) throw new Error('unjoined fork()');
    return this.buf.subarray(0, this.pos);
  }
}

/** A decoded field: its number, wire type, and value (number or bytes). */
export interface Field {
  field: number;
  wireType: number;
  /** Set for varint fields; precise below 2^53, saturated above. */
  num: number;
  /** Raw varint for fields that need 64-bit precision (int64 UUID halves). */
  big: bigint;
  /** Set for length-delimited fields: a view into the message buffer. */
  bytes: Buffer;
}

const EMPTY = Buffer.alloc(0);

/** Iterates the fields of one message. Unknown fields are yielded too; callers skip them. */
export function* fields(buf: Buffer): Generator<Field> {
  let pos = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new ProtobufDecodeError('truncated varint');
      const b = buf[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
      shift += 7n;
      if (shift > 63n) throw new ProtobufDecodeError('varint too long');
    }
  };
  // A fast path for the common small varint (< 2^28) avoids BigInt entirely.
  const readSmall = (): { num: number; big: bigint } => {
    const start = pos;
    let result = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= buf.length) throw new ProtobufDecodeError('truncated varint');
      const b = buf[pos++];
      result |= (b & 0x7f) << shift;
      if (b < 0x80) return { num: result >>> 0, big: -1n };
    }
    pos = start;
    const big = readVarint();
    const num = big > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(big);
    return { num, big };
  };
  while (pos < buf.length) {
    const key = readSmall().num;
    const field = key >>> 3;
    const wireType = key & 7;
    if (field === 0) throw new ProtobufDecodeError('field number 0');
    switch (wireType) {
      case WIRE_VARINT: {
        const v = readSmall();
        yield { field, wireType, num: v.num, big: v.big < 0n ? BigInt(v.num) : v.big, bytes: EMPTY };
        break;
      }
      case WIRE_LEN: {
        const len = readSmall().num;
        if (pos + len > buf.length) throw new ProtobufDecodeError('truncated length-delimited field');
        const bytes = buf.subarray(pos, pos + len);
        pos += len;
        yield { field, wireType, num: 0, big: 0n, bytes };
        break;
      }
      case WIRE_FIXED64:
        if (pos + 8 > buf.length) throw new ProtobufDecodeError('truncated fixed64');
        pos += 8;
        yield { field, wireType, num: 0, big: 0n, bytes: EMPTY };
        break;
      case WIRE_FIXED32:
        if (pos + 4 > buf.length) throw new ProtobufDecodeError('truncated fixed32');
        pos += 4;
        yield { field, wireType, num: 0, big: 0n, bytes: EMPTY };
        break;
      default:
        throw new ProtobufDecodeError(`unsupported wire type ${wireType}`);
    }
  }
}
