import { Metadata, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { ExpectedRevision, StreamError } from '../types';
import { ProtobufDecodeError } from '../wire/protobuf';

/**
 * Errors on the wire the way EventStoreDB sends them: a gRPC status plus
 * trailers whose `exception` key names the failure, which the official client
 * turns into its typed errors (StreamDeletedError, WrongExpectedVersionError...).
 */

/** EventStoreDB's numeric encodings of the expected-version markers. */
function expectedNumber(e: ExpectedRevision): string {
  switch (e.kind) {
    case 'exact':
      return String(e.revision);
    case 'no_stream':
      return '-1';
    case 'any':
      return '-2';
    case 'stream_exists':
      return '-4';
  }
}

function serviceError(code: status, details: string, trailers: Record<string, string>): ServiceError {
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(trailers)) metadata.set(k, v);
  return Object.assign(new Error(details), { code, details, metadata });
}

/**
 * An append over the maximum append size, as EventStoreDB's Append refuses
 * it; the client reads `maximum-append-size` into MaxAppendSizeExceededError.
 */
export function maxAppendSizeError(maxAppendSize: number): ServiceError {
  return serviceError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
}

/** The call's deadline passed before the append was decided: nothing was written. */
export function deadlineError(): ServiceError {
  return serviceError(status.DEADLINE_EXCEEDED, 'Deadline Exceeded', {});
}

/** Maps anything a handler threw to the gRPC error the client expects. */
export function toServiceError(err: unknown): ServiceError {
  if (isServiceError(err)) return err;
  if (err instanceof StreamError) {
    const f = err.failure;
    switch (f.kind) {
      case 'stream_deleted':
        return serviceError(status.FAILED_PRECONDITION, err.message, { exception: 'stream-deleted', 'stream-name': f.streamName });
      case 'wrong_expected_version': {
        const trailers: Record<string, string> = {
          exception: 'wrong-expected-version',
          'stream-name': f.streamName,
          'expected-version': expectedNumber(f.expected),
        };
        if (f.current >= 0) trailers['actual-version'] = String(f.current);
        return serviceError(status.FAILED_PRECONDITION, err.message, trailers);
      }
      case 'invalid':
        return serviceError(status.INVALID_ARGUMENT, f.message, {});
      case 'unavailable':
        return serviceError(status.UNAVAILABLE, f.message, {});
    }
  }
  if (err instanceof ProtobufDecodeError || err instanceof SyntaxError) {
    return serviceError(status.INVALID_ARGUMENT, `malformed request: ${err.message}`, {});
  }
  return serviceError(status.INTERNAL, (err as Error)?.message ?? String(err), {});
}

/** Already a wire error (built by the helpers above): passed through untouched. */
function isServiceError(err: unknown): err is ServiceError {
  return err instanceof Error && typeof (err as Partial<ServiceError>).code === 'number' && (err as Partial<ServiceError>).metadata instanceof Metadata;
}
