/**
 * Test-only protobuf writer: enough of the wire format to build bodies by
 * hand, including the odd shapes (packed fields, unknown fields, zero values
 * gogo-protobuf always writes) the decoder must accept.
 */

/** Appends protobuf wire data; finish() returns the bytes. */
export class ProtoWriter {
  private readonly out: number[] = [];

  /** An unsigned varint; negative numbers are sign-extended to 64 bits as protobuf does. */
  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      this.out.push(v > 0n ? low | 0x80 : low);
    } while (v > 0n);
    return this;
  }

  /** A field key. */
  tag(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  /** A varint field. */
  uint(field: number, value: number | bigint | boolean): this {
    return this.tag(field, 0).varint(typeof value === 'boolean' ? (value ? 1 : 0) : value);
  }

  /** A length-delimited field holding raw bytes. */
  bytes(field: number, data: Uint8Array | number[]): this {
    this.tag(field, 2).varint(data.length);
    for (const b of data) this.out.push(b);
    return this;
  }

  /** A length-delimited field holding UTF-8 text. */
  string(field: number, text: string): this {
    return this.bytes(field, Buffer.from(text, 'utf8'));
  }

  /** A fixed64 field holding a double. */
  double(field: number, value: number): this {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(value);
    return this.tag(field, 1).raw([...b]);
  }

  /** A fixed32 field (only to test skipping). */
  fixed32(field: number, value: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value);
    return this.tag(field, 5).raw([...b]);
  }

  /** Bytes appended as they are. */
  raw(data: Uint8Array | number[]): this {
    for (const b of data) this.out.push(b);
    return this;
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}
