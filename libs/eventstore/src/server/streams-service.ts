import type {
  sendUnaryData,
  ServerReadableStream,
  ServerUnaryCall,
  ServerWritableStream,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { EventLog } from '../storage/event-log';
import { ProposedEvent, StreamError } from '../types';
import {
  decodeAppendReq,
  decodeDeleteReq,
  decodeReadReq,
  encodeAppendSuccess,
  encodeAppendWrongExpected,
  encodeDeleteResp,
  StreamWriteOptions,
} from '../wire/messages';
import { AppendLimits, eventSize } from './append-limits';
import { batchAppendHandler } from './batch-append';
import { deadlineError, maxAppendSizeError, toServiceError } from './grpc-errors';
import { ReadSession } from './read-session';

export { batchStats } from './batch-append';

/**
 * Handlers of event_store.client.streams.Streams. Each decodes its request,
 * calls the EventLog, and encodes the answer the official client expects.
 */
export function streamsHandlers(log: EventLog, limits: AppendLimits): UntypedServiceImplementation {
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
      let size = 0;
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
          else {
            // Summed as events arrive, so an oversized append is refused before it is all in memory.
            size += eventSize(msg.event);
            if (size > limits.maxAppendSize) return fail(maxAppendSizeError(limits.maxAppendSize));
            events.push(msg.event);
          }
        } catch (err) {
          fail(err);
        }
      });
      call.on('end', () => {
        if (failed) return;
        if (!options) return fail(new StreamError({ kind: 'invalid', message: 'AppendReq without options' }));
        // grpc-js answers a passed deadline by itself, but the handler would still write: decide nothing then.
        if (call.cancelled || deadlinePassed(call.getDeadline())) return fail(deadlineError());
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

    BatchAppend: batchAppendHandler(log, limits),

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

/** Whether a call's deadline (a Date, epoch ms, or Infinity for none) is already behind us. */
function deadlinePassed(deadline: Date | number): boolean {
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(at) && at <= Date.now();
}
