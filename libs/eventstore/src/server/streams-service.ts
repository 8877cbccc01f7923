import type {
  sendUnaryData,
  ServerDuplexStream,
  ServerReadableStream,
  ServerUnaryCall,
  ServerWritableStream,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { EventLog } from '../storage/event-log';
import { ProposedEvent, StreamError } from '../types';
import {
  decodeAppendReq,
  decodeBatchAppendReq,
  decodeDeleteReq,
  decodeReadReq,
  encodeAppendSuccess,
  encodeAppendWrongExpected,
  encodeBatchAppendError,
  encodeBatchAppendSuccess,
  encodeDeleteResp,
  encodeSharedStreamDeleted,
  encodeSharedWrongExpected,
  RpcCode,
  StreamWriteOptions,
} from '../wire/messages';
import { toServiceError } from './grpc-errors';
import { ReadSession } from './read-session';

/** Open BatchAppend calls and their in-flight appends, for resource tests. */
export const batchStats = { callsOpen: 0 };

/**
 * Handlers of event_store.client.streams.Streams. Each decodes its request,
 * calls the EventLog, and encodes the answer the official client expects.
 */
export function streamsHandlers(log: EventLog): UntypedServiceImplementation {
  return {
    Read(call: ServerWritableStream<Buffer, Buffer>) {
      let req;
      try {
        req = decodeReadReq(call.request);
      } catch (err) {
        call.emit('error', toServiceError(err));
        return;
      }
      void new ReadSession(log, call, req).run();
    },

    Append(call: ServerReadableStream<Buffer, Buffer>, callback: sendUnaryData<Buffer>) {
      let options: StreamWriteOptions | undefined;
      const events: ProposedEvent[] = [];
      let failed = false;
      const fail = (err: unknown) => {
        if (failed) return;
        failed = true;
        callback(toServiceError(err));
      };
      call.on('data', (buf: Buffer) => {
        if (failed) return;
        try {
          const msg = decodeAppendReq(buf);
          if ('options' in msg) options = msg.options;
          else if (!options) throw new StreamError({ kind: 'invalid', message: 'AppendReq options must come first' });
          else events.push(msg.event);
        } catch (err) {
          fail(err);
        }
      });
      call.on('end', () => {
        if (failed) return;
        if (!options) return fail(new StreamError({ kind: 'invalid', message: 'AppendReq without options' }));
        const o = options;
        log.append(o.streamName, o.expected, events).then(
          (r) => callback(null, encodeAppendSuccess(r.currentRevision, r.position)),
          (err) => {
            if (err instanceof StreamError && err.failure.kind === 'wrong_expected_version') {
              callback(null, encodeAppendWrongExpected(err.failure));
            } else fail(err);
          },
        );
      });
      call.on('error', () => (failed = true));
    },

    BatchAppend(call: ServerDuplexStream<Buffer, Buffer>) {
      batchStats.callsOpen++;
      const partial = new Map<string, { options?: StreamWriteOptions; events: ProposedEvent[] }>();
      let inFlight = 0;
      let ended = false;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        batchStats.callsOpen--;
      };
      const maybeEnd = () => {
        if (ended && inFlight === 0 && !done) {
          call.end();
          finish();
        }
      };
      call.on('data', (buf: Buffer) => {
        let req;
        try {
          req = decodeBatchAppendReq(buf);
        } catch (err) {
          call.emit('error', toServiceError(err));
          finish();
          return;
        }
        const key = req.correlationId.toString('hex');
        let acc = partial.get(key);
        if (!acc) partial.set(key, (acc = { events: [] }));
        if (req.options) acc.options = req.options;
        for (const e of req.events) acc.events.push(e);
        if (!req.isFinal) return;
        partial.delete(key);
        const options = acc.options;
        if (!options) {
          call.write(
            encodeBatchAppendError(req.correlationId, '', {
              code: RpcCode.INVALID_ARGUMENT,
              message: 'first BatchAppendReq of an append must carry options',
              detailType: 'event_store.client.Unknown',
              detail: Buffer.alloc(0),
            }),
          );
          return;
        }
        inFlight++;
        const correlationId = req.correlationId;
        log.append(options.streamName, options.expected, acc.events).then(
          (r) => {
            inFlight--;
            if (!done) call.write(encodeBatchAppendSuccess(correlationId, options.streamName, r.currentRevision, r.position));
            maybeEnd();
          },
          (err) => {
            inFlight--;
            if (!done) call.write(encodeBatchAppendError(correlationId, options.streamName, batchError(err)));
            maybeEnd();
          },
        );
      });
      call.on('end', () => {
        ended = true;
        maybeEnd();
      });
      call.on('cancelled', finish);
      call.on('error', finish);
    },

    Delete(call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) {
      deleteStream(log, call.request, false, callback);
    },

    Tombstone(call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) {
      deleteStream(log, call.request, true, callback);
    },
  };
}

function deleteStream(log: EventLog, request: Buffer, tombstone: boolean, callback: sendUnaryData<Buffer>): void {
  let o: StreamWriteOptions;
  try {
    o = decodeDeleteReq(request);
  } catch (err) {
    callback(toServiceError(err));
    return;
  }
  log.delete(o.streamName, o.expected, tombstone).then(
    (r) => callback(null, encodeDeleteResp(r.position)),
    (err) => callback(toServiceError(err)),
  );
}

/** The google.rpc.Status a failed batch append carries, typed by its `details`. */
function batchError(err: unknown): { code: number; message: string; detailType: string; detail: Buffer } {
  if (err instanceof StreamError) {
    const f = err.failure;
    switch (f.kind) {
      case 'wrong_expected_version':
        return {
          code: RpcCode.FAILED_PRECONDITION,
          message: err.message,
          detailType: 'event_store.client.WrongExpectedVersion',
          detail: encodeSharedWrongExpected(f),
        };
      case 'stream_deleted':
        return {
          code: RpcCode.FAILED_PRECONDITION,
          message: err.message,
          detailType: 'event_store.client.StreamDeleted',
          detail: encodeSharedStreamDeleted(f.streamName),
        };
      case 'invalid':
      case 'unavailable':
        break;
    }
  }
  return { code: RpcCode.UNKNOWN, message: (err as Error).message, detailType: 'event_store.client.Unknown', detail: Buffer.alloc(0) };
}
