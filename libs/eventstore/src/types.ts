/**
 * The store's own vocabulary, independent of the wire format.
 * Revisions and positions are plain numbers: they stay far below 2^53.
 */

/** What an append or delete expects of the stream's current revision. */
export type ExpectedRevision =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'exact'; revision: number };

/** An event a client proposes to append. */
export interface ProposedEvent {
  /** 16-byte event id; appending the same ids again is idempotent. */
  id: Buffer;
  type: string;
  contentType: string;
  data: Buffer;
  customMetadata: Buffer;
}

/** An event as stored: its stream, revision in the stream and $all position. */
export interface RecordedEvent {
  position: number;
  streamName: string;
  revision: number;
  id: Buffer;
  type: string;
  contentType: string;
  /** Milliseconds since the Unix epoch. */
  created: number;
  data: Buffer;
  customMetadata: Buffer;
}

/** A successful append: the stream's revision after it and the last event's position. */
export interface AppendResult {
  currentRevision: number;
  position: number;
}

/** The stream's revision is not the one the writer expected. */
export interface WrongExpectedVersionFailure {
  kind: 'wrong_expected_version';
  streamName: string;
  expected: ExpectedRevision;
  /** -1 when the stream does not exist (or was soft-deleted and is empty). */
  current: number;
}

/** Why an operation on a stream was refused. */
export type StreamFailure =
  | WrongExpectedVersionFailure
  | { kind: 'stream_deleted'; streamName: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'unavailable'; message: string };

/** Thrown by the store for a refused operation; the gRPC layer maps it to the protocol's error. */
export class StreamError extends Error {
  constructor(readonly failure: StreamFailure) {
    super(describeFailure(failure));
  }
}

function describeFailure(f: StreamFailure): string {
  switch (f.kind) {
    case 'wrong_expected_version':
      return `Append failed due to WrongExpectedVersion. Stream: ${f.streamName}, Expected version: ${expectedText(f.expected)}, Actual version: ${f.current < 0 ? 'NoStream' : f.current}`;
    case 'stream_deleted':
      return `Event stream '${f.streamName}' is deleted.`;
    case 'invalid':
    case 'unavailable':
      return f.message;
    default: {
      const never: never = f;
      return String(never);
    }
  }
}

function expectedText(e: ExpectedRevision): string {
  return e.kind === 'exact' ? String(e.revision) : e.kind;
}

/** Read direction of a stream or $all read. */
export type Direction = 'forwards' | 'backwards';
