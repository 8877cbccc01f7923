/**
 * Request decoders and response encoders for the messages of the
 * event_store.client.streams and server_features services (protocol field
 * numbers as published in EventStoreDB's streams.proto / shared.proto).
 */
import { ExpectedRevision, ProposedEvent, RecordedEvent, WrongExpectedVersionFailure } from '../types';
import { fields, ProtobufDecodeError, Writer } from './protobuf';
import { decodeUuid, writeUuid } from './uuid';

// ---------- shared pieces ----------

function decodeStreamName(buf: Buffer): string {
  for (const f of fields(buf)) if (f.field === 3) return f.bytes.toString('utf8');
  return '';
}

function writeStreamIdentifier(w: Writer, field: number, streamName: string): void {
  w.fork().string(3, streamName).join(field);
}

function decodeStringMap(entry: Buffer, into: Map<string, string>): void {
  let k = '';
  let v = '';
  for (const f of fields(entry)) {
    if (f.field === 1) k = f.bytes.toString('utf8');
    else if (f.field === 2) v = f.bytes.toString('utf8');
  }
  into.set(k, v);
}

/** Reads the expected-revision oneof used by Append/Delete/Tombstone options (fields 2..5). */
function expectedFromField(field: number, num: number): ExpectedRevision | undefined {
  switch (field) {
    case 2:
      return { kind: 'exact', revision: num };
    case 3:
      return { kind: 'no_stream' };
    case 4:
      return { kind: 'any' };
    case 5:
      return { kind: 'stream_exists' };
    default:
      return undefined;
  }
}

/** Stream name + expected revision: the Options of Append, Delete and Tombstone. */
export interface StreamWriteOptions {
  streamName: string;
  expected: ExpectedRevision;
}

function decodeWriteOptions(buf: Buffer): StreamWriteOptions {
  let streamName = '';
  let expected: ExpectedRevision = { kind: 'any' };
  for (const f of fields(buf)) {
    if (f.field === 1) streamName = decodeStreamName(f.bytes);
    else expected = expectedFromField(f.field, f.num) ?? expected;
  }
  return { streamName, expected };
}

function decodeProposed(buf: Buffer): ProposedEvent {
  let id: Buffer | undefined;
  const metadata = new Map<string, string>();
  let customMetadata: Buffer = Buffer.alloc(0);
  let data: Buffer = Buffer.alloc(0);
  for (const f of fields(buf)) {
    switch (f.field) {
      case 1:
        id = decodeUuid(f.bytes);
        break;
      case 2:
        decodeStringMap(f.bytes, metadata);
        break;
      case 3:
        customMetadata = f.bytes;
        break;
      case 4:
        data = f.bytes;
        break;
    }
  }
  if (!id) throw new ProtobufDecodeError('proposed message without an id');
  const type = metadata.get('type');
  if (!type) throw new ProtobufDecodeError('proposed message without a "type" metadata entry');
  // Copies: the request buffer may be reused by the transport once we return.
  return {
    id: Buffer.from(id),
    type,
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: Buffer.from(data),
    customMetadata: Buffer.from(customMetadata),
  };
}

// ---------- Append ----------

/** One message of the client-streaming Append call: options first, then events. */
export type AppendReq = { options: StreamWriteOptions } | { event: ProposedEvent };

export function decodeAppendReq(buf: Buffer): AppendReq {
  for (const f of fields(buf)) {
    if (f.field === 1) return { options: decodeWriteOptions(f.bytes) };
    if (f.field === 2) return { event: decodeProposed(f.bytes) };
  }
  throw new ProtobufDecodeError('empty AppendReq');
}

function writePosition(w: Writer, field: number, position: number): void {
  w.fork().uint(1, position).uint(2, position).join(field);
}

/**
 * The Success body shared by Append and BatchAppend: the stream's revision
 * (or no_stream, for an empty append to a stream that does not exist) and
 * the position of the last event written.
 */
function writeSuccess(w: Writer, field: number, currentRevision: number, position: number): void {
  w.fork();
  if (currentRevision >= 0) w.uint(1, currentRevision);
  else w.empty(2);
  writePosition(w, 3, position);
  w.join(field);
}

export function encodeAppendSuccess(currentRevision: number, position: number): Buffer {
  const w = new Writer(32);
  writeSuccess(w, 1, currentRevision, position);
  return w.finish();
}

/** Writes the current/expected pair of a WrongExpectedVersion with the given field numbers. */
function writeWrongExpected(
  w: Writer,
  f: WrongExpectedVersionFailure,
  n: { current: number; currentNone: number; expected: number; any: number; exists: number; noStream: number },
): void {
  if (f.current >= 0) w.uint(n.current, f.current);
  else w.empty(n.currentNone);
  switch (f.expected.kind) {
    case 'exact':
      w.uint(n.expected, f.expected.revision);
      break;
    case 'any':
      w.empty(n.any);
      break;
    case 'stream_exists':
      w.empty(n.exists);
      break;
    case 'no_stream':
      w.empty(n.noStream);
      break;
  }
}

export function encodeAppendWrongExpected(f: WrongExpectedVersionFailure): Buffer {
  const w = new Writer(32);
  w.fork();
  writeWrongExpected(w, f, { current: 6, currentNone: 7, expected: 8, any: 9, exists: 10, noStream: 11 });
  w.join(2);
  return w.finish();
}

// ---------- BatchAppend ----------

/**
 * When a batch append must be done by, as the client sent it in its options:
 * an absolute time (field 6, google.protobuf.Timestamp, which the official
 * clients send) or a span from the moment the options arrive (field 7,
 * google.protobuf.Duration, newer servers' form).
 */
export type BatchDeadline = { kind: 'at'; epochMs: number } | { kind: 'within'; ms: number };

/** One chunk of a BatchAppend: all chunks of one append share the correlation id. */
export interface BatchAppendReq {
  correlationId: Buffer;
  options?: StreamWriteOptions;
  deadline?: BatchDeadline;
  events: ProposedEvent[];
  isFinal: boolean;
}

/** Milliseconds of a Timestamp or Duration body (int64 seconds = 1, int32 nanos = 2). */
function decodeSecondsNanos(buf: Buffer): number {
  let seconds = 0;
  let nanos = 0;
  for (const f of fields(buf)) {
    if (f.field === 1) seconds = Number(BigInt.asIntN(64, f.big));
    else if (f.field === 2) nanos = Number(BigInt.asIntN(32, f.big));
  }
  return seconds * 1000 + nanos / 1e6;
}

function decodeBatchDeadline(options: Buffer): BatchDeadline | undefined {
  let deadline: BatchDeadline | undefined;
  for (const f of fields(options)) {
    if (f.field === 6) deadline = { kind: 'at', epochMs: decodeSecondsNanos(f.bytes) };
    else if (f.field === 7) deadline = { kind: 'within', ms: decodeSecondsNanos(f.bytes) };
  }
  return deadline;
}

export function decodeBatchAppendReq(buf: Buffer): BatchAppendReq {
  let correlationId: Buffer | undefined;
  let options: StreamWriteOptions | undefined;
  let deadline: BatchDeadline | undefined;
  const events: ProposedEvent[] = [];
  let isFinal = false;
  for (const f of fields(buf)) {
    switch (f.field) {
      case 1:
        correlationId = decodeUuid(f.bytes);
        break;
      case 2:
        // Fields 1..5 are numbered as in the other write options; 6 and 7 are the deadline.
        options = decodeWriteOptions(f.bytes);
        deadline = decodeBatchDeadline(f.bytes);
        break;
      case 3:
        events.push(decodeProposed(f.bytes));
        break;
      case 4:
        isFinal = f.num !== 0;
        break;
    }
  }
  if (!correlationId) throw new ProtobufDecodeError('BatchAppendReq without a correlation id');
  return { correlationId, options, deadline, events, isFinal };
}


/** Correlation ids go back in string form, which every client parses. */
export function encodeBatchAppendSuccess(correlationId: Buffer, streamName: string, currentRevision: number, position: number): Buffer {
  const w = new Writer(96);
  writeUuid(w, 1, correlationId, false);
  writeSuccess(w, 3, currentRevision, position);
  writeStreamIdentifier(w, 4, streamName);
  return w.finish();
}

/** google.rpc.Code values used in errors. */
export const RpcCode = { UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, PERMISSION_DENIED: 7, FAILED_PRECONDITION: 9, UNAVAILABLE: 14 } as const;

/**
 * A failed batch append: a google.rpc.Status whose `details` Any carries the
 * typed reason (event_store.client.WrongExpectedVersion / StreamDeleted / ...),
 * which the client unpacks by type name.
 */
export function encodeBatchAppendError(
  correlationId: Buffer,
  streamName: string,
  error: { code: number; message: string; detailType: string; detail: Buffer },
): Buffer {
  const w = new Writer(128);
  writeUuid(w, 1, correlationId, false);
  w.fork().uint(1, error.code).string(2, error.message);
  w.fork().string(1, `type.googleapis.com/${error.detailType}`).bytes(2, error.detail).join(3);
  w.join(2);
  writeStreamIdentifier(w, 4, streamName);
  return w.finish();
}

/** event_store.client.WrongExpectedVersion (shared.proto) body. */
export function encodeSharedWrongExpected(f: WrongExpectedVersionFailure): Buffer {
  const w = new Writer(32);
  writeWrongExpected(w, f, { current: 1, currentNone: 2, expected: 3, any: 4, exists: 5, noStream: 6 });
  return w.finish();
}

/** event_store.client.MaximumAppendSizeExceeded body: uint32 maxAppendSize = 1. */
export function encodeSharedMaxAppendSize(maxAppendSize: number): Buffer {
  return new Writer(8).uint(1, maxAppendSize).finish();
}

/** event_store.client.StreamDeleted body. */
export function encodeSharedStreamDeleted(streamName: string): Buffer {
  const w = new Writer(32);
  writeStreamIdentifier(w, 1, streamName);
  return w.finish();
}

// ---------- Delete / Tombstone ----------

export function decodeDeleteReq(buf: Buffer): StreamWriteOptions {
  for (const f of fields(buf)) if (f.field === 1) return decodeWriteOptions(f.bytes);
  throw new ProtobufDecodeError('delete request without options');
}

/** DeleteResp and TombstoneResp have the same shape. */
export function encodeDeleteResp(position: number): Buffer {
  const w = new Writer(24);
  writePosition(w, 1, position);
  return w.finish();
}

// ---------- Read ----------

export interface EventFilter {
  on: 'stream' | 'eventType';
  regex?: string;
  prefixes: string[];
  /** Search window: events examined between checkpoints; undefined = the protocol's `count`. */
  maxWindow?: number;
  checkpointIntervalMultiplier: number;
}

export interface ReadReq {
  target:
    | { kind: 'stream'; streamName: string; from: 'start' | 'end' | number }
    | { kind: 'all'; from: 'start' | 'end' | number };
  direction: 'forwards' | 'backwards';
  resolveLinks: boolean;
  /** Set for a plain read; absent for a subscription. */
  count?: number;
  subscription: boolean;
  filter?: EventFilter;
  structuredIds: boolean;
}

export function decodeReadReq(buf: Buffer): ReadReq {
  let opts: Buffer | undefined;
  for (const f of fields(buf)) if (f.field === 1) opts = f.bytes;
  if (!opts) throw new ProtobufDecodeError('ReadReq without options');
  const req: ReadReq = {
    target: { kind: 'all', from: 'start' },
    direction: 'forwards',
    resolveLinks: false,
    subscription: false,
    structuredIds: true,
  };
  let sawTarget = false;
  for (const f of fields(opts)) {
    switch (f.field) {
      case 1:
        req.target = decodeStreamOptions(f.bytes);
        sawTarget = true;
        break;
      case 2:
        req.target = decodeAllOptions(f.bytes);
        sawTarget = true;
        break;
      case 3:
        req.direction = f.num === 1 ? 'backwards' : 'forwards';
        break;
      case 4:
        req.resolveLinks = f.num !== 0;
        break;
      case 5:
        req.count = f.num;
        break;
      case 6:
        req.subscription = true;
        break;
      case 7:
        req.filter = decodeFilter(f.bytes);
        break;
      case 9:
        for (const g of fields(f.bytes)) req.structuredIds = g.field === 1;
        break;
    }
  }
  if (!sawTarget) throw new ProtobufDecodeError('ReadReq names neither a stream nor $all');
  if (!req.subscription && req.count === undefined) req.count = Number.MAX_SAFE_INTEGER;
  return req;
}

function decodeStreamOptions(buf: Buffer): ReadReq['target'] {
  let streamName = '';
  let from: 'start' | 'end' | number = 'start';
  for (const f of fields(buf)) {
    if (f.field === 1) streamName = decodeStreamName(f.bytes);
    else if (f.field === 2) from = f.num;
    else if (f.field === 3) from = 'start';
    else if (f.field === 4) from = 'end';
  }
  return { kind: 'stream', streamName, from };
}

function decodeAllOptions(buf: Buffer): ReadReq['target'] {
  let from: 'start' | 'end' | number = 'start';
  for (const f of fields(buf)) {
    if (f.field === 1) {
      for (const g of fields(f.bytes)) if (g.field === 1) from = g.num;
      if (from === 'start') from = 0;
    } else if (f.field === 2) from = 'start';
    else if (f.field === 3) from = 'end';
  }
  return { kind: 'all', from };
}

function decodeFilter(buf: Buffer): EventFilter {
  const filter: EventFilter = { on: 'stream', prefixes: [], checkpointIntervalMultiplier: 1 };
  const decodeExpression = (b: Buffer) => {
    for (const g of fields(b)) {
      if (g.field === 1) filter.regex = g.bytes.toString('utf8');
      else if (g.field === 2) filter.prefixes.push(g.bytes.toString('utf8'));
    }
  };
  for (const f of fields(buf)) {
    switch (f.field) {
      case 1:
        filter.on = 'stream';
        decodeExpression(f.bytes);
        break;
      case 2:
        filter.on = 'eventType';
        decodeExpression(f.bytes);
        break;
      case 3:
        filter.maxWindow = f.num;
        break;
      case 4:
        filter.maxWindow = undefined;
        break;
      case 5:
        filter.checkpointIntervalMultiplier = f.num || 1;
        break;
    }
  }
  if (filter.regex === '') filter.regex = undefined;
  return filter;
}

/** ReadResp carrying one event; `created` goes out in .NET ticks (100 ns) since the Unix epoch. */
export function encodeReadEvent(e: RecordedEvent, structuredIds: boolean): Buffer {
  const w = new Writer(128 + e.data.length + e.customMetadata.length + e.streamName.length);
  w.fork(); // ReadEvent
  w.fork(); // RecordedEvent
  writeUuid(w, 1, e.id, structuredIds);
  writeStreamIdentifier(w, 2, e.streamName);
  w.uint(3, e.revision).uint(4, e.position).uint(5, e.position);
  w.stringMap(6, [
    ['type', e.type],
    ['content-type', e.contentType],
    ['created', String(e.created * 10000)],
  ]);
  if (e.customMetadata.length) w.bytes(7, e.customMetadata);
  if (e.data.length) w.bytes(8, e.data);
  w.join(1);
  w.uint(3, e.position);
  w.join(1);
  return w.finish();
}

export function encodeConfirmation(subscriptionId: string): Buffer {
  return new Writer(64).fork().string(1, subscriptionId).join(2).finish();
}

export function encodeCheckpoint(position: number): Buffer {
  const w = new Writer(24);
  writePosition(w, 3, position);
  return w.finish();
}

export function encodeStreamNotFound(streamName: string): Buffer {
  const w = new Writer(64).fork();
  writeStreamIdentifier(w, 1, streamName);
  return w.join(4).finish();
}

export function encodeCaughtUp(): Buffer {
  return new Writer(4).empty(8).finish();
}

export function encodeFellBehind(): Buffer {
  return new Writer(4).empty(9).finish();
}

// ---------- ServerFeatures ----------

export interface SupportedMethod {
  service: string;
  method: string;
  features?: string[];
}

export function encodeSupportedMethods(methods: SupportedMethod[], version: string): Buffer {
  const w = new Writer(512);
  for (const m of methods) {
    w.fork().string(1, m.method).string(2, m.service);
    for (const feature of m.features ?? []) w.string(3, feature);
    w.join(1);
  }
  w.string(2, version);
  return w.finish();
}
