/**
 * Descriptor-driven protobuf -> JSON for one message. Pure: the same bytes
 * and table always give the same JSON value.
 *
 * JSON shape rules, chosen to reproduce Go's encoding/json of the same
 * object (see descriptor.ts for why zeros need care):
 * - a zero scalar is dropped unless its field is KEEP;
 * - a message that is present is always written, even when empty ({});
 * - repeated fields are arrays, maps are objects, bytes are base64;
 * - an INLINE message's fields are merged into its parent;
 * - unknown field numbers, and known ones with an unexpected wire type, are
 *   skipped, so a newer client's additions do no harm.
 */
import type { FieldDescriptor, FieldType, MessageTable, ScalarType } from './descriptor';
import { malformed } from './errors';
import { WELL_KNOWN } from './well-known';
import {
  type Cursor,
  WireType,
  atEnd,
  cursor,
  readDouble,
  readLengthDelimited,
  readTag,
  readVarint,
  skipField,
} from './wire-reader';
import { base64Text, utf8Text } from '../bytes/bytes';

// Deep enough for any real object (a Deployment's deepest path is ~12
// messages); shallow enough that a crafted body cannot exhaust the stack.
const MAX_DEPTH = 64;

type Json = Record<string, unknown>;

// Own-property assignment, so a map key such as "__proto__" is stored as
// data instead of replacing the object's prototype.
function setOwn(obj: Json, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function ownObject(obj: Json, key: string): Json {
  const existing = Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  if (existing && typeof existing === 'object' && !Array.isArray(existing)) return existing as Json;
  const fresh: Json = {};
  setOwn(obj, key, fresh);
  return fresh;
}

function ownArray(obj: Json, key: string): unknown[] {
  const existing = Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  if (Array.isArray(existing)) return existing;
  const fresh: unknown[] = [];
  setOwn(obj, key, fresh);
  return fresh;
}

function isVarintScalar(s: ScalarType): boolean {
  return s === 'bool' || s === 'int32' || s === 'int64';
}

function expectedWire(type: FieldType): number {
  if (type.kind === 'enum') return WireType.Varint;
  if (type.kind !== 'scalar') return WireType.LengthDelimited;
  if (type.scalar === 'double') return WireType.Fixed64;
  return isVarintScalar(type.scalar) ? WireType.Varint : WireType.LengthDelimited;
}

function isPackable(type: FieldType): boolean {
  return type.kind === 'enum' || (type.kind === 'scalar' && (isVarintScalar(type.scalar) || type.scalar === 'double'));
}

function readScalar(c: Cursor, scalar: ScalarType): string | number | boolean {
  switch (scalar) {
    case 'string': {
      const { start, end } = readLengthDelimited(c);
      return utf8Text(c.buf, start, end);
    }
    case 'bytes': {
      const { start, end } = readLengthDelimited(c);
      return base64Text(c.buf.subarray(start, end));
    }
    case 'bool':
      return readVarint(c) !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, readVarint(c)));
    case 'int64':
      return Number(BigInt.asIntN(64, readVarint(c)));
    case 'double':
      return readDouble(c);
  }
}

function readEnum(c: Cursor, values: Readonly<Record<number, string>>): string | number {
  const n = Number(BigInt.asIntN(32, readVarint(c)));
  return values[n] ?? n;
}

function isZero(value: unknown, type: FieldType): boolean {
  if (type.kind === 'enum') return value === type.values[0] || value === 0;
  return value === '' || value === 0 || value === false;
}

function zeroOf(scalar: ScalarType): string | number | boolean {
  if (scalar === 'string' || scalar === 'bytes') return '';
  return scalar === 'bool' ? false : 0;
}

/** Decodes buf[start, end) as `message` and returns its JSON value. */
export function decodeMessageJson(
  buf: Uint8Array,
  start: number,
  end: number,
  message: string,
  table: MessageTable,
  depth = 0,
): unknown {
  const fields = decodeFields(buf, start, end, message, table, depth);
  const convert = WELL_KNOWN[message];
  return convert ? convert(fields) : fields;
}

function decodeFields(buf: Uint8Array, start: number, end: number, message: string, table: MessageTable, depth: number): Json {
  if (depth > MAX_DEPTH) throw malformed(`messages nested deeper than ${MAX_DEPTH}`);
  const descriptor = table[message];
  // A missing table entry is a bug in the schema files, not in the body.
  if (!descriptor) throw new Error(`kube-protobuf schema has no message ${message}`);
  const out: Json = {};
  const c = cursor(buf, start, end);
  while (!atEnd(c)) {
    const { field, wire } = readTag(c);
    const f = Object.prototype.hasOwnProperty.call(descriptor, field) ? descriptor[field] : undefined;
    if (f && wire === expectedWire(f.type)) readField(c, f, out, table, depth);
    else if (f && f.repeated && wire === WireType.LengthDelimited && isPackable(f.type)) readPacked(c, f, out);
    else skipField(c, wire);
  }
  return out;
}

function readField(c: Cursor, f: FieldDescriptor, out: Json, table: MessageTable, depth: number): void {
  const type = f.type;
  if (type.kind === 'map') {
    const [key, value] = readMapEntry(c, type.value, table, depth);
    setOwn(ownObject(out, f.name), key, value);
    return;
  }
  let value: unknown;
  if (type.kind === 'message') {
    const { start, end } = readLengthDelimited(c);
    value = decodeMessageJson(c.buf, start, end, type.message, table, depth + 1);
    if (f.inline) {
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) setOwn(out, k, v);
      return;
    }
  } else {
    value = type.kind === 'enum' ? readEnum(c, type.values) : readScalar(c, type.scalar);
  }
  if (f.repeated) ownArray(out, f.name).push(value);
  else if (type.kind !== 'message' && !f.keep && isZero(value, type)) delete out[f.name];
  else setOwn(out, f.name, value);
}

// proto3-style packed encoding of a repeated number field; gogo's proto2
// output never packs, but other encoders may, and both forms are valid.
function readPacked(c: Cursor, f: FieldDescriptor, out: Json): void {
  const type = f.type;
  const { start, end } = readLengthDelimited(c);
  if (type.kind !== 'scalar' && type.kind !== 'enum') return;
  const inner = cursor(c.buf, start, end);
  const list = ownArray(out, f.name);
  while (!atEnd(inner)) list.push(type.kind === 'enum' ? readEnum(inner, type.values) : readScalar(inner, type.scalar));
}

// A map entry is a message { 1: key, 2: value }; either may be absent,
// meaning its zero value.
function readMapEntry(c: Cursor, valueType: ScalarType | { message: string }, table: MessageTable, depth: number): [string, unknown] {
  const { start, end } = readLengthDelimited(c);
  const entry = cursor(c.buf, start, end);
  let key = '';
  let value: unknown;
  while (!atEnd(entry)) {
    const { field, wire } = readTag(entry);
    if (field === 1 && wire === WireType.LengthDelimited) {
      key = readScalar(entry, 'string') as string;
    } else if (field === 2 && typeof valueType === 'object' && wire === WireType.LengthDelimited) {
      const v = readLengthDelimited(entry);
      value = decodeMessageJson(c.buf, v.start, v.end, valueType.message, table, depth + 1);
    } else if (field === 2 && typeof valueType === 'string' && wire === expectedWire({ kind: 'scalar', scalar: valueType })) {
      value = readScalar(entry, valueType);
    } else {
      skipField(entry, wire);
    }
  }
  if (value === undefined) {
    value = typeof valueType === 'object' ? decodeMessageJson(c.buf, 0, 0, valueType.message, table, depth + 1) : zeroOf(valueType);
  }
  return [key, value];
}
