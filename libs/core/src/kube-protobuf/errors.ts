/**
 * The one error a protobuf request body can raise. `reason` lets the API
 * server pick the status: a body it cannot parse is a 400 BadRequest, a
 * well-formed body of a kind it has no schema for is a 415.
 */

/** Why a body could not be decoded. */
export type KubeProtobufErrorReason = 'Malformed' | 'UnsupportedKind';

/** Thrown by decodeKubeProtobuf; the message is one line, fit for a Status. */
export class KubeProtobufError extends Error {
  readonly reason: KubeProtobufErrorReason;

  constructor(message: string, reason: KubeProtobufErrorReason = 'Malformed') {
    super(message);
    this.name = 'KubeProtobufError';
    this.reason = reason;
  }
}

/** Shorthand for the common case: the bytes themselves are wrong. */
export function malformed(message: string): KubeProtobufError {
  return new KubeProtobufError(`invalid protobuf body: ${message}`, 'Malformed');
}
