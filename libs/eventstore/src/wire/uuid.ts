import { Field, fields, ProtobufDecodeError, Writer } from './protobuf';

/**
 * EventStoreDB's UUID message is a oneof: `structured` (two int64 halves, the
 * Java/.NET most/least significant bits) or `string` (canonical text). Event
 * ids are kept as 16-byte buffers in storage and converted here.
 */

const HEX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Canonical lower-case text of a 16-byte id. */
export function uuidToString(id: Buffer): string {
  const h = id.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** 16 bytes of a canonical UUID string; throws ProtobufDecodeError when malformed. */
export function uuidFromString(s: string): Buffer {
  if (!HEX.test(s)) throw new ProtobufDecodeError(`invalid UUID "${s}"`);
  return Buffer.from(s.replace(/-/g, ''), 'hex');
}

/** Decodes an event_store.client.UUID message into 16 bytes. */
export function decodeUuid(buf: Buffer): Buffer {
  for (const f of fields(buf)) {
    if (f.field === 2) return uuidFromString(f.bytes.toString('utf8'));
    if (f.field === 1) return decodeStructured(f);
  }
  throw new ProtobufDecodeError('UUID without a value');
}

function decodeStructured(f: Field): Buffer {
  let msb = 0n;
  let lsb = 0n;
  for (const g of fields(f.bytes)) {
    if (g.field === 1) msb = g.big;
    else if (g.field === 2) lsb = g.big;
  }
  const out = Buffer.alloc(16);
  out.writeBigUInt64BE(BigInt.asUintN(64, msb), 0);
  out.writeBigUInt64BE(BigInt.asUintN(64, lsb), 8);
  return out;
}

/** Writes a UUID message as field `field`, in the form the reader asked for. */
export function writeUuid(w: Writer, field: number, id: Buffer, structured: boolean): void {
  w.fork();
  if (structured) {
    w.fork()
      .int64(1, BigInt.asIntN(64, id.readBigUInt64BE(0)))
      .int64(2, BigInt.asIntN(64, id.readBigUInt64BE(8)))
      .join(1);
  } else {
    w.string(2, uuidToString(id));
  }
  w.join(field);
}
