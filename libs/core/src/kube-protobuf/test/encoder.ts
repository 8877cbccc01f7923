/**
 * Test-only encoder: JSON object -> Kubernetes protobuf, driven by the same
 * descriptor tables as the decoder, so tests can round-trip objects. It
 * writes only the fields present in the JSON (unlike gogo, which writes every
 * non-pointer field); the kubectl capture test covers gogo's output.
 */
import type { FieldDescriptor, MessageTable, ScalarType } from '../descriptor';
import { KUBE_PROTOBUF_MAGIC } from '../envelope';
import { KUBE_MESSAGES, messageForKind } from '../schema';
import { ProtoWriter } from './proto-writer';

type Json = Record<string, unknown>;

/** Parses a Go duration string ("1h2m3.5s", "250ms") to nanoseconds. */
export function parseGoDuration(text: string): bigint {
  const units: Record<string, number> = { h: 3600e9, m: 60e9, s: 1e9, ms: 1e6, us: 1e3, 'µs': 1e3, ns: 1 };
  const sign = text.startsWith('-') ? -1n : 1n;
  let total = 0;
  for (const [, n, unit] of text.replace(/^-/, '').matchAll(/([0-9.]+)(h|ms|m|s|us|µs|ns)/g)) total += Number(n) * units[unit];
  return sign * BigInt(Math.round(total));
}

// JSON value of a well-known message -> the fields its descriptor expects.
const TO_FIELDS: Record<string, (v: unknown) => Json> = {
  'meta.Time': (v) => (v === null ? {} : { seconds: Date.parse(String(v)) / 1000 }),
  'meta.MicroTime': (v) => {
    if (v === null) return {};
    const s = String(v);
    const micros = /\.(\d{6})Z$/.exec(s)?.[1] ?? '0';
    return { seconds: Math.floor(Date.parse(s) / 1000), nanos: Number(micros) * 1000 };
  },
  'meta.Duration': (v) => ({ duration: parseGoDuration(String(v)) }),
  'meta.FieldsV1': (v) => ({ Raw: Buffer.from(JSON.stringify(v)).toString('base64') }),
  'intstr.IntOrString': (v) => (typeof v === 'string' ? { type: 1, strVal: v } : { type: 0, intVal: v }),
  'resource.Quantity': (v) => ({ string: v }),
};

function writeScalar(w: ProtoWriter, field: number, scalar: ScalarType, v: unknown): void {
  switch (scalar) {
    case 'string':
      w.string(field, String(v));
      return;
    case 'bytes':
      w.bytes(field, Buffer.from(String(v), 'base64'));
      return;
    case 'bool':
      w.uint(field, Boolean(v));
      return;
    case 'int32':
    case 'int64':
      w.uint(field, typeof v === 'bigint' ? v : BigInt(Number(v)));
      return;
    case 'double':
      w.double(field, Number(v));
  }
}

function writeValue(w: ProtoWriter, field: number, f: FieldDescriptor, v: unknown, table: MessageTable): void {
  const t = f.type;
  if (t.kind === 'message') w.bytes(field, encodeMessage(v, t.message, table));
  else if (t.kind === 'enum') {
    const n = Object.entries(t.values).find(([, name]) => name === v)?.[0];
    w.uint(field, Number(n ?? v));
  } else if (t.kind === 'scalar') writeScalar(w, field, t.scalar, v);
}

function writeMap(w: ProtoWriter, field: number, f: FieldDescriptor, v: Json, table: MessageTable): void {
  if (f.type.kind !== 'map') return;
  const valueType = f.type.value;
  for (const [key, val] of Object.entries(v)) {
    const entry = new ProtoWriter().string(1, key);
    if (typeof valueType === 'object') entry.bytes(2, encodeMessage(val, valueType.message, table));
    else writeScalar(entry, 2, valueType, val);
    w.bytes(field, entry.finish());
  }
}

/** Encodes a JSON value as `message` (a name in the descriptor table). */
export function encodeMessage(value: unknown, message: string, table: MessageTable = KUBE_MESSAGES): Uint8Array {
  const descriptor = table[message];
  if (!descriptor) throw new Error(`no message ${message}`);
  const obj: Json = TO_FIELDS[message] ? TO_FIELDS[message](value) : ((value ?? {}) as Json);
  const w = new ProtoWriter();
  const numbers = Object.keys(descriptor).map(Number).sort((a, b) => a - b);
  for (const field of numbers) {
    const f = descriptor[field];
    if (f.inline && f.type.kind === 'message') {
      w.bytes(field, encodeMessage(obj, f.type.message, table));
      continue;
    }
    const v = obj[f.name];
    if (v === undefined) continue;
    if (f.type.kind === 'map') writeMap(w, field, f, v as Json, table);
    else if (f.repeated) for (const item of v as unknown[]) writeValue(w, field, f, item, table);
    else writeValue(w, field, f, v, table);
  }
  return w.finish();
}

/** Wraps raw message bytes in the k8s magic and a runtime.Unknown envelope. */
export function wrapEnvelope(apiVersion: string, kind: string, raw: Uint8Array, contentEncoding = '', contentType = ''): Uint8Array {
  const typeMeta = new ProtoWriter().string(1, apiVersion).string(2, kind).finish();
  const unknown = new ProtoWriter().bytes(1, typeMeta).bytes(2, raw).string(3, contentEncoding).string(4, contentType).finish();
  return Uint8Array.from([...KUBE_PROTOBUF_MAGIC, ...unknown]);
}

/** Encodes a whole object (with kind and apiVersion) as a request body. */
export function encodeKubeProtobuf(object: Json): Uint8Array {
  const apiVersion = String(object.apiVersion);
  const kind = String(object.kind);
  const message = messageForKind(apiVersion, kind);
  if (!message) throw new Error(`no schema for ${apiVersion}/${kind}`);
  return wrapEnvelope(apiVersion, kind, encodeMessage(object, message));
}
