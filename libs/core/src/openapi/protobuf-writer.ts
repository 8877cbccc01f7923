/**
 * Just enough of the protocol buffers wire format to encode a message tree:
 * varints, booleans and length-delimited strings and sub-messages. Field
 * values that equal the proto3 default (undefined, '', false, 0) are omitted,
 * as a proto3 encoder would.
 */

/** A field value: a string, a boolean, a non-negative integer, or an encoded sub-message. */
export type ProtoValue = string | boolean | number | Uint8Array | undefined;

/** A field of a message; repeat the number for repeated fields. */
export type ProtoField = readonly [number, ProtoValue];

function varint(n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`protobuf: cannot encode ${n} as a varint`);
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  bytes.push(n);
  return bytes;
}

const utf8 = new TextEncoder();

/** Encodes the fields, in the order given, as one message. Pure. */
export function encodeMessage(fields: readonly ProtoField[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const [no, value] of fields) {
    if (value === undefined || value === false || value === '' || value === 0) continue;
    if (typeof value === 'boolean' || typeof value === 'number') {
      chunks.push(Uint8Array.from([...varint(no * 8), ...varint(value === true ? 1 : Number(value))]));
      continue;
    }
    const payload = typeof value === 'string' ? utf8.encode(value) : value;
    chunks.push(Uint8Array.from([...varint(no * 8 + 2), ...varint(payload.length)]), payload);
  }
  return concat(chunks);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
